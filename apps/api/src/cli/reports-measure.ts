import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { loadConfig, withMigrationDataSource } from '@backtalk/platform';
import { ReportFactsService } from '@backtalk/reports';

// npm run reports:measure — measures every conversation marked for the reports now, in batches, instead of waiting for
// the worker: after an upgrade over a large history, or to seed a benchmark. Safe beside a running worker (they queue on
// one lock and take different marks).
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const started = performance.now();
  const measured = await withMigrationDataSource(config, async (dataSource) => {
    const facts = new ReportFactsService(dataSource);
    let total = 0;
    for (let batch = -1; batch !== 0; total += batch) batch = await facts.refresh();
    return total;
  });
  process.stdout.write(`report facts: ${measured} conversations measured in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});
