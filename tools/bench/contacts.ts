/**
 * npm run bench:contacts — the contacts directory (GET /api/contacts) at the volume of a busy install. Creates a
 * database of its own, migrates it, makes 5 teams, 10 channels and 50 agents through the API, then seeds the same
 * history as bench:reports (reports-seed.ts: 100,000 contacts, 200,000 conversations, 1M+ messages). Then it signs in
 * as an admin and as an agent of one team and times the directory: the first page with no filter, searches by a number
 * written internationally and nationally and by a name fragment, each filter, each sort, and a page deep in the
 * cursor chain, printing p50/p95/max per case and person. The worst case's p95 is what the RESULT line reports.
 *
 *   --reps N       timed requests per case and person (20), after one untimed warm-up request
 *   --contacts N   contacts; each has two conversations (100000)
 *   --depth N      how many pages of 50 the deep-page case follows the cursor through first (40)
 *   --keep         keep the database (its name is printed) for EXPLAIN ANALYZE and later runs
 *   --reuse DB     time against a database an earlier --keep run seeded (of bench:contacts or bench:reports)
 *   --only a,b     time only these cases (by name)
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import type { ChannelView, ContactListItem, Page, TeamView } from '@backtalk/contracts';
import { api, percentile } from './bench-support';
import { BENCH_AGENT, BUSY_TEAMS, caseTableHeader, caseTableRow, createBusyPeople, openBenchInstall, seedBusyHistory, signIn, type TimedCase, timedGet } from './busy-install';

const { values: options } = parseArgs({
  options: {
    reps: { type: 'string', default: '20' },
    contacts: { type: 'string', default: '100000' },
    days: { type: 'string', default: '90' },
    depth: { type: 'string', default: '40' },
    keep: { type: 'boolean', default: false },
    reuse: { type: 'string' },
    only: { type: 'string' },
  },
});
const REPS = Number(options.reps);
const TARGET_P95_MS = 150;

async function list(baseUrl: string, query: Record<string, string>, token: string): Promise<{ ms: number; page: Page<ContactListItem> }> {
  const { ms, body } = await timedGet<Page<ContactListItem>>(baseUrl, `/api/contacts?${new URLSearchParams(query)}`, token);
  return { ms, page: body };
}

/** The cursor of page `depth + 1` (untimed: following the chain is many requests; the page after it is what is timed). */
async function deepCursor(baseUrl: string, query: Record<string, string>, token: string, depth: number): Promise<string | null> {
  let cursor: string | null = null;
  for (let page = 0; page < depth; page++) {
    const { page: answer } = await list(baseUrl, cursor ? { ...query, cursor } : query, token);
    if (!answer.nextCursor) return null;
    cursor = answer.nextCursor;
  }
  return cursor;
}

