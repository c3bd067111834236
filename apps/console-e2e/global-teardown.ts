import { execSync } from 'node:child_process';
import { serverEnvironment } from './e2e-environment';

export default function globalTeardown(): void {
  const database = new URL(serverEnvironment['DATABASE_URL']).pathname.slice(1);
  execSync(`psql -h 127.0.0.1 -U postgres -d postgres -qc 'DROP DATABASE IF EXISTS "${database}" WITH (FORCE)'`, { stdio: 'inherit' });
  execSync(`redis-cli --scan --pattern '${serverEnvironment['REDIS_PREFIX']}:*' | xargs -r redis-cli del > /dev/null`, { stdio: 'inherit', shell: '/bin/bash' });
}
