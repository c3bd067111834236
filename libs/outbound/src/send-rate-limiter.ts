import { AppConfig, REDIS } from '@backtalk/platform';
import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';

/**
 * Reserves the next free sending slot of a channel and of the whole account at once (generic cell rate algorithm:
 * each key holds the time its sender is next free). A message costs its segment count, so a 3-part UCS-2 reply takes
 * three times the room of a one-part one. Redis's clock is used so that every worker agrees on "now".
 */
const RESERVE_SCRIPT = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local cost = tonumber(ARGV[1])
local channelNextFree = tonumber(redis.call('GET', KEYS[1]) or '0')
local accountNextFree = tonumber(redis.call('GET', KEYS[2]) or '0')
local start = math.max(now, channelNextFree, accountNextFree)
local ttl = math.ceil(math.max(cost * tonumber(ARGV[2]), cost * tonumber(ARGV[3]))) + 60000
redis.call('SET', KEYS[1], tostring(start + cost * tonumber(ARGV[2])), 'PX', math.ceil(start - now) + ttl)
redis.call('SET', KEYS[2], tostring(start + cost * tonumber(ARGV[3])), 'PX', math.ceil(start - now) + ttl)
return { tostring(start), tostring(now) }
`;

/** Pushes a channel's next free time back after the provider said "too many requests". */
const PENALISE_SCRIPT = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
local pushed = math.max(current, now + tonumber(ARGV[1]))
redis.call('SET', KEYS[1], tostring(pushed), 'PX', tonumber(ARGV[1]) + 60000)
return tostring(pushed - now)
`;

export interface SendSlot {
  /** Milliseconds from now until the reserved slot starts; 0 when it is free now. */
  waitMs: number;
}

@Injectable()
export class SendRateLimiter {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  async reserve(channelId: string, ratePerSecond: number, segments: number): Promise<SendSlot> {
    const cost = Math.max(1, segments);
    const [start, now] = (await this.redis.eval(
      RESERVE_SCRIPT,
      2,
      this.channelKey(channelId),
      'outbound-rate:account',
      String(cost),
      String(1000 / ratePerSecond),
      String(1000 / this.config.OUTBOUND_GLOBAL_RATE_PER_SECOND),
    )) as [string, string];
    return { waitMs: Math.max(0, Number(start) - Number(now)) };
  }

  /** Returns how long the channel now waits. */
  async penalise(channelId: string, pauseMs: number): Promise<number> {
    return Number(await this.redis.eval(PENALISE_SCRIPT, 1, this.channelKey(channelId), String(Math.max(1, Math.round(pauseMs)))));
  }

  private channelKey(channelId: string): string {
    return `outbound-rate:channel:${channelId}`;
  }
}
