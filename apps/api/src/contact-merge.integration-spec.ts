import { TeamsService, UsersService } from '@backtalk/auth';
import { ChannelsService } from '@backtalk/channels';
import { type ChannelView, type ContactDetailView, Provider, Role, SenderType } from '@backtalk/contracts';
import { eventually, genericSigned, TestApp } from '@backtalk/testing';
import { ApiModule } from './api.module';

const SECRET = 'generic-webhook-secret';
const PASSWORD = 'correct horse battery staple';
const OLENA = '+380501234567';
const OLENA_AGAIN = '+380671112233';

/** The tables with a foreign key to contact, as the catalog lists them. */
const REFERENCING_TABLES = ['consent', 'consent_event', 'contact_attribute_value', 'contact_block', 'contact_merge', 'contact_note', 'contact_presence', 'conversation', 'csat_response'];

describe('merging two contacts into one', () => {
  let t: TestApp;
  let supportId: string;
  let admin: string;
  let supportSupervisor: string;
  let billingSupervisor: string;
  let supportAgent: string;
  let supportLine: ChannelView;
  let billingLine: ChannelView;
  let survivorId: string;
  let absorbedId: string;
  let messageNumber = 0;

  beforeAll(async () => {
    t = await TestApp.create(ApiModule.forRoot({ runWorkers: false }), { PUBLIC_BASE_URL: 'https://backtalk.test' });
    await t.reset();
    const teams = t.app.get(TeamsService);
    supportId = (await teams.create({ name: 'Support' })).id;
    const billingId = (await teams.create({ name: 'Billing' })).id;
    admin = await person('admin@example.com', Role.Admin, []);
    supportSupervisor = await person('support-lead@example.com', Role.Supervisor, [supportId]);
    billingSupervisor = await person('billing-lead@example.com', Role.Supervisor, [billingId]);
    supportAgent = await person('support@example.com', Role.Agent, [supportId]);
    const channels = t.app.get(ChannelsService);
    const line = (teamId: string, name: string, sender: string) =>
      channels.create({ teamId, name, provider: Provider.Generic, sender, senderType: SenderType.LongCode, country: 'UA', secrets: { signatureSecret: SECRET }, confirmations: { optOut: null, optIn: null, help: false } });
    supportLine = await line(supportId, 'Orders line', '+380441230001');
    billingLine = await line(billingId, 'Billing line', '+380441230002');

    await says(supportLine, OLENA, 'Where is my parcel?');
    await says(billingLine, OLENA, 'And my invoice?');
    await says(supportLine, OLENA_AGAIN, 'It is Olena from my other phone');
    await says(supportLine, OLENA_AGAIN, 'STOP');
    await eventually(() => t.dataSource.query<unknown[]>(`SELECT 1 FROM conversation`), (rows) => rows.length === 3);
    await eventually(() => t.dataSource.query<unknown[]>(`SELECT 1 FROM consent_event`), (rows) => rows.length === 1);
    const contacts = await t.dataSource.query<Array<{ id: string; phone: string }>>(`SELECT id, phone FROM contact`);
    survivorId = contacts.find((contact) => contact.phone === OLENA)?.id ?? '';
    absorbedId = contacts.find((contact) => contact.phone === OLENA_AGAIN)?.id ?? '';
  });
  afterAll(() => t.close());

  async function person(email: string, role: Role, teamIds: string[]): Promise<string> {
    await t.app.get(UsersService).create({ email, name: email.split('@')[0], role, password: PASSWORD, teamIds });
    return (await t.request<{ accessToken: string }>('POST', '/api/auth/login', { body: { email, password: PASSWORD } })).body.accessToken;
  }
  const says = async (channel: ChannelView, from: string, text: string) => {
    const response = await t.deliver(genericSigned(new URL(channel.webhookUrl).pathname, { type: 'message', id: `merge-in-${++messageNumber}`, from, to: channel.sender, text }, SECRET));
    expect(response.status).toBeLessThan(300);
  };
  const merge = (token: string, otherContactId = absorbedId, contactId = survivorId) =>
    t.request<ContactDetailView & { message?: string }>('POST', `/api/contacts/${contactId}/merge`, { token, body: { otherContactId } });
  /** Every row naming either contact, in every table that can: a refused merge changes none of them. */
  const rowsOfBoth = async () => {
    const rows: Record<string, string[]> = {};
    for (const table of REFERENCING_TABLES) {
      const found = await t.dataSource.query<Array<{ row: string }>>(`SELECT x::text AS row FROM ${table} x WHERE contact_id = ANY($1::uuid[]) ORDER BY 1`, [[survivorId, absorbedId]]);
      rows[table] = found.map((entry) => entry.row);
    }
    rows['contact'] = (await t.dataSource.query<Array<{ row: string }>>(`SELECT x::text AS row FROM contact x ORDER BY 1`)).map((entry) => entry.row);
    return rows;
  };

  it('refuses, changing nothing, while both have an open conversation on the same channel, and says which one to resolve', async () => {
    const before = await rowsOfBoth();
    const refused = await merge(admin);
    expect(refused.status).toBe(409);
    expect(refused.body.message).toBe('Both contacts have an open conversation on Orders line; resolve one of them first, then merge');
    expect(await rowsOfBoth()).toEqual(before);
  });

  it('lets only admins and supervisors of a team both contacts were seen in merge them, and hides contacts the caller cannot see', async () => {
    const before = await rowsOfBoth();
    expect((await merge(supportAgent)).status).toBe(403);
    // Billing saw Olena's first number only: the second is not theirs to know about.
    expect((await merge(billingSupervisor)).status).toBe(404);
    expect((await merge(billingSupervisor, survivorId, absorbedId)).status).toBe(404);
    expect((await merge(admin, survivorId)).status).toBe(400);
    expect(await rowsOfBoth()).toEqual(before);
  });

  it('moves conversations, notes, attributes, consent and its history, survey answers and presence to the surviving contact, leaving no row behind', async () => {
    const [open] = await t.dataSource.query<Array<{ id: string }>>(`SELECT id FROM conversation WHERE contact_id = $1`, [absorbedId]);
    expect((await t.request('POST', `/api/conversations/${open.id}/resolve`, { token: supportAgent })).status).toBe(200);
    const defined = await t.request<{ id: string }>('POST', '/api/contact-attributes', { token: admin, body: { key: 'merge_plan', label: 'Plan', type: 'text' } });
    expect(defined.status).toBe(201);
    expect((await t.request('POST', '/api/contact-attributes', { token: admin, body: { key: 'merge_city', label: 'City', type: 'text' } })).status).toBe(201);
    const write = (contactId: string, body: Record<string, unknown>) => t.request('PATCH', `/api/contacts/${contactId}`, { token: supportSupervisor, body });
    expect((await write(survivorId, { notes: 'Prefers mornings', teamId: supportId, attributes: { merge_plan: 'Gold' } })).status).toBe(200);
    expect((await write(absorbedId, { name: 'Olena K.', notes: 'Second phone is for work', teamId: supportId, attributes: { merge_plan: 'Silver', merge_city: 'Lviv' } })).status).toBe(200);
    const [resolved] = await t.dataSource.query<Array<{ resolved_at: Date; channel_id: string; team_id: string }>>(`SELECT resolved_at, channel_id, team_id FROM conversation WHERE id = $1`, [open.id]);
    await t.dataSource.query(`INSERT INTO csat_response (conversation_id, resolved_at, team_id, channel_id, contact_id) VALUES ($1, $2, $3, $4, $5)`, [open.id, resolved.resolved_at, resolved.team_id, resolved.channel_id, absorbedId]);
    const absorbedRows = async () => {
      const counts: Record<string, number> = {};
      for (const table of REFERENCING_TABLES) counts[table] = (await t.dataSource.query<unknown[]>(`SELECT 1 FROM ${table} WHERE contact_id = $1`, [absorbedId])).length;
      return counts;
    };
    expect((await t.request('POST', `/api/contacts/${absorbedId}/block`, { token: supportSupervisor, body: { teamId: supportId } })).status).toBe(200);
    const had = await absorbedRows();
    expect(Object.entries(had).filter(([, count]) => count === 0).map(([table]) => table)).toEqual(['contact_merge']);

    const merged = await merge(supportSupervisor);
    expect(merged.status).toBe(200);

    const references = await t.dataSource.query<Array<{ table_name: string }>>(
      `SELECT DISTINCT c.conrelid::regclass::text AS table_name FROM pg_constraint c WHERE c.contype = 'f' AND c.confrelid = 'contact'::regclass ORDER BY 1`,
    );
    // A table added with a foreign key to contact must be handled by the merge and named here.
    expect(references.map((reference) => reference.table_name)).toEqual(REFERENCING_TABLES);
    expect(Object.values(await absorbedRows()).every((count) => count === 0)).toBe(true);
    expect(await t.dataSource.query(`SELECT 1 FROM contact WHERE id = $1`, [absorbedId])).toEqual([]);

    const page = merged.body;
    expect(page.name).toBe('Olena K.');
    // Support's lead sees Support's two; the billing conversation is still there for those who may see it.
    expect(page.conversations.map((conversation) => conversation.channelId)).toEqual([supportLine.id, supportLine.id]);
    expect((await t.request<ContactDetailView>('GET', `/api/contacts/${survivorId}`, { token: admin })).body.conversations).toHaveLength(3);
    expect(page.notes.find((note) => note.teamId === supportId)?.body).toBe('Prefers mornings\n\nSecond phone is for work');
    expect(page.attributes).toEqual({ merge_plan: 'Gold', merge_city: 'Lviv' });
    expect(page.consent).toEqual([expect.objectContaining({ channelId: supportLine.id, optedOut: true })]);
    expect(page.consentHistory).toEqual([expect.objectContaining({ action: 'opt_out', channelId: supportLine.id })]);
    expect(page.blocks).toEqual([expect.objectContaining({ teamId: supportId, blockedByName: 'support-lead' })]);
    expect(page.merges).toEqual([{ absorbedPhone: OLENA_AGAIN, absorbedName: 'Olena K.', mergedByName: 'support-lead', mergedAt: expect.any(String) }]);
    expect(await t.dataSource.query(`SELECT 1 FROM csat_response WHERE contact_id = $1`, [survivorId])).toHaveLength(1);
    const presence = await t.dataSource.query<Array<{ channel_id: string }>>(`SELECT channel_id FROM contact_presence WHERE contact_id = $1 ORDER BY channel_id`, [survivorId]);
    expect(presence.map((row) => row.channel_id)).toEqual([supportLine.id, billingLine.id].sort());
    const [event] = await t.dataSource.query<unknown[]>(`SELECT 1 FROM domain_event WHERE type = 'contact.updated' AND payload->>'contactId' = $1 AND team_id = $2`, [survivorId, supportId]);
    expect(event).toBeDefined();

    // The next message from the second number is a new customer again: nothing about it points at the survivor.
    await says(supportLine, OLENA_AGAIN, 'Hello again');
    const [again] = await eventually(() => t.dataSource.query<Array<{ id: string }>>(`SELECT id FROM contact WHERE phone = $1`, [OLENA_AGAIN]), (rows) => rows.length === 1);
    // But the number sent STOP on the orders line, and texting something else is not START: it stays opted out there,
    // and only there, with the ledger saying where that came from.
    expect(await t.dataSource.query(`SELECT channel_id, opted_out FROM consent WHERE contact_id = $1`, [again.id])).toEqual([{ channel_id: supportLine.id, opted_out: true }]);
    expect(await t.dataSource.query(`SELECT action, source FROM consent_event WHERE contact_id = $1`, [again.id])).toEqual([{ action: 'opt_out', source: 'merged_contact' }]);
  });

  it('keeps a merged-in number’s opt-out when an agent writes to it first, and after the surviving contact is erased, for merges made before the number’s hash was kept too', async () => {
    const work = '+380931110001';
    const home = '+380931110002';
    const old = '+380931110003';
    for (const phone of [work, old]) {
      await says(supportLine, phone, 'Hi from my other phone');
      await says(supportLine, phone, 'STOP');
    }
    await says(billingLine, home, 'Hi from home');
    const ids = await eventually(
      () => t.dataSource.query<Array<{ id: string; phone: string }>>(`SELECT id, phone FROM contact WHERE phone = ANY($1::text[])`, [[work, home, old]]),
      (rows) => rows.length === 3,
    );
    await eventually(() => t.dataSource.query<unknown[]>(`SELECT 1 FROM consent c JOIN contact ct ON ct.id = c.contact_id WHERE ct.phone = ANY($1::text[]) AND c.opted_out`, [[work, old]]), (rows) => rows.length === 2);
    const idOf = (phone: string) => ids.find((row) => row.phone === phone)!.id;
    for (const phone of [work, old]) {
      const [open] = await t.dataSource.query<Array<{ id: string }>>(`SELECT id FROM conversation WHERE contact_id = $1`, [idOf(phone)]);
      expect((await t.request('POST', `/api/conversations/${open.id}/resolve`, { token: admin })).status).toBe(200);
      expect((await merge(admin, idOf(phone), idOf(home))).status).toBe(200);
    }
    // As a merge recorded before this release left it: neither the number's hash nor its opted-out channels.
    await t.dataSource.query(`UPDATE contact_merge SET absorbed_phone_hash = NULL, absorbed_opted_out_channel_ids = NULL WHERE absorbed_contact_id = $1`, [idOf(old)]);
    expect((await t.request('POST', `/api/contacts/${idOf(home)}/erase`, { token: admin, body: { confirmPhone: home } })).status).toBe(200);
    expect(await t.dataSource.query(`SELECT absorbed_phone, absorbed_phone_hash IS NOT NULL AS hashed FROM contact_merge WHERE contact_id = $1 ORDER BY absorbed_phone_hash`, [idOf(home)])).toEqual([
      { absorbed_phone: '', hashed: true },
      { absorbed_phone: '', hashed: true },
    ]);

    const started = await t.request<{ code: string }>('POST', '/api/conversations', { token: supportAgent, body: { channelId: supportLine.id, phone: work, body: 'We have news about your order' } });
    expect(started.status).toBe(409);
    expect(started.body.code).toBe('CONTACT_OPTED_OUT');
    for (const phone of [work, old]) {
      await says(supportLine, phone, 'Is anyone there?');
      const [fresh] = await eventually(() => t.dataSource.query<Array<{ id: string }>>(`SELECT id FROM contact WHERE phone = $1`, [phone]), (rows) => rows.length === 1);
      expect({ phone, consent: await t.dataSource.query(`SELECT channel_id, opted_out FROM consent WHERE contact_id = $1`, [fresh.id]) }).toEqual({
        phone,
        consent: [{ channel_id: supportLine.id, opted_out: true }],
      });
    }
  });
});
