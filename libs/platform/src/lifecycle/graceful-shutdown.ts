import type { INestApplicationContext, LoggerService } from '@nestjs/common';

/**
 * On SIGTERM or SIGINT: stop accepting requests, let in-flight requests and jobs finish, close the pools, exit 0.
 * A watchdog exits 1 if that takes longer than `timeoutMs`, so an orchestrator is never left waiting on a stuck process.
 */
export function installGracefulShutdown(app: INestApplicationContext, logger: LoggerService, timeoutMs: number): void {
  let closing = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    logger.log(`received ${signal}; finishing in-flight work`, 'Shutdown');
    setTimeout(() => {
      logger.error(`still busy after ${timeoutMs} ms; exiting anyway`, undefined, 'Shutdown');
      process.exit(1);
    }, timeoutMs).unref();
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error(`shutdown failed: ${(error as Error).message}`, (error as Error).stack, 'Shutdown');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}
