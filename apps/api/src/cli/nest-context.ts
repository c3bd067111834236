import { loadConfig } from '@backtalk/platform';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ApiModule } from '../api.module';

/** The API's modules without HTTP, for one-off commands. */
export async function withApiContext<T>(work: (context: INestApplicationContext) => Promise<T>): Promise<T> {
  loadConfig(process.env);
  const context = await NestFactory.createApplicationContext(ApiModule.forRoot({ runWorkers: false }), { logger: ['error', 'warn'] });
  try {
    return await work(context);
  } finally {
    await context.close();
  }
}
