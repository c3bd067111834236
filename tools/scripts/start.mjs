// `npm start`: installs, migrates, seeds demo data, builds the console and runs api, worker and console together.
// Ctrl+C stops everything; if one process dies, the others are stopped too, so nothing half-runs unnoticed.
import { execSync, spawn } from 'node:child_process';
import { createRequire } from 'node:module';

const root = new URL('../..', import.meta.url).pathname;
const run = (command) => execSync(command, { cwd: root, stdio: 'inherit', env: process.env });

const apiPort = process.env.PORT ?? '3000';
const consolePort = process.env.CONSOLE_PORT ?? '4173';
const apiUrl = `http://127.0.0.1:${apiPort}`;
const simPort = process.env.SIM_PORT ?? '4010';
const simUrl = `http://127.0.0.1:${simPort}`;
// Webhook URLs (and their signatures) follow the API's port when PORT moves it.
process.env.PUBLIC_BASE_URL ??= apiUrl;
// A person watching a terminal wants the banner and what went wrong, not every request: LOG_LEVEL=info shows all.
process.env.LOG_LEVEL ??= 'warn';

run('node tools/scripts/ensure-deps.mjs');
run('node tools/scripts/check-services.mjs');
run('npm run --silent db:migrate');
// The demo channels send through the carrier simulator; the seed writes the numbers it plays the carrier for.
const simNumbersFile = 'tmp/carrier-sim-numbers.json';
run(`npm run --silent db:seed -- --demo-channels ${simNumbersFile} --sim-url ${simUrl}`);
run('npm run --silent console:build');

const pretty = readableLogLines();
const processes = [
  { name: 'api', command: process.execPath, args: ['-r', '@swc-node/register', 'apps/api/src/main.ts'], env: { PORT: apiPort } },
  { name: 'worker', command: process.execPath, args: ['-r', '@swc-node/register', 'apps/worker/src/main.ts'], env: {} },
  { name: 'sim', command: process.execPath, args: ['-r', '@swc-node/register', 'apps/carrier-sim/src/main.ts'], env: { SIM_PORT: simPort, SIM_NUMBERS_FILE: simNumbersFile, SIM_STATE_FILE: 'tmp/carrier-sim.json' } },
  {
    name: 'console',
    // Vite's script directly, not through npx: a wrapper process would survive a stop and keep the port.
    command: process.execPath,
    args: ['node_modules/vite/bin/vite.js', 'preview', '--config', 'apps/console/vite.config.ts', '--port', consolePort, '--strictPort'],
    env: { API_URL: apiUrl },
  },
];

const children = [];
let stopping = false;

function stopAll(code) {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 16000).unref();
  Promise.all(children.map((child) => (child.exitCode === null ? new Promise((resolve) => child.once('exit', resolve)) : null))).then(() => process.exit(code));
}

const ready = new Set();
for (const spec of processes) {
  const child = spawn(spec.command, spec.args, { cwd: root, env: { ...process.env, ...spec.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  const prefix = `[${spec.name}]`.padEnd(9);
  const forward = (stream, target) => {
    let buffered = '';
    stream.on('data', (chunk) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop();
      for (const line of lines) {
        target.write(`${prefix} ${pretty(line)}\n`);
        if (/READY|Local:/.test(line) && !ready.has(spec.name)) {
          ready.add(spec.name);
          if (ready.size === processes.length) announce();
        }
      }
    });
  };
  forward(child.stdout, process.stdout);
  forward(child.stderr, process.stderr);
  child.on('exit', (code, signal) => {
    if (stopping) return;
    process.stderr.write(`${prefix} exited (${signal ?? code}); stopping the others\n`);
    stopAll(code || 1);
  });
}

// On the first launch the demo customers text in through the simulator (the real webhook path) and a month of history
// is written for the reports; then the banner.
function announce() {
  const args = ['-r', '@swc-node/register', 'apps/api/src/cli/demo.ts', '--banner', '--history', '--api-url', apiUrl, '--sim-url', simUrl, '--console-url', `http://127.0.0.1:${consolePort}`];
  const demo = spawn(process.execPath, args, { cwd: root, env: process.env, stdio: ['ignore', 'inherit', 'inherit'] });
  children.push(demo);
}

/**
 * The processes log pino JSON lines (what production log collectors read); here they are shown as one readable line
 * each, by pino-pretty (a devDependency, which `npm start` installs). Anything else passes through unchanged.
 */
function readableLogLines() {
  let prettyFactory;
  try {
    prettyFactory = createRequire(import.meta.url)('pino-pretty').prettyFactory;
  } catch {
    return (line) => line;
  }
  const format = prettyFactory({ colorize: Boolean(process.stdout.isTTY), singleLine: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,app' });
  return (line) => {
    if (!line.startsWith('{')) return line;
    try {
      return format(JSON.parse(line)).trimEnd();
    } catch {
      return line;
    }
  };
}

process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));
