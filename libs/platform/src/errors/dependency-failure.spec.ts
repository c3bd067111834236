import Redis from 'ioredis';
import MaxRetriesPerRequestError from 'ioredis/built/errors/MaxRetriesPerRequestError';
import { QueryFailedError } from 'typeorm';
import { isDependencyFailure } from './dependency-failure';

describe('isDependencyFailure', () => {
  it('recognises a Redis command refused because the connection is down and nothing may wait for it', async () => {
    const redis = new Redis({ port: 1, lazyConnect: true, enableOfflineQueue: false });
    const error = await redis.get('key').catch((caught: unknown) => caught);
    redis.disconnect();

    expect((error as Error).message).toMatch(/Stream isn't writeable/);
    expect(isDependencyFailure(error)).toBe(true);
  });

  it('recognises a Redis transaction aborted because its connection closed', () => {
    // ioredis's own wording (an AbortError from redis-errors, which has no types of its own).
    expect(isDependencyFailure(new Error('Command aborted due to connection close'))).toBe(true);
  });

  it('recognises a Redis command that ran out of reconnection attempts', () => {
    expect(isDependencyFailure(new MaxRetriesPerRequestError(2))).toBe(true);
  });

  it('recognises a lost PostgreSQL connection inside a failed query', () => {
    expect(isDependencyFailure(new QueryFailedError('SELECT 1', [], Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })))).toBe(true);
  });

  it('does not take a failed statement for an outage', () => {
    expect(isDependencyFailure(new QueryFailedError('INSERT …', [], Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' })))).toBe(false);
    expect(isDependencyFailure(new Error('Cannot read properties of undefined'))).toBe(false);
  });
});
