// Fails early, in one readable line, when PostgreSQL or Redis is not reachable at the configured address.
import { Socket } from 'node:net';

const targets = [
  ['PostgreSQL', process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/backtalk', 5432],
  ['Redis', process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', 6379],
];

let failed = false;
for (const [name, url, defaultPort] of targets) {
  const { hostname, port } = new URL(url);
  const ok = await new Promise((resolve) => {
    const socket = new Socket();
    const done = (result) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(2000);
    socket.once('connect', () => done(true)).once('error', () => done(false)).once('timeout', () => done(false));
    socket.connect(Number(port || defaultPort), hostname);
  });
  if (!ok) {
    console.error(`${name} is not reachable at ${hostname}:${port || defaultPort}. Start it, or point ${name === 'Redis' ? 'REDIS_URL' : 'DATABASE_URL'} at one.`);
    failed = true;
  }
}
if (failed) process.exit(1);
