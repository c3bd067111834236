import { AppConfig, REDIS } from '@backtalk/platform';
import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';

/** The account cap is kept per slice of time, so that a long queue on one channel never delays the others. */
const ACCOUNT_SLICE_MS = 100;
/** How far ahead a reservation looks for account room before it settles for the slice after that. */
const ACCOUNT_LOOKAHEAD_SLICES = 600;

/**
 * Reserves a message's sending slot. The channel part is a generic cell rate algorithm: the key holds the time the
 * channel is next free, and a message costs its segment count, so a 3-part UCS-2 reply takes three times the room of
 * a one-part one. The account part counts segments per 100 ms slice, starting from the channel's slot, and takes the
 * first slice with room: the account cap bounds the total without making channels queue behind each other. Redis's
 * clock is used so that every worker agrees on "now".
 */
const RESERVE_SCRIPT = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local cost = tonumber(ARGV[1])
local channelInterval = tonumber(ARGV[2])
local sliceMs = tonumber(ARGV[3])
local sliceCapacity = tonumber(ARGV[4])
local lookahead = tonumber(ARGV[5])
local start = math.max(now, tonumber(redis.call('GET', KEYS[1]) or '0'))
local slice = math.floor(start / sliceMs)
for _ = 1, lookahead do
  local used = tonumber(redis.call('GET', KEYS[2] .. slice) or '0')
  -- An empty slice takes any message, however many segments: a long one must not wait for ever.
  if used == 0 or used + cost <= sliceCapacity then break end
  slice = slice + 1
end
start = math.max(start, slice * sliceMs)
redis.call('INCRBY', KEYS[2] .. slice, cost)
redis.call('PEXPIRE', KEYS[2] .. slice, math.ceil(start - now) + 60000)
redis.call('SET', KEYS[1], tostring(start + cost * channelInterval), 'PX', math.ceil(start - now + cost * channelInterval) + 60000)
return { tostring(start), tostring(now) }
`;

/**
 * The last check before a provider call: a job runs at or after its reserved slot, but a late job and the on-time
 * jobs behind it would otherwise go out back to back. Sends of one channel are spaced by their cost at the moment
 * they happen; a job that is early by this measure waits the difference.
 */
const SPACE_SCRIPT = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local nextSend = tonumber(redis.call('GET', KEYS[1]) or '0')
if nextSend > now then return tostring(nextSend - now) end
redis.call('SET', KEYS[1], tostring(now + tonumber(ARGV[1])), 'PX', math.ceil(tonumber(ARGV[1])) + 60000)
return '0'
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
  /** Milliseconds from now until the slot starts; 0 when it is free now. */
  waitMs: number;
}

@Injectable()
export class SendRateLimiter {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  /** Books the message's place in its channel's queue (and the account's); the job then waits `waitMs`. */
  async reserve(channelId: string, ratePerSecond: number, segments: number): Promise<SendSlot> {
    const sliceCapacity = (this.config.OUTBOUND_GLOBAL_RATE_PER_SECOND * ACCOUNT_SLICE_MS) / 1000;
    const [start, now] = (await this.redis.eval(
      RESERVE_SCRIPT,
      2,
      this.channelKey(channelId),
      'outbound-rate:account:',
      String(cost(segments)),
      String(1000 / ratePerSecond),
      String(ACCOUNT_SLICE_MS),
      String(sliceCapacity),
      String(ACCOUNT_LOOKAHEAD_SLICES),
    )) as [string, string];
    return { waitMs: Math.max(0, Number(start) - Number(now)) };
  }

  /** Right before the provider call: 0 to go now, or how long to wait so the channel's sends stay spaced. */
  async spacing(channelId: string, ratePerSecond: number, segments: number): Promise<number> {
    return Number(await this.redis.eval(SPACE_SCRIPT, 1, `outbound-sent:channel:${channelId}`, String((cost(segments) * 1000) / ratePerSecond)));
  }

  /** Returns how long the channel now waits. */
  async penalise(channelId: string, pauseMs: number): Promise<number> {
    return Number(await this.redis.eval(PENALISE_SCRIPT, 1, this.channelKey(channelId), String(Math.max(1, Math.round(pauseMs)))));
  }

  private channelKey(channelId: string): string {
    return `outbound-rate:channel:${channelId}`;
  }
}

const cost = (segments: number) => Math.max(1, segments);
