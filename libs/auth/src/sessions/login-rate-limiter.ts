import { ErrorCode } from '@backtalk/contracts';
import { AppConfig, DomainError, REDIS } from '@backtalk/platform';
import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';

const accountKey = (email: string) => `login-failures:account:${email}`;

/** Which limits a failed sign-in has just reached, and for how long they now refuse. */
export interface LockoutStart {
  account: boolean;
  ip: boolean;
  retryAfterSeconds: number;
}

/**
 * Counts failed logins per account and per client IP in fixed windows. The per-account limit stops guessing one
 * password; the per-IP limit stops one client trying a password against many accounts.
 */
@Injectable()
export class LoginRateLimiter {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  private keys(email: string, ip: string): { account: string; ip: string } {
    return { account: accountKey(email), ip: `login-failures:ip:${ip}` };
  }

  /** Throws RateLimited when either counter is at its limit; does not count the attempt itself. */
  async assertAllowed(email: string, ip: string): Promise<void> {
    const keys = this.keys(email, ip);
    const [[, accountFailures], [, ipFailures], [, accountTtl], [, ipTtl]] = (await this.redis
      .multi()
      .get(keys.account)
      .get(keys.ip)
      .ttl(keys.account)
      .ttl(keys.ip)
      .exec()) as [[null, string | null], [null, string | null], [null, number], [null, number]];
    const accountBlocked = Number(accountFailures ?? 0) >= this.config.LOGIN_MAX_FAILURES_PER_ACCOUNT;
    const ipBlocked = Number(ipFailures ?? 0) >= this.config.LOGIN_MAX_FAILURES_PER_IP;
    if (!accountBlocked && !ipBlocked) return;
    const retryAfter = Math.max(1, accountBlocked ? accountTtl : 0, ipBlocked ? ipTtl : 0);
    throw new DomainError(ErrorCode.RateLimited, 'Too many failed sign-in attempts; try again later', { retryAfterSeconds: retryAfter }, retryAfter);
  }

  /**
   * Counts the failure; says which counters it brought to their limit, which happens once per window each: the
   * moment a lockout begins, worth recording, unlike every refused attempt after it.
   */
  async recordFailure(email: string, ip: string): Promise<LockoutStart | null> {
    const keys = this.keys(email, ip);
    const window = this.config.LOGIN_FAILURE_WINDOW_SECONDS;
    // NX on EXPIRE keeps the window fixed from the first failure, so steady guessing cannot extend it forever.
    const [[, accountFailures], , [, ipFailures], , [, accountTtl], [, ipTtl]] = (await this.redis
      .multi()
      .incr(keys.account)
      .expire(keys.account, window, 'NX')
      .incr(keys.ip)
      .expire(keys.ip, window, 'NX')
      .ttl(keys.account)
      .ttl(keys.ip)
      .exec()) as [[null, number], unknown, [null, number], unknown, [null, number], [null, number]];
    const account = accountFailures === this.config.LOGIN_MAX_FAILURES_PER_ACCOUNT;
    const byIp = ipFailures === this.config.LOGIN_MAX_FAILURES_PER_IP;
    if (!account && !byIp) return null;
    return { account, ip: byIp, retryAfterSeconds: Math.max(1, account ? accountTtl : 0, byIp ? ipTtl : 0) };
  }

  async recordSuccess(email: string): Promise<void> {
    await this.redis.del(accountKey(email));
  }
}
