import { AccessTokenService, TeamsService, UsersService } from '@backtalk/auth';
import { ChannelsService } from '@backtalk/channels';
import { type AgentsReport, type AutomationReport, type ConversationsReport, type CsatReport, type DeliveryReport, ErrorCode, type OverviewReport, Provider, type ResponseTimesReport, Role, SenderType, type SlaReport } from '@backtalk/contracts';
import { TestApp } from '@backtalk/testing';
import { ApiModule } from './api.module';

const PASSWORD = 'correct horse battery staple';
const FROM = '2026-03-02T00:00:00.000Z';
const TO = '2026-03-04T00:00:00.000Z';
const MINUTE = 60_000;

type Kind = 'customer' | 'agent' | 'auto_reply' | 'notification' | 'note';

/** A hand-made conversation: when it started, where, who holds it, and its messages as minutes after the start. */
interface Fixture {
  team: 'support' | 'billing';
  createdAt: string;
  assignee: 'agent' | 'billingAgent' | null;
  messages: Array<{ at: number; kind: Kind; segments?: number; cost?: number; status?: 'sent' | 'undelivered' | 'failed'; error?: [string, string]; faq?: boolean }>;
  /** Replies automation held back: minutes after the start, and the reason the thread shows. */
  /** A hold's kind, or the English sentence of a line written before holds had kinds. */
  held?: Array<[number, string]>;
  resolvedAt?: number[];
  reopenedAt?: number[];
  firstResponseBreached?: boolean;
  rating?: { value: number; comment?: string; at: number };
}

const FIXTURES: Fixture[] = [
  {
    team: 'support',
    createdAt: '2026-03-02T09:00:00.000Z',
    assignee: 'agent',
    messages: [{ at: 0, kind: 'customer' }, { at: 3, kind: 'agent', segments: 2, cost: 0.0158 }, { at: 10, kind: 'customer' }, { at: 20, kind: 'agent', segments: 1, cost: 0.0079, status: 'failed', error: ['30007', 'The carrier filtered the message as spam'] }],
    resolvedAt: [30],
    held: [[11, 'asked_for_person']],
    rating: { value: 5, at: 60 },
  },
  {
    // Answered by automation only, resolved, reopened by the customer and resolved again, late in the UTC day.
    team: 'support',
    createdAt: '2026-03-02T23:30:00.000Z',
    assignee: null,
    messages: [{ at: 0, kind: 'customer' }, { at: 0.5, kind: 'auto_reply', segments: 1, cost: 0.0079, status: 'sent', faq: true }, { at: 40, kind: 'customer' }],
    resolvedAt: [5, 60],
    reopenedAt: [30],
  },
  {
    team: 'support',
    createdAt: '2026-03-03T10:00:00.000Z',
    assignee: 'agent',
    messages: [{ at: 0, kind: 'customer' }, { at: 1, kind: 'note' }, { at: 12, kind: 'agent', segments: 1, cost: 0.0079 }],
    firstResponseBreached: true,
    held: [
      [0.2, 'no_faq_match'],
      // Written before holds had kinds: only the sentence the thread showed.
      [0.4, 'The FAQ score was below the threshold'],
    ],
    rating: { value: 2, comment: '=1+1 too slow', at: 70 },
  },
  {
    // Began with a notification; the customer answered it.
    team: 'billing',
    createdAt: '2026-03-03T12:00:00.000Z',
    assignee: 'billingAgent',
    messages: [{ at: 0, kind: 'notification', segments: 3, cost: 0.135, status: 'undelivered', error: ['30003', 'The phone is switched off or out of coverage'] }, { at: 5, kind: 'customer' }, { at: 7, kind: 'agent', segments: 1, cost: 0.045 }],
    rating: { value: 4, at: 30 },
  },
  // The previous period of equal length, for compare.
  { team: 'support', createdAt: '2026-03-01T10:00:00.000Z', assignee: 'agent', messages: [{ at: 0, kind: 'customer' }, { at: 4, kind: 'agent', segments: 1, cost: 0.0079 }] },
  // After the range.
  { team: 'support', createdAt: '2026-03-04T01:00:00.000Z', assignee: null, messages: [{ at: 0, kind: 'customer' }] },
];

