// The integration suites also run through PgBouncer in transaction pooling mode (npm run test:integration:pgbouncer),
// Debian's package, started privately by the tests on a port of their own; its system service is not used.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const PGBOUNCER = process.env.PGBOUNCER_BIN ?? '/usr/sbin/pgbouncer';

if (!existsSync(PGBOUNCER)) {
  const isRoot = process.getuid?.() === 0;
  if (!isRoot) {
    console.error(`PgBouncer is missing at ${PGBOUNCER}. Install it (sudo apt-get install -y pgbouncer) or set PGBOUNCER_BIN.`);
    process.exit(1);
  }
  console.log('Installing PgBouncer from Debian (apt-get install pgbouncer)…');
  execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq pgbouncer', { stdio: 'inherit', shell: '/bin/bash' });
}
