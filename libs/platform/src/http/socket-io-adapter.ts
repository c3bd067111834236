import { type INestApplicationContext, Logger } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import type Redis from 'ioredis';
import type { Server, ServerOptions } from 'socket.io';
import type { AppConfig } from '../config/app-config';
import { createRedisClient } from '../redis/redis.module';

/** The commands the adapter sends without ever handling their failure. */
const UNAWAITED_ADAPTER_COMMANDS = ['publish', 'psubscribe', 'subscribe', 'punsubscribe', 'unsubscribe'] as const;

/**
 * socket.io with its rooms shared through Redis, so a broadcast on one API instance (typing, presence) reaches the
 * sockets connected to the others. Pub/sub channels are named after REDIS_PREFIX, like every key, so installs and
 * test runs sharing one Redis stay apart.
 */
export class RedisIoAdapter extends IoAdapter {
  private readonly logger = new Logger(RedisIoAdapter.name);
  private readonly clients: Redis[] = [];

  constructor(
    app: INestApplicationContext,
    private readonly config: AppConfig,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server: Server = super.createIOServer(port, { ...options, serveClient: false });
    // Channel names are not keys: ioredis does not prefix them, the adapter's `key` does.
    const publisher = createRedisClient(this.config, { prefixed: false });
    const subscriber = publisher.duplicate();
    this.clients.push(publisher, subscriber);
    for (const client of [publisher, subscriber]) this.answerFailures(client);
    server.adapter(createAdapter(publisher, subscriber, { key: `${this.config.REDIS_PREFIX}:socket.io` }));
    return server;
  }

  /**
   * With Redis unreachable these commands fail, and a rejection nobody handles ends the process: a typing signal or a
   * shutdown must not take the API down. A signal lost this way is only a signal; domain events go through the log.
   */
  private answerFailures(client: Redis): void {
    const commands = client as unknown as Record<(typeof UNAWAITED_ADAPTER_COMMANDS)[number], (...args: unknown[]) => Promise<unknown>>;
    for (const name of UNAWAITED_ADAPTER_COMMANDS) {
      const send = commands[name].bind(client);
      commands[name] = (...args: unknown[]) => {
        const reply = send(...args);
        reply.catch((error: unknown) => this.logger.debug({ err: error, command: name }, 'socket.io adapter command failed'));
        return reply;
      };
    }
  }

  override async dispose(): Promise<void> {
    await Promise.all(this.clients.splice(0).map((client) => client.quit().catch(() => client.disconnect())));
  }
}
