import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import type Redis from 'ioredis';
import type { Server, ServerOptions } from 'socket.io';
import type { AppConfig } from '../config/app-config';
import { createRedisClient } from '../redis/redis.module';

/**
 * socket.io with its rooms shared through Redis, so a broadcast on one API instance (typing, presence) reaches the
 * sockets connected to the others. Pub/sub channels are named after REDIS_PREFIX, like every key, so installs and
 * test runs sharing one Redis stay apart.
 */
export class RedisIoAdapter extends IoAdapter {
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
    server.adapter(createAdapter(publisher, subscriber, { key: `${this.config.REDIS_PREFIX}:socket.io` }));
    return server;
  }

  override async dispose(): Promise<void> {
    await Promise.all(this.clients.splice(0).map((client) => client.quit().catch(() => client.disconnect())));
  }
}
