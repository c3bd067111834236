import { ConfigError, loadConfig, RuntimeEnvironment } from './app-config';

describe('loadConfig', () => {
  it('uses local defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/backtalk');
    expect(config.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(config.PORT).toBe(3000);
    expect(config.RUN_WORKERS).toBe(false);
  });

  it('converts numbers, booleans and lists from their string form', () => {
    const config = loadConfig({ PORT: '4100', RUN_WORKERS: 'true', COOKIE_SECURE: '0', SECRETS_KEY_PREVIOUS: `${'A'.repeat(43)}=, ${'B'.repeat(43)}=` });
    expect(config.PORT).toBe(4100);
    expect(config.RUN_WORKERS).toBe(true);
    expect(config.cookieSecure).toBe(false);
    expect(config.SECRETS_KEY_PREVIOUS).toEqual([`${'A'.repeat(43)}=`, `${'B'.repeat(43)}=`]);
  });

  it('names the malformed variable in a single line', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://localhost/db' })).toThrow(
      new ConfigError("Invalid configuration: DATABASE_URL must be a postgres:// URL (got 'mysql://localhost/db')"),
    );
  });

  it('migrates through DATABASE_URL unless a direct PostgreSQL address is given for behind a pooler', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://app@pgbouncer:6432/backtalk' }).databaseDirectUrl).toBe('postgres://app@pgbouncer:6432/backtalk');
    const pooled = loadConfig({ DATABASE_URL: 'postgres://app@pgbouncer:6432/backtalk', DATABASE_DIRECT_URL: 'postgres://app@db:5432/backtalk', DATABASE_POOL_MODE: 'transaction' });
    expect([pooled.databaseDirectUrl, pooled.DATABASE_POOL_MODE]).toEqual(['postgres://app@db:5432/backtalk', 'transaction']);
    expect(loadConfig({}).DATABASE_POOL_MODE).toBe('session');
  });

  it('refuses a pool mode PgBouncer has but Backtalk does not support, and a direct address that is not PostgreSQL', () => {
    expect(() => loadConfig({ DATABASE_POOL_MODE: 'statement' })).toThrow(/^Invalid configuration: DATABASE_POOL_MODE must be one of the following values: session, transaction/);
    expect(() => loadConfig({ DATABASE_DIRECT_URL: 'http://db:5432' })).toThrow(/^Invalid configuration: DATABASE_DIRECT_URL must be a postgres:\/\/ URL/);
  });

  it('rejects a port that is not a number', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/^Invalid configuration: PORT /);
  });

  it('never echoes a secret value in the error', () => {
    let message = '';
    try {
      loadConfig({ JWT_SECRET: 'short-secret' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^Invalid configuration: JWT_SECRET must be at least 32 characters$/);
    expect(message).not.toContain('short-secret');
  });

  it('refuses to start in production with the public development secrets', () => {
    expect(() => loadConfig({ NODE_ENV: RuntimeEnvironment.Production })).toThrow(/JWT_SECRET must be set in production/);
    expect(() => loadConfig({ NODE_ENV: RuntimeEnvironment.Production, JWT_SECRET: 'x'.repeat(40) })).toThrow(/SECRETS_KEY must be set in production/);
  });

  it('makes the refresh cookie secure by default in production', () => {
    const config = loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), SECRETS_KEY: `${'C'.repeat(43)}=` });
    expect(config.cookieSecure).toBe(true);
  });

  it('refuses an event log retention shorter than the realtime replay window and an hour, naming both', () => {
    expect(() => loadConfig({ REALTIME_REPLAY_MAX_AGE_SECONDS: '172800', RETENTION_EVENTS_HOURS: '48' })).toThrow(
      new ConfigError("Invalid configuration: RETENTION_EVENTS_HOURS must be at least 49, an hour more than REALTIME_REPLAY_MAX_AGE_SECONDS (got '48')"),
    );
    expect(loadConfig({ REALTIME_REPLAY_MAX_AGE_SECONDS: '172800', RETENTION_EVENTS_HOURS: '49' }).RETENTION_EVENTS_HOURS).toBe(49);
  });

  it('refuses to remember an Idempotency-Key for less than a day', () => {
    expect(() => loadConfig({ RETENTION_IDEMPOTENCY_KEYS_HOURS: '12' })).toThrow(/^Invalid configuration: RETENTION_IDEMPOTENCY_KEYS_HOURS must not be less than 24/);
  });
});
