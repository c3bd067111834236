import type { PresenceStatus, PresenceView } from '@backtalk/contracts';
import { AppConfig, REDIS } from '@backtalk/platform';
import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';

/** A change of someone's presence, with the teams whose members should hear about it. */
export interface PresenceChange {
  presence: PresenceView;
  teamIds: string[];
}

const KEYS = {
  consoles: (userId: string) => `presence:consoles:${userId}`,
  /** userId → when their last console times out, so a sweep finds the ones gone quiet without scanning everyone. */
  deadlines: 'presence:deadlines',
  status: 'presence:status',
  chosen: 'presence:chosen',
  seen: 'presence:seen',
  teams: 'presence:teams',
};

/**
 * One atomic step for one user: record a console alive (touch) or gone (leave), drop timed-out consoles, and derive
 * the user's status. Returns [status, lastSeenMs] only when the status changed, so when several instances sweep the
 * same user exactly one of them announces it.
 * KEYS: consoles, deadlines, status, chosen, seen. ARGV: userId, op, consoleId, expiresAtMs, nowMs, chosen status or ''.
 */
const UPDATE_SCRIPT = `
local userId, op, consoleId, expiresAt, now, wanted = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6]
if op == 'touch' then
  redis.call('ZADD', KEYS[1], expiresAt, consoleId)
  redis.call('HSET', KEYS[5], userId, now)
elseif op == 'leave' then
  redis.call('ZREM', KEYS[1], consoleId)
  redis.call('HSET', KEYS[5], userId, now)
end
if wanted ~= '' then redis.call('HSET', KEYS[4], userId, wanted) end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local latest = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
local status = 'offline'
if #latest == 0 then
  redis.call('DEL', KEYS[1])
  redis.call('ZREM', KEYS[2], userId)
  redis.call('HDEL', KEYS[4], userId)
else
  redis.call('ZADD', KEYS[2], latest[2], userId)
  status = redis.call('HGET', KEYS[4], userId) or 'online'
end
local previous = redis.call('HGET', KEYS[3], userId) or 'offline'
if status == 'offline' then redis.call('HDEL', KEYS[3], userId) else redis.call('HSET', KEYS[3], userId, status) end
if previous == status then return false end
return { status, redis.call('HGET', KEYS[5], userId) or now }
`;

/**
 * Who is online, away or offline, kept in Redis so every API instance agrees. Each open console counts as alive until
 * `PRESENCE_TIMEOUT_SECONDS` after its last heartbeat; a user is offline once none of their consoles is. Usable
 * without sockets (e.g. by routing in the worker) through `statusOf`.
 */
@Injectable()
export class PresenceService {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  get timeoutMs(): number {
    return this.config.PRESENCE_TIMEOUT_SECONDS * 1000;
  }

  /** A console connected or sent a heartbeat (optionally choosing online or away). */
  async touch(userId: string, consoleId: string, teamIds: readonly string[], chosen?: Exclude<PresenceStatus, 'offline'>, now = Date.now()): Promise<PresenceChange | null> {
    await this.redis.hset(KEYS.teams, userId, JSON.stringify(teamIds));
    return this.update(userId, 'touch', consoleId, now + this.timeoutMs, now, chosen);
  }

  /** A console disconnected. */
  leave(userId: string, consoleId: string, now = Date.now()): Promise<PresenceChange | null> {
    return this.update(userId, 'leave', consoleId, 0, now);
  }

  /** Users whose every console timed out (their API instance died, or the network did): now offline. */
  async sweep(now = Date.now()): Promise<PresenceChange[]> {
    const quiet = await this.redis.zrangebyscore(KEYS.deadlines, '-inf', now);
    const changes = await Promise.all(quiet.map((userId) => this.update(userId, 'sweep', '', 0, now)));
    return changes.filter((change): change is PresenceChange => change !== null);
  }

  /** Everyone asked for, offline when unknown; `lastSeenAt` is the epoch for someone never seen. */
  async statusOf(userIds: readonly string[], now = Date.now()): Promise<Map<string, PresenceView>> {
    const result = new Map<string, PresenceView>();
    if (userIds.length === 0) return result;
    const ids = [...new Set(userIds)];
    const [statuses, seen, deadlines] = await Promise.all([
      this.redis.hmget(KEYS.status, ...ids),
      this.redis.hmget(KEYS.seen, ...ids),
      this.redis.zmscore(KEYS.deadlines, ...ids),
    ]);
    ids.forEach((userId, index) => {
      const alive = deadlines[index] !== null && Number(deadlines[index]) > now;
      result.set(userId, {
        userId,
        status: alive ? ((statuses[index] as PresenceStatus | null) ?? 'online') : 'offline',
        lastSeenAt: new Date(Number(seen[index] ?? 0)).toISOString(),
      });
    });
    return result;
  }

  private async update(userId: string, op: 'touch' | 'leave' | 'sweep', consoleId: string, expiresAt: number, now: number, chosen?: string): Promise<PresenceChange | null> {
    const changed = (await this.redis.eval(
      UPDATE_SCRIPT,
      5,
      KEYS.consoles(userId),
      KEYS.deadlines,
      KEYS.status,
      KEYS.chosen,
      KEYS.seen,
      userId,
      op,
      consoleId,
      String(expiresAt),
      String(now),
      chosen ?? '',
    )) as [PresenceStatus, string] | null;
    if (!changed) return null;
    const teams = await this.redis.hget(KEYS.teams, userId);
    return { presence: { userId, status: changed[0], lastSeenAt: new Date(Number(changed[1])).toISOString() }, teamIds: teams ? (JSON.parse(teams) as string[]) : [] };
  }
}
