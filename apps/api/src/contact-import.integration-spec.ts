import { TeamsService, UsersService } from '@backtalk/auth';
import { ChannelsService } from '@backtalk/channels';
import { ContactImportRunner } from '@backtalk/contacts';
import { type ChannelView, type ContactImportView, type ContactListItem, type Page, Provider, Role, SenderType } from '@backtalk/contracts';
import { eventually, genericSigned, TestApp } from '@backtalk/testing';
import { ApiModule } from './api.module';

const SECRET = 'generic-webhook-secret';
const PASSWORD = 'correct horse battery staple';
const JOHN = '+14155550123';
const MARY = '+14155550124';

/** A CRM export as companies have them: national and international numbers, repeats, a note over two lines, bad rows. */
const MESSY = [
  'Full name,Mobile phone,SMS consent,Notes',
  'Alice Smith,(415) 555-0100,,VIP customer',
  'Bob Jones,+1 415 555 0101,opted_out,',
  '"Smith, Carol",415.555.0102,subscribed,"Line one',
  'line two"',
  'Alice Again,4155550100,,Prefers mornings',
  'John Renamed,+14155550123,,',
  'Mary Filled,1-415-555-0124,,',
  'Broken,not a number,,',
  'No phone,,,',
  'Dave,+380 50 123 4567,maybe,',
  'Eve,+44 20 7946 0958,,',
].join('\n');
const MESSY_MAPPING = [
  { column: 0, field: 'name' },
  { column: 1, field: 'phone' },
  { column: 2, field: 'consent' },
  { column: 3, field: 'notes' },
];

