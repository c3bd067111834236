import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { BlockList } from 'node:net';
import { WEBHOOKS_PATH } from '@backtalk/channels';
import { ErrorCode, PROVIDERS } from '@backtalk/contracts';
import { AppConfig, DomainError, errorReply, HTTP_BODY_LIMIT_BYTES, MetricsService, plainSecurityHeaders, requestIdFor, ShutdownState } from '@backtalk/platform';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import pino from 'pino';
import type { Histogram } from 'prom-client';
import { publicUrlFor, trustedProxyList } from './public-url';
import { WebhookIngestionService } from './webhook-ingestion.service';

type RequestListener = (request: IncomingMessage, response: ServerResponse) => void;

const WEBHOOK_ROUTE = new RegExp(`^${WEBHOOKS_PATH}/([^/?#]+)/([^/?#]+)(?:[?#]|$)`);
/** The label the latency histogram gives this route, in the form Fastify gives the others. */
const METRICS_ROUTE = `${WEBHOOKS_PATH}/:provider/:channelId`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A body that cannot be read (over the limit, or cut off by the client), shaped like Fastify's own errors so that it maps to a 4xx the same way. */
class UnreadableBody extends Error {
  constructor(
    message: string,
    readonly statusCode: 400 | 413,
  ) {
    super(message);
  }
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    request.on('data', (chunk: Buffer) => {
      length += chunk.length;
      if (length > HTTP_BODY_LIMIT_BYTES) {
        request.removeAllListeners('data');
        request.resume();
        reject(new UnreadableBody(`Request body is larger than ${HTTP_BODY_LIMIT_BYTES} bytes`, 413));
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
    // The carrier hung up before the body was complete: nothing to store, and nobody to answer. Node reports that as a
    // stream error ("aborted") or only as a close, depending on when the connection went.
    const cutOff = () => reject(new UnreadableBody('The request was cut off before its body was complete', 400));
    request.on('error', cutOff);
    request.on('close', () => {
      if (!request.complete) cutOff();
    });
  });
}

/** With its length, so that the answer goes out in one piece rather than chunked. */
function send(response: ServerResponse, status: number, contentType: string, body: string): void {
  response.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) }).end(body);
}

/**
 * Carrier webhooks, served by node:http in front of Fastify and Nest. This is the one route whose volume carriers set,
 * not people, and it needs none of what the framework adds (guards, pipes, cookies, DTOs): `npm run bench:ingest`
 * measured Fastify, Nest, the middleware chain and the per-request logger at about a third of the API's CPU per
 * webhook, the difference between 0.75 and 0.9 of the reference server's throughput. Even as a plain Fastify route
 * outside Nest's router, with a raw-body parser of its own (commit 6e4a23d), it took a median 0.34 ms of server CPU per
 * webhook against 0.20 here, a ratio of 0.78 against 0.95 in the same 20-round run (on the batched fast path; 0.52
 * against 0.64 before it), short of the 0.8 that would be worth one HTTP stack. What a route gets from the stack is
 * done here with the same parts: the request id, the error shape and status mapping, the access log line, the latency
 * metric, and 503 while the process shuts down.
 */
