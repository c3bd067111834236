import { REDIS } from '@backtalk/platform';
import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';

/** A typing signal not renewed within this long has stopped: the console renews it every few seconds while typing. */
export const TYPING_TTL_MS = 10_000;

export interface Typist {
  userId: string;
  userName: string;
}

const typingKey = (conversationId: string) => `typing:${conversationId}`;

/**
 * Who is typing in which conversation, kept in Redis so that other processes (the worker about to send an automatic
 * reply) can see that a person is about to answer. Each typist's entry carries its own expiry; the key expires with
 * the latest of them.
 */
@Injectable()
export class ConversationTyping {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async started(conversationId: string, typist: Typist, now = Date.now()): Promise<void> {
    const key = typingKey(conversationId);
    await this.redis.multi().hset(key, typist.userId, JSON.stringify({ userName: typist.userName, until: now + TYPING_TTL_MS })).pexpire(key, TYPING_TTL_MS).exec();
  }

  async stopped(conversationId: string, userId: string): Promise<void> {
    await this.redis.hdel(typingKey(conversationId), userId);
  }

  async typists(conversationId: string, now = Date.now()): Promise<Typist[]> {
    const entries = await this.redis.hgetall(typingKey(conversationId));
    return Object.entries(entries).flatMap(([userId, raw]) => {
      const entry = JSON.parse(raw) as { userName: string; until: number };
      return entry.until > now ? [{ userId, userName: entry.userName }] : [];
    });
  }
}
