import { AccessTokenService, TeamsService, UsersService } from '@backtalk/auth';
import { ChannelsService } from '@backtalk/channels';
import { type ChannelView, type DeliveryReport, ErrorCode, type OverviewReport, Provider, Role, SenderType } from '@backtalk/contracts';
import { TestApp } from '@backtalk/testing';
import { ApiModule } from './api.module';

const PASSWORD = 'correct horse battery staple';
const FROM = '2026-03-02T00:00:00.000Z';
const TO = '2026-03-04T00:00:00.000Z';

describe('money in the channel’s currency: channels say theirs, reports never add up different currencies', () => {
  let t: TestApp;
  let admin: string;
  let billingAgent: string;
  let teams: { support: string; billing: string };
  let channels: { dollars: ChannelView; hryvnias: ChannelView };

  beforeAll(async () => {
    t = await TestApp.create(ApiModule.forRoot({ runWorkers: false }));
    await t.reset();
    const teamsService = t.app.get(TeamsService);
    teams = { support: (await teamsService.create({ name: 'Support' })).id, billing: (await teamsService.create({ name: 'Billing' })).id };
    const users = t.app.get(UsersService);
    const tokens = t.app.get(AccessTokenService);
    admin = await tokens.issue((await users.create({ email: 'lead@example.com', name: 'Lead', role: Role.Admin, password: PASSWORD, teamIds: [] })).id);
    billingAgent = await tokens.issue((await users.create({ email: 'billing@example.com', name: 'Bill Agent', role: Role.Agent, password: PASSWORD, teamIds: [teams.billing] })).id);
    const service = t.app.get(ChannelsService);
    const channel = (team: 'support' | 'billing', sender: string, country: string, currency?: string) =>
      service.create({
        teamId: teams[team],
        name: `${team} line`,
        provider: Provider.Generic,
        sender,
        senderType: SenderType.LongCode,
        country,
        pricePerSegment: currency ? 1.85 : 0.0079,
        ...(currency ? { currency } : {}),
        secrets: { signatureSecret: 'secret', baseUrl: 'http://127.0.0.1:9' },
      });
    channels = { dollars: await channel('support', '+14155550111', 'US'), hryvnias: await channel('billing', '+380931110000', 'UA', 'UAH') };

    // Day one: two dollar replies and one hryvnia notification; day two: a hryvnia reply. The day before the range: dollars only.
    const sends: Array<[ChannelView, string, string, number, number]> = [
      [channels.dollars, teams.support, '2026-03-02T09:00:00Z', 2, 0.0158],
      [channels.dollars, teams.support, '2026-03-02T10:00:00Z', 1, 0.0079],
      [channels.hryvnias, teams.billing, '2026-03-02T11:00:00Z', 3, 5.55],
      [channels.hryvnias, teams.billing, '2026-03-03T09:00:00Z', 1, 1.85],
      [channels.dollars, teams.support, '2026-03-01T09:00:00Z', 1, 0.0079],
    ];
    for (const [index, [sender, team, sentAt, segments, cost]] of sends.entries()) {
      const [{ id: contactId }] = await t.dataSource.query<Array<{ id: string }>>(`INSERT INTO contact (phone) VALUES ($1) RETURNING id`, [`+3805000001${index}`]);
      const [{ id: conversationId }] = await t.dataSource.query<Array<{ id: string }>>(`INSERT INTO conversation (channel_id, contact_id, team_id, status, created_at) VALUES ($1, $2, $3, 'open', $4) RETURNING id`, [sender.id, contactId, team, sentAt]);
      await t.dataSource.query(
        `INSERT INTO message (conversation_id, channel_id, direction, status, body, encoding, segments, sent_at, kind, estimated_cost) VALUES ($1, $2, 'outbound', 'delivered', 'text', 'GSM-7', $3, $4, $5, $6)`,
        [conversationId, sender.id, segments, sentAt, index === 2 ? 'notification' : 'auto_reply', cost],
      );
    }
  });
  afterAll(() => t.close());

  const report = <T>(name: string, query = '', token = admin) => t.request<T>('GET', `/api/reports/${name}?from=${FROM}&to=${TO}${query}`, { token });

  it('prices a channel in US dollars unless told otherwise, and in any ISO 4217 currency it is given', async () => {
    expect(channels.dollars.currency).toBe('USD');
    expect(channels.hryvnias.currency).toBe('UAH');
    const { status, body } = await t.request<ChannelView>('PATCH', `/api/channels/${channels.dollars.id}`, { token: admin, body: { currency: 'EUR' } });
    expect([status, body.currency]).toEqual([200, 'EUR']);
    expect((await t.request<ChannelView>('GET', `/api/channels/${channels.dollars.id}`, { token: admin })).body.currency).toBe('EUR');
    await t.request('PATCH', `/api/channels/${channels.dollars.id}`, { token: admin, body: { currency: 'USD' } });
  });

  it('refuses a currency that is not an ISO 4217 code with a sentence saying what is expected, and changes nothing', async () => {
    for (const currency of ['usd', 'XYZ', 'US$', 'dollars', 12]) {
      const created = await t.request<{ code: string; message: string }>('POST', '/api/channels', {
        token: admin,
        body: { teamId: teams.support, name: 'Another', provider: Provider.Generic, sender: '+14155550112', senderType: SenderType.LongCode, country: 'US', currency, secrets: { signatureSecret: 'secret' } },
      });
      expect([created.status, created.body.code]).toEqual([400, ErrorCode.ValidationFailed]);
      expect(created.body.message).toContain('currency must be an ISO 4217 currency code in capitals, such as USD, EUR or UAH');
      const updated = await t.request<{ message: string }>('PATCH', `/api/channels/${channels.hryvnias.id}`, { token: admin, body: { currency } });
      expect(updated.status).toBe(400);
      expect(updated.body.message).toContain('currency must be an ISO 4217 currency code');
    }
    expect((await t.request<ChannelView[]>('GET', '/api/channels', { token: admin })).body.map((channel) => [channel.sender, channel.currency])).toEqual([
      ['+380931110000', 'UAH'],
      ['+14155550111', 'USD'],
    ]);
    // The database holds the format too, whoever writes.
    await expect(t.dataSource.query(`UPDATE channel SET currency = 'usd' WHERE id = $1`, [channels.dollars.id])).rejects.toThrow(/channel_currency_check/);
  });

  it('reports delivery costs in each currency and never sums dollars and hryvnias together', async () => {
    const { status, body } = await report<DeliveryReport>('delivery');
    expect(status).toBe(200);
    expect(body.currency).toBeNull();
    expect(body.metrics.cost).toEqual({ value: null, byCurrency: { UAH: { value: 7.4 }, USD: { value: 0.0237 } } });
    expect(body.metrics.segments.value).toBe(7);
    expect(body.byChannel.map((row) => [row.name, row.segments, row.cost, row.costs])).toEqual(
      expect.arrayContaining([
        ['billing line', 4, null, { UAH: 7.4 }],
        ['support line', 3, null, { USD: 0.0237 }],
      ]),
    );
    expect(body.byTeam.map((row) => [row.name, row.cost, row.costs])).toEqual(expect.arrayContaining([['Billing', null, { UAH: 7.4 }], ['Support', null, { USD: 0.0237 }]]));
    // Automatic messages of both teams share a row, whose costs stay apart.
    expect(body.byAgent).toEqual([{ id: null, name: 'Automatic replies and notifications', messages: 4, segments: 7, cost: null, costs: { UAH: 7.4, USD: 0.0237 } }]);
    expect(body.byDay.map((day) => [day.day, day.cost, day.costs])).toEqual([
      ['2026-03-02', null, { UAH: 5.55, USD: 0.0237 }],
      ['2026-03-03', null, { UAH: 1.85 }],
    ]);
  });

  it('gives a plain total with its currency when everything in scope is priced in one, as before', async () => {
    const dollars = (await report<DeliveryReport>('delivery', `&channelId=${channels.dollars.id}`)).body;
    expect(dollars.currency).toBe('USD');
    expect(dollars.metrics.cost).toEqual({ value: 0.0237, byCurrency: { USD: { value: 0.0237 } } });
    expect(dollars.byChannel.map((row) => [row.cost, row.costs])).toEqual([[0.0237, { USD: 0.0237 }]]);
    expect(dollars.byDay.map((day) => day.cost)).toEqual([0.0237, 0]);

    const billing = (await report<DeliveryReport>('delivery', '', billingAgent)).body;
    expect([billing.currency, billing.metrics.cost.value, billing.byTeam.map((row) => row.cost)]).toEqual(['UAH', 7.4, [7.4]]);

    const nothing = (await t.request<DeliveryReport>('GET', `/api/reports/delivery?from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z`, { token: admin })).body;
    expect([nothing.currency, nothing.metrics.cost]).toEqual([null, { value: 0, byCurrency: {} }]);
  });

  it('compares with the previous period per currency, and leaves the totals empty when the two periods together mix currencies', async () => {
    const hryvniasOnly = (await report<DeliveryReport>('delivery', `&compare=true&teamId=${teams.billing}`)).body;
    expect([hryvniasOnly.currency, hryvniasOnly.metrics.cost]).toEqual(['UAH', { value: 7.4, previous: 0, byCurrency: { UAH: { value: 7.4, previous: 0 } } }]);
    const both = (await report<DeliveryReport>('delivery', '&compare=true')).body;
    expect(both.metrics.cost).toEqual({ value: null, previous: null, byCurrency: { UAH: { value: 7.4, previous: 0 }, USD: { value: 0.0237, previous: 0.0079 } } });
  });

  it('gives the overview’s cost per currency the same way, and CSV one row per currency', async () => {
    const overview = (await report<OverviewReport>('overview')).body;
    expect([overview.currency, overview.metrics.cost]).toEqual([null, { value: null, byCurrency: { UAH: { value: 7.4 }, USD: { value: 0.0237 } } }]);
    // What each metric means is the console's to say, in its language: reports carry numbers only.
    expect(overview).not.toHaveProperty('definitions');
    const support = (await report<OverviewReport>('overview', `&teamId=${teams.support}`)).body;
    expect([support.currency, support.metrics.cost.value]).toEqual(['USD', 0.0237]);

    const csv = (await report<string>('delivery', '&format=csv')).body.split('\n');
    expect(csv).toEqual(expect.arrayContaining(['metrics,cost,,byCurrency.UAH.value,7.4', 'metrics,cost,,byCurrency.USD.value,0.0237', 'metrics,cost,,value,']));
    expect(csv.filter((line) => line.startsWith('byChannel,') && line.includes(',costs.'))).toHaveLength(2);
  });
});
