/**
 * npm run bench:scale — the inbox of a busy install while customers keep writing. Seeds a database of its own (or
 * reuses one an earlier --keep run left) to the size of a busy install: 5 teams, 10 channels, 50 agents made through
 * the API, then 90 days of history set-wise (tools/bench/reports-seed.ts: 100,000 contacts, 200,000 conversations,
 * 1M+ messages), the last three days reopened as open work, and the contacts given real first names and surnames
 * (Latin and Cyrillic). A light stream of signed webhooks (--rate per second, from existing customers) runs the whole
 * time. Timed, as an admin and as an agent of one team: each inbox view with its first and next page, the counts,
 * opening a thread (its conversation, first page of messages, an older page, activity), searches by number, name and
 * text, the queue view, take-next and assignment. The last line is the RESULT with each group's worst p95.
 *
 *   --reps N       timed requests per case and person (20), after one untimed warm-up request
 *   --rate N       webhooks per second while timing (5)
 *   --contacts N   contacts; each has two conversations (100000)
 *   --keep         keep the database (its name is printed) for EXPLAIN ANALYZE and later runs
 *   --reuse DB     time against a database an earlier --keep run of this bench seeded
 *   --only 'a|b'   time only these cases (by name)
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import type { ChannelView, ConversationView, InboxCounts, MessageView, Page, TeamView } from '@backtalk/contracts';
import { genericSigned } from '@backtalk/testing';
import Queue from 'bull';
import { api, percentile } from './bench-support';
import { BENCH_AGENT, BUSY_TEAMS, createBusyPeople, foldReportBacklog, openBenchInstall, openRecentWork, seedBusyHistory, signIn, spread, tableRow, timedGet, timedRequest, type BenchInstall } from './busy-install';

const { values: options } = parseArgs({
  options: {
    reps: { type: 'string', default: '20' },
    rate: { type: 'string', default: '5' },
    contacts: { type: 'string', default: '100000' },
    days: { type: 'string', default: '90' },
    keep: { type: 'boolean', default: false },
    reuse: { type: 'string' },
    only: { type: 'string' },
  },
});
const REPS = Number(options.reps);
const TARGETS = { list: 100, counts: 100, thread: 100, search: 250, take_next: 100 } as const;
type Group = keyof typeof TARGETS | 'queue' | 'assign' | 'sweep';
const LOAD_CHANNEL = 'Support live line';
const LOAD_SECRET = 'bench-scale-live-line-secret';

const FIRST_NAMES = ['Olha', 'Taras', 'Iryna', 'Mykola', 'Oksana', 'Andrii', 'Emma', 'James', 'Olivia', 'Noah', 'Ольга', 'Тарас', 'Ірина', 'Микола', 'Оксана', 'Андрій', 'Наталія', 'Сергій'];
const SURNAMES = [
  'Shevchenko', 'Kovalenko', 'Bondarenko', 'Tkachenko', 'Kravchenko', 'Melnyk', 'Boiko', 'Koval', 'Oliinyk', 'Lysenko', 'Smith', 'Johnson', 'Williams', 'Brown', 'Garcia', 'Miller',
  'Шевченко', 'Коваленко', 'Бондаренко', 'Ткаченко', 'Кравченко', 'Мельник', 'Бойко', 'Коваль', 'Олійник', 'Лисенко', 'Руденко', 'Савченко', 'Петренко', 'Марченко', 'Поліщук', 'Гончаренко',
];

interface Timing {
  group: Group;
  name: string;
  who: string;
  samples: number[];
  found: number;
}

/**
 * The seed names contacts "Customer <n>"; a busy install's customers have first names and surnames, a few hundred
 * people sharing each surname, which is what a surname search has to sort through. Done once per database.
 */
async function nameCustomers(install: BenchInstall): Promise<number> {
  const result = await install.db.query(
    `UPDATE contact SET name = ($1::text[])[1 + abs(hashtext(id::text)) % array_length($1, 1)] || ' ' || ($2::text[])[1 + abs(hashtext(id::text || 's')) % array_length($2, 1)]
     WHERE name LIKE 'Customer %'`,
    [FIRST_NAMES, SURNAMES],
  );
  return result.rowCount ?? 0;
}

