import { TeamsService, UsersService } from '@backtalk/auth';
import { ChannelsService } from '@backtalk/channels';
import {
  type CannedAnswerView,
  type ChannelView,
  type ContactAttributeView,
  type ContactDetailView,
  type ContactListItem,
  type Page,
  Provider,
  type RenderedCannedAnswer,
  Role,
  RuleTrigger,
  SenderType,
} from '@backtalk/contracts';
import { eventually, genericSigned, TestApp } from '@backtalk/testing';
import { ApiModule } from './api.module';

const SECRET = 'generic-webhook-secret';
const PASSWORD = 'correct horse battery staple';
const OLENA = '+380501234567';
const PETRO = '+380671112233';

describe('custom contact attributes', () => {
  let t: TestApp;
  let admin: string;
  let supervisor: string;
  let agent: string;
  let outsider: string;
  let line: ChannelView;
  let messageNumber = 0;
  let olena: string;
  let petro: string;
  const attributes: Record<string, ContactAttributeView> = {};

  beforeAll(async () => {
    t = await TestApp.create(ApiModule.forRoot({ runWorkers: true }), { PUBLIC_BASE_URL: 'https://backtalk.test', ROUTING_SWEEP_INTERVAL_MS: '600000' });
    await t.reset();
    const teams = t.app.get(TeamsService);
    const support = (await teams.create({ name: 'Support' })).id;
    const billing = (await teams.create({ name: 'Billing' })).id;
    admin = await person('admin@example.com', Role.Admin, []);
    supervisor = await person('supervisor@example.com', Role.Supervisor, [support]);
    agent = await person('agent@example.com', Role.Agent, [support]);
    outsider = await person('billing@example.com', Role.Agent, [billing]);
    line = await t.app.get(ChannelsService).create({
      teamId: support,
      name: 'Orders line',
      provider: Provider.Generic,
      sender: '+14155550107',
      senderType: SenderType.LongCode,
      country: 'UA',
      secrets: { signatureSecret: SECRET },
      confirmations: { optOut: null, optIn: null, help: false },
    });
    await says(OLENA, 'Where is my order?');
    await says(PETRO, 'Hello');
    const contacts = await eventually(() => t.dataSource.query<Array<{ id: string; phone: string }>>(`SELECT id, phone FROM contact`), (rows) => rows.length === 2);
    olena = contacts.find((contact) => contact.phone === OLENA)!.id;
    petro = contacts.find((contact) => contact.phone === PETRO)!.id;
  });
  afterAll(() => t.close());

  async function person(email: string, role: Role, teamIds: string[]): Promise<string> {
    await t.app.get(UsersService).create({ email, name: email.split('@')[0], role, password: PASSWORD, teamIds });
    return (await t.request<{ accessToken: string }>('POST', '/api/auth/login', { body: { email, password: PASSWORD } })).body.accessToken;
  }
  async function says(from: string, text: string): Promise<void> {
    const response = await t.deliver(genericSigned(new URL(line.webhookUrl).pathname, { type: 'message', id: `in-${++messageNumber}`, from, to: line.sender, text }, SECRET));
    expect(response.status).toBeLessThan(300);
  }
  const define = (body: Record<string, unknown>, token = admin) => t.request<ContactAttributeView & { message?: string }>('POST', '/api/contact-attributes', { token, body });
  const setValues = (contactId: string, body: Record<string, unknown>, token = agent) => t.request<{ message?: string }>('PATCH', `/api/contacts/${contactId}`, { token, body });
  const contact = async (contactId: string, token = agent) => (await t.request<ContactDetailView>('GET', `/api/contacts/${contactId}`, { token })).body;
  const directory = (query: string, token = agent) => t.request<Page<ContactListItem> & { message?: string }>('GET', `/api/contacts?${query}`, { token });

  it('lets only admins define attributes, and every signed-in person read them', async () => {
    expect((await define({ key: 'order_id', label: 'Order ID', type: 'text' }, supervisor)).status).toBe(403);
    expect((await define({ key: 'order_id', label: 'Order ID', type: 'text' }, agent)).status).toBe(403);
    for (const body of [
      { key: 'order_id', label: 'Order ID', type: 'text' },
      { key: 'orders', label: 'Orders', type: 'number' },
      { key: 'renews_on', label: 'Renews on', type: 'date' },
      { key: 'vip', label: 'VIP', type: 'boolean' },
      { key: 'plan', label: 'Plan', type: 'list', choices: ['Gold', ' Silver ', 'Gold'] },
      { key: 'crm', label: 'CRM record', type: 'link' },
    ]) {
      const created = await define(body);
      expect(created.status).toBe(201);
      attributes[created.body.key] = created.body;
    }
    expect(attributes['plan'].choices).toEqual(['Gold', 'Silver']);
    const listed = await t.request<ContactAttributeView[]>('GET', '/api/contact-attributes', { token: agent });
    expect(listed.status).toBe(200);
    expect(listed.body.map((attribute) => attribute.key)).toEqual(['order_id', 'orders', 'renews_on', 'vip', 'plan', 'crm']);
    expect((await t.request('DELETE', `/api/contact-attributes/${attributes['crm'].id}`, { token: supervisor })).status).toBe(403);
  });

  it('refuses a key already used, a key canned answers cannot name, and a list without choices', async () => {
    const duplicate = await define({ key: 'order_id', label: 'Another', type: 'number' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.message).toBe('The key order_id is already used by another attribute.');
    expect((await define({ key: 'Order ID', label: 'Order', type: 'text' })).status).toBe(400);
    expect((await define({ key: 'name', label: 'Name', type: 'text' })).status).toBe(400);
    const empty = await define({ key: 'tier', label: 'Tier', type: 'list', choices: [] });
    expect(empty.status).toBe(400);
    expect(empty.body.message).toContain('a list needs at least one choice');
    expect((await define({ key: 'size', label: 'Size', type: 'number', choices: ['S'] })).status).toBe(400);
    expect((await define({ key: 'colour', label: 'Colour', type: 'emoji' })).status).toBe(400);
  });

  it('stores typed values shared by every team that sees the contact, announces the change after commit, and shows them on the contact page', async () => {
    const before = await t.dataSource.query<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM domain_event WHERE type = 'contact.updated'`);
    const saved = await setValues(olena, { attributes: { order_id: ' A-1042 ', orders: 12, renews_on: '2026-03-01', vip: true, plan: 'Gold', crm: 'https://crm.example/c/42' } });
    expect(saved.status).toBe(200);
    expect((await contact(olena)).attributes).toEqual({ order_id: 'A-1042', orders: 12, renews_on: '2026-03-01', vip: true, plan: 'Gold', crm: 'https://crm.example/c/42' });
    expect((await contact(olena, admin)).attributes['plan']).toBe('Gold');
    const after = await t.dataSource.query<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM domain_event WHERE type = 'contact.updated'`);
    expect(after[0].n).toBe(before[0].n + 1);

    expect((await setValues(olena, { attributes: { crm: null } })).status).toBe(200);
    expect((await contact(olena)).attributes).not.toHaveProperty('crm');
  });

  it('refuses a value its attribute’s type cannot hold with a sentence naming it, and changes nothing of the request', async () => {
    const refused = await setValues(olena, { name: 'Olena K', attributes: { orders: 'twelve', plan: 'Platinum', renews_on: '2026-02-30', nope: 'x' } });
    expect(refused.status).toBe(400);
    expect(refused.body.message).toBe('Invalid request: Orders must be a number. Plan must be one of “Gold”, “Silver”. Renews on must be a date (YYYY-MM-DD). nope is not a contact attribute.');
    const after = await contact(olena);
    expect(after.name).toBe('');
    expect(after.attributes).toMatchObject({ orders: 12, plan: 'Gold', renews_on: '2026-03-01' });
    expect((await setValues(olena, { attributes: { vip: 'yes' } })).status).toBe(400);
    expect((await setValues(olena, { attributes: { crm: 'javascript:alert(1)' } })).status).toBe(400);
    expect((await setValues(olena, { attributes: 'vip' })).status).toBe(400);
  });

  it('holds the invariants in the database too: a value in its type’s column, and a list’s value among its choices', async () => {
    const insert = (column: string, value: unknown, type = 'number', attributeId = attributes['orders'].id) =>
      t.dataSource.query(`INSERT INTO contact_attribute_value (contact_id, attribute_id, attribute_type, ${column}) VALUES ($1, $2, $3, $4)`, [petro, attributeId, type, value]);
    await expect(insert('text_value', '12')).rejects.toThrow(/ck_contact_attribute_value_typed/);
    await expect(insert('number_value', 12, 'text')).rejects.toThrow(/foreign key/);
    await expect(insert('choice_value', 'Platinum', 'list', attributes['plan'].id)).rejects.toThrow(/fk_contact_attribute_value_choice/);
  });

  it('lets an other team’s agent neither read nor set the values of a contact they cannot see', async () => {
    expect((await t.request('GET', `/api/contacts/${olena}`, { token: outsider })).status).toBe(404);
    expect((await setValues(olena, { attributes: { plan: 'Silver' } }, outsider)).status).toBe(404);
    expect((await contact(olena)).attributes['plan']).toBe('Gold');
  });

  it('filters the directory by attribute values of each type, and refuses a filter no attribute or value fits', async () => {
    await setValues(petro, { attributes: { plan: 'Silver', orders: 3, vip: false } });
    const phones = async (query: string, token = agent) => (await directory(query, token)).body.items.map((item) => item.phone);
    expect(await phones('attribute=plan:gold')).toEqual([OLENA]);
    expect(await phones('attribute=plan:Silver')).toEqual([PETRO]);
    expect(await phones('attribute=orders:12')).toEqual([OLENA]);
    expect(await phones('attribute=vip:no')).toEqual([PETRO]);
    expect(await phones('attribute=order_id:a-1042')).toEqual([OLENA]);
    expect(await phones('attribute=renews_on:2026-03-01&sort=name')).toEqual([OLENA]);
    expect(await phones('attribute=plan:Gold&attribute=orders:3')).toEqual([]);
    expect(await phones('attribute=plan:Gold', outsider)).toEqual([]);
    const unknown = await directory('attribute=shoe_size:42');
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toContain('no contact attribute has the key “shoe_size”');
    const badNumber = await directory('attribute=orders:many');
    expect(badNumber.status).toBe(400);
    expect(badNumber.body.message).toContain('“many” is not a value of Orders');
  });

  it('refuses to take away a choice some contact has, and takes one nobody has', async () => {
    const refused = await t.request<{ message: string }>('PATCH', `/api/contact-attributes/${attributes['plan'].id}`, { token: admin, body: { choices: ['Gold'] } });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toBe('“Silver” is the Plan of 1 contact: change theirs before removing it.');
    const changed = await t.request<ContactAttributeView>('PATCH', `/api/contact-attributes/${attributes['plan'].id}`, { token: admin, body: { label: 'Plan', choices: ['Platinum', 'Gold', 'Silver'] } });
    expect(changed.status).toBe(200);
    expect(changed.body.choices).toEqual(['Platinum', 'Gold', 'Silver']);
  });

  it('fills {{contact.<key>}} in canned answers, and refuses to save an answer naming an attribute nobody defined', async () => {
    const [conversation] = await t.dataSource.query<Array<{ id: string }>>(`SELECT id FROM conversation WHERE contact_id = $1`, [olena]);
    const answer = await t.request<CannedAnswerView>('POST', '/api/canned-answers', { token: admin, body: { title: 'Order', shortcode: 'order', body: 'Order {{contact.order_id}} ({{contact.plan}} plan, VIP: {{contact.vip}}) ships on {{contact.renews_on}}. {{contact.crm}}' } });
    expect(answer.status).toBe(201);
    const rendered = await t.request<RenderedCannedAnswer>('GET', `/api/canned-answers/${answer.body.id}/render?conversationId=${conversation.id}`, { token: agent });
    expect(rendered.body).toEqual({
      body: 'Order A-1042 (Gold plan, VIP: yes) ships on 2026-03-01.',
      missing: ['contact.crm'],
      choice: { chosenLanguage: 'en', fallback: false, wantedFrom: 'conversation', wantedLanguage: 'en' },
    });

    const typo = await t.request<{ message: string }>('POST', '/api/canned-answers', { token: admin, body: { title: 'Typo', shortcode: 'typo', body: 'Order {{contact.orderid}} for {{contact.first_name}}' } });
    expect(typo.status).toBe(400);
    expect(typo.body.message).toBe('{{contact.orderid}} is not a contact attribute: define it under Settings → Contact attributes, or fix the name.');
    expect((await t.request('PATCH', `/api/canned-answers/${answer.body.id}`, { token: admin, body: { body: 'Hi {{contact.size}}' } })).status).toBe(400);
  });

  it('runs automation rules whose conditions read the contact’s attributes', async () => {
    const rule = await t.request('POST', '/api/automation/rules', {
      token: admin,
      body: { name: 'VIP gold first', trigger: RuleTrigger.InboundMessage, conditions: [{ type: 'contact_attribute', key: 'plan', operator: 'equals', value: 'gold' }, { type: 'contact_attribute', key: 'orders', operator: 'greater', value: 10 }], actions: [{ type: 'set_priority', priority: 'urgent' }] },
    });
    expect(rule.status).toBe(201);
    const refused = await t.request<{ message: string }>('POST', '/api/automation/rules', {
      token: admin,
      body: { name: 'Broken', trigger: RuleTrigger.InboundMessage, conditions: [{ type: 'contact_attribute', key: 'orders', operator: 'greater', value: 'many' }], actions: [{ type: 'set_priority', priority: 'urgent' }] },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.message).toContain('contact_attribute greater needs a number or a date');

    await says(OLENA, 'Any news?');
    await says(PETRO, 'Any news?');
    const priorities = () => t.dataSource.query<Array<{ phone: string; priority: string }>>(`SELECT ct.phone, c.priority FROM conversation c JOIN contact ct ON ct.id = c.contact_id ORDER BY ct.phone`);
    await eventually(() => t.dataSource.query<unknown[]>(`SELECT 1 FROM automation_run`), (rows) => rows.length >= 2);
    expect(await priorities()).toEqual([
      { phone: OLENA, priority: 'urgent' },
      { phone: PETRO, priority: 'normal' },
    ]);
  });

  it('deletes an attribute with every contact’s value of it', async () => {
    expect((await t.request('DELETE', `/api/contact-attributes/${attributes['plan'].id}`, { token: admin })).status).toBe(204);
    expect((await contact(olena)).attributes).not.toHaveProperty('plan');
    expect(await t.dataSource.query(`SELECT 1 FROM contact_attribute_value WHERE attribute_id = $1`, [attributes['plan'].id])).toEqual([]);
    expect((await t.request('DELETE', `/api/contact-attributes/${attributes['plan'].id}`, { token: admin })).status).toBe(404);
  });
});
