import { ErrorCode } from '@backtalk/contracts';
import { AppConfig, DomainError, REDIS } from '@backtalk/platform';
import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';

const WINDOW_SECONDS = 60;

/**
 * Requests per API key in fixed one-minute windows. A runaway integration is stopped at the door with 429 and
 * Retry-After, before it fills the send queue; the per-channel rate then paces whatever was accepted.
 */
@Injectable()
export class NotificationRateLimiter {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  async take(apiKeyId: string): Promise<void> {
    const key = `notification-rate:${apiKeyId}:${Math.floor(Date.now() / 1000 / WINDOW_SECONDS)}`;
    const [[, count], , [, ttl]] = (await this.redis.multi().incr(key).expire(key, WINDOW_SECONDS, 'NX').ttl(key).exec()) as [[null, number], [null, number], [null, number]];
    if (count <= this.config.NOTIFICATION_RATE_PER_MINUTE) return;
    const retryAfter = Math.max(1, ttl);
    throw new DomainError(ErrorCode.RateLimited, `This API key may send ${this.config.NOTIFICATION_RATE_PER_MINUTE} requests a minute; try again in ${retryAfter} s`, { retryAfterSeconds: retryAfter }, retryAfter);
  }
}
