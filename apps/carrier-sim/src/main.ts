import pino from 'pino';
import { loadNumbersFile, loadSimConfig, SimConfigError } from './config';
import { startSimulator } from './simulator';
import { clearSimState, writeSimState } from './sim-url';
import { postWebhookVia } from './webhook-client';

/** Pending delivery reports are dropped on shutdown, so closing never takes long; this only guards a hang. */
const SHUTDOWN_TIMEOUT_MS = 5_000;

async function main(): Promise<void> {
  const config = loadSimConfig(process.env);
  const numbers = config.numbersFile ? loadNumbersFile(config.numbersFile) : [];
  const logger = pino({ level: config.logLevel, base: { app: 'carrier-sim' } });
  const simulator = await startSimulator({ host: config.host, port: config.port, seed: config.seed, numbers, logger, ...(config.deliverTo ? { postWebhook: postWebhookVia(config.deliverTo) } : {}) });
  // Where `npm run sim` finds this simulator when its terminal has no SIM_URL or SIM_PORT (set by `npm start`).
  const stateFile = process.env['SIM_STATE_FILE']?.trim();
  if (stateFile) {
    writeSimState(stateFile, { url: simulator.url, pid: process.pid });
    process.once('exit', () => clearSimState(stateFile, process.pid));
  }

  let closing = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down');
    setTimeout(() => {
      logger.error(`still closing after ${SHUTDOWN_TIMEOUT_MS} ms; exiting anyway`);
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS).unref();
    simulator.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  // `on`, not `once`: Ctrl+C reaches `npm start` and its children alike, and `npm start` then sends its own SIGTERM;
  // a second signal must not cut the shutdown short (the state file would stay behind).
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
  process.stdout.write(`READY carrier-sim ${simulator.url} (${numbers.length} numbers registered)\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(error instanceof SimConfigError ? `${error.message}\n` : `carrier-sim failed to start: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