@Injectable()
export class WebhookEndpoint implements OnApplicationBootstrap {
  private readonly logger = new Logger('Webhooks');
  private readonly trustedProxies: BlockList | null;
  /** Whether the configured level writes a line for every accepted webhook; building it costs more than the rest of the bookkeeping. */
  private readonly logsSuccess: boolean;
  private readonly latency = new Map<string, Histogram.Internal<'method' | 'route' | 'status'>>();
  /** Helmet's headers on the other routes; this one answers before Fastify, so it sets them itself. */
  private readonly securityHeaders: ReadonlyArray<readonly [string, string]>;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly ingestion: WebhookIngestionService,
    private readonly config: AppConfig,
    private readonly metrics: MetricsService,
    /** Carriers retry a 503, so a webhook arriving while the process stops is delivered again to one that runs. */
    private readonly shutdown: ShutdownState,
  ) {
    this.trustedProxies = trustedProxyList(config.TRUSTED_PROXIES);
    this.logsSuccess = pino.levels.values[config.LOG_LEVEL] <= pino.levels.values['info'];
    this.securityHeaders = plainSecurityHeaders(config);
  }

  /** Only processes with an HTTP server (the API, not the worker) receive webhooks. */
  onApplicationBootstrap(): void {
    const server = this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    if (server) this.attach(server);
  }

  /** Answers webhook requests itself and hands every other request to the listeners the server had (Fastify, socket.io). */
  attach(server: Server): void {
    const others = server.listeners('request') as RequestListener[];
    server.removeAllListeners('request');
    server.on('request', (request: IncomingMessage, response: ServerResponse) => {
      const route = request.method === 'POST' || request.method === 'GET' ? WEBHOOK_ROUTE.exec(request.url ?? '') : null;
      if (route) {
        void this.serve(request, response, route[1], route[2]);
        return;
      }
      for (const listener of others) listener.call(server, request, response);
    });
  }

  private async serve(request: IncomingMessage, response: ServerResponse, provider: string, channelId: string): Promise<void> {
    const startedAt = performance.now();
    const receivedAt = new Date();
    const requestId = requestIdFor(request);
    response.setHeader('x-request-id', requestId);
    for (const [name, value] of this.securityHeaders) response.setHeader(name, value);
    try {
      if (this.shutdown.isClosing) {
        response.setHeader('connection', 'close');
        throw new DomainError(ErrorCode.DependencyUnavailable, 'The server is shutting down; retry later');
      }
      if (!UUID.test(channelId)) throw new DomainError(ErrorCode.ValidationFailed, `The channel id in the webhook URL is not a UUID: ${channelId.slice(0, 60)}`);
      const rawBody = request.method === 'POST' ? await readBody(request) : Buffer.alloc(0);
      const headers: Record<string, string | undefined> = {};
      for (const [name, value] of Object.entries(request.headers)) headers[name] = Array.isArray(value) ? value.join(',') : value;
      const acknowledgement = await this.ingestion.ingest(provider, channelId, {
        method: request.method === 'GET' ? 'GET' : 'POST',
        url: publicUrlFor({ url: request.url ?? '', remoteAddress: request.socket.remoteAddress ?? '', headers: request.headers }, this.config.PUBLIC_BASE_URL, this.trustedProxies),
        headers,
        rawBody,
        receivedAt,
      }, requestId);
      send(response, acknowledgement.status, acknowledgement.contentType, acknowledgement.body);
    } catch (error) {
      // Outside Nest's router there is no request-scoped logger: the request id goes into the line itself.
      const { status, body, retryAfterSeconds } = errorReply(error, this.logger, { reqId: requestId, url: request.url });
      // A body that was not read to the end leaves the connection unusable for a next request.
      if (error instanceof UnreadableBody) response.setHeader('connection', 'close');
      if (retryAfterSeconds !== undefined) response.setHeader('retry-after', String(retryAfterSeconds));
      send(response, status, 'application/json; charset=utf-8', JSON.stringify(body));
    }
    this.record(request, response, requestId, performance.now() - startedAt);
  }

  /** The same latency metric and access log line as every other route (pino-http's "request completed"). */
  private record(request: IncomingMessage, response: ServerResponse, requestId: string, elapsedMs: number): void {
    const status = response.statusCode;
    this.latencyFor(request.method ?? '', status).observe(elapsedMs / 1000);
    if (status < 400 && !this.logsSuccess) return;
    const line = { req: { id: requestId, method: request.method, url: request.url, remoteAddress: request.socket.remoteAddress }, res: { statusCode: status }, responseTime: Math.round(elapsedMs) };
    if (status >= 500) this.logger.error(line, 'request completed');
    else if (status >= 400) this.logger.warn(line, 'request completed');
    else this.logger.log(line, 'request completed');
  }

  /** prom-client hashes a label set on every observation; a webhook has only a few (method and status). */
  private latencyFor(method: string, status: number): Histogram.Internal<'method' | 'route' | 'status'> {
    const key = `${method} ${status}`;
    let child = this.latency.get(key);
    if (!child) {
      child = this.metrics.httpDuration.labels({ method, route: METRICS_ROUTE, status: String(status) });
      this.latency.set(key, child);
    }
    return child;
  }
}

/** The webhook route in the OpenAPI document, since Nest's router, which the document is built from, does not serve it. */
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
