/**
 * npm run bench:import — a 100,000-row CRM export imported through the API the console's import dialog uses, while
 * the API keeps answering. Creates a database of its own, migrates it, creates an admin, then a team and a Ukrainian
 * channel through the API; generates a messy CSV (national and international number formats, numbers repeated in
 * another format, a few broken rows, names, notes, a consent column and a loyalty-tier column mapped to a list
 * attribute the bench defines) and uploads it: upload, mapping, start, then progress polled as the dialog does. A steady stream of
 * GET /api/contacts and GET /api/conversations is timed before the import, while it runs (from the upload to the
 * job's end), and after it (with the 100,000 contacts in place). Checks the import's counts against what the
 * generator wrote.
 *
 *   --rows N            rows in the file (100000)
 *   --separate-worker   run the import in apps/worker, as production does; by default the API runs the workers
 *                       in-process, the harder case for its response times
 *   --keep              keep the database (its name is printed)
 */
import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import type { ContactImportColumn, ContactImportView } from '@backtalk/contracts';
import { api, percentile } from './bench-support';
import { openBenchInstall } from './busy-install';

const { values: options } = parseArgs({
  options: {
    rows: { type: 'string', default: '100000' },
    'separate-worker': { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
});
const ROWS = Number(options.rows);
/** How long the request stream is timed before and after the import. */
const QUIET_PHASE_MS = 10_000;
/** The pause between two requests of the stream: a console or two refreshing, not a load test. */
const STREAM_PAUSE_MS = 25;
const PROGRESS_POLL_MS = 1000;
const IMPORT_TIMEOUT_MS = 15 * 60_000;

const FIRST_NAMES = ['Olha', 'Taras', 'Iryna', 'Mykola', 'Oksana', 'Andrii', 'Nataliia', 'Serhii', 'Yuliia', 'Dmytro', 'Kateryna', 'Bohdan'];
const LAST_NAMES = ['Shevchenko', 'Kovalenko', 'Bondarenko', 'Tkachenko', 'Kravchenko', 'Melnyk', 'Boiko', 'Koval', 'Oliinyk', 'Lysenko'];
const MOBILE_CODES = ['50', '63', '66', '67', '68', '73', '93', '95', '96', '97', '98', '99'];
const TIERS = ['bronze', 'silver', 'gold', 'platinum', ''];
/** One row in this many repeats an earlier number (written another way); one in BROKEN_EVERY cannot be imported. */
const DUPLICATE_EVERY = 20;
const BROKEN_EVERY = 2500;
const BROKEN_ROWS = ['call me maybe', '', '12345', '+380 50 12', 'n/a'];

interface GeneratedFile {
  csv: string;
  rows: number;
  uniqueNumbers: number;
  duplicates: number;
  broken: number;
  optedOut: number;
  /** Numbers whose rows give a loyalty tier: each ends up with the tier of its last such row. */
  tiered: number;
}

/** A small deterministic generator, so two runs import the same file. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The ways a Ukrainian CRM export writes one mobile number (code: two digits, rest: seven). */
function written(code: string, rest: string, style: number): string {
  const [a, b, c] = [rest.slice(0, 3), rest.slice(3, 5), rest.slice(5)];
  switch (style % 6) {
    case 0:
      return `+380${code}${rest}`;
    case 1:
      return `+380 ${code} ${a} ${b} ${c}`;
    case 2:
      return `0${code} ${a} ${b} ${c}`;
    case 3:
      return `(0${code}) ${a}-${b}-${c}`;
    case 4:
      return `380${code}${rest}`;
    default:
      return `0${code}${rest}`;
  }
}

const quoted = (cell: string) => (/[",\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);

function generate(rows: number): GeneratedFile {
  const next = random(20261206);
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)];
  const lines = ['Full name,Mobile phone,SMS status,Comment,Loyalty tier'];
  const numbers: Array<[string, string]> = [];
  const used = new Set<string>();
  let duplicates = 0;
  let broken = 0;
  let optedOut = 0;
  const optedOutNumbers = new Set<string>();
  const tieredNumbers = new Set<string>();
  for (let row = 1; row <= rows; row++) {
    const name = next() < 0.1 ? '' : `${pick(FIRST_NAMES)} ${pick(LAST_NAMES)}`;
    const tier = pick(TIERS);
    if (row % BROKEN_EVERY === 0) {
      broken += 1;
      lines.push([name, BROKEN_ROWS[(row / BROKEN_EVERY) % BROKEN_ROWS.length], 'subscribed', '', tier].map(quoted).join(','));
      continue;
    }
    let number: [string, string];
    if (row % DUPLICATE_EVERY === 0 && numbers.length > 0) {
      duplicates += 1;
      number = numbers[Math.floor(next() * numbers.length)];
    } else {
      do number = [pick(MOBILE_CODES), String(Math.floor(next() * 10_000_000)).padStart(7, '0')];
      while (used.has(number.join('')));
      used.add(number.join(''));
      numbers.push(number);
    }
    const stop = next() < 0.02;
    if (stop && !optedOutNumbers.has(number.join(''))) {
      optedOutNumbers.add(number.join(''));
      optedOut += 1;
    }
    if (tier) tieredNumbers.add(number.join(''));
    const comment = next() < 0.3 ? `Prefers evening calls, "VIP" since ${2015 + Math.floor(next() * 10)}` : '';
    lines.push([name, written(number[0], number[1], Math.floor(next() * 6)), stop ? 'unsubscribed' : pick(['subscribed', '', 'yes']), comment, tier].map(quoted).join(','));
  }
  return { csv: `${lines.join('\r\n')}\r\n`, rows, uniqueNumbers: numbers.length, duplicates, broken, optedOut, tiered: tieredNumbers.size };
}

interface Phase {
  name: string;
  samples: number[];
}

/** GET /api/contacts and GET /api/conversations in turn, one at a time, until `until` says stop. */
async function stream(baseUrl: string, token: string, phase: Phase, until: () => boolean): Promise<void> {
  const paths = ['/api/contacts?limit=50', '/api/conversations?limit=50'];
  for (let request = 0; !until(); request++) {
    const path = paths[request % paths.length];
    const started = performance.now();
    const response = await fetch(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
    await response.text();
    if (!response.ok) throw new Error(`GET ${path} → ${response.status}`);
    phase.samples.push(performance.now() - started);
    await sleep(STREAM_PAUSE_MS);
  }
}

function summary(phase: Phase): string {
  const sorted = [...phase.samples].sort((a, b) => a - b);
  return `${phase.name.padEnd(16)} requests=${String(sorted.length).padStart(5)}  p50=${percentile(sorted, 50).toFixed(1)} ms  p95=${percentile(sorted, 95).toFixed(1)} ms  max=${Math.max(...sorted).toFixed(1)} ms`;
}

async function main(): Promise<void> {
  // By default the API runs the queues in-process, the harder case for its response times.
  const install = await openBenchInstall({ kind: 'import', keep: options.keep, runWorkers: true, separateWorker: options['separate-worker'] });
  const { database, baseUrl, db, adminToken: token } = install;
  try {
    const team = await api<{ id: string }>(baseUrl, 'POST', '/api/teams', { name: 'Support' }, token);
    const channel = await api<{ id: string }>(
      baseUrl,
      'POST',
      '/api/channels',
      { teamId: team.id, name: 'Kyiv line', provider: 'generic', sender: '+380441230077', senderType: 'long_code', country: 'UA', secrets: { signatureSecret: 'bench-import-secret' } },
      token,
    );
    await api(baseUrl, 'POST', '/api/contact-attributes', { key: 'loyalty_tier', label: 'Loyalty tier', type: 'list', choices: ['Bronze', 'Silver', 'Gold', 'Platinum'] }, token);

    const file = generate(ROWS);
    process.stdout.write(
      `database ${database}; workers ${options['separate-worker'] ? 'in apps/worker' : 'in the API process'}\n` +
        `file: ${file.rows} rows, ${(file.csv.length / 1024 / 1024).toFixed(1)} MB: ${file.uniqueNumbers} numbers, ${file.duplicates} repeats, ${file.broken} broken rows, ${file.optedOut} opt-outs\n`,
    );

    // Untimed: the first requests of a fresh process compile its code paths.
    const warmUntil = performance.now() + 2000;
    await stream(baseUrl, token, { name: 'warm-up', samples: [] }, () => performance.now() > warmUntil);
    const before: Phase = { name: 'before import', samples: [] };
    const quietUntil = performance.now() + QUIET_PHASE_MS;
    await stream(baseUrl, token, before, () => performance.now() > quietUntil);

    // The upload reads the whole file too (to count its rows and show the first ones): it is timed as part of the import.
    const during: Phase = { name: 'during import', samples: [] };
    let finished: ContactImportView | null = null;
    const streaming = stream(baseUrl, token, during, () => finished !== null);
    const uploadStarted = performance.now();
    const uploadResponse = await fetch(`${baseUrl}/api/contacts/imports?${new URLSearchParams({ channelId: channel.id, fileName: 'crm-export.csv' })}`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${token}` },
      body: file.csv,
    });
    if (!uploadResponse.ok) throw new Error(`upload → ${uploadResponse.status} ${await uploadResponse.text()}`);
    const uploaded = (await uploadResponse.json()) as ContactImportView;
    const uploadMs = performance.now() - uploadStarted;
    // What the dialog shows as the guessed mapping, checked against what the person importing would choose.
    const mapping: ContactImportColumn[] = [
      { column: 0, field: 'name' },
      { column: 1, field: 'phone' },
      { column: 2, field: 'consent' },
      { column: 3, field: 'notes' },
    ];
    const guessed = JSON.stringify([...uploaded.mapping].sort((a, b) => a.column - b.column));
    process.stdout.write(`uploaded in ${uploadMs.toFixed(0)} ms: ${uploaded.totalRows} rows; guessed mapping ${guessed === JSON.stringify(mapping) ? 'is the right one' : `differs: ${guessed}`}\n`);
    // The API guesses the contact's own fields only; the console maps a header naming an attribute, as here.
    mapping.push({ column: 4, field: 'attribute', attributeKey: 'loyalty_tier' });

    const importStarted = performance.now();
    await api<ContactImportView>(baseUrl, 'POST', `/api/contacts/imports/${uploaded.id}/start`, { mapping }, token);
    let lastReport = 0;
    while (!finished) {
      await sleep(PROGRESS_POLL_MS);
      const progress = await api<ContactImportView>(baseUrl, 'GET', `/api/contacts/imports/${uploaded.id}`, undefined, token);
      if (progress.status === 'done' || progress.status === 'failed') finished = progress;
      else if (performance.now() - importStarted > IMPORT_TIMEOUT_MS) throw new Error(`the import is still ${progress.status} after ${IMPORT_TIMEOUT_MS / 60_000} minutes at row ${progress.processedRows}`);
      if (performance.now() - lastReport > 10_000) {
        lastReport = performance.now();
        process.stdout.write(`  ${progress.status} ${progress.processedRows}/${progress.totalRows} after ${((performance.now() - importStarted) / 1000).toFixed(0)} s\n`);
      }
    }
    const seconds = (performance.now() - importStarted) / 1000;
    await streaming;

    const after: Phase = { name: 'after import', samples: [] };
    const afterUntil = performance.now() + QUIET_PHASE_MS;
    await stream(baseUrl, token, after, () => performance.now() > afterUntil);

    if (finished.status !== 'done') throw new Error(`the import failed: ${finished.failure}`);
    const errorsCsv = await (await fetch(`${baseUrl}/api/contacts/imports/${uploaded.id}/errors`, { headers: { authorization: `Bearer ${token}` } })).text();
    const errorLines = errorsCsv.trim().split(/\r?\n/).length - 1;
    const [stored] = (
      await db.query<{ contacts: string; presence: string; opted_out: string; tiered: string }>(
        `SELECT (SELECT count(*) FROM contact) AS contacts, (SELECT count(*) FROM contact_presence WHERE team_id = $1) AS presence,
                (SELECT count(*) FROM consent WHERE opted_out) AS opted_out, (SELECT count(*) FROM contact_attribute_value) AS tiered`,
        [team.id],
      )
    ).rows;
    const checks: Array<[string, number, number]> = [
      ['created', finished.created, file.uniqueNumbers],
      ['merged duplicates', finished.duplicates, file.duplicates],
      ['already contacts', finished.updated, 0],
      ['errors', finished.errors, file.broken],
      ['rows in the error report', errorLines, file.broken],
      ['contacts stored', Number(stored.contacts), file.uniqueNumbers],
      ['seen in the team', Number(stored.presence), file.uniqueNumbers],
      ['opted out', Number(stored.opted_out), file.optedOut],
      ['with a loyalty tier', Number(stored.tiered), file.tiered],
    ];
    process.stdout.write(`imported in ${seconds.toFixed(1)} s: ${(ROWS / seconds).toFixed(0)} rows/s\n`);
    for (const [name, got, expected] of checks) process.stdout.write(`  ${name.padEnd(26)} ${String(got).padStart(7)}  ${got === expected ? 'as generated' : `EXPECTED ${expected}`}\n`);
    for (const phase of [before, during, after]) process.stdout.write(`${summary(phase)}\n`);
    const wrong = checks.filter(([, got, expected]) => got !== expected);
    if (options.keep) process.stdout.write(`database kept: ${database}\n`);
    const p95 = (phase: Phase) => percentile([...phase.samples].sort((a, b) => a - b), 95).toFixed(0);
    process.stdout.write(`RESULT import rows=${ROWS} seconds=${seconds.toFixed(1)} api_p95_during_ms=${p95(during)} api_p95_before_ms=${p95(before)}\n`);
    if (wrong.length > 0) throw new Error(`counts differ from the file: ${wrong.map(([name]) => name).join(', ')}`);
  } finally {
    await install.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