/** The channel the live load writes to, made once: its secret is known to the bench (stored secrets cannot be read back). */
async function loadChannel(install: BenchInstall, teamId: string): Promise<ChannelView> {
  const channels = await api<ChannelView[]>(install.baseUrl, 'GET', '/api/channels', undefined, install.adminToken);
  const existing = channels.find((channel) => channel.name === LOAD_CHANNEL);
  if (existing) return existing;
  return api<ChannelView>(
    install.baseUrl,
    'POST',
    '/api/channels',
    { teamId, name: LOAD_CHANNEL, provider: 'generic', sender: '+14155550990', senderType: 'long_code', country: 'US', secrets: { signatureSecret: LOAD_SECRET } },
    install.adminToken,
  );
}

/** Customers keep writing while the inbox is timed: `rate` signed webhooks a second from existing numbers. */
function startLoad(install: BenchInstall, channel: ChannelView, phones: string[], rate: number): { stop(): Promise<{ sent: number; failed: number }> } {
  const path = new URL(channel.webhookUrl).pathname;
  let sent = 0;
  let failed = 0;
  const inFlight = new Set<Promise<void>>();
  const texts = ['Where is my order?', 'Коли буде доставка?', 'Is anyone there?', 'I still have not got my refund', 'Дякую!'];
  const timer = setInterval(() => {
    const number = sent++;
    const webhook = genericSigned(path, { type: 'message', id: `scale-${Date.now()}-${number}`, from: phones[number % phones.length], to: channel.sender, text: texts[number % texts.length] }, LOAD_SECRET);
    const request = fetch(`${install.baseUrl}${webhook.path}`, { method: 'POST', headers: webhook.headers, body: webhook.body })
      .then(async (response) => {
        await response.arrayBuffer();
        if (!response.ok) failed++;
      })
      .catch(() => {
        failed++;
      })
      .finally(() => inFlight.delete(request));
    inFlight.add(request);
  }, 1000 / rate);
  return {
    async stop() {
      clearInterval(timer);
      await Promise.all(inFlight);
      return { sent, failed };
    },
  };
}

const WIDTHS = [34, 6, 6, 9, 9, 9];

/** The group, then a table row: both the group and the case read left-aligned. */
function row(group: string, cells: Array<string | number>): string {
  return `${group.padEnd(9)}  ${tableRow(cells, WIDTHS)}`;
}

function format(timing: Timing): string {
  return row(timing.group, [timing.name, timing.who, timing.found, ...spread(timing.samples)]);
}

