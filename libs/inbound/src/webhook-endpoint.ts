import { WEBHOOKS_PATH } from '@backtalk/channels';
import { ErrorCode, PROVIDERS } from '@backtalk/contracts';
import { AppConfig, DomainError, HTTP_BODY_LIMIT_BYTES, READS_RAW_INPUT } from '@backtalk/platform';
import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { BlockList } from 'node:net';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { publicUrlFor, trustedProxyList } from './public-url';
import { WebhookIngestionService } from './webhook-ingestion.service';

const WEBHOOK_ROUTE = `${WEBHOOKS_PATH}/:provider/:channelId`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type WebhookRequest = FastifyRequest<{ Params: { provider: string; channelId: string }; Body: Buffer | undefined }>;

/**
 * Carrier webhooks, as a Fastify route registered through Nest's HTTP adapter but outside Nest's router: this is the
 * one route whose volume carriers set, not people, and it needs none of what Nest adds per request (guards, pipes,
 * interceptors, DTOs). It keeps everything Fastify gives every route (request id, security headers, the access log,
 * the latency metric, 503 while shutting down, errors mapped by the one exception filter) and has a body parser of
 * its own, since signatures are checked over the exact bytes the carrier sent, whatever it says the content type is.
 */
@Injectable()
export class WebhookEndpoint implements OnApplicationBootstrap {
  private readonly trustedProxies: BlockList | null;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly ingestion: WebhookIngestionService,
    private readonly config: AppConfig,
  ) {
    this.trustedProxies = trustedProxyList(config.TRUSTED_PROXIES);
  }

  /** Only processes with an HTTP server (the API, not the worker) receive webhooks. */
  onApplicationBootstrap(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify) return;
    // A plugin of its own, so that its body parser replaces the JSON and form parsers for this route only.
    void fastify.register(async (scope) => {
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: HTTP_BODY_LIMIT_BYTES }, (_request, body, done) => done(null, body));
      scope.route({ method: ['GET', 'POST'], url: WEBHOOK_ROUTE, config: READS_RAW_INPUT, handler: (request: WebhookRequest, reply) => this.serve(request, reply) });
    });
  }

  private async serve(request: WebhookRequest, reply: FastifyReply): Promise<string> {
    const receivedAt = new Date();
    const { provider, channelId } = request.params;
    if (!UUID.test(channelId)) throw new DomainError(ErrorCode.ValidationFailed, `The channel id in the webhook URL is not a UUID: ${channelId.slice(0, 60)}`);
    const headers: Record<string, string | undefined> = {};
    for (const [name, value] of Object.entries(request.headers)) headers[name] = Array.isArray(value) ? value.join(',') : value;
    const acknowledgement = await this.ingestion.ingest(
      provider,
      channelId,
      {
        method: request.method === 'GET' ? 'GET' : 'POST',
        url: publicUrlFor({ url: request.url, remoteAddress: request.socket.remoteAddress ?? '', headers: request.headers }, this.config.PUBLIC_BASE_URL, this.trustedProxies),
        headers,
        rawBody: request.body ?? Buffer.alloc(0),
        receivedAt,
      },
      request.id,
    );
    void reply.status(acknowledgement.status).header('content-type', acknowledgement.contentType);
    return acknowledgement.body;
  }
}

/** The webhook route in the OpenAPI document, which is built from Nest's router, and that does not serve it. */
export const WEBHOOK_OPENAPI_PATHS: OpenAPIObject['paths'] = {
  [`${WEBHOOKS_PATH}/{provider}/{channelId}`]: {
    post: {
      tags: ['webhooks'],
      summary: 'Inbound SMS and delivery reports from a provider (signed; see the channel’s webhook URL)',
      description:
        'Answered only after everything in the request is committed. A retry of a stored message is acknowledged like the first delivery and stores nothing. 401/403 for a failed signature check, 4xx for a malformed body or unknown channel, 503 when PostgreSQL or Redis is unavailable (retry later).',
      parameters: [
        { name: 'provider', in: 'path', required: true, schema: { type: 'string', enum: [...PROVIDERS] } },
        { name: 'channelId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
      ],
      responses: {
        '200': { description: 'Stored (or already stored); the body is what the provider expects' },
        '400': { description: 'Malformed webhook or channel id' },
        '401': { description: 'Authenticity check failed' },
        '404': { description: 'No channel of this provider with this id' },
        '415': { description: 'A body declared as a content type this provider does not send; nothing stored' },
        '503': { description: 'A backing service is unavailable; the carrier should retry' },
      },
    },
  },
};