const at = (fixture: Fixture, minutes: number) => new Date(new Date(fixture.createdAt).getTime() + minutes * MINUTE);
const inRange = (instant: Date, from = FROM, to = TO) => instant >= new Date(from) && instant < new Date(to);
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = (sorted.length - 1) / 2;
  return (sorted[Math.floor(middle)] + sorted[Math.ceil(middle)]) / 2;
};

/** The overview's numbers worked out from the fixtures by hand, as the metric definitions say. */
function expectedOverview(fixtures: Fixture[], from = FROM, to = TO) {
  const started = fixtures.filter((fixture) => inRange(new Date(fixture.createdAt), from, to));
  const messages = fixtures.flatMap((fixture) => fixture.messages.filter((message) => message.kind !== 'note' && inRange(at(fixture, message.at), from, to)));
  const outbound = messages.filter((message) => message.kind !== 'customer');
  const firstResponses = started.flatMap((fixture) => {
    const firstCustomer = fixture.messages.find((message) => message.kind === 'customer');
    const reply = fixture.messages.find((message) => (message.kind === 'agent' || message.kind === 'auto_reply') && firstCustomer && message.at >= firstCustomer.at);
    return firstCustomer && reply ? [(reply.at - firstCustomer.at) * 60] : [];
  });
  const slaEligible = started.filter((fixture) => fixture.team === 'support');
  const ratings = fixtures.flatMap((fixture) => (fixture.rating && inRange(at(fixture, fixture.rating.at), from, to) ? [fixture.rating.value] : []));
  const percent = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 1000) / 10);
  return {
    conversationsCreated: started.length,
    inboundMessages: messages.length - outbound.length,
    outboundMessages: outbound.length,
    medianFirstResponse: firstResponses.length ? median(firstResponses) : null,
    resolutions: fixtures.flatMap((fixture) => (fixture.resolvedAt ?? []).filter((minutes) => inRange(at(fixture, minutes), from, to))).length,
    slaMetPercent: percent(slaEligible.filter((fixture) => !fixture.firstResponseBreached).length, slaEligible.length),
    autoAnsweredPercent: percent(started.filter((fixture) => fixture.messages.some((m) => m.kind === 'auto_reply') && !fixture.messages.some((m) => m.kind === 'agent')).length, started.length),
    outboundSegments: outbound.reduce((sum, message) => sum + (message.segments ?? 0), 0),
    cost: Math.round(outbound.reduce((sum, message) => sum + (message.cost ?? 0), 0) * 100000) / 100000,
    csatPercent: percent(ratings.filter((rating) => rating >= 4).length, ratings.length),
  };
}