async function main(): Promise<void> {
  const install = await openBenchInstall({ kind: 'scale', reuse: options.reuse, keep: options.keep, runWorkers: true });
  const { database, baseUrl, db } = install;
  let load: ReturnType<typeof startLoad> | undefined;
  try {
    if (install.fresh) {
      process.stdout.write(`database ${database}: 5 teams, 10 channels, 50 agents through the API…\n`);
      await seedBusyHistory(install, await createBusyPeople(install, { routing: true }), { contacts: Number(options.contacts), days: Number(options.days) });
    }
    const openWork = await openRecentWork(db);
    if (openWork > 0) process.stdout.write(`${openWork} recent conversations made open work (open, pending, snoozed; waiting, unread, SLA due)\n`);
    await foldReportBacklog(install);
    const named = await nameCustomers(install);
    if (named > 0) process.stdout.write(`${named} customers given first names and surnames\n`);
    await db.query('VACUUM ANALYZE conversation, contact, contact_presence, consent, message, conversation_activity');
    const messages = Number((await db.query(`SELECT count(*) AS n FROM message`)).rows[0].n);

    const teams = await api<TeamView[]>(baseUrl, 'GET', '/api/teams', undefined, install.adminToken);
    const team = teams.find((candidate) => candidate.name === BUSY_TEAMS[0]);
    if (!team) throw new Error(`The database has no team ${BUSY_TEAMS[0]}: was it seeded by this bench?`);
    const people = [
      ['admin', install.adminToken],
      ['agent', await signIn(install, BENCH_AGENT)],
    ] as const;
    // Take-next claims a conversation each time: each take goes to the next of the team's agents so nobody reaches a limit.
    const takers: string[] = [];
    for (let k = 1; k <= 9; k++) takers.push(await signIn(install, `agent-1-${k}@bench.local`));

    // What to search for and open: a customer of the agent's team with a long thread, one rare word put into a few
    // dozen messages, and the numbers the live load writes from.
    const [sample] = (
      await db.query<{ id: string; phone: string; name: string; messages: number }>(
        `SELECT c.id, ct.phone, ct.name, count(m.id)::int AS messages FROM conversation c JOIN contact ct ON ct.id = c.contact_id JOIN message m ON m.conversation_id = c.id
         WHERE c.team_id = $1 AND ct.name <> '' GROUP BY c.id, ct.phone, ct.name ORDER BY count(m.id) DESC, c.id LIMIT 1`,
        [team.id],
      )
    ).rows;
    if (!sample) throw new Error('No conversation in the first team to open');
    await db.query(
      `UPDATE message SET body = body || ' Квитанція ZX-4471 не прийшла' WHERE id IN (
         SELECT id FROM message WHERE direction = 'inbound' AND body NOT LIKE '%ZX-4471%' ORDER BY id LIMIT 40 - (SELECT count(*) FROM message WHERE body LIKE '%ZX-4471%'))`,
    );
    const phones = (await db.query<{ phone: string }>(`SELECT ct.phone FROM contact ct JOIN contact_presence p ON p.contact_id = ct.id WHERE p.team_id = $1 ORDER BY ct.id LIMIT 500`, [team.id])).rows.map((row) => row.phone);
    const surname = sample.name.split(' ')[1];
    const digits = sample.phone.slice(2);
    const channel = await loadChannel(install, team.id);

    process.stdout.write(`${messages} messages; webhook load ${options.rate}/s; timing as admin and agent, ${REPS} requests each…\n`);
    load = startLoad(install, channel, phones, Number(options.rate));
    const timings: Timing[] = [];
    process.stdout.write(`${row('group', ['case', 'who', 'found', 'p50 ms', 'p95 ms', 'max ms'])}\n`);
    const selected = (name: string) => !options.only || options.only.split('|').includes(name);
    const record = (group: Group, name: string, who: string, samples: number[], found: number) => {
      const timing = { group, name, who, samples: samples.sort((a, b) => a - b), found };
      timings.push(timing);
      process.stdout.write(`${format(timing)}\n`);
    };
    const timeGet = async <T>(group: Group, name: string, who: string, token: string, path: string, found: (body: T) => number) => {
      if (!selected(name)) return;
      const first = await timedGet<T>(baseUrl, path, token);
      const samples: number[] = [];
      for (let rep = 0; rep < REPS; rep++) samples.push((await timedGet(baseUrl, path, token)).ms);
      record(group, name, who, samples, found(first.body));
    };
    const listPath = (query: Record<string, string>, cursor?: string) => `/api/conversations?${new URLSearchParams({ limit: '50', ...query, ...(cursor ? { cursor } : {}) })}`;
    const pageSize = (body: Page<unknown>) => body.items.length;

    const views: Array<[string, Record<string, string>]> = [
      ['mine', { view: 'mine', status: 'open' }],
      ['unassigned', { view: 'unassigned', status: 'open' }],
      ['team', { view: 'team', teamId: team.id, status: 'open' }],
      ['all open', { view: 'all', status: 'open' }],
      ['all pending', { view: 'all', status: 'pending' }],
      ['all snoozed', { view: 'all', status: 'snoozed' }],
      ['all resolved', { view: 'all', status: 'resolved' }],
      ['longest waiting', { view: 'all', status: 'open', sort: 'waiting' }],
    ];
    const searches: Array<[string, string]> = [
      ['number, whole', sample.phone],
      ['number, national', `(${digits.slice(0, 3)}) ${digits.slice(3, 6)}-${digits.slice(6)}`],
      ['number, last digits', digits.slice(-5)],
      ['name', sample.name],
      ['surname', surname],
      ['word, common', 'parcel'],
      ['word, Ukrainian', 'доставка'],
      ['word, rare', 'ZX-4471'],
    ];

    for (const [who, token] of people) {
      for (const [name, query] of views) {
        await timeGet<Page<ConversationView>>('list', `${name}, first page`, who, token, listPath(query), pageSize);
        const first = await timedGet<Page<ConversationView>>(baseUrl, listPath(query), token);
        if (first.body.nextCursor) await timeGet<Page<ConversationView>>('list', `${name}, next page`, who, token, listPath(query, first.body.nextCursor), pageSize);
      }
      for (const status of ['open', 'pending', 'resolved']) {
        await timeGet<InboxCounts>('counts', `counts ${status}`, who, token, `/api/conversations/counts?status=${status}`, (body) => body.all);
      }
      await timeGet('counts', 'saved view counts', who, token, '/api/views/counts', (body: Record<string, number>) => Object.keys(body).length);
      await timeGet<ConversationView>('thread', 'conversation', who, token, `/api/conversations/${sample.id}`, () => 1);
      await timeGet<Page<MessageView>>('thread', 'messages, latest page', who, token, `/api/conversations/${sample.id}/messages?limit=30`, pageSize);
      const latest = await timedGet<Page<MessageView>>(baseUrl, `/api/conversations/${sample.id}/messages?limit=5`, token);
      if (latest.body.nextCursor) await timeGet<Page<MessageView>>('thread', 'messages, older page', who, token, `/api/conversations/${sample.id}/messages?limit=5&before=${encodeURIComponent(latest.body.nextCursor)}`, pageSize);
      await timeGet<unknown[]>('thread', 'activity', who, token, `/api/conversations/${sample.id}/activity`, (body) => body.length);
      for (const [name, q] of searches) await timeGet<Page<ConversationView>>('search', `search ${name}`, who, token, listPath({ q }), pageSize);
      await timeGet<unknown[]>('queue', 'queues', who, token, '/api/queues', (body) => body.length);
      await timeGet<unknown>('queue', 'queue of a team', who, token, `/api/queues/${team.id}`, () => 1);
    }

    if (selected('take next') || selected('assign')) {
      // Each take is undone by an assignment back to nobody, which is timed too: the queue's head is taken again.
      const takes: number[] = [];
      const assigns: number[] = [];
      let taken = 0;
      for (let rep = -1; rep < REPS; rep++) {
        const token = takers[(rep + 1) % takers.length];
        const take = await timedRequest<{ conversationId: string | null }>(baseUrl, 'POST', '/api/queues/take-next', token, {});
        if (!take.body.conversationId) throw new Error('take-next found nothing waiting');
        const unassign = await timedRequest(baseUrl, 'POST', `/api/conversations/${take.body.conversationId}/assign`, install.adminToken, { assigneeId: null });
        if (rep >= 0) {
          takes.push(take.ms);
          assigns.push(unassign.ms);
          taken++;
        }
      }
      record('take_next', 'take next', 'agents', takes, taken);
      record('assign', 'assign', 'admin', assigns, taken);
    }

    // The routing sweep (snoozes, offline agents, queues, SLA due times and breaches) runs every 2 s in the worker
    // next to these requests; Bull keeps its last ten runs with their start and end.
    const routing = new Queue('routing', 'redis://127.0.0.1:6379', { prefix: `${install.env.REDIS_PREFIX}:bull` });
    const sweeps = (await routing.getCompleted(0, 50)).filter((job) => job.name === 'routing-sweep' && job.finishedOn && job.processedOn);
    await routing.close();
    if (sweeps.length > 0) record('sweep', 'routing sweep (last runs)', 'worker', sweeps.map((job) => job.finishedOn! - job.processedOn!), sweeps.length);

    const loadResult = await load.stop();
    load = undefined;
    const worst = (group: Group) => {
      const p95s = timings.filter((timing) => timing.group === group).map((timing) => percentile(timing.samples, 95));
      return p95s.length > 0 ? Math.max(...p95s).toFixed(0) : 'n/a';
    };
    const missed = timings.filter((timing) => timing.group in TARGETS && percentile(timing.samples, 95) > TARGETS[timing.group as keyof typeof TARGETS]);
    process.stdout.write(
      `\nwebhooks during the run: ${loadResult.sent} sent, ${loadResult.failed} failed\n` +
        `targets p95: list, counts, thread, take-next ≤ 100 ms; search ≤ 250 ms${missed.length > 0 ? `; missed by: ${missed.map((timing) => `${timing.name} (${timing.who})`).join(', ')}` : '; met by every case'}\n`,
    );
    if (options.keep || options.reuse) process.stdout.write(`database kept: ${database}\n`);
    process.stdout.write(`RESULT scale msgs=${messages} list_p95_ms=${worst('list')} counts_p95_ms=${worst('counts')} thread_p95_ms=${worst('thread')} search_p95_ms=${worst('search')} take_next_p95_ms=${worst('take_next')} sweep_p95_ms=${worst('sweep')}\n`);
  } finally {
    await load?.stop();
    await install.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
