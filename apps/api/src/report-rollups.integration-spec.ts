import { AccessTokenService, TeamsService, UsersService } from '@backtalk/auth';
import { ChannelsService } from '@backtalk/channels';
import { type ConversationsReport, type DeliveryReport, Provider, Role, SenderType } from '@backtalk/contracts';
import { ReportRollupsService } from '@backtalk/reports';
import { TestApp } from '@backtalk/testing';
import type { QueryRunner } from 'typeorm';
import { ApiModule } from './api.module';

const PASSWORD = 'correct horse battery staple';
// Not on whole hours, so every report reads partial hours at both edges from the messages.
const FROM = '2026-03-02T00:30:00.000Z';
const TO = '2026-03-03T12:30:00.000Z';

interface Counts {
  inbound: number;
  outbound: number;
}

/**
 * The hourly rollup behind the volume reports: numbers from the API must equal numbers grouped straight from the
 * message rows whatever happened since the last refresh, and the rollup itself must equal those rows after one.
 */
describe('report rollups: volume reports equal the raw messages before and after every refresh', () => {
  let t: TestApp;
  let admin: string;
  let rollups: ReportRollupsService;
  let teams: Record<'support' | 'billing', string>;
  let agents: Record<'ann' | 'bob', string>;
  let channelId: string;
  let conversations: string[];

  beforeAll(async () => {
    t = await TestApp.create(ApiModule.forRoot({ runWorkers: false }));
    await t.reset();
    rollups = t.app.get(ReportRollupsService);
    const teamsService = t.app.get(TeamsService);
    teams = { support: (await teamsService.create({ name: 'Support' })).id, billing: (await teamsService.create({ name: 'Billing' })).id };
    const users = t.app.get(UsersService);
    const lead = await users.create({ email: 'lead@example.com', name: 'Lead', role: Role.Admin, password: PASSWORD, teamIds: [] });
    agents = {
      ann: (await users.create({ email: 'ann@example.com', name: 'Ann', role: Role.Agent, password: PASSWORD, teamIds: [teams.support] })).id,
      bob: (await users.create({ email: 'bob@example.com', name: 'Bob', role: Role.Agent, password: PASSWORD, teamIds: [teams.support, teams.billing] })).id,
    };
    admin = await t.app.get(AccessTokenService).issue(lead.id);
    channelId = (
      await t.app.get(ChannelsService).create({
        teamId: teams.support,
        name: 'Support line',
        provider: Provider.Generic,
        sender: '+14155550111',
        senderType: SenderType.TollFree,
        ratePerSecond: 10,
        country: 'US',
        secrets: { signatureSecret: 'secret', baseUrl: 'http://127.0.0.1:9' },
      })
    ).id;
    conversations = [];
    for (const [index, assignee] of [agents.ann, agents.bob, null].entries()) {
      const [{ id: contactId }] = await t.dataSource.query<Array<{ id: string }>>(`INSERT INTO contact (phone) VALUES ($1) RETURNING id`, [`+3805000001${index}`]);
      const [{ id }] = await t.dataSource.query<Array<{ id: string }>>(
        `INSERT INTO conversation (channel_id, contact_id, team_id, status, assignee_id, created_at) VALUES ($1, $2, $3, 'open', $4, '2026-03-01T22:00:00Z') RETURNING id`,
        [channelId, contactId, teams.support, assignee],
      );
      conversations.push(id);
      // A customer message and a reply every 50 minutes from before the range until after it, so whole hours,
      // partial edge hours and hours outside the range all hold messages.
      for (let minutes = 0; minutes < 40 * 60; minutes += 50) {
        const sentAt = new Date(Date.parse('2026-03-01T23:40:00Z') + (minutes + index * 7) * 60_000);
        await insertMessage(id, 'inbound', 'customer', sentAt);
        await insertMessage(id, 'outbound', assignee ? 'agent' : 'auto_reply', new Date(sentAt.getTime() + 3 * 60_000));
      }
    }
  });
  afterAll(() => t.close());

  async function insertMessage(conversationId: string, direction: 'inbound' | 'outbound', kind: string, sentAt: Date, runner?: QueryRunner): Promise<string> {
    const sql = `INSERT INTO message (conversation_id, channel_id, direction, status, body, encoding, segments, sent_at, kind, estimated_cost)
                 VALUES ($1, $2, $3, $4, 'text', 'GSM-7', 1, $5, $6, $7) RETURNING id`;
    const parameters = [conversationId, channelId, direction, direction === 'inbound' ? 'received' : 'sent', sentAt, kind, direction === 'outbound' ? 0.0079 : null];
    const rows: Array<{ id: string }> = await (runner ?? t.dataSource).query(sql, parameters);
    return rows[0].id;
  }

  /** Grouped from the message rows, as the metric definitions say: by local day, team and the conversation's agent. */
  async function fromMessages(timeZone = 'UTC') {
    const rows = await t.dataSource.query<Array<{ day: string; team_id: string; assignee_id: string | null; direction: string; n: number }>>(
      `SELECT to_char(m.sent_at AT TIME ZONE $3, 'YYYY-MM-DD') AS day, c.team_id, c.assignee_id, m.direction, count(*)::int AS n
         FROM message m JOIN conversation c ON c.id = m.conversation_id
        WHERE m.sent_at >= $1 AND m.sent_at < $2 AND m.kind <> 'note'
        GROUP BY 1, 2, 3, 4`,
      [FROM, TO, timeZone],
    );
    const by = (key: (row: (typeof rows)[number]) => string) => {
      const totals: Record<string, Counts> = {};
      for (const row of rows) {
        const entry = (totals[key(row)] ??= { inbound: 0, outbound: 0 });
        entry[row.direction as keyof Counts] += row.n;
      }
      return totals;
    };
    return { byDay: by((row) => row.day), byTeam: by((row) => row.team_id), byAgent: by((row) => row.assignee_id ?? 'none') };
  }

  async function fromApi(timeZone = 'UTC') {
    const { status, body } = await t.request<ConversationsReport>('GET', `/api/reports/conversations?from=${FROM}&to=${TO}&timeZone=${timeZone}`, { token: admin });
    expect(status).toBe(200);
    const counts = (rows: Array<{ id?: string | null; day?: string; inboundMessages: number | { value: number | null }; outboundMessages: number | { value: number | null } }>, key: (row: (typeof rows)[number]) => string) =>
      Object.fromEntries(
        rows
          .map((row): [string, Counts] => [key(row), { inbound: Number(row.inboundMessages), outbound: Number(row.outboundMessages) }])
          .filter(([, entry]) => entry.inbound + entry.outbound > 0),
      );
    return {
      byDay: counts(body.byDay, (row) => row.day!),
      byTeam: counts(body.byTeam, (row) => row.id!),
      byAgent: counts(body.byAgent, (row) => row.id ?? 'none'),
      heatmapInbound: body.heatmap.reduce((sum, cell) => sum + cell.inboundMessages, 0),
    };
  }

  async function expectApiToEqualMessages(timeZone = 'UTC') {
    const [api, raw] = await Promise.all([fromApi(timeZone), fromMessages(timeZone)]);
    expect({ byDay: api.byDay, byTeam: api.byTeam, byAgent: api.byAgent }).toEqual(raw);
    expect(api.heatmapInbound).toBe(Object.values(raw.byDay).reduce((sum, entry) => sum + entry.inbound, 0));
  }

  async function refreshAll() {
    while ((await rollups.refresh(1000)) > 0);
  }

  async function expectRollupToEqualMessages() {
    const [rollup, raw] = await Promise.all([
      t.dataSource.query(`SELECT hour, team_id, assignee_id, direction, kind, sum(messages)::int AS n FROM report_message_hour GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`),
      t.dataSource.query(
        `SELECT date_trunc('hour', m.sent_at) AS hour, c.team_id, c.assignee_id, m.direction, m.kind, count(*)::int AS n
           FROM message m JOIN conversation c ON c.id = m.conversation_id GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`,
      ),
    ]);
    expect(rollup).toEqual(raw);
    const [deliveryRollup, deliveryRaw] = await Promise.all([
      t.dataSource.query(`SELECT hour, team_id, direction, kind, sum(messages)::int AS n, sum(delivered)::int AS delivered, sum(failed)::int AS failed FROM report_delivery_hour GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`),
      t.dataSource.query(
        `SELECT date_trunc('hour', m.sent_at) AS hour, c.team_id, m.direction, m.kind, count(*)::int AS n,
                count(*) FILTER (WHERE m.status = 'delivered')::int AS delivered, count(*) FILTER (WHERE m.status IN ('undelivered', 'failed'))::int AS failed
           FROM message m JOIN conversation c ON c.id = m.conversation_id GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
      ),
    ]);
    expect(deliveryRollup).toEqual(deliveryRaw);
  }

  /** Delivered and failed outbound messages and failures by code, from the API's delivery report and from the rows. */
  async function expectDeliveredToEqualMessages() {
    const { body } = await t.request<DeliveryReport>('GET', `/api/reports/delivery?from=${FROM}&to=${TO}`, { token: admin });
    const [raw] = await t.dataSource.query<Array<{ delivered: number; failed: number }>>(
      `SELECT count(*) FILTER (WHERE status = 'delivered')::int AS delivered, count(*) FILTER (WHERE status IN ('undelivered', 'failed'))::int AS failed
         FROM message WHERE direction = 'outbound' AND sent_at >= $1 AND sent_at < $2`,
      [FROM, TO],
    );
    expect({ delivered: body.byDay.reduce((sum, day) => sum + day.delivered, 0), failed: body.byDay.reduce((sum, day) => sum + day.failed, 0) }).toEqual(raw);
    expect(body.failures.reduce((sum, failure) => sum + failure.count, 0)).toBe(raw.failed);
  }

  const dirtyHours = async () => Number((await t.dataSource.query(`SELECT count(*) AS n FROM report_dirty_hour`))[0].n);

  it('reads whole hours from the rollup once refreshed and counts what the messages count, partial edge hours included', async () => {
    await expectApiToEqualMessages();
    await refreshAll();
    expect(await dirtyHours()).toBe(0);
    await expectRollupToEqualMessages();
    await expectApiToEqualMessages();
    await expectApiToEqualMessages('America/New_York');
  });

  it('counts a time zone offset by half an hour from the messages, by its own local days', async () => {
    await refreshAll();
    await expectApiToEqualMessages('Asia/Kolkata');
  });

  it('counts a message written late into an hour already rolled up at once, and after the next refresh', async () => {
    await refreshAll();
    await insertMessage(conversations[0], 'inbound', 'customer', new Date('2026-03-02T05:10:00Z'));
    expect(await dirtyHours()).toBe(1);
    await expectApiToEqualMessages();
    await refreshAll();
    await expectRollupToEqualMessages();
    await expectApiToEqualMessages();
  });

  it('moves every message of a reassigned or transferred conversation to its new agent and team, before and after the refresh', async () => {
    await refreshAll();
    await t.dataSource.query(`UPDATE conversation SET assignee_id = $2 WHERE id = $1`, [conversations[0], agents.bob]);
    await expectApiToEqualMessages();
    await t.dataSource.query(`UPDATE conversation SET team_id = $2, assignee_id = NULL WHERE id = $1`, [conversations[1], teams.billing]);
    await expectApiToEqualMessages();
    await refreshAll();
    await expectRollupToEqualMessages();
    await expectApiToEqualMessages();
  });

  it('counts a late delivery report in the delivery report at once and after the refresh, and a deleted message stops counting', async () => {
    await refreshAll();
    await t.dataSource.query(`UPDATE message SET status = 'delivered', updated_at = now() WHERE direction = 'outbound' AND sent_at < '2026-03-02T06:00:00Z'`);
    expect(await dirtyHours()).toBeGreaterThan(0);
    await expectDeliveredToEqualMessages();
    await refreshAll();
    await expectRollupToEqualMessages();
    await expectDeliveredToEqualMessages();
    await t.dataSource.query(`UPDATE message SET status = 'failed', error_code = '30007' WHERE id = (SELECT id FROM message WHERE direction = 'outbound' AND sent_at > '2026-03-02T07:00:00Z' ORDER BY sent_at LIMIT 1)`);
    await expectDeliveredToEqualMessages();
    await expectApiToEqualMessages();
    await t.dataSource.query(`DELETE FROM message WHERE id = (SELECT id FROM message WHERE sent_at > '2026-03-02T08:00:00Z' ORDER BY sent_at LIMIT 1)`);
    await expectApiToEqualMessages();
    await refreshAll();
    await expectRollupToEqualMessages();
    await expectApiToEqualMessages();
    await expectDeliveredToEqualMessages();
  });

  it('keeps reading an hour from the messages when a change to it commits only after a refresh took that hour’s earlier mark', async () => {
    await refreshAll();
    const hour = new Date('2026-03-02T09:00:00Z');
    await insertMessage(conversations[2], 'inbound', 'customer', new Date(hour.getTime() + 5 * 60_000));
    const slow = t.dataSource.createQueryRunner();
    await slow.connect();
    try {
      await slow.startTransaction();
      await insertMessage(conversations[2], 'inbound', 'customer', new Date(hour.getTime() + 6 * 60_000), slow);
      // Takes the committed mark of the first message and recomputes the hour without the uncommitted second one.
      expect(await rollups.refresh(1000)).toBe(1);
      await slow.commitTransaction();
    } finally {
      await slow.release();
    }
    await expectApiToEqualMessages();
    await refreshAll();
    await expectRollupToEqualMessages();
  });
});