describe('reports API: every report from the real tables, within the access rule, as JSON and CSV', () => {
  let t: TestApp;
  let admin: string;
  let billingAgentToken: string;
  let teams: Record<'support' | 'billing', string>;
  let faqId: string;
  const conversationIds: string[] = [];

  beforeAll(async () => {
    t = await TestApp.create(ApiModule.forRoot({ runWorkers: false }));
    await t.reset();
    const teamsService = t.app.get(TeamsService);
    teams = { support: (await teamsService.create({ name: 'Support' })).id, billing: (await teamsService.create({ name: 'Billing' })).id };
    await t.dataSource.query(`UPDATE team SET sla_first_response_minutes = 5 WHERE id = $1`, [teams.support]);
    const users = t.app.get(UsersService);
    const tokens = t.app.get(AccessTokenService);
    const adminUser = await users.create({ email: 'lead@example.com', name: 'Lead', role: Role.Admin, password: PASSWORD, teamIds: [] });
    const agent = await users.create({ email: 'agent@example.com', name: 'Ann Agent', role: Role.Agent, password: PASSWORD, teamIds: [teams.support] });
    const billingAgent = await users.create({ email: 'billing@example.com', name: 'Bill Agent', role: Role.Agent, password: PASSWORD, teamIds: [teams.billing] });
    admin = await tokens.issue(adminUser.id);
    billingAgentToken = await tokens.issue(billingAgent.id);
    const channels = t.app.get(ChannelsService);
    const channelOf = async (team: 'support' | 'billing', sender: string) =>
      (
        await channels.create({
          teamId: teams[team],
          name: `${team} line`,
          provider: Provider.Generic,
          sender,
          senderType: SenderType.TollFree,
          ratePerSecond: 10,
          country: 'US',
          secrets: { signatureSecret: 'secret', baseUrl: 'http://127.0.0.1:9' },
          confirmations: { optOut: 'You are unsubscribed.', optIn: null, help: false },
        })
      ).id;
    const channelIds = { support: await channelOf('support', '+14155550101'), billing: await channelOf('billing', '+14155550102') };
    const assignees = { agent: agent.id, billingAgent: billingAgent.id };
    faqId = (await t.dataSource.query<Array<{ id: string }>>(`INSERT INTO canned_answer (team_id, title, body, shortcode) VALUES ($1, 'Where is my order', 'On its way', 'order') RETURNING id`, [teams.support]))[0].id;

    for (const [index, fixture] of FIXTURES.entries()) {
      const [{ id: contactId }] = await t.dataSource.query<Array<{ id: string }>>(`INSERT INTO contact (phone) VALUES ($1) RETURNING id`, [`+3805000000${index}`]);
      const resolved = fixture.resolvedAt?.length ? at(fixture, fixture.resolvedAt[fixture.resolvedAt.length - 1]) : null;
      const [{ id: conversationId }] = await t.dataSource.query<Array<{ id: string }>>(
        `INSERT INTO conversation (channel_id, contact_id, team_id, status, assignee_id, created_at, resolved_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [channelIds[fixture.team], contactId, teams[fixture.team], resolved ? 'resolved' : 'open', fixture.assignee ? assignees[fixture.assignee] : null, fixture.createdAt, resolved],
      );
      for (const message of fixture.messages) {
        await t.dataSource.query(
          `INSERT INTO message (conversation_id, channel_id, direction, status, body, encoding, segments, sent_at, kind, author_id, estimated_cost, error_code, error_reason, metadata)
           VALUES ($1, $2, $3, $4, 'text', 'GSM-7', $5, $6, $7, $8, $9, $10, $11, $12)`,
          [
            conversationId,
            channelIds[fixture.team],
            message.kind === 'customer' ? 'inbound' : 'outbound',
            message.kind === 'customer' ? 'received' : (message.status ?? 'delivered'),
            message.segments ?? 1,
            at(fixture, message.at),
            message.kind,
            message.kind === 'agent' && fixture.assignee ? assignees[fixture.assignee] : null,
            message.cost ?? null,
            message.error?.[0] ?? null,
            message.error?.[1] ?? null,
            message.faq ? JSON.stringify({ automation: 'rule', faqId }) : null,
          ],
        );
      }
      for (const minutes of fixture.resolvedAt ?? []) {
        // The assigned agent resolved it; with nobody assigned, a rule did.
        const resolver = fixture.assignee ? assignees[fixture.assignee] : null;
        await t.dataSource.query(`INSERT INTO conversation_activity (conversation_id, team_id, type, actor_kind, actor_id, occurred_at) VALUES ($1, $2, 'resolved', $3, $4, $5)`, [
          conversationId,
          teams[fixture.team],
          resolver ? 'user' : 'automation',
          resolver,
          at(fixture, minutes),
        ]);
      }
      for (const minutes of fixture.reopenedAt ?? []) {
        await t.dataSource.query(`INSERT INTO conversation_activity (conversation_id, team_id, type, actor_kind, occurred_at) VALUES ($1, $2, 'reopened', 'customer', $3)`, [conversationId, teams[fixture.team], at(fixture, minutes)]);
      }
      for (const [minutes, held] of fixture.held ?? []) {
        const data = /^[a-z_]+$/.test(held) ? { hold: { kind: held } } : { reason: held };
        await t.dataSource.query(`INSERT INTO conversation_activity (conversation_id, team_id, type, actor_kind, data, occurred_at) VALUES ($1, $2, 'automation_held', 'automation', $3, $4)`, [conversationId, teams[fixture.team], JSON.stringify(data), at(fixture, minutes)]);
      }
      conversationIds.push(conversationId);
      if (fixture.firstResponseBreached) {
        await t.dataSource.query(`INSERT INTO sla_breach (conversation_id, team_id, kind, due_at, breached_at) VALUES ($1, $2, 'first_response', $3, $3)`, [conversationId, teams[fixture.team], at(fixture, 5)]);
      }
      if (fixture.rating) {
        await t.dataSource.query(
          `INSERT INTO csat_response (conversation_id, resolved_at, team_id, channel_id, contact_id, agent_id, rating, comment, surveyed_at, responded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $2, $9)`,
          [conversationId, at(fixture, 20), teams[fixture.team], channelIds[fixture.team], contactId, fixture.assignee ? assignees[fixture.assignee] : null, fixture.rating.value, fixture.rating.comment ?? null, at(fixture, fixture.rating.at)],
        );
      }
    }
    // Two opt-outs and an opt-in on Support's line in the range, one opt-out on Billing's, one before the range.
    const [{ id: anyContact }] = await t.dataSource.query<Array<{ id: string }>>(`SELECT id FROM contact LIMIT 1`);
    for (const [channel, action, when] of [
      ['support', 'opt_out', '2026-03-02T08:00:00Z'],
      ['support', 'opt_out', '2026-03-03T08:00:00Z'],
      ['support', 'opt_in', '2026-03-03T09:00:00Z'],
      ['billing', 'opt_out', '2026-03-03T13:00:00Z'],
      ['support', 'opt_out', '2026-03-01T08:00:00Z'],
    ] as const) {
      await t.dataSource.query(`INSERT INTO consent_event (contact_id, channel_id, action, source, created_at) VALUES ($1, $2, $3, 'keyword', $4)`, [anyContact, channelIds[channel], action, when]);
    }
  });
  afterAll(() => t.close());

  const report = <T>(name: string, query: string, token = admin, headers: Record<string, string> = {}) => t.request<T>('GET', `/api/reports/${name}?from=${FROM}&to=${TO}${query}`, { token, headers });

  it('gives the overview’s numbers as computed from the raw rows, with the previous period when asked', async () => {
    const { status, body } = await report<OverviewReport>('overview', '&compare=true');
    expect(status).toBe(200);
    const expected = expectedOverview(FIXTURES);
    const previous = expectedOverview(FIXTURES, '2026-02-28T00:00:00.000Z', FROM);
    expect(Object.fromEntries(Object.entries(body.metrics).map(([key, metric]) => [key, metric.value]))).toEqual(expected);
    expect(Object.fromEntries(Object.entries(body.metrics).map(([key, metric]) => [key, metric.previous]))).toEqual(previous);
    expect(expected).toMatchObject({ conversationsCreated: 4, medianFirstResponse: 150, resolutions: 3 });
    expect(body.previousRange).toEqual({ from: '2026-02-28T00:00:00.000Z', to: FROM, timeZone: 'UTC' });
    expect(body.series.conversationsCreated).toEqual([
      { day: '2026-03-02', value: 2 },
      { day: '2026-03-03', value: 2 },
    ]);
    expect(body).not.toHaveProperty('definitions');
  });

  it('narrows every report to the conversations carrying a label, as computed from those conversations’ rows', async () => {
    // The first conversation (agent-answered, one failed reply, rated 5) and the reopened auto-answered one.
    const labelled = [0, 1];
    const [{ id: labelId }] = await t.dataSource.query<Array<{ id: string }>>(`INSERT INTO label (name, color) VALUES ('Delivery', 'blue') RETURNING id`);
    await t.dataSource.query(`INSERT INTO conversation_label (conversation_id, label_id) SELECT unnest($1::uuid[]), $2`, [labelled.map((index) => conversationIds[index]), labelId]);
    try {
      const overview = (await report<OverviewReport>('overview', `&labelId=${labelId}`)).body;
      const expected = expectedOverview(labelled.map((index) => FIXTURES[index]));
      expect(Object.fromEntries(Object.entries(overview.metrics).map(([key, metric]) => [key, metric.value]))).toEqual(expected);
      const delivery = (await report<DeliveryReport>('delivery', `&labelId=${labelId}`)).body;
      expect(delivery.failures).toEqual([{ errorCode: '30007', reason: 'The carrier filtered the message as spam', count: 1 }]);
      const times = (await report<ResponseTimesReport>('response-times', `&labelId=${labelId}`)).body;
      expect(times.totals.firstResponse.count).toBe(2);
      const conversations = (await report<ConversationsReport>('conversations', `&labelId=${labelId}`)).body;
      expect(conversations.heatmap.reduce((sum, cell) => sum + cell.inboundMessages, 0)).toBe(expected.inboundMessages);
      expect((await report<CsatReport>('csat', `&labelId=${labelId}`)).body.metrics.responses.value).toBe(1);
    } finally {
      await t.dataSource.query(`DELETE FROM label WHERE id = $1`, [labelId]);
    }
  });

  it('counts days and the hour × weekday heatmap in the time zone asked for', async () => {
    const { body } = await report<ConversationsReport>('conversations', '&timeZone=Europe/Kyiv');
    // 23:30 UTC on Monday 2 March is 01:30 on Tuesday in Kyiv.
    expect(body.byDay.map((day) => [day.day, day.conversationsCreated])).toEqual([
      ['2026-03-02', 1],
      ['2026-03-03', 3],
      ['2026-03-04', 0],
    ]);
    const busy = body.heatmap.filter((cell) => cell.inboundMessages > 0).map((cell) => [cell.weekday, cell.hour, cell.inboundMessages]);
    expect(busy).toEqual([
      [0, 11, 2],
      [1, 1, 1],
      [1, 2, 1],
      [1, 12, 1],
      [1, 14, 1],
    ]);
    expect(body.heatmap).toHaveLength(7 * 24);
  });

  it('breaks volume down by team, channel and agent, with outbound messages by who wrote them', async () => {
    const { body } = await report<ConversationsReport>('conversations', '');
    expect(body.totals.outboundByAuthor).toEqual({ agent: 4, automation: 1, notification: 1 });
    expect(body.byTeam.map((row) => [row.name, row.conversationsCreated, row.inboundMessages, row.outboundMessages])).toEqual([
      ['Support', 3, 5, 4],
      ['Billing', 1, 1, 2],
    ]);
    expect(body.byAgent.map((row) => [row.name, row.conversationsCreated])).toEqual([
      ['Ann Agent', 2],
      ['Unassigned', 1],
      ['Bill Agent', 1],
    ]);
    expect(body.byChannel.map((row) => row.name).sort()).toEqual(['billing line', 'support line']);
  });

  it('shows an agent only their own teams’ numbers, whatever team they filter by', async () => {
    const own = (await report<OverviewReport>('overview', '', billingAgentToken)).body;
    expect(own.metrics).toMatchObject(
      Object.fromEntries(
        Object.entries(expectedOverview(FIXTURES.filter((fixture) => fixture.team === 'billing'))).map(([key, value]) => [key, { value }]),
      ),
    );
    const other = (await report<ConversationsReport>('conversations', `&teamId=${teams.support}`, billingAgentToken)).body;
    expect(other.totals.conversationsCreated.value).toBe(0);
    expect(other.byTeam).toEqual([]);
  });

  it('answers CSV with the same numbers as the JSON, by Accept header or ?format=csv', async () => {
    const json = (await report<OverviewReport>('overview', '')).body;
    const csv = await report<string>('overview', '', admin, { accept: 'text/csv' });
    expect(csv.status).toBe(200);
    expect(String(csv.headers['content-type'])).toContain('text/csv');
    const lines = csv.body.trimEnd().split('\n');
    expect(lines[0]).toBe('table,row,name,column,value');
    const metricRows = lines.filter((line) => line.startsWith('metrics,')).map((line) => line.split(','));
    expect(Object.fromEntries(metricRows.map(([, key, , , value]) => [key, value === '' ? null : Number(value)]))).toEqual(
      Object.fromEntries(Object.entries(json.metrics).map(([key, metric]) => [key, metric.value])),
    );
    const viaQuery = await report<string>('conversations', '&format=csv');
    const conversations = (await report<ConversationsReport>('conversations', '')).body;
    const byTeamRows = viaQuery.body.split('\n').filter((line) => line.startsWith('byTeam,') && line.includes(',conversationsCreated,'));
    expect(byTeamRows).toEqual(conversations.byTeam.map((row) => `byTeam,${row.id},${row.name},conversationsCreated,${row.conversationsCreated}`));
  });

  it('serves the same reports to an API key with reports:read, and refuses a key without it', async () => {
    const keyWith = async (scopes: string[]) => (await t.request<{ key: string }>('POST', '/api/api-keys', { token: admin, body: { name: scopes.join(' '), scopes } })).body.key;
    const reader = await keyWith(['reports:read']);
    const viaKey = await t.request<OverviewReport>('GET', `/api/v1/reports/overview?from=${FROM}&to=${TO}`, { headers: { 'x-api-key': reader } });
    expect(viaKey.status).toBe(200);
    expect(viaKey.body.metrics).toEqual((await report<OverviewReport>('overview', '')).body.metrics);
    const sender = await keyWith(['messages:send']);
    expect((await t.request('GET', `/api/v1/reports/conversations?from=${FROM}&to=${TO}`, { headers: { 'x-api-key': sender } })).status).toBe(403);
    expect((await t.request('GET', `/api/reports/overview?from=${FROM}&to=${TO}`, { headers: { 'x-api-key': reader } })).status).toBe(401);
  });

  it('measures first response, next response and resolution times from the timelines, in calendar or in business hours', async () => {
    // First responses (customer's first message to the first agent or automatic reply): 3, 0.5, 12 and 2 minutes. Next
    // response: the first conversation's second question, answered in 10 minutes. Resolutions: 30 minutes, then the
    // reopened conversation's 5 and (from its reopening) 30 minutes.
    const calendar = (await report<ResponseTimesReport>('response-times', '')).body;
    expect(calendar.businessHours).toBe(false);
    expect(calendar.totals).toEqual({
      firstResponse: { count: 4, median: 150, p90: 558 },
      nextResponse: { count: 1, median: 600, p90: 600 },
      resolution: { count: 3, median: 1800, p90: 1800 },
    });
    expect(calendar.byDay.map((day) => [day.day, day.firstResponse.count, day.resolution.count])).toEqual([
      ['2026-03-02', 2, 2],
      ['2026-03-03', 2, 1],
    ]);
    // Support opens 09:00–17:00 UTC on weekdays: the conversation that came in at 23:30 waited, and was resolved, while closed.
    const weekday = [{ start: '09:00', end: '17:00' }];
    await t.dataSource.query(`UPDATE team SET business_hours = $2 WHERE id = $1`, [teams.support, JSON.stringify({ timeZone: 'UTC', weekly: { mon: weekday, tue: weekday }, holidays: [] })]);
    try {
      const business = (await report<ResponseTimesReport>('response-times', '&businessHours=true')).body;
      expect(business.businessHours).toBe(true);
      expect(business.totals.firstResponse).toEqual({ count: 4, median: 150, p90: 558 });
      expect(business.totals.resolution).toEqual({ count: 3, median: 0, p90: 1440 });
    } finally {
      await t.dataSource.query(`UPDATE team SET business_hours = NULL WHERE id = $1`, [teams.support]);
    }
  });

  it('gives delivery and cost: segments, cost, delivery rate over reported outcomes, failures by provider code, opt-outs and opt-ins', async () => {
    const outbound = FIXTURES.flatMap((fixture) => fixture.messages.filter((message) => message.kind !== 'customer' && message.kind !== 'note' && inRange(at(fixture, message.at))).map((message) => ({ ...message, team: fixture.team })));
    const delivered = outbound.filter((message) => (message.status ?? 'delivered') === 'delivered').length;
    const failed = outbound.filter((message) => message.status === 'failed' || message.status === 'undelivered').length;
    const { body } = await report<DeliveryReport>('delivery', '');
    expect(Object.fromEntries(Object.entries(body.metrics).map(([key, metric]) => [key, metric.value]))).toEqual({
      outboundMessages: outbound.length,
      segments: outbound.reduce((sum, message) => sum + (message.segments ?? 1), 0),
      cost: Math.round(outbound.reduce((sum, message) => sum + (message.cost ?? 0), 0) * 100000) / 100000,
      deliveryRatePercent: Math.round((delivered / (delivered + failed)) * 1000) / 10,
      optOuts: 3,
      optIns: 1,
    });
    expect(body.failures).toEqual([
      { errorCode: '30003', reason: 'The phone is switched off or out of coverage', count: 1 },
      { errorCode: '30007', reason: 'The carrier filtered the message as spam', count: 1 },
    ]);
    expect(body.byDay.map((day) => [day.day, day.optOuts, day.optIns])).toEqual([
      ['2026-03-02', 1, 0],
      ['2026-03-03', 2, 1],
    ]);
    expect(body.byAgent.find((row) => row.id === null)?.messages).toBe(outbound.filter((message) => message.kind !== 'agent').length);
    expect(body).not.toHaveProperty('definitions');

    const billing = (await report<DeliveryReport>('delivery', '', billingAgentToken)).body;
    expect(billing.metrics.outboundMessages.value).toBe(outbound.filter((message) => message.team === 'billing').length);
    expect(billing.metrics.optOuts.value).toBe(1);
    expect(billing.failures.map((row) => row.errorCode)).toEqual(['30003']);
    expect(billing.byTeam.map((row) => row.name)).toEqual(['Billing']);
  });

  it('gives CSAT: distribution, CSAT %, response rate, breakdowns and the comments, with a customer’s formula kept as text in CSV', async () => {
    const { body } = await report<CsatReport>('csat', '');
    expect(Object.fromEntries(Object.entries(body.metrics).map(([key, metric]) => [key, metric.value]))).toEqual({ surveysSent: 3, responses: 3, responseRatePercent: 100, csatPercent: 66.7 });
    expect(body.distribution.map((entry) => entry.count)).toEqual([0, 1, 0, 1, 1]);
    expect(body.byTeam.map((row) => [row.name, row.responses, row.csatPercent])).toEqual([
      ['Support', 2, 50],
      ['Billing', 1, 100],
    ]);
    expect(body.comments).toEqual([expect.objectContaining({ conversationId: conversationIds[2], rating: 2, comment: '=1+1 too slow' })]);
    const csv = (await report<string>('csat', '&format=csv')).body.split('\n');
    expect(csv).toContain(`comments,${conversationIds[2]},,comment,'=1+1 too slow`);
    const billing = (await report<CsatReport>('csat', '', billingAgentToken)).body;
    expect([billing.metrics.responses.value, billing.comments]).toEqual([1, []]);
  });

  it('gives SLA: first responses within target, breaches by day, team and agent', async () => {
    const { body } = await report<SlaReport>('sla', '');
    // Support's three conversations were answered; one after its 5-minute target passed. Billing has no target.
    expect(Object.fromEntries(Object.entries(body.metrics).map(([key, metric]) => [key, metric.value]))).toEqual({ firstResponseMetPercent: 66.7, nextResponseMetPercent: null, breaches: 1 });
    expect(body.breachesByDay).toEqual([
      { day: '2026-03-02', firstResponse: 0, nextResponse: 0 },
      { day: '2026-03-03', firstResponse: 1, nextResponse: 0 },
    ]);
    expect(body.byAgent).toEqual([{ id: expect.any(String), name: 'Ann Agent', breaches: 1 }]);
    expect((await report<SlaReport>('sla', '', billingAgentToken)).body.metrics).toEqual({ firstResponseMetPercent: { value: null }, nextResponseMetPercent: { value: null }, breaches: { value: 0 } });
  });

  it('gives automation: auto-answered share, replies by FAQ, customers who wrote again within 24 hours, held-back reasons', async () => {
    const { body } = await report<AutomationReport>('automation', '');
    expect(Object.fromEntries(Object.entries(body.metrics).map(([key, metric]) => [key, metric.value]))).toEqual({ autoAnsweredPercent: 25, autoReplies: 1, wroteAgainPercent: 100 });
    expect(body.byFaq).toEqual([{ faqId, question: 'Where is my order', autoReplies: 1, wroteAgain: 1 }]);
    // By the hold's kind, for the console to word; an old line without one keeps its sentence, which the console quotes.
    expect(body.heldBack).toEqual([
      { kind: 'asked_for_person', reason: null, count: 1 },
      { kind: 'no_faq_match', reason: null, count: 1 },
      { kind: null, reason: 'The FAQ score was below the threshold', count: 1 },
    ]);
    expect(body.byDay).toEqual([
      { day: '2026-03-02', autoReplies: 1, conversationsCreated: 2 },
      { day: '2026-03-03', autoReplies: 0, conversationsCreated: 2 },
    ]);
    expect((await report<AutomationReport>('automation', '', billingAgentToken)).body.heldBack).toEqual([]);
  });

  it('gives each agent of the viewer’s teams their conversations, replies, median first response and resolution, and current load', async () => {
    const { body } = await report<AgentsReport>('agents', '');
    expect(body.agents.map(({ userId: _userId, ...row }) => row)).toEqual([
      // Ann answered the first conversation in 3 minutes (and once more) and the third in 12; she resolved the first after 30.
      { name: 'Ann Agent', conversationsHandled: 2, repliesSent: 3, medianFirstResponse: 450, medianResolution: 1800, currentLoad: 2 },
      { name: 'Bill Agent', conversationsHandled: 1, repliesSent: 1, medianFirstResponse: 120, medianResolution: null, currentLoad: 1 },
    ]);
    expect((await report<AgentsReport>('agents', '', billingAgentToken)).body.agents.map((row) => row.name)).toEqual(['Bill Agent']);
  });

  it('refuses a range that ends before it starts, is longer than 366 days, or names an unknown time zone', async () => {
    for (const query of [`from=${TO}&to=${FROM}`, `from=2025-01-01T00:00:00Z&to=2026-03-01T00:00:00Z`, `from=${FROM}&to=${TO}&timeZone=Mars/Olympus`, `from=yesterday&to=${TO}`, `from=${FROM}&to=${TO}&compare=maybe`]) {
      const { status, body } = await t.request<{ code: string }>('GET', `/api/reports/overview?${query}`, { token: admin });
      expect([query, status, body.code]).toEqual([query, 400, ErrorCode.ValidationFailed]);
    }
  });
});
