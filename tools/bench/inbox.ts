/**
 * npm run bench:inbox — the inbox list's filters and search (GET /api/conversations) and the saved views' counts
 * (GET /api/views/counts) at the volume of a busy install. Creates a database of its own (or --reuse one seeded by
 * bench:reports, bench:contacts or an earlier --keep run), migrates it, makes 5 teams, 10 channels and 50 agents
 * through the API and seeds the bench:reports history (100,000 contacts, 200,000 conversations, 1M+ messages) with the
 * last three days' conversations reopened as open work (openRecentWork), then times, as an admin and as an agent of
 * one team, the first page of each filter, their combinations and searches over every status, printing p50/p95/max per
 * case and person. The worst case's p95 is what the RESULT line reports.
 *
 *   --reps N       timed requests per case and person (20), after one untimed warm-up request
 *   --contacts N   contacts; each has two conversations (100000)
 *   --keep         keep the database (its name is printed) for EXPLAIN ANALYZE and later runs
 *   --reuse DB     time against a database an earlier --keep run seeded
 *   --only 'a|b'   time only these cases (by name; names hold commas)
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import type { ChannelView, ConversationView, Page, SavedViewCounts, SavedViewView, TeamView } from '@backtalk/contracts';
import { api, percentile } from './bench-support';
import { BENCH_AGENT, BUSY_TEAMS, caseTableHeader, caseTableRow, createBusyPeople, openBenchInstall, openRecentWork, seedBusyHistory, signIn, type TimedCase, timedGet } from './busy-install';

const { values: options } = parseArgs({
  options: {
    reps: { type: 'string', default: '20' },
    contacts: { type: 'string', default: '100000' },
    days: { type: 'string', default: '90' },
    keep: { type: 'boolean', default: false },
    reuse: { type: 'string' },
    only: { type: 'string' },
  },
});
const REPS = Number(options.reps);
const TARGET_P95_MS = 150;
/** Words of the seeded messages, each in thousands of them: one for the warm-up and each of 20 timed first searches. */
const COMMON_WORDS = ['parcel', 'refund', 'order', 'charged', 'courier', 'arrives', 'person', 'duplicate', 'business', 'tomorrow', 'waiting', 'sorted', 'доставка', 'check', 'issued', 'fixed', 'twice', 'talk', 'please', 'thanks', 'where', 'arrived'];

