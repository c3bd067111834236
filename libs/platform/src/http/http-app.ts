import fastifyCookie from '@fastify/cookie';
import type { Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { AppConfig } from '../config/app-config';
import { HttpErrorFilter } from '../errors/http-exception.filter';
import { createValidationPipe } from '../errors/validation';
import { ShutdownState } from '../lifecycle/shutdown-state';
import { requestIdFor } from '../logging/logging.module';
import { registerHttpMetrics } from '../metrics/http-metrics';
import { MetricsService } from '../metrics/metrics.service';
import { registerSecurityHeaders } from './security-headers';
import { registerServiceUnavailableAnswers } from './service-unavailable';
import { answerFrameworkError, registerInputGuard } from './input-guard';
import { RedisIoAdapter } from './socket-io-adapter';

export const API_PREFIX = 'api';
/** The largest request body any route accepts; carrier webhooks are a few kilobytes. */
export const HTTP_BODY_LIMIT_BYTES = 1024 * 1024;

export interface HttpAppOptions {
  bufferLogs?: boolean;
  /** Routes served outside Nest's router (carrier webhooks), described for the OpenAPI document by their owners. */
  openApiPaths?: OpenAPIObject['paths'];
}

/** Everything an HTTP app needs besides its modules; shared by `apps/api` and the integration tests so both run the same stack. */
export async function configureHttpApp(app: NestFastifyApplication, options: HttpAppOptions = {}): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  await app.register(fastifyCookie);
  await registerSecurityHeaders(app, app.get(AppConfig), `/${API_PREFIX}/docs`);
  registerHttpMetrics(fastify, app.get(MetricsService));
  registerInputGuard(fastify);
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-request-id', request.id);
    done();
  });
  registerServiceUnavailableAnswers(fastify, app.get(ShutdownState));
  app.setGlobalPrefix(API_PREFIX, { exclude: ['health', 'health/ready', 'metrics'] });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new HttpErrorFilter());
  // Gateways (the realtime console socket) are created when the app initialises, so the adapter must be set before.
  app.useWebSocketAdapter(new RedisIoAdapter(app, app.get(AppConfig)));

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Backtalk API')
      .setDescription('Two-way SMS helpdesk: accounts, teams, conversations and the notification API.')
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'user')
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An API key (bt_...) created in Settings → API keys' }, 'api-key')
      .build(),
  );
  Object.assign(document.paths, options.openApiPaths);
  SwaggerModule.setup(`${API_PREFIX}/docs`, app, document, { jsonDocumentUrl: `${API_PREFIX}/docs/openapi.json` });
}

/** Creates a Fastify-backed Nest app around `rootModule`, configured as in production. */
export async function createHttpApp(rootModule: unknown, options: HttpAppOptions = {}): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    rootModule as Type<unknown>,
    new FastifyAdapter({ trustProxy: false, bodyLimit: HTTP_BODY_LIMIT_BYTES, return503OnClosing: false, requestIdHeader: false, genReqId: requestIdFor, frameworkErrors: answerFrameworkError }),
    // rawBody: carrier signatures are computed over the exact bytes the carrier sent.
    { rawBody: true, bufferLogs: options.bufferLogs ?? true },
  );
  app.useLogger(app.get(Logger));
  await configureHttpApp(app, options);
  return app;
}
