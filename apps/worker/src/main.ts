import 'reflect-metadata';
import { ConfigError, installGracefulShutdown, loadConfig } from '@backtalk/platform';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  const config = loadConfig(process.env);
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  const logger = app.get(Logger);
  app.useLogger(logger);
  // Closing the context closes the Bull queues, which waits for the jobs in progress, then the database pool.
  installGracefulShutdown(app, logger, config.SHUTDOWN_TIMEOUT_MS);
  await app.init();
  process.stdout.write('READY worker\n');
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(error instanceof ConfigError ? `${error.message}\n` : `worker failed to start: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