async function main(): Promise<void> {
  const install = await openBenchInstall({ kind: 'contacts', reuse: options.reuse, keep: options.keep });
  const { database, baseUrl, db } = install;
  try {
    if (install.fresh) {
      process.stdout.write(`database ${database}: 5 teams, 10 channels, 50 agents through the API…\n`);
      await seedBusyHistory(install, await createBusyPeople(install), { contacts: Number(options.contacts), days: Number(options.days) });
    }
    await db.query('VACUUM ANALYZE contact, contact_presence, consent, channel');
    const contacts = Number((await db.query(`SELECT count(*) AS n FROM contact`)).rows[0].n);
    const admin = { accessToken: install.adminToken };
    const agent = { accessToken: await signIn(install, BENCH_AGENT) };

    const teams = await api<TeamView[]>(baseUrl, 'GET', '/api/teams', undefined, admin.accessToken);
    const channels = await api<ChannelView[]>(baseUrl, 'GET', '/api/channels', undefined, admin.accessToken);
    const team = teams.find((candidate) => candidate.name === BUSY_TEAMS[0]);
    const channel = channels.find((candidate) => candidate.teamId === team?.id);
    if (!team || !channel) throw new Error(`The database has no team ${BUSY_TEAMS[0]} with a channel: was it seeded by bench:contacts or bench:reports?`);
    // A contact of the agent's team, so every search finds someone for both people: the seed's numbers are
    // +1555 and the contact's number padded to 7 digits, and two of every three contacts are named "Customer <n>".
    const [sample] = (
      await db.query<{ phone: string; name: string }>(
        `SELECT ct.phone, ct.name FROM contact ct JOIN contact_presence p ON p.contact_id = ct.id
         WHERE p.team_id = $1 AND ct.name <> '' ORDER BY ct.phone OFFSET 1000 LIMIT 1`,
        [team.id],
      )
    ).rows;
    if (!sample) throw new Error('No named contact in the first team to search for');
    const digits = sample.phone.slice(2);
    const now = Date.now();
    const week = new Date(now - 7 * 86_400_000).toISOString();
    const month = new Date(now - 30 * 86_400_000).toISOString();

    const cases: Array<{ name: string; query: Record<string, string>; deep?: boolean }> = [
      { name: 'first page', query: {} },
      { name: 'number (international)', query: { q: `+1 ${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}` } },
      { name: 'number (national)', query: { q: `(${digits.slice(0, 3)}) ${digits.slice(3, 6)}-${digits.slice(6)}` } },
      { name: 'number (part)', query: { q: digits.slice(4) } },
      { name: 'name fragment', query: { q: sample.name.slice(3, -1).toLowerCase() } },
      { name: 'name fragment by name', query: { q: sample.name.slice(3, -1).toLowerCase(), sort: 'name' } },
      // Matches two contacts in three: the search walks the order instead of sorting the matches.
      { name: 'common fragment', query: { q: 'custom' } },
      { name: 'common fragment by created', query: { q: 'custom', sort: 'created' } },
      { name: 'filter team', query: { teamId: team.id } },
      { name: 'filter channel', query: { channelId: channel.id } },
      { name: 'filter opted out', query: { consent: 'opted_out' } },
      { name: 'filter subscribed', query: { consent: 'subscribed' } },
      { name: 'filter last contact 7d', query: { lastContactFrom: week } },
      { name: 'filter last contact 30-7d', query: { lastContactFrom: month, lastContactTo: week } },
      { name: 'filters combined', query: { teamId: team.id, consent: 'subscribed', lastContactFrom: month } },
      { name: 'sort name', query: { sort: 'name' } },
      { name: 'sort created', query: { sort: 'created' } },
      { name: 'sort name + opted out', query: { sort: 'name', consent: 'opted_out' } },
      { name: `deep page (last contact)`, query: {}, deep: true },
      { name: `deep page (name)`, query: { sort: 'name' }, deep: true },
      { name: `deep page (created)`, query: { sort: 'created' }, deep: true },
    ];
    const selected = cases.filter((entry) => !options.only || options.only.split(',').includes(entry.name));
    process.stdout.write(`${contacts} contacts; timing ${selected.length} cases × admin and agent, ${REPS} requests each (deep pages after ${options.depth} pages of 50)…\n`);
    process.stdout.write(`${caseTableHeader()}\n`);

    const timings: TimedCase[] = [];
    for (const entry of selected) {
      for (const [who, token] of [['admin', admin.accessToken], ['agent', agent.accessToken]] as const) {
        let query: Record<string, string> = { ...entry.query, limit: '50' };
        if (entry.deep) {
          const cursor = await deepCursor(baseUrl, query, token, Number(options.depth));
          if (!cursor) throw new Error(`${entry.name}: fewer than ${options.depth} pages for ${who}`);
          query = { ...query, cursor };
        }
        const { page } = await list(baseUrl, query, token);
        const samples: number[] = [];
        for (let rep = 0; rep < REPS; rep++) samples.push((await list(baseUrl, query, token)).ms);
        const timing = { name: entry.name, who, samples: samples.sort((a, b) => a - b), found: page.items.length };
        timings.push(timing);
        process.stdout.write(`${caseTableRow(timing)}\n`);
      }
    }

    const worst = Math.max(...timings.map((timing) => percentile(timing.samples, 95)));
    const max = Math.max(...timings.flatMap((timing) => timing.samples));
    const missed = timings.filter((timing) => percentile(timing.samples, 95) > TARGET_P95_MS);
    process.stdout.write(`\nfound is the page's size (50 at most); target p95 ≤ ${TARGET_P95_MS} ms${missed.length > 0 ? `; missed by: ${missed.map((timing) => `${timing.name} (${timing.who})`).join(', ')}` : ', met by every case'}\n`);
    if (options.keep || options.reuse) process.stdout.write(`database kept: ${database}\n`);
    process.stdout.write(`RESULT contacts p95_ms=${worst.toFixed(0)} max_ms=${max.toFixed(0)}\n`);
  } finally {
    await install.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
