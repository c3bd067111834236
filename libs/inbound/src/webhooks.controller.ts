import { AppConfig, Public } from '@backtalk/platform';
import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, type RawBodyRequest, Req, Res } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { publicUrlFor, trustedProxyList } from './public-url';
import { WebhookIngestionService } from './webhook-ingestion.service';

/**
 * Carrier webhooks: one URL per channel receives its inbound messages and delivery reports. The answer is sent only
 * after everything in the request is committed.
 */
@ApiTags('webhooks')
@Controller('webhooks')
export class WebhooksController {
  private readonly trustedProxies;

  constructor(
    private readonly ingestion: WebhookIngestionService,
    private readonly config: AppConfig,
  ) {
    this.trustedProxies = trustedProxyList(config.TRUSTED_PROXIES);
  }

  @Public()
  @Post(':provider/:channelId')
  @HttpCode(200)
  @ApiOperation({ summary: 'Inbound SMS and delivery reports from a provider (signed; see the channel’s webhook URL)' })
  receive(@Param('provider') provider: string, @Param('channelId', ParseUUIDPipe) channelId: string, @Req() request: RawBodyRequest<FastifyRequest>, @Res() reply: FastifyReply) {
    return this.handle(provider, channelId, request, reply);
  }

  /** Vonage (and Plivo, if so configured) can deliver webhooks as GET with the fields in the query string. */
  @Public()
  @Get(':provider/:channelId')
  @ApiExcludeEndpoint()
  receiveByGet(@Param('provider') provider: string, @Param('channelId', ParseUUIDPipe) channelId: string, @Req() request: RawBodyRequest<FastifyRequest>, @Res() reply: FastifyReply) {
    return this.handle(provider, channelId, request, reply);
  }

  private async handle(provider: string, channelId: string, request: RawBodyRequest<FastifyRequest>, reply: FastifyReply): Promise<void> {
    const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name.toLowerCase(), Array.isArray(value) ? value.join(',') : value]));
    const acknowledgement = await this.ingestion.ingest(provider, channelId, {
      method: request.method === 'GET' ? 'GET' : 'POST',
      url: publicUrlFor({ url: request.url, remoteAddress: request.socket.remoteAddress ?? '', headers: request.headers }, this.config.PUBLIC_BASE_URL, this.trustedProxies),
      headers,
      rawBody: request.rawBody ?? Buffer.alloc(0),
      receivedAt: new Date(),
    });
    await reply.status(acknowledgement.status).header('content-type', acknowledgement.contentType).send(acknowledgement.body);
  }
}
