import 'reflect-metadata';
import { verifyAuditChain } from '@backtalk/audit';
import { loadConfig, withMigrationDataSource } from '@backtalk/platform';

/**
 * Recomputes the audit trail's hash chain from the first entry. Exits 0 when every entry follows from the ones before
 * it, and 2 naming the first entry that does not (1 is left for "could not check at all": no database, no table).
 */
async function main(): Promise<number> {
  const started = Date.now();
  const report = await withMigrationDataSource(loadConfig(process.env), (dataSource) => verifyAuditChain(dataSource));
  const took = `${((Date.now() - started) / 1000).toFixed(1)} s`;
  if (!report.broken) {
    process.stdout.write(`audit trail intact: ${report.checked} entr${report.checked === 1 ? 'y' : 'ies'} verified in ${took}\n`);
    return 0;
  }
  process.stdout.write(`audit trail BROKEN at entry ${report.broken.seq}: ${report.broken.reason}\n`);
  process.stdout.write(`the ${report.checked} entr${report.checked === 1 ? 'y' : 'ies'} before it verified (${took})\n`);
  return 2;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error((error as Error).message);
    process.exit(1);
  },
);