async function main(): Promise<void> {
  const install = await openBenchInstall({ kind: 'inbox', reuse: options.reuse, keep: options.keep });
  const { database, baseUrl, db } = install;
  try {
    if (install.fresh) {
      process.stdout.write(`database ${database}: 5 teams, 10 channels, 50 agents through the API…\n`);
      await seedBusyHistory(install, await createBusyPeople(install), { contacts: Number(options.contacts), days: Number(options.days) });
    }
    const openWork = await openRecentWork(db);
    if (openWork > 0) process.stdout.write(`${openWork} recent conversations made open work (open, pending, snoozed; waiting, unread, SLA due)\n`);
    await db.query('VACUUM ANALYZE conversation, contact, consent, message, conversation_label');
    const conversations = Number((await db.query(`SELECT count(*) AS n FROM conversation`)).rows[0].n);
    const admin = { accessToken: install.adminToken };
    const agent = { accessToken: await signIn(install, BENCH_AGENT) };

    const teams = await api<TeamView[]>(baseUrl, 'GET', '/api/teams', undefined, admin.accessToken);
    const channels = await api<ChannelView[]>(baseUrl, 'GET', '/api/channels', undefined, admin.accessToken);
    const team = teams.find((candidate) => candidate.name === BUSY_TEAMS[0]);
    const channel = channels.find((candidate) => candidate.teamId === team?.id);
    if (!team || !channel) throw new Error(`The database has no team ${BUSY_TEAMS[0]} with a channel: was it seeded by bench:reports or bench:contacts?`);
    const [sample] = (
      await db.query<{ name: string; assignee_id: string }>(
        `SELECT ct.name, c.assignee_id FROM conversation c JOIN contact ct ON ct.id = c.contact_id
         WHERE c.team_id = $1 AND ct.name <> '' AND c.assignee_id IS NOT NULL ORDER BY c.id OFFSET 1000 LIMIT 1`,
        [team.id],
      )
    ).rows;
    if (!sample) throw new Error('No named, assigned conversation in the first team to search for');
    const now = Date.now();
    const week = new Date(now - 7 * 86_400_000).toISOString();
    const month = new Date(now - 30 * 86_400_000).toISOString();

    const cases: Array<{ name: string; query: Record<string, string | string[]> }> = [
      { name: 'open', query: { status: 'open' } },
      { name: 'every status', query: {} },
      { name: 'resolved', query: { status: 'resolved' } },
      { name: 'longest waiting', query: { status: 'open', sort: 'waiting' } },
      { name: 'search name, every status', query: { q: sample.name.slice(3, -1).toLowerCase() } },
      { name: 'search common, every status', query: { q: 'custom' } },
      { name: 'search text, resolved', query: { q: 'parcel', status: 'resolved' } },
      { name: 'team', query: { view: 'team', teamId: team.id } },
      { name: 'channel', query: { channelId: channel.id } },
      { name: 'assignee', query: { assigneeId: sample.assignee_id } },
      { name: 'unassigned', query: { view: 'unassigned' } },
      { name: 'priority urgent+high', query: { priority: ['urgent', 'high'] } },
      { name: 'language uk', query: { language: 'uk' } },
      { name: 'sla breached', query: { sla: 'breached' } },
      { name: 'sla at risk', query: { sla: 'at_risk' } },
      { name: 'opted out', query: { optedOut: 'true' } },
      { name: 'unread', query: { unread: 'true' } },
      { name: 'created 7d', query: { createdFrom: week } },
      { name: 'active 30-7d', query: { activeFrom: month, activeTo: week } },
      { name: 'combined', query: { status: 'resolved', priority: ['high', 'urgent'], activeFrom: month, channelId: channel.id } },
    ];
    const selected = cases.filter((entry) => !options.only || options.only.split('|').includes(entry.name));
    process.stdout.write(`${conversations} conversations; timing ${selected.length} cases × admin and agent, ${REPS} requests each…\n`);
    process.stdout.write(`${caseTableHeader()}\n`);

    const people = [['admin', admin.accessToken], ['agent', agent.accessToken]] as const;
    const timings: TimedCase[] = [];
    const time = async (name: string, who: string, path: string | ((rep: number) => string), token: string, found: (body: unknown) => number) => {
      const pathOf = typeof path === 'string' ? () => path : path;
      const first = await timedGet<unknown>(baseUrl, pathOf(-1), token);
      const samples: number[] = [];
      for (let rep = 0; rep < REPS; rep++) samples.push((await timedGet(baseUrl, pathOf(rep), token)).ms);
      const timing = { name, who, samples: samples.sort((a, b) => a - b), found: found(first.body) };
      timings.push(timing);
      process.stdout.write(`${caseTableRow(timing)}\n`);
    };
    for (const entry of selected) {
      const params = new URLSearchParams({ limit: '50' });
      for (const [key, value] of Object.entries(entry.query)) for (const item of [value].flat()) params.append(key, item);
      for (const [who, token] of people) await time(entry.name, who, `/api/conversations?${params}`, token, (body) => (body as Page<ConversationView>).items.length);
    }
    if (!options.only || options.only.split('|').includes('first search, resolved')) {
      // The API remembers for a while which words are common, so repeating one search times the list alone; a word
      // nobody searched before also pays for finding out, and is timed here with a different common word each time.
      const firstSearch = (rep: number) => `/api/conversations?${new URLSearchParams({ limit: '50', status: 'resolved', q: COMMON_WORDS[(rep + 1) % COMMON_WORDS.length] })}`;
      for (const [who, token] of people) await time('first search, resolved', who, firstSearch, token, (body) => (body as Page<ConversationView>).items.length);
    }
    if (!options.only || options.only.split('|').includes('view counts')) {
      // Each person's sidebar: one view per case above, private, counted in one request.
      for (const [who, token] of people) {
        const existing = await api<SavedViewView[]>(baseUrl, 'GET', '/api/views', undefined, token);
        for (const entry of cases) {
          if (existing.some((view) => view.name === entry.name)) continue;
          const filters = Object.fromEntries(Object.entries(entry.query).map(([key, value]) => [key, ['priority', 'language'].includes(key) ? [value].flat() : value === 'true' ? true : value]));
          await api(baseUrl, 'POST', '/api/views', { name: entry.name, filters }, token);
        }
        await time('view counts', who, '/api/views/counts', token, (body) => Object.keys(body as SavedViewCounts).length);
      }
    }

    const worst = Math.max(...timings.map((timing) => percentile(timing.samples, 95)));
    const max = Math.max(...timings.flatMap((timing) => timing.samples));
    const missed = timings.filter((timing) => percentile(timing.samples, 95) > TARGET_P95_MS);
    process.stdout.write(`\nfound is the page's size (50 at most), or the number of views counted; target p95 ≤ ${TARGET_P95_MS} ms${missed.length > 0 ? `; missed by: ${missed.map((timing) => `${timing.name} (${timing.who})`).join(', ')}` : ', met by every case'}\n`);
    if (options.keep || options.reuse) process.stdout.write(`database kept: ${database}\n`);
    process.stdout.write(`RESULT inbox p95_ms=${worst.toFixed(0)} max_ms=${max.toFixed(0)}\n`);
  } finally {
    await install.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
