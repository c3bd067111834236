import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { createHttpApp, MIGRATIONS_TABLE, QueueName, REDIS } from '@backtalk/platform';
import { getQueueToken } from '@nestjs/bull';
import { ModuleRef } from '@nestjs/core';
import type { Queue } from 'bull';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type Redis from 'ioredis';
import type { DataSource } from 'typeorm';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { SignedWebhook } from './carrier-webhooks';

export interface HttpResult<T = unknown> {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: T;
  cookies: Array<{ name: string; value: string; path?: string; httpOnly?: boolean; sameSite?: string; expires?: Date }>;
}

export interface RequestOptions {
  token?: string;
  headers?: Record<string, string>;
  cookies?: Record<string, string>;
  body?: unknown;
  ip?: string;
}

/** The real HTTP stack (Fastify, pipes, guards, filters) in-process, talking to the run's PostgreSQL and Redis. */
export class TestApp {
  private listening: Promise<string> | null = null;

  private constructor(readonly app: NestFastifyApplication) {}

  /** `env` overrides configuration for this app only (it is read while the app is created). */
  static async create(rootModule: unknown, env: Record<string, string> = {}): Promise<TestApp> {
    const saved = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
    Object.assign(process.env, env);
    try {
      const app = await createHttpApp(rootModule);
      await app.init();
      await app.getHttpAdapter().getInstance().ready();
      await TestApp.queuesReady(app);
      return new TestApp(app);
    } finally {
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  }

  /**
   * A Bull queue closed while its Redis connections still initialise rejects their pending commands with nobody
   * listening ("Connection is closed"); tests that create and close an app within a second would hit that.
   */
  private static async queuesReady(app: NestFastifyApplication): Promise<void> {
    // Through ModuleRef: its look-up of a queue this app does not register throws, where app.get would exit.
    const modules = app.get(ModuleRef);
    for (const name of Object.values(QueueName)) {
      let queue: Queue;
      try {
        queue = modules.get<Queue>(getQueueToken(name), { strict: false });
      } catch {
        continue;
      }
      await queue.isReady();
    }
  }

  /**
   * Delivers a webhook built by one of the carrier-webhooks helpers over a real socket, as a carrier does: webhooks are
   * answered in front of Fastify, which `inject` would skip.
   */
  async deliver(webhook: SignedWebhook): Promise<HttpResult> {
    const response = await fetch(`${await this.listeningUrl()}${webhook.path}`, { method: webhook.method, headers: webhook.headers, body: webhook.body });
    const text = await response.text();
    return {
      status: response.status,
      headers: Object.fromEntries(response.headers),
      body: String(response.headers.get('content-type')).includes('json') ? JSON.parse(text) : text,
      cookies: [],
    };
  }

  /** The app's address on loopback; it starts listening on a free port the first time one is needed. */
  listeningUrl(): Promise<string> {
    this.listening ??= (async () => {
      const server = this.app.getHttpServer();
      if (!server.listening) await this.app.listen(0, '127.0.0.1');
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    })();
    return this.listening;
  }

  get dataSource(): DataSource {
    return this.app.get<DataSource>(getDataSourceToken());
  }

  get redis(): Redis {
    return this.app.get<Redis>(REDIS);
  }

  async request<T = unknown>(method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, options: RequestOptions = {}): Promise<HttpResult<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers['authorization'] = `Bearer ${options.token}`;
    const response = await this.app.inject({
      method,
      url,
      headers,
      cookies: options.cookies,
      remoteAddress: options.ip,
      ...(options.body !== undefined ? { payload: options.body as Record<string, unknown> } : {}),
    });
    const text = response.body;
    return {
      status: response.statusCode,
      headers: response.headers,
      body: (text && String(response.headers['content-type']).includes('json') ? JSON.parse(text) : text) as T,
      cookies: response.cookies as HttpResult['cookies'],
    };
  }

  /** Empties every table but the migrations' bookkeeping, and this run's Redis keys. */
  async reset(): Promise<void> {
    const tables: Array<{ tablename: string }> = await this.dataSource.query(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> $1`,
      [MIGRATIONS_TABLE],
    );
    if (tables.length > 0) await this.truncate(tables.map((table) => table.tablename));
    const prefix = this.redis.options.keyPrefix ?? '';
    // KEYS patterns are not prefixed by ioredis, so the prefix must be spelled out.
    const keys = prefix ? await this.redis.keys(`${prefix}*`) : [];
    const unprefixed = keys.map((key) => key.slice(prefix.length));
    if (unprefixed.length > 0) await this.redis.del(...unprefixed);
  }

  /**
   * The previous test's workers (a send job, a delivery report, the sweeper) may still hold row locks while TRUNCATE
   * takes its table locks one by one; PostgreSQL then aborts one side as a deadlock. Ours is safe to run again.
   */
  private async truncate(tables: string[]): Promise<void> {
    const statement = `TRUNCATE ${tables.map((table) => `"${table}"`).join(', ')} RESTART IDENTITY CASCADE`;
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.dataSource.transaction(async (manager) => {
          // A running realtime tail skips every seq at or below its position: the log must never go back, as in
          // production. Locked first, so no insert draws a seq between the read and the truncate.
          await manager.query(`LOCK TABLE domain_event IN ACCESS EXCLUSIVE MODE`);
          const [sequence]: Array<{ last_value: string; is_called: boolean }> = await manager.query(`SELECT last_value, is_called FROM domain_event_seq_seq`);
          await manager.query(statement);
          if (sequence.is_called) await manager.query(`SELECT setval('domain_event_seq_seq', $1)`, [sequence.last_value]);
        });
        return;
      } catch (error) {
        const deadlocked = (error as { driverError?: { code?: string } }).driverError?.code === '40P01';
        if (!deadlocked || attempt >= 5) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
      }
    }
  }

  async close(): Promise<void> {
    await this.app.close();
  }
}
