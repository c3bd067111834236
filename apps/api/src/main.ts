import 'reflect-metadata';
import { ConfigError, createHttpApp, installGracefulShutdown, loadConfig } from '@backtalk/platform';
import { WEBHOOK_OPENAPI_PATHS } from '@backtalk/inbound';
import { Logger } from 'nestjs-pino';
import { ApiModule } from './api.module';

async function bootstrap(): Promise<void> {
  const config = loadConfig(process.env);
  const app = await createHttpApp(ApiModule.forRoot({ runWorkers: config.RUN_WORKERS }), { openApiPaths: WEBHOOK_OPENAPI_PATHS });
  installGracefulShutdown(app, app.get(Logger), config.SHUTDOWN_TIMEOUT_MS);
  await app.listen({ port: config.PORT, host: config.HOST });
  process.stdout.write(`READY api http://${config.HOST}:${config.PORT} (workers in-process: ${config.RUN_WORKERS})\n`);
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(error instanceof ConfigError ? `${error.message}\n` : `api failed to start: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
