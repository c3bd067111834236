import 'reflect-metadata';
import { ensureDatabaseExists, loadConfig, withMigrationDataSource } from '@backtalk/platform';

const USAGE = 'usage: db <migrate|revert|status>';

async function main(command: string | undefined): Promise<void> {
  const config = loadConfig(process.env);
  if (command === 'migrate') {
    if (await ensureDatabaseExists(config)) console.log(`created database ${new URL(config.DATABASE_URL).pathname.slice(1)}`);
    const applied = await withMigrationDataSource(config, (dataSource) => dataSource.runMigrations({ transaction: 'each' }));
    console.log(applied.length ? `applied ${applied.map((migration) => migration.name).join(', ')}` : 'schema is up to date');
  } else if (command === 'revert') {
    await withMigrationDataSource(config, (dataSource) => dataSource.undoLastMigration({ transaction: 'each' }));
    console.log('reverted the last migration');
  } else if (command === 'status') {
    const pending = await withMigrationDataSource(config, (dataSource) => dataSource.showMigrations());
    console.log(pending ? 'migrations are pending' : 'schema is up to date');
  } else {
    throw new Error(USAGE);
  }
}

main(process.argv[2]).catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
