import { AccessTokenService, TeamsService, UsersService } from '@backtalk/auth';
import { ChannelsService } from '@backtalk/channels';
import { ErrorCode, Provider, type ResponseTimesReport, Role, SenderType } from '@backtalk/contracts';
import { ReportFactsService } from '@backtalk/reports';
import { TestApp } from '@backtalk/testing';
import { ApiModule } from './api.module';

const PASSWORD = 'correct horse battery staple';
const FROM = '2026-04-06T00:00:00.000Z';
const TO = '2026-04-08T00:00:00.000Z';
const minutesAfter = (minutes: number) => new Date(new Date('2026-04-06T09:00:00.000Z').getTime() + minutes * 60_000);

/**
 * The measured facts behind the speed, SLA, automation and agent reports: whatever changed a conversation, they must
 * equal what measuring every conversation from scratch gives, and a report must show a change at once.
 */
describe('report facts: kept equal to the timelines through every kind of change', () => {
  let t: TestApp;
  let facts: ReportFactsService;
  let admin: string;
  let teams: Record<'support' | 'billing', string>;
  let agentId: string;
  let channelId: string;
  let conversationId: string;

  beforeAll(async () => {
    t = await TestApp.create(ApiModule.forRoot({ runWorkers: false }));
    await t.reset();
    facts = t.app.get(ReportFactsService);
    const teamsService = t.app.get(TeamsService);
    teams = { support: (await teamsService.create({ name: 'Support' })).id, billing: (await teamsService.create({ name: 'Billing' })).id };
    const users = t.app.get(UsersService);
    const lead = await users.create({ email: 'lead@example.com', name: 'Lead', role: Role.Admin, password: PASSWORD, teamIds: [] });
    agentId = (await users.create({ email: 'ann@example.com', name: 'Ann', role: Role.Agent, password: PASSWORD, teamIds: [teams.support] })).id;
    admin = await t.app.get(AccessTokenService).issue(lead.id);
    channelId = (
      await t.app.get(ChannelsService).create({
        teamId: teams.support,
        name: 'Support line',
        provider: Provider.Generic,
        sender: '+14155550171',
        senderType: SenderType.TollFree,
        ratePerSecond: 10,
        country: 'US',
        secrets: { signatureSecret: 'secret', baseUrl: 'http://127.0.0.1:9' },
      })
    ).id;
    const [{ id: contactId }] = await t.dataSource.query<Array<{ id: string }>>(`INSERT INTO contact (phone) VALUES ('+380500000171') RETURNING id`);
    [{ id: conversationId }] = await t.dataSource.query<Array<{ id: string }>>(
      `INSERT INTO conversation (channel_id, contact_id, team_id, status, assignee_id, created_at) VALUES ($1, $2, $3, 'open', $4, $5) RETURNING id`,
      [channelId, contactId, teams.support, agentId, minutesAfter(0)],
    );
    await message('customer', 0);
  });
  afterAll(() => t.close());

  async function message(kind: 'customer' | 'agent' | 'auto_reply', minutes: number, status = kind === 'customer' ? 'received' : 'delivered'): Promise<string> {
    const [{ id }] = await t.dataSource.query<Array<{ id: string }>>(
      `INSERT INTO message (conversation_id, channel_id, direction, status, body, encoding, segments, sent_at, kind, author_id)
       VALUES ($1, $2, $3, $4, 'text', 'GSM-7', 1, $5, $6, $7) RETURNING id`,
      [conversationId, channelId, kind === 'customer' ? 'inbound' : 'outbound', status, minutesAfter(minutes), kind, kind === 'agent' ? agentId : null],
    );
    return id;
  }

  const responseTimes = async () => (await t.request<ResponseTimesReport>('GET', `/api/reports/response-times?from=${FROM}&to=${TO}`, { token: admin })).body;

  /** Every fact row, in a stable order, for comparing two ways of arriving at them. */
  async function snapshot() {
    return {
      conversations: await t.dataSource.query(`SELECT * FROM report_conversation_fact ORDER BY conversation_id`),
      waits: await t.dataSource.query(`SELECT * FROM report_wait ORDER BY conversation_id, kind, started_at`),
      autoReplies: await t.dataSource.query(`SELECT * FROM report_auto_reply ORDER BY message_id`),
    };
  }

  async function drain(): Promise<void> {
    while ((await facts.refresh()) > 0);
  }

  /** The facts as the marks left them, then as measuring every conversation again gives them: they must be the same. */
  async function expectFactsEqualAFreshMeasure(): Promise<void> {
    await drain();
    const incremental = await snapshot();
    await t.dataSource.query(`INSERT INTO report_fact_mark (conversation_id) SELECT id FROM conversation`);
    await drain();
    expect(incremental).toEqual(await snapshot());
  }

  it('shows a reply in the very next report, without waiting for the worker', async () => {
    expect((await responseTimes()).totals.firstResponse.count).toBe(0);
    await message('agent', 4);
    expect((await responseTimes()).totals.firstResponse).toEqual({ count: 1, median: 240, p90: 240 });
  });

  it('stays equal to a fresh measure through edits, deletes, moves, resolves, breaches and cancelled messages', async () => {
    await expectFactsEqualAFreshMeasure();
    const early = await message('auto_reply', 1);
    await expectFactsEqualAFreshMeasure();
    await t.dataSource.query(`UPDATE message SET sent_at = $2 WHERE id = $1`, [early, minutesAfter(2)]);
    await expectFactsEqualAFreshMeasure();
    await t.dataSource.query(`DELETE FROM message WHERE id = $1`, [early]);
    await expectFactsEqualAFreshMeasure();
    const scheduled = await message('agent', 30, 'scheduled');
    await message('customer', 20);
    await expectFactsEqualAFreshMeasure();
    await t.dataSource.query(`UPDATE message SET status = 'cancelled' WHERE id = $1`, [scheduled]);
    await expectFactsEqualAFreshMeasure();
    await t.dataSource.query(`INSERT INTO sla_breach (conversation_id, team_id, kind, due_at, breached_at) VALUES ($1, $2, 'next_response', $3, $3)`, [conversationId, teams.support, minutesAfter(25)]);
    await t.dataSource.query(`INSERT INTO conversation_activity (conversation_id, team_id, type, actor_kind, actor_id, occurred_at) VALUES ($1, $2, 'resolved', 'user', $3, $4)`, [conversationId, teams.support, agentId, minutesAfter(40)]);
    await expectFactsEqualAFreshMeasure();
    await t.dataSource.query(`UPDATE conversation SET team_id = $2, assignee_id = NULL WHERE id = $1`, [conversationId, teams.billing]);
    await expectFactsEqualAFreshMeasure();
    const [waits] = await t.dataSource.query<Array<{ teams: string[] }>>(`SELECT array_agg(DISTINCT team_id) AS teams FROM report_wait WHERE conversation_id = $1`, [conversationId]);
    expect(waits.teams).toEqual([teams.billing]);
  });

  it('measures a conversation once for all its marks, however many statements marked it', async () => {
    await drain();
    // Another conversation's mark between them (a deleted one's will do: its measure is to have no facts).
    const other = '00000000-0000-4000-8000-000000000171';
    const mark = (id: string) => t.dataSource.query(`INSERT INTO report_fact_mark (conversation_id) VALUES ($1)`, [id]);
    await mark(conversationId);
    await mark(other);
    await mark(conversationId);
    await mark(conversationId);
    expect(await facts.refresh(1)).toBe(1);
    const left = await t.dataSource.query<Array<{ conversation_id: string }>>(`SELECT conversation_id FROM report_fact_mark`);
    expect(left.map((row) => row.conversation_id)).toEqual([other]);
    await drain();
  });

  it('re-measures business time when a team’s schedule changes', async () => {
    const weekday = [{ start: '09:00', end: '09:02' }];
    await t.dataSource.query(`UPDATE team SET business_hours = $2 WHERE id = $1`, [teams.billing, JSON.stringify({ timeZone: 'UTC', weekly: { mon: weekday }, holidays: [] })]);
    const [{ marked }] = await t.dataSource.query<Array<{ marked: number }>>(`SELECT count(*)::int AS marked FROM report_fact_mark WHERE conversation_id = $1`, [conversationId]);
    expect(marked).toBe(1);
    await drain();
    // Open only 09:00–09:02: of the 4-minute first response, two minutes count.
    const [{ business }] = await t.dataSource.query<Array<{ business: number }>>(`SELECT first_response_business_seconds AS business FROM report_conversation_fact WHERE conversation_id = $1`, [conversationId]);
    expect(business).toBe(120);
  });

  it('answers 503 with Retry-After while a large backlog is measured, rather than wait or show numbers it knows are behind', async () => {
    await t.dataSource.query(`INSERT INTO report_fact_mark (conversation_id) SELECT gen_random_uuid() FROM generate_series(1, 10001)`);
    const during = await t.request<{ code: string }>('GET', `/api/reports/response-times?from=${FROM}&to=${TO}`, { token: admin });
    expect(during.status).toBe(503);
    expect(during.body.code).toBe(ErrorCode.DependencyUnavailable);
    expect(Number(during.headers['retry-after'])).toBeGreaterThan(0);
    await drain();
    expect((await t.request('GET', `/api/reports/response-times?from=${FROM}&to=${TO}`, { token: admin })).status).toBe(200);
  });
});