describe('importing contacts from CSV and exporting the directory', () => {
  let t: TestApp;
  let supportId: string;
  let admin: string;
  let supervisor: string;
  let supportAgent: string;
  let billingAgent: string;
  let supportLine: ChannelView;
  let messageNumber = 0;

  beforeAll(async () => {
    t = await TestApp.create(ApiModule.forRoot({ runWorkers: true }), { PUBLIC_BASE_URL: 'https://backtalk.test', ROUTING_SWEEP_INTERVAL_MS: '600000' });
    await t.reset();
    const teams = t.app.get(TeamsService);
    supportId = (await teams.create({ name: 'Support' })).id;
    const billingId = (await teams.create({ name: 'Billing' })).id;
    admin = await person('admin@example.com', Role.Admin, []);
    supervisor = await person('supervisor@example.com', Role.Supervisor, [supportId]);
    supportAgent = await person('support@example.com', Role.Agent, [supportId]);
    billingAgent = await person('billing@example.com', Role.Agent, [billingId]);
    supportLine = await t.app.get(ChannelsService).create({
      teamId: supportId,
      name: 'Orders line',
      provider: Provider.Generic,
      sender: '+14155550107',
      senderType: SenderType.LongCode,
      country: 'US',
      secrets: { signatureSecret: SECRET },
      confirmations: { optOut: null, optIn: null, help: false },
    });
    await says(JOHN, 'Hello?');
    await says(MARY, 'Hi');
    await eventually(() => t.dataSource.query<unknown[]>(`SELECT 1 FROM conversation`), (rows) => rows.length === 2);
    const [john] = await t.dataSource.query<Array<{ id: string }>>(`SELECT id FROM contact WHERE phone = $1`, [JOHN]);
    expect((await t.request('PATCH', `/api/contacts/${john.id}`, { token: admin, body: { name: 'Johnny' } })).status).toBe(200);
  });
  afterAll(() => t.close());

  async function person(email: string, role: Role, teamIds: string[]): Promise<string> {
    await t.app.get(UsersService).create({ email, name: email.split('@')[0], role, password: PASSWORD, teamIds });
    return (await t.request<{ accessToken: string }>('POST', '/api/auth/login', { body: { email, password: PASSWORD } })).body.accessToken;
  }
  const says = async (from: string, text: string) => {
    const response = await t.deliver(genericSigned(new URL(supportLine.webhookUrl).pathname, { type: 'message', id: `in-${++messageNumber}`, from, to: supportLine.sender, text }, SECRET));
    expect(response.status).toBeLessThan(300);
  };
  const upload = (csv: string, token = supervisor, channelId = supportLine.id) =>
    t.request<ContactImportView>('POST', `/api/contacts/imports?channelId=${channelId}&fileName=customers.csv`, { token, headers: { 'content-type': 'text/csv' }, body: csv });
  const importFile = async (csv: string, mapping: unknown, overwriteNames = false): Promise<ContactImportView> => {
    const uploaded = await upload(csv);
    expect(uploaded.status).toBe(201);
    const started = await t.request<ContactImportView>('POST', `/api/contacts/imports/${uploaded.body.id}/start`, { token: supervisor, body: { mapping, overwriteNames } });
    expect(started.status).toBe(201);
    return eventually(
      async () => (await t.request<ContactImportView>('GET', `/api/contacts/imports/${uploaded.body.id}`, { token: supervisor })).body,
      (view) => view.status === 'done' || view.status === 'failed',
      60_000,
      100,
    );
  };
  const contact = async (phone: string) =>
    (await t.dataSource.query<Array<{ id: string; name: string }>>(`SELECT id, name FROM contact WHERE phone = $1`, [phone]))[0];
  const directory = async (token: string, query = '') => (await t.request<Page<ContactListItem>>('GET', `/api/contacts?limit=200&${query}`, { token })).body.items.map((item) => item.phone).sort();

  it('reads the header and first rows of an upload and guesses which column is which', async () => {
    const uploaded = await upload(MESSY);
    expect(uploaded.status).toBe(201);
    expect(uploaded.body).toMatchObject({ status: 'uploaded', headers: ['Full name', 'Mobile phone', 'SMS consent', 'Notes'], totalRows: 10, mapping: MESSY_MAPPING });
    expect(uploaded.body.sample[2]).toEqual(['Smith, Carol', '415.555.0102', 'subscribed', 'Line one\nline two']);
  });

  it('imports a messy file: numbers in E.164 by the channel’s country, repeats merged, bad rows reported with their line', async () => {
    const done = await importFile(MESSY, MESSY_MAPPING);
    expect(done).toMatchObject({ status: 'done', totalRows: 10, processedRows: 10, created: 4, updated: 2, duplicates: 1, errors: 3 });

    expect(await contact('+14155550100')).toMatchObject({ name: 'Alice Smith' });
    expect(await contact('+14155550102')).toMatchObject({ name: 'Smith, Carol' });
    expect(await contact('+442079460958')).toMatchObject({ name: 'Eve' });
    expect(await contact(JOHN)).toMatchObject({ name: 'Johnny' });
    expect(await contact(MARY)).toMatchObject({ name: 'Mary Filled' });
    expect(await contact('+380501234567')).toBeUndefined();
    const alice = await contact('+14155550100');
    const [note] = await t.dataSource.query<Array<{ body: string; team_id: string }>>(`SELECT body, team_id FROM contact_note WHERE contact_id = $1`, [alice.id]);
    expect(note).toEqual({ body: 'VIP customer\nPrefers mornings', team_id: supportId });

    const errors = await t.request<string>('GET', `/api/contacts/imports/${done.id}/errors`, { token: supervisor });
    expect(errors.status).toBe(200);
    expect(String(errors.headers['content-type'])).toContain('text/csv');
    expect(errors.body.trim().split('\n')).toEqual([
      'line,phone,reason',
      '9,not a number,not a phone number (national numbers are read as US)',
      '10,,no phone number',
      '11,+380 50 123 4567,"consent “maybe” is neither an opt-out (opted_out, unsubscribed, stop, no) nor an opt-in"',
    ]);
  });

  it('records an opt-out only where the file states one, in the ledger as the import’s, once however often it is imported', async () => {
    const ledger = () =>
      t.dataSource.query<Array<{ phone: string; action: string; source: string }>>(
        `SELECT ct.phone, e.action, e.source FROM consent_event e JOIN contact ct ON ct.id = e.contact_id ORDER BY ct.phone`,
      );
    expect(await ledger()).toEqual([{ phone: '+14155550101', action: 'opt_out', source: 'import' }]);
    await importFile(MESSY, MESSY_MAPPING);
    expect(await ledger()).toHaveLength(1);
    expect(await directory(supportAgent, 'consent=opted_out')).toEqual(['+14155550101']);
  });

  it('replaces names that are already there only when the import says so', async () => {
    const done = await importFile('phone,name\n+14155550123,John Renamed\n', [{ column: 0, field: 'phone' }, { column: 1, field: 'name' }], true);
    expect(done).toMatchObject({ created: 0, updated: 1 });
    expect(await contact(JOHN)).toMatchObject({ name: 'John Renamed' });
  });

  it('puts the imported contacts in the directory of the channel’s team only', async () => {
    expect(await directory(supportAgent)).toEqual(expect.arrayContaining(['+14155550100', '+14155550101', '+14155550102', '+442079460958', JOHN, MARY]));
    expect(await directory(billingAgent)).toEqual([]);
  });

  it('lets only the team’s admins and supervisors import, and hides another team’s channel and imports', async () => {
    expect((await upload(MESSY, supportAgent)).status).toBe(403);
    expect((await upload(MESSY, billingAgent)).status).toBe(404);
    const uploaded = await upload(MESSY, admin);
    expect((await t.request('GET', `/api/contacts/imports/${uploaded.body.id}`, { token: billingAgent })).status).toBe(404);
    expect((await t.request('POST', `/api/contacts/imports/${uploaded.body.id}/start`, { token: supportAgent, body: { mapping: MESSY_MAPPING } })).status).toBe(403);
  });

  it('refuses a file that is not CSV, has no rows, or lacks a phone column in its mapping', async () => {
    expect((await upload('name,phone\n"Alice,+14155550100\n')).status).toBe(400);
    expect((await upload('name,phone\n')).status).toBe(400);
    expect((await t.request('POST', `/api/contacts/imports?channelId=${supportLine.id}`, { token: supervisor, body: { csv: 'name,phone' } })).status).toBe(400);
    const uploaded = await upload(MESSY);
    const started = await t.request<{ message: string }>('POST', `/api/contacts/imports/${uploaded.body.id}/start`, { token: supervisor, body: { mapping: [{ column: 0, field: 'name' }] } });
    expect(started.status).toBe(400);
    expect(started.body.message).toContain('exactly one column to the phone number');
  });

  it('imports a 20,000-row file in the background with the right counts', async () => {
    const rows = ['number;name'];
    for (let index = 0; index < 19_500; index += 1) rows.push(`(646) 2${String(index).padStart(6, '0')};Customer ${index}`);
    for (let index = 0; index < 400; index += 1) rows.push(`+1646${2}${String(index * 7).padStart(6, '0')};Again ${index}`);
    for (let index = 0; index < 100; index += 1) rows.push(`x${index};Broken ${index}`);
    const done = await importFile(rows.join('\r\n'), [{ column: 0, field: 'phone' }, { column: 1, field: 'name' }]);
    expect(done).toMatchObject({ status: 'done', totalRows: 20_000, processedRows: 20_000, created: 19_500, duplicates: 400, errors: 100, updated: 0 });
    expect(await contact('+16462000007')).toMatchObject({ name: 'Customer 7' });
    const errors = await t.request<string>('GET', `/api/contacts/imports/${done.id}/errors`, { token: supervisor });
    expect(errors.body.trim().split('\n')).toHaveLength(101);
    const [{ content }] = await t.dataSource.query<Array<{ content: string | null }>>(`SELECT content FROM contact_import WHERE id = $1`, [done.id]);
    expect(content).toBeNull();
  }, 120_000);

  it('resumes after a failure mid-file from the last committed chunk, counting each row once', async () => {
    const rows = ['phone,name'];
    for (let index = 0; index < 2_500; index += 1) rows.push(`+1718${String(2_000_000 + index)},Resumed ${index}`);
    // The same number again in the chunk after the failure: still a repeat of a row imported before it.
    rows.push('+17182000005,Resumed again');
    const uploaded = await upload(rows.join('\n'));
    // Queued as start would, but run here by hand so the failure can be placed.
    await t.dataSource.query(`UPDATE contact_import SET status = 'queued', mapping = $2 WHERE id = $1`, [uploaded.body.id, JSON.stringify([{ column: 0, field: 'phone' }, { column: 1, field: 'name' }])]);
    await t.dataSource.query(`
      CREATE FUNCTION fail_import_once() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'the database went away'; END $$`);
    await t.dataSource.query(`CREATE TRIGGER trg_fail_import BEFORE INSERT ON contact FOR EACH ROW WHEN (NEW.phone = '+17182001500') EXECUTE FUNCTION fail_import_once()`);
    const runner = t.app.get(ContactImportRunner);
    try {
      await expect(runner.run(uploaded.body.id)).rejects.toThrow('the database went away');
      const [half] = await t.dataSource.query<Array<{ processed_rows: number; created_count: number }>>(`SELECT processed_rows, created_count FROM contact_import WHERE id = $1`, [uploaded.body.id]);
      expect(half).toEqual({ processed_rows: 1_000, created_count: 1_000 });
    } finally {
      await t.dataSource.query(`DROP TRIGGER trg_fail_import ON contact`);
      await t.dataSource.query(`DROP FUNCTION fail_import_once()`);
    }
    await runner.run(uploaded.body.id);
    const done = (await t.request<ContactImportView>('GET', `/api/contacts/imports/${uploaded.body.id}`, { token: supervisor })).body;
    expect(done).toMatchObject({ status: 'done', totalRows: 2_501, processedRows: 2_501, created: 2_500, updated: 0, duplicates: 1, errors: 0 });
  });

  it('exports the directory with its filters as CSV, within the access rule', async () => {
    const optedOut = await t.request<string>('GET', '/api/contacts/export?consent=opted_out', { token: supervisor });
    expect(optedOut.status).toBe(200);
    expect(String(optedOut.headers['content-type'])).toContain('text/csv');
    const lines = optedOut.body.trim().split('\n');
    expect(lines[0]).toBe('phone,name,consent,last_contact_at,created_at');
    expect(lines.slice(1).map((line) => line.split(',').slice(0, 3).join(','))).toEqual(['+14155550101,Bob Jones,opted_out']);

    const everyone = await t.request<string>('GET', '/api/contacts/export', { token: supportAgent });
    expect(everyone.body.trim().split('\n')).toHaveLength(1 + 19_500 + 2_500 + 6);
    expect((await t.request<string>('GET', '/api/contacts/export', { token: billingAgent })).body.trim().split('\n')).toEqual(['phone,name,consent,last_contact_at,created_at']);
    expect((await t.request('GET', '/api/contacts/export?sort=nope', { token: supervisor })).status).toBe(400);
  }, 60_000);

  it('fills custom attributes from mapped columns: values read as the editor reads them, a bad choice reported with its row, an existing contact’s value replaced', async () => {
    const define = async (body: Record<string, unknown>) => expect((await t.request('POST', '/api/contact-attributes', { token: admin, body })).status).toBe(201);
    await define({ key: 'order_id', label: 'Order ID', type: 'text' });
    await define({ key: 'loyalty_tier', label: 'Loyalty tier', type: 'list', choices: ['Bronze', 'Silver', 'Gold'] });
    await define({ key: 'lifetime_spend', label: 'Lifetime spend', type: 'number' });
    await define({ key: 'member_since', label: 'Member since', type: 'date' });
    await define({ key: 'vip', label: 'VIP', type: 'boolean' });
    await define({ key: 'profile', label: 'Profile', type: 'link' });
    const john = await contact(JOHN);
    expect((await t.request('PATCH', `/api/contacts/${john.id}`, { token: admin, body: { attributes: { loyalty_tier: 'Bronze', order_id: 'A-1' } } })).status).toBe(200);

    const crm = [
      'Phone;Order ID;Loyalty tier;Lifetime spend;Member since;VIP;Profile',
      '+1 (212) 555-0300;A-300;gold;1 234,50;2024-02-29;yes;https://crm.example.com/300',
      '+14155550123;A-123;Silver;;;no;',
      '2125550301;A-301;Platinum;10;2024-01-01;;',
      '2125550302;A-302;Bronze;lots;;;',
      '2125550303;;Silver;;2024-02-30;;',
      '(212) 555-0300;A-300b;;;;;',
      '2125550304;A-304;;;;maybe;',
      '2125550305;A-305;;;;;crm.example.com/305',
    ].join('\n');
    const done = await importFile(crm, [
      { column: 0, field: 'phone' },
      { column: 1, field: 'attribute', attributeKey: 'order_id' },
      { column: 2, field: 'attribute', attributeKey: 'loyalty_tier' },
      { column: 3, field: 'attribute', attributeKey: 'lifetime_spend' },
      { column: 4, field: 'attribute', attributeKey: 'member_since' },
      { column: 5, field: 'attribute', attributeKey: 'vip' },
      { column: 6, field: 'attribute', attributeKey: 'profile' },
    ]);
    expect(done).toMatchObject({ status: 'done', totalRows: 8, created: 1, updated: 1, duplicates: 1, errors: 5 });

    const attributesOf = async (phone: string) =>
      (await t.request<{ attributes: Record<string, unknown> }>('GET', `/api/contacts/${(await contact(phone)).id}`, { token: supervisor })).body.attributes;
    // The later row's non-empty order id wins; its empty cells keep the earlier row's values.
    expect(await attributesOf('+12125550300')).toEqual({ order_id: 'A-300b', loyalty_tier: 'Gold', lifetime_spend: 1234.5, member_since: '2024-02-29', vip: true, profile: 'https://crm.example.com/300' });
    // An empty cell leaves what the contact had; a filled one replaces it.
    expect(await attributesOf(JOHN)).toEqual({ order_id: 'A-123', loyalty_tier: 'Silver', vip: false });

    const errors = await t.request<string>('GET', `/api/contacts/imports/${done.id}/errors`, { token: supervisor });
    expect(errors.body.trim().split('\n')).toEqual([
      'line,phone,reason',
      '4,2125550301,"“Platinum”: Loyalty tier must be one of “Bronze”, “Silver”, “Gold”."',
      '5,2125550302,“lots”: Lifetime spend must be a number.',
      '6,2125550303,“2024-02-30”: Member since must be a date (YYYY-MM-DD).',
      '8,2125550304,“maybe”: VIP must be yes or no (true or false).',
      '9,2125550305,“crm.example.com/305”: Profile must be a link starting with http:// or https://.',
    ]);
    expect(await contact('+12125550301')).toBeUndefined();
  });

  it('refuses a mapping to an attribute that does not exist or to one attribute from two columns', async () => {
    const uploaded = await upload('phone,tier,tier again\n+14155550123,Gold,Silver\n');
    const start = (mapping: unknown) => t.request<{ message: string }>('POST', `/api/contacts/imports/${uploaded.body.id}/start`, { token: supervisor, body: { mapping } });
    const unknown = await start([{ column: 0, field: 'phone' }, { column: 1, field: 'attribute', attributeKey: 'shoe_size' }]);
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toContain('“shoe_size”');
    expect((await start([{ column: 0, field: 'phone' }, { column: 1, field: 'attribute' }])).status).toBe(400);
    const twice = await start([{ column: 0, field: 'phone' }, { column: 1, field: 'attribute', attributeKey: 'loyalty_tier' }, { column: 2, field: 'attribute', attributeKey: 'loyalty_tier' }]);
    expect(twice.status).toBe(400);
    expect(twice.body.message).toContain('two columns');
  });
});
