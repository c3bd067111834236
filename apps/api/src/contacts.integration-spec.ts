import { TeamsService, UsersService } from '@backtalk/auth';
import { ChannelsService } from '@backtalk/channels';
import { type ChannelView, type ContactDetailView, type ContactListItem, type ConversationView, type Page, Provider, Role, SenderType } from '@backtalk/contracts';
import { eventually, genericSigned, TestApp } from '@backtalk/testing';
import { ApiModule } from './api.module';

const SECRET = 'generic-webhook-secret';
const PASSWORD = 'correct horse battery staple';
const OLENA = '+380501234567';
const PETRO = '+380671112233';
const JOHN = '+14155550123';

describe('the contacts directory, the contact page and each team’s notes', () => {
  let t: TestApp;
  let supportId: string;
  let billingId: string;
  let admin: string;
  let supportAgent: string;
  let billingAgent: string;
  let supportLine: ChannelView;
  let billingLine: ChannelView;
  let messageNumber = 0;

  beforeAll(async () => {
    t = await TestApp.create(ApiModule.forRoot({ runWorkers: false }), { PUBLIC_BASE_URL: 'https://backtalk.test' });
    await t.reset();
    const teams = t.app.get(TeamsService);
    supportId = (await teams.create({ name: 'Support' })).id;
    billingId = (await teams.create({ name: 'Billing' })).id;
    admin = await person('admin@example.com', Role.Admin, []);
    supportAgent = await person('support@example.com', Role.Agent, [supportId]);
    billingAgent = await person('billing@example.com', Role.Agent, [billingId]);
    const channels = t.app.get(ChannelsService);
    const line = (teamId: string, name: string, sender: string, country: string) =>
      channels.create({ teamId, name, provider: Provider.Generic, sender, senderType: SenderType.LongCode, country, secrets: { signatureSecret: SECRET }, confirmations: { optOut: null, optIn: null, help: false } });
    supportLine = await line(supportId, 'Orders line', '+14155550107', 'US');
    billingLine = await line(billingId, 'Billing line', '+380441234567', 'UA');

    await says(billingLine, OLENA, 'Where is my refund?');
    await says(supportLine, PETRO, 'Where is my parcel?');
    await says(billingLine, PETRO, 'And my invoice?');
    await says(supportLine, JOHN, 'Hello?');
    await says(supportLine, JOHN, 'STOP');
    await eventually(() => t.dataSource.query<unknown[]>(`SELECT 1 FROM consent_event`), (rows) => rows.length === 1);
    await eventually(() => t.dataSource.query<unknown[]>(`SELECT 1 FROM conversation`), (rows) => rows.length === 4);
  });
  afterAll(() => t.close());

  async function person(email: string, role: Role, teamIds: string[]): Promise<string> {
    await t.app.get(UsersService).create({ email, name: email.split('@')[0], role, password: PASSWORD, teamIds });
    return (await t.request<{ accessToken: string }>('POST', '/api/auth/login', { body: { email, password: PASSWORD } })).body.accessToken;
  }
  const says = async (channel: ChannelView, from: string, text: string) => {
    const response = await t.deliver(genericSigned(new URL(channel.webhookUrl).pathname, { type: 'message', id: `in-${++messageNumber}`, from, to: channel.sender, text }, SECRET));
    expect(response.status).toBeLessThan(300);
  };
  const directory = async (query: Record<string, string>, token = admin) => {
    const response = await t.request<Page<ContactListItem>>('GET', `/api/contacts?${new URLSearchParams(query).toString()}`, { token });
    expect(response.status).toBe(200);
    return response.body;
  };
  const phones = async (query: Record<string, string>, token = admin) => (await directory(query, token)).items.map((contact) => contact.phone).sort();
  const contactId = async (phone: string) => (await directory({ q: phone })).items[0].id;

  it('finds a customer by their number written internationally, in their country’s national format, or in part', async () => {
    expect(await phones({ q: '+380 50 123 4567' })).toEqual([OLENA]);
    expect(await phones({ q: '050 123 45 67' })).toEqual([OLENA]);
    expect(await phones({ q: '(415) 555-0123' })).toEqual([JOHN]);
    expect(await phones({ q: '1112233' })).toEqual([PETRO]);
  });

  it('finds a customer by name once someone has named them', async () => {
    const olena = await contactId(OLENA);
    expect((await t.request('PATCH', `/api/contacts/${olena}`, { token: billingAgent, body: { name: 'Olena Kovalenko' } })).status).toBe(200);
    expect(await phones({ q: 'kovalen' })).toEqual([OLENA]);
    expect(await phones({ q: 'kovalen' }, supportAgent)).toEqual([]);
  });

  it('shows an agent only the customers who have a conversation in one of their teams', async () => {
    expect(await phones({}, supportAgent)).toEqual([JOHN, PETRO].sort());
    expect(await phones({}, billingAgent)).toEqual([OLENA, PETRO].sort());
    expect(await phones({})).toEqual([JOHN, OLENA, PETRO].sort());
    expect((await t.request('GET', `/api/contacts/${await contactId(OLENA)}`, { token: supportAgent })).status).toBe(404);
  });

  it('names on each row the teams the customer was seen in, only those the viewer is in', async () => {
    const petro = async (token: string) => (await directory({ q: PETRO }, token)).items[0].teamIds;
    expect((await petro(admin)).sort()).toEqual([supportId, billingId].sort());
    expect(await petro(supportAgent)).toEqual([supportId]);
    expect((await directory({ sort: 'name', q: PETRO }, billingAgent)).items[0].teamIds).toEqual([billingId]);
  });

  it('filters by the team and channel a customer was seen in, by consent and by the date of the last contact', async () => {
    expect(await phones({ teamId: billingId })).toEqual([OLENA, PETRO].sort());
    expect(await phones({ channelId: supportLine.id })).toEqual([JOHN, PETRO].sort());
    expect(await phones({ consent: 'opted_out' })).toEqual([JOHN]);
    expect(await phones({ consent: 'subscribed' })).toEqual([OLENA, PETRO].sort());
    // Another team's filter is no way around the access rule.
    expect(await phones({ teamId: billingId }, supportAgent)).toEqual([]);
    expect(await phones({ lastContactFrom: new Date(Date.now() - 3_600_000).toISOString() })).toHaveLength(3);
    expect(await phones({ lastContactTo: new Date(Date.now() - 3_600_000).toISOString() })).toEqual([]);
  });

  it('pages through every sort by cursor without repeating or skipping anyone, even as a new customer writes in between', async () => {
    const NEWCOMER = '+14155550999';
    for (const sort of ['last_contact', 'name', 'created']) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: Page<ContactListItem> = await directory({ sort, limit: '1', ...(cursor ? { cursor } : {}) });
        seen.push(...page.items.map((contact) => contact.phone));
        cursor = page.nextCursor;
        // Lands ahead of the cursor in every order: later pages go on where the first one ended.
        if (seen.length === 1 && sort === 'last_contact') await says(supportLine, NEWCOMER, 'Hi!');
      } while (cursor);
      expect(seen).toHaveLength(new Set(seen).size);
      expect([...seen].sort()).toEqual((sort === 'last_contact' ? [JOHN, OLENA, PETRO] : [JOHN, OLENA, PETRO, NEWCOMER]).sort());
    }
    const byName = await directory({ sort: 'name' });
    expect(byName.items[0].phone).toBe(OLENA);
    expect((await t.request('GET', `/api/contacts?sort=name&cursor=${(await directory({ sort: 'created', limit: '1' })).nextCursor}`, { token: admin })).status).toBe(400);
  });

  it('shows the contact page with consent, its history and every conversation the viewer can see, newest first', async () => {
    const john = (await t.request<ContactDetailView>('GET', `/api/contacts/${await contactId(JOHN)}`, { token: supportAgent })).body;
    expect(john.consent).toEqual([expect.objectContaining({ channelId: supportLine.id, channelName: 'Orders line', optedOut: true })]);
    expect(john.consentHistory).toEqual([expect.objectContaining({ action: 'opt_out', keyword: 'STOP', channelId: supportLine.id })]);
    const petro = await contactId(PETRO);
    const asAdmin = (await t.request<ContactDetailView>('GET', `/api/contacts/${petro}`, { token: admin })).body;
    expect(asAdmin.conversations.map((conversation) => conversation.channelId)).toEqual([billingLine.id, supportLine.id]);
    const asBilling = (await t.request<ContactDetailView>('GET', `/api/contacts/${petro}`, { token: billingAgent })).body;
    expect(asBilling.conversations.map((conversation) => conversation.channelId)).toEqual([billingLine.id]);
  });

  it('keeps each team’s notes about a customer to that team: another team neither sees them nor can overwrite them', async () => {
    const petro = await contactId(PETRO);
    const saved = await t.request('PATCH', `/api/contacts/${petro}`, { token: supportAgent, body: { notes: 'VIP: call before delivery', teamId: supportId } });
    expect(saved.status).toBe(200);

    const billingView = (await t.request<ContactDetailView>('GET', `/api/contacts/${petro}`, { token: billingAgent })).body;
    expect(billingView.notes).toEqual([expect.objectContaining({ teamId: billingId, body: '' })]);
    const billingInbox = (await t.request<Page<ConversationView>>('GET', '/api/conversations?view=all', { token: billingAgent })).body.items.find((c) => c.contact.phone === PETRO);
    expect(billingInbox?.contact.notes).toBe('');

    expect((await t.request('PATCH', `/api/contacts/${petro}`, { token: billingAgent, body: { notes: 'overwritten', teamId: supportId } })).status).toBe(404);
    expect((await t.request('PATCH', `/api/contacts/${petro}`, { token: billingAgent, body: { notes: 'Billing’s own', teamId: billingId } })).status).toBe(200);

    const supportInbox = (await t.request<Page<ConversationView>>('GET', '/api/conversations?view=all', { token: supportAgent })).body.items.find((c) => c.contact.phone === PETRO);
    expect(supportInbox?.contact.notes).toBe('VIP: call before delivery');
    const adminView = (await t.request<ContactDetailView>('GET', `/api/contacts/${petro}`, { token: admin })).body;
    expect(adminView.notes.map((note) => [note.teamId, note.body]).sort()).toEqual([[billingId, 'Billing’s own'], [supportId, 'VIP: call before delivery']].sort());
  });
});
