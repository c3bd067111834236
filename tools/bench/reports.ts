/**
 * npm run bench:reports — report endpoints at the volume of a busy install. Creates a database of its own, migrates
 * it, makes 5 teams, 10 channels and 50 agents through the API, then seeds 90 days of history set-wise (see
 * reports-seed.ts: ≥ 1,000,000 messages, 200,000 conversations, 100,000 contacts). Then it signs in as an admin and as
 * an agent of one team and times every GET under /api/reports/ in the OpenAPI document for the last 7, 30 and 90 days,
 * printing p50/p95/max per endpoint and range. The worst endpoint's p95 is what the RESULT line reports.
 *
 *   --reps N       timed requests per endpoint, range and person (20), after one untimed warm-up request
 *   --contacts N   contacts; each has two conversations (100000)
 *   --keep         keep the database (its name is printed) for EXPLAIN ANALYZE and later runs
 *   --reuse DB     time against a database an earlier --keep run seeded, skipping migrations' data and the seed
 *   --only a,b     time only these reports (by the last part of their path)
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import type { Client } from 'pg';
import { api, percentile } from './bench-support';
import { BENCH_AGENT, createBusyPeople, foldReportBacklog, openBenchInstall, seedBusyHistory, signIn, spread, tableRow, timedGet } from './busy-install';

const { values: options } = parseArgs({
  options: {
    reps: { type: 'string', default: '20' },
    contacts: { type: 'string', default: '100000' },
    days: { type: 'string', default: '90' },
    keep: { type: 'boolean', default: false },
    reuse: { type: 'string' },
    'time-zone': { type: 'string', default: 'America/New_York' },
    /** Comma-separated report names (overview,delivery…) to time only those, when iterating on one. */
    only: { type: 'string' },
  },
});
const REPS = Number(options.reps);
const RANGES = [7, 30, 90];

interface Timing {
  endpoint: string;
  who: string;
  days: number;
  samples: number[];
}

/** Five FAQs and one (switched off, so no sweep acts on the history) FAQ reply rule per team, as auto-replies cite. */
async function seedAutomation(client: Client, teamIds: string[]): Promise<void> {
  await client.query(
    `INSERT INTO canned_answer (team_id, title, body, shortcode, examples, auto_reply)
     SELECT t, title, 'Answer: ' || title, 'faq-' || n, jsonb_build_array(title), true
     FROM unnest($1::uuid[]) t CROSS JOIN unnest(ARRAY['Where is my order', 'Refund issued', 'Opening hours', 'Change address', 'Cancel order']) WITH ORDINALITY AS f(title, n)`,
    [teamIds],
  );
  await client.query(
    `INSERT INTO automation_rule (name, position, team_id, trigger, conditions, actions, enabled)
     SELECT 'FAQ answers', n, t, 'inbound_message', '[{"type":"faq_match","minConfidence":0.8}]', '[{"type":"reply","cannedAnswerId":"matched_faq"}]', false
     FROM unnest($1::uuid[]) WITH ORDINALITY AS x(t, n)`,
    [teamIds],
  );
}

async function time(baseUrl: string, path: string, token: string): Promise<number> {
  return (await timedGet(baseUrl, path, token)).ms;
}

const WIDTHS = [34, 6, 6, 9, 9, 9];

function format(timing: Timing): string {
  return tableRow([timing.endpoint, timing.who, timing.days, ...spread(timing.samples)], WIDTHS);
}

async function main(): Promise<void> {
  const install = await openBenchInstall({ kind: 'reports', reuse: options.reuse, keep: options.keep });
  const { database, baseUrl, db } = install;
  try {
    if (install.fresh) {
      process.stdout.write(`database ${database}: 5 teams, 10 channels, 50 agents through the API…\n`);
      const setup = await createBusyPeople(install, { routing: true });
      await seedAutomation(db, setup.teamIds);
      await seedBusyHistory(install, setup, { contacts: Number(options.contacts), days: Number(options.days) });
    }
    await foldReportBacklog(install);
    const messages = Number((await db.query(`SELECT count(*) AS n FROM message`)).rows[0].n);
    const admin = { accessToken: install.adminToken };
    const agent = { accessToken: await signIn(install, BENCH_AGENT) };

    const document = await api<{ paths: Record<string, Record<string, unknown>> }>(baseUrl, 'GET', '/api/docs/openapi.json');
    const endpoints = Object.entries(document.paths)
      .filter(([path, methods]) => path.startsWith('/api/reports/') && 'get' in methods && !path.includes('{'))
      .filter(([path]) => !options.only || options.only.split(',').includes(path.split('/').pop()!))
      .map(([path]) => path)
      .sort();
    if (endpoints.length === 0) throw new Error('The OpenAPI document lists no GET under /api/reports/');
    process.stdout.write(`timing ${endpoints.length} endpoints × ${RANGES.join('/')} days × admin and agent, ${REPS} requests each (time zone ${options['time-zone']}, with the previous period)…\n`);

    const now = Date.now();
    const timings: Timing[] = [];
    process.stdout.write(`${tableRow(['endpoint', 'who', 'days', 'p50 ms', 'p95 ms', 'max ms'], WIDTHS)}\n`);
    for (const endpoint of endpoints) {
      for (const days of RANGES) {
        const query = new URLSearchParams({ from: new Date(now - days * 86_400_000).toISOString(), to: new Date(now).toISOString(), timeZone: options['time-zone']!, compare: 'true' });
        for (const [who, token] of [['admin', admin.accessToken], ['agent', agent.accessToken]] as const) {
          const path = `${endpoint}?${query}`;
          await time(baseUrl, path, token);
          const samples: number[] = [];
          for (let rep = 0; rep < REPS; rep++) samples.push(await time(baseUrl, path, token));
          const timing = { endpoint, who, days, samples: samples.sort((a, b) => a - b) };
          timings.push(timing);
          process.stdout.write(`${format(timing)}\n`);
        }
      }
    }

    process.stdout.write(`\n${tableRow(['endpoint', 'who', 'days', 'p50 ms', 'p95 ms', 'max ms'], WIDTHS)}\n`);
    for (const timing of timings) process.stdout.write(`${format(timing)}\n`);
    const worstP95 = (days: number) => Math.max(...timings.filter((timing) => timing.days === days).map((timing) => percentile(timing.samples, 95)));
    const max = Math.max(...timings.flatMap((timing) => timing.samples));
    process.stdout.write(`\np95 is the slowest endpoint's (admin or agent); target ≤ 300 ms for 30 days and ≤ 1000 ms for 90 days\n`);
    if (options.keep || options.reuse) process.stdout.write(`database kept: ${database}\n`);
    process.stdout.write(`RESULT reports msgs=${messages} p95_30d_ms=${worstP95(30).toFixed(0)} p95_90d_ms=${worstP95(90).toFixed(0)} max_ms=${max.toFixed(0)}\n`);
  } finally {
    await install.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
