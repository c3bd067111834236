import 'reflect-metadata';
import { ensureDatabaseExists, loadConfig, withMigrationDataSource } from '@backtalk/platform';

const USAGE = 'usage: db <migrate|revert|status>';

async function main(command: string | undefined): Promise<void> {
  const config = loadConfig(process.env);
  if (command === 'migrate') {
    if (await ensureDatabaseExists(config)) process.stdout.write(`created database ${new URL(config.DATABASE_URL).pathname.slice(1)}\n`);
    const applied = await withMigrationDataSource(config, (dataSource) => dataSource.runMigrations({ transaction: 'each' }));
    process.stdout.write(`${applied.length ? `applied ${applied.map((migration) => migration.name).join(', ')}` : 'schema is up to date'}\n`);
  } else if (command === 'revert') {
    await withMigrationDataSource(config, (dataSource) => dataSource.undoLastMigration({ transaction: 'each' }));
    process.stdout.write(`reverted the last migration\n`);
  } else if (command === 'status') {
    const pending = await withMigrationDataSource(config, (dataSource) => dataSource.showMigrations());
    process.stdout.write(`${pending ? 'migrations are pending' : 'schema is up to date'}\n`);
  } else {
    throw new Error(USAGE);
  }
}

main(process.argv[2]).catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
