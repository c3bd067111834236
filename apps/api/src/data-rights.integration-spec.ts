import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { TeamsService, UsersService } from '@backtalk/auth';
import { ChannelsService } from '@backtalk/channels';
import {
  type ChannelView,
  type ClientToServerEvents,
  type ContactDataExport,
  type ContactDetailView,
  type ConversationView,
  type MessageView,
  type Page,
  Provider,
  REALTIME_NAMESPACE,
  type ResumeResult,
  Role,
  SenderType,
  type ServerToClientEvents,
} from '@backtalk/contracts';
import { AppConfig, EventLog, PhoneHasher } from '@backtalk/platform';
import { ReportFactsService } from '@backtalk/reports';
import { eventually, genericSigned, TestApp } from '@backtalk/testing';
import { io, type Socket } from 'socket.io-client';
import { ApiModule } from './api.module';

const run = promisify(execFile);

const SECRET = 'generic-webhook-secret';
const PASSWORD = 'correct horse battery staple';
const OLENA = '+380501234567';
const PETRO = '+380671112233';
/** Words only Olena's data holds: none may be found anywhere after she is erased. */
const OLENA_MARKERS = ['501234567', 'Olena Kovalenko', 'parcel 7731', 'Prefers mornings', 'Gold-7731', 'Courier was rude', 'https://media.example/olena-7731.jpg', 'order-7731'];
const PETRO_MARKERS = ['671112233', 'invoice 5512'];
/** More than one page of the export's message reads, so the streaming is exercised. */
const EXTRA_MESSAGES = 1_100;

describe('the customer’s data rights: export and erasure', () => {
  let t: TestApp;
  let baseUrl: string;
  let admin: string;
  let agent: string;
  let billingAgent: string;
  let supportId: string;
  let line: ChannelView;
  let olenaId: string;
  let petroId: string;
  let olenaConversation: string;
  let messageNumber = 0;

  beforeAll(async () => {
    t = await TestApp.create(ApiModule.forRoot({ runWorkers: false }), { PUBLIC_BASE_URL: 'https://backtalk.test' });
    await t.reset();
    await t.app.listen(0, '127.0.0.1');
    baseUrl = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
    const teams = t.app.get(TeamsService);
    supportId = (await teams.create({ name: 'Support' })).id;
    const billingId = (await teams.create({ name: 'Billing' })).id;
    admin = await person('admin@example.com', Role.Admin, []);
    agent = await person('agent@example.com', Role.Agent, [supportId]);
    billingAgent = await person('billing@example.com', Role.Agent, [billingId]);
    line = await t.app.get(ChannelsService).create({
      teamId: supportId,
      name: 'Orders line',
      provider: Provider.Generic,
      sender: '+380441230001',
      senderType: SenderType.LongCode,
      country: 'UA',
      secrets: { signatureSecret: SECRET },
      confirmations: { optOut: null, optIn: null, help: false },
    });

    await says(OLENA, 'Hi, my parcel 7731 never came', [{ url: 'https://media.example/olena-7731.jpg', contentType: 'image/jpeg' }]);
    await says(PETRO, 'Where is my invoice 5512?');
    await eventually(() => t.dataSource.query<Array<{ id: string; phone: string }>>(`SELECT id, phone FROM contact`), (rows) => rows.length === 2);
    const contacts = await t.dataSource.query<Array<{ id: string; phone: string }>>(`SELECT id, phone FROM contact`);
    olenaId = contacts.find((contact) => contact.phone === OLENA)!.id;
    petroId = contacts.find((contact) => contact.phone === PETRO)!.id;
    [{ id: olenaConversation }] = await t.dataSource.query<Array<{ id: string }>>(`SELECT id FROM conversation WHERE contact_id = $1`, [olenaId]);

    expect((await t.request('POST', `/api/conversations/${olenaConversation}/messages`, { token: agent, body: { body: 'Sorry about parcel 7731, checking now' } })).status).toBe(201);
    expect((await t.request('POST', '/api/contact-attributes', { token: admin, body: { key: 'plan', label: 'Plan', type: 'text' } })).status).toBe(201);
    expect((await t.request('PATCH', `/api/contacts/${olenaId}`, { token: agent, body: { name: 'Olena Kovalenko', notes: 'Prefers mornings', teamId: supportId, attributes: { plan: 'Gold-7731' } } })).status).toBe(200);
    await t.dataSource.query(`UPDATE message SET external_reference = 'order-7731' WHERE conversation_id = $1 AND direction = 'outbound'`, [olenaConversation]);
    // A long history, so the export reads its messages over several pages.
    await t.dataSource.query(
      `INSERT INTO message (conversation_id, channel_id, direction, kind, status, body, encoding, segments, sent_at)
       SELECT $1, $2, 'inbound', 'customer', 'received', 'older note about parcel 7731 #' || n, 'GSM-7', 1, now() - make_interval(days => 2, secs => n)
       FROM generate_series(1, ${EXTRA_MESSAGES}) AS n`,
      [olenaConversation, line.id],
    );
    // The first part of a multipart text whose other parts never came, with the carrier's payload.
    await t.dataSource.query(
      `INSERT INTO concat_part (channel_id, sender, reference, part, total, provider_message_id, body, payload, received_at) VALUES ($1, $2, 'ref-1', 1, 2, 'part-1', 'about parcel 7731, part one', $3, now())`,
      [line.id, OLENA, { from: OLENA, text: 'about parcel 7731, part one' }],
    );
    // A survey answer, as the thread's line and the realtime log carry it.
    await t.dataSource.query(
      `INSERT INTO csat_response (conversation_id, resolved_at, team_id, channel_id, contact_id, rating, comment, surveyed_at, responded_at) VALUES ($1, now(), $2, $3, $4, 2, 'Courier was rude', now(), now())`,
      [olenaConversation, supportId, line.id, olenaId],
    );
    const activity = { id: randomUUID(), conversationId: olenaConversation, type: 'csat_rated', actor: { kind: 'customer', id: null, name: null }, data: { rating: 2, comment: 'Courier was rude', reopened: false }, occurredAt: new Date().toISOString() };
    await t.dataSource.query(`INSERT INTO conversation_activity (id, conversation_id, team_id, type, actor_kind, data, occurred_at) VALUES ($1, $2, $3, 'csat_rated', 'customer', $4, now())`, [
      activity.id,
      olenaConversation,
      supportId,
      activity.data,
    ]);
    const eventLog = t.app.get(EventLog);
    await t.dataSource.transaction((manager) =>
      eventLog.append(manager, [{ type: 'conversation.activity', teamId: supportId, conversationId: olenaConversation, payload: { activity: activity as never } }]),
    );
    await says(OLENA, 'STOP');
    await eventually(() => t.dataSource.query<unknown[]>(`SELECT 1 FROM consent WHERE contact_id = $1 AND opted_out`, [olenaId]), (rows) => rows.length === 1);
  });
  afterAll(() => t.close());

  async function person(email: string, role: Role, teamIds: string[]): Promise<string> {
    await t.app.get(UsersService).create({ email, name: email.split('@')[0], role, password: PASSWORD, teamIds });
    return (await t.request<{ accessToken: string }>('POST', '/api/auth/login', { body: { email, password: PASSWORD } })).body.accessToken;
  }
  async function says(from: string, text: string, media?: Array<{ url: string; contentType: string }>): Promise<void> {
    const response = await t.deliver(genericSigned(new URL(line.webhookUrl).pathname, { type: 'message', id: `rights-in-${++messageNumber}`, from, to: line.sender, text, ...(media ? { media } : {}) }, SECRET));
    expect(response.status).toBeLessThan(300);
  }
  /** The one conversation of a customer who just texted in, once it is stored. */
  async function conversationOf(phone: string): Promise<{ id: string; contact_id: string }> {
    const [conversation] = await eventually(
      () => t.dataSource.query<Array<{ id: string; contact_id: string }>>(`SELECT c.id, c.contact_id FROM conversation c JOIN contact ct ON ct.id = c.contact_id WHERE ct.phone = $1`, [phone]),
      (rows) => rows.length === 1,
    );
    return conversation;
  }
  const exportOf = (contactId: string, token = admin) => t.request<ContactDataExport & { code?: string }>('GET', `/api/contacts/${contactId}/data-export`, { token });
  const found = (text: string, markers: readonly string[]) => markers.filter((marker) => text.includes(marker));

  /** What the console is replayed on reconnecting from before everything in this file. */
  async function replayed(token: string): Promise<string> {
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(`${baseUrl}${REALTIME_NAMESPACE}`, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
    try {
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', reject);
      });
      const result = await new Promise<ResumeResult>((resolve, reject) =>
        socket.timeout(10_000).emit('resume', { afterSeq: 0 }, (error: Error | null, answer: ResumeResult) => (error ? reject(error) : resolve(answer))),
      );
      expect(result.status).toBe('ok');
      return JSON.stringify(result);
    } finally {
      socket.close();
    }
  }

  it('exports every message of the customer, with delivery states, notes, attributes, consent and survey answers, and nothing of anyone else', async () => {
    const response = await exportOf(olenaId);
    expect(response.status).toBe(200);
    expect(response.headers['content-disposition']).toBe(`attachment; filename="contact-${olenaId}.json"`);
    const document = response.body;
    const ids = await t.dataSource.query<Array<{ id: string }>>(`SELECT m.id FROM message m JOIN conversation c ON c.id = m.conversation_id WHERE c.contact_id = $1 ORDER BY m.id`, [olenaId]);
    expect(ids.length).toBeGreaterThan(EXTRA_MESSAGES);
    expect(document.messages.map((message) => message.id).sort()).toEqual(ids.map((row) => row.id).sort());
    expect(new Set(document.messages.map((message) => message.id)).size).toBe(document.messages.length);
    expect(document.messages.every((message) => typeof message.status === 'string' && message.conversationId === olenaConversation)).toBe(true);
    expect(document.contact).toMatchObject({ id: olenaId, phone: OLENA, name: 'Olena Kovalenko', erasedAt: null });
    expect(document.attributes).toEqual({ plan: 'Gold-7731' });
    expect(document.notes).toEqual([expect.objectContaining({ teamId: supportId, body: 'Prefers mornings' })]);
    expect(document.consent).toEqual([expect.objectContaining({ channelId: line.id, optedOut: true })]);
    expect(document.consentHistory).toEqual([expect.objectContaining({ action: 'opt_out', source: 'keyword', keyword: 'STOP' })]);
    expect(document.csatResponses).toEqual([expect.objectContaining({ conversationId: olenaConversation, rating: 2, comment: 'Courier was rude' })]);
    expect(document.messages.find((message) => message.media.length > 0)?.media).toEqual([expect.objectContaining({ url: 'https://media.example/olena-7731.jpg' })]);
    const text = JSON.stringify(document);
    expect(found(text, [...PETRO_MARKERS, petroId])).toEqual([]);
    expect(found(text, OLENA_MARKERS)).toEqual(OLENA_MARKERS);
    // The realtime log holds the survey comment too, until the erasure.
    expect(found(await replayed(admin), OLENA_MARKERS)).toContain('Courier was rude');
  });

  it('lets the customer’s team export them and answers anyone else as if there were no such contact', async () => {
    expect((await exportOf(olenaId, agent)).status).toBe(200);
    const stranger = await exportOf(olenaId, billingAgent);
    expect(stranger.status).toBe(404);
    expect(stranger.body).toEqual(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect((await exportOf(randomUUID())).status).toBe(404);
  });

  it('refuses an erasure by anyone but an admin, or without the customer’s number typed again, and changes nothing', async () => {
    const before = await t.dataSource.query(`SELECT c::text FROM contact c ORDER BY id`);
    const byAgent = await t.request<{ code: string; message: string }>('POST', `/api/contacts/${olenaId}/erase`, { token: agent, body: { confirmPhone: OLENA } });
    expect(byAgent.status).toBe(403);
    expect(byAgent.body.message).toBe('Erasing a customer takes an admin');
    const wrong = await t.request<{ code: string; message: string }>('POST', `/api/contacts/${olenaId}/erase`, { token: admin, body: { confirmPhone: PETRO } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.message).toBe('The number typed is not this customer’s number; nothing was erased');
    expect((await t.request('POST', `/api/contacts/${olenaId}/erase`, { token: admin, body: {} })).status).toBe(400);
    expect((await t.request('POST', `/api/contacts/${randomUUID()}/erase`, { token: admin, body: { confirmPhone: OLENA } })).status).toBe(404);
    expect(await t.dataSource.query(`SELECT c::text FROM contact c ORDER BY id`)).toEqual(before);
  });

  it('erases the customer so that no body, name or number of theirs can be found through any API, while counts and times stay', async () => {
    const facts = t.app.get(ReportFactsService);
    while ((await facts.refresh()) > 0);
    const day = 86_400_000;
    const range = `from=${encodeURIComponent(new Date(Date.now() - 30 * day).toISOString())}&to=${encodeURIComponent(new Date(Date.now() + day).toISOString())}`;
    const reportsBefore = (await t.request<{ totals: unknown }>('GET', `/api/reports/conversations?${range}`, { token: admin })).body.totals;
    const conversationBefore = (await t.request<ConversationView>('GET', `/api/conversations/${olenaConversation}`, { token: admin })).body;
    const messagesBefore = await t.dataSource.query<Array<{ id: string; sent_at: Date; status: string; segments: number }>>(`SELECT id, sent_at, status, segments FROM message WHERE conversation_id = $1 ORDER BY id`, [olenaConversation]);

    const erased = await t.request<ContactDetailView>('POST', `/api/contacts/${olenaId}/erase`, { token: admin, body: { confirmPhone: '+380 50 123 45 67' } });
    expect(erased.status).toBe(200);
    expect(erased.body).toMatchObject({ id: olenaId, phone: '', name: '', notes: [expect.objectContaining({ body: '' })], attributes: {} });
    expect(erased.body.erasedAt).toEqual(expect.any(String));
    // Erasing again changes nothing and answers the same.
    const again = await t.request<ContactDetailView>('POST', `/api/contacts/${olenaId}/erase`, { token: admin, body: { confirmPhone: OLENA } });
    expect(again.status).toBe(200);
    expect(again.body.erasedAt).toBe(erased.body.erasedAt);

    while ((await facts.refresh()) > 0);
    const searches = ['parcel 7731', 'Olena', '0501234567', OLENA, 'Kovalenko'].map((q) => encodeURIComponent(q));
    const reads: Array<[string, string]> = [
      ...searches.map((q): [string, string] => [`/api/conversations?view=all&q=${q}`, admin]),
      ...searches.map((q): [string, string] => [`/api/contacts?q=${q}`, admin]),
      ['/api/conversations?view=all', admin],
      [`/api/conversations/${olenaConversation}`, admin],
      [`/api/conversations/${olenaConversation}/messages?limit=200`, admin],
      [`/api/conversations/${olenaConversation}/activity`, admin],
      [`/api/contacts/${olenaId}`, admin],
      ['/api/contacts', admin],
      ['/api/contacts/export', admin],
      [`/api/contacts/${olenaId}/data-export`, admin],
      [`/api/reports/csat?${range}`, admin],
      [`/api/reports/conversations?${range}`, admin],
      [`/api/conversations/${olenaConversation}/messages?limit=200`, agent],
    ];
    const leaks: Array<{ url: string; found: string[] }> = [];
    for (const [url, token] of reads) {
      const response = await t.request('GET', url, { token });
      expect({ url, status: response.status }).toEqual({ url, status: 200 });
      const text = typeof response.body === 'string' ? response.body : JSON.stringify(response.body);
      if (found(text, OLENA_MARKERS).length > 0) leaks.push({ url, found: found(text, OLENA_MARKERS) });
    }
    expect(leaks).toEqual([]);
    expect(found(await replayed(admin), OLENA_MARKERS)).toEqual([]);

    // Not through the API only: no row of any table holds them any more (Petro's data is all still there).
    const tables = await t.dataSource.query<Array<{ tablename: string }>>(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`);
    const rowsWith = async (markers: readonly string[]) => {
      const hits: string[] = [];
      for (const { tablename } of tables) {
        const [row] = await t.dataSource.query<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM "${tablename}" x WHERE x::text LIKE ANY($1::text[])`, [markers.map((marker) => `%${marker}%`)]);
        if (row.n > 0) hits.push(tablename);
      }
      return hits;
    };
    expect(await rowsWith(OLENA_MARKERS)).toEqual([]);
    expect(await rowsWith(['invoice 5512'])).toEqual(['message']);

    const messages = await t.request<Page<MessageView>>('GET', `/api/conversations/${olenaConversation}/messages?limit=200`, { token: admin });
    expect(messages.body.items.every((message) => message.body === '' && message.media.length === 0 && message.removed?.by === 'erasure')).toBe(true);
    const conversation = await t.request<ConversationView>('GET', `/api/conversations/${olenaConversation}`, { token: admin });
    expect(conversation.body.contact).toMatchObject({ phone: '', name: '', erasedAt: erased.body.erasedAt });
    // Consoles keep the newer copy of a conversation: the erased one must be newer than what they hold.
    expect(Date.parse(conversation.body.updatedAt)).toBeGreaterThan(Date.parse(conversationBefore.updatedAt));
    // Reports still add up: every message keeps its time, state and segments, and the report its counts.
    expect(await t.dataSource.query(`SELECT id, sent_at, status, segments FROM message WHERE conversation_id = $1 ORDER BY id`, [olenaConversation])).toEqual(messagesBefore);
    expect((await t.request<{ totals: unknown }>('GET', `/api/reports/conversations?${range}`, { token: admin })).body.totals).toEqual(reportsBefore);
    // Nothing about the erased customer can be written again.
    expect((await t.request('PATCH', `/api/contacts/${olenaId}`, { token: agent, body: { name: 'Olena again' } })).status).toBe(409);
    expect((await t.request('POST', `/api/contacts/${petroId}/merge`, { token: admin, body: { otherContactId: olenaId } })).status).toBe(409);
    const reply = await t.request<{ message: string }>('POST', `/api/conversations/${olenaConversation}/messages`, { token: agent, body: { body: 'Hello?' } });
    expect(reply.status).toBe(409);
  });

  it('closes the erased customer’s unresolved conversations, so none is left waiting for an answer nobody can send, with a line in each saying why', async () => {
    const customer = '+380931234500';
    await says(customer, 'My parcel 9911 is late');
    const conversation = await conversationOf(customer);
    expect((await t.request<ConversationView>('GET', `/api/conversations/${conversation.id}`, { token: admin })).body).toMatchObject({ status: 'open', waitingSince: expect.any(String) });

    expect((await t.request('POST', `/api/contacts/${conversation.contact_id}/erase`, { token: admin, body: { confirmPhone: customer } })).status).toBe(200);

    const after = (await t.request<ConversationView>('GET', `/api/conversations/${conversation.id}`, { token: admin })).body;
    expect(after).toMatchObject({ status: 'resolved', waitingSince: null, unreadCount: 0 });
    const activity = await t.request<Array<{ type: string; data: Record<string, unknown> }>>('GET', `/api/conversations/${conversation.id}/activity`, { token: admin });
    expect(activity.body.filter((line) => line.type === 'resolved').map((line) => line.data)).toEqual([{ customerErased: true }]);
  });

  it('leaves the conversation newer than a change committed while the erasure waited for a lock, so consoles that showed that change take the erased copy', async () => {
    const customer = '+380931234501';
    await says(customer, 'Order 5531 is missing');
    const conversation = await conversationOf(customer);
    const blocker = t.dataSource.createQueryRunner();
    await blocker.connect();
    try {
      await blocker.startTransaction();
      await blocker.query(`SELECT 1 FROM contact WHERE id = $1 FOR UPDATE`, [conversation.contact_id]);
      const erasure = t.request('POST', `/api/contacts/${conversation.contact_id}/erase`, { token: admin, body: { confirmPhone: customer } });
      // The erasure's transaction has begun, and waits for the customer's row.
      await eventually(
        () => t.dataSource.query<unknown[]>(`SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%FROM contact WHERE id = $1 FOR UPDATE%' AND pid <> pg_backend_pid()`),
        (rows) => rows.length === 1,
      );
      const prioritised = await t.request<ConversationView>('POST', `/api/conversations/${conversation.id}/priority`, { token: agent, body: { priority: 'high' } });
      expect(prioritised.status).toBe(200);
      await blocker.commitTransaction();
      expect((await erasure).status).toBe(200);

      const erased = (await t.request<ConversationView>('GET', `/api/conversations/${conversation.id}`, { token: admin })).body;
      expect(erased.contact.erasedAt).not.toBeNull();
      expect(Date.parse(erased.updatedAt)).toBeGreaterThan(Date.parse(prioritised.body.updatedAt));
    } finally {
      await blocker.release();
    }
  });

  it('records the erasure and each data export in the audit log, by whom and of which contact, with counts and never the erased values', async () => {
    const entries = await t.dataSource.query<Array<{ action: string; actor_kind: string; target_type: string; target_id: string; team_ids: string[]; diff: unknown }>>(
      `SELECT action, actor_kind, target_type, target_id, team_ids, diff FROM audit_entry WHERE target_id = $1 ORDER BY seq`,
      [olenaId],
    );
    const erasures = entries.filter((entry) => entry.action === 'contact.erased');
    // Once: erasing again changed nothing, so it recorded nothing.
    expect(erasures).toEqual([{ action: 'contact.erased', actor_kind: 'user', target_type: 'contact', target_id: olenaId, team_ids: [supportId], diff: { after: { conversations: 1, messages: EXTRA_MESSAGES + 3 } } }]);
    expect(entries.filter((entry) => entry.action === 'contact.data_exported').length).toBeGreaterThanOrEqual(3);
    expect(found(JSON.stringify(entries), OLENA_MARKERS)).toEqual([]);
  });

  it('still blocks sends to the erased customer’s number: a new contact for it inherits the opt-out, whether an agent writes first or the number texts in', async () => {
    const started = await t.request<{ code: string }>('POST', '/api/conversations', { token: agent, body: { channelId: line.id, phone: OLENA, body: 'Hi, we have news about your order' } });
    expect(started.status).toBe(409);
    expect(started.body.code).toBe('CONTACT_OPTED_OUT');
    // The refused send rolled back with its new contact; the number texting in makes one for good.
    await says(OLENA, 'Hello, it is me again');
    const [fresh] = await eventually(
      () => t.dataSource.query<Array<{ id: string }>>(`SELECT id FROM contact WHERE phone = $1`, [OLENA]),
      (rows) => rows.length === 1,
    );
    expect(fresh.id).not.toBe(olenaId);
    expect(await t.dataSource.query(`SELECT channel_id, opted_out FROM consent WHERE contact_id = $1`, [fresh.id])).toEqual([{ channel_id: line.id, opted_out: true }]);
    // The ledger says where the opt-out came from: no keyword, person or carrier of the new contact's.
    expect(await t.dataSource.query(`SELECT action, source FROM consent_event WHERE contact_id = $1`, [fresh.id])).toEqual([{ action: 'opt_out', source: 'erased_customer' }]);
    const [conversation] = await t.dataSource.query<Array<{ id: string }>>(`SELECT id FROM conversation WHERE contact_id = $1`, [fresh.id]);
    const reply = await t.request<{ code: string }>('POST', `/api/conversations/${conversation.id}/messages`, { token: agent, body: { body: 'Welcome back' } });
    expect(reply.status).toBe(409);
    expect(reply.body.code).toBe('CONTACT_OPTED_OUT');
    // The erased contact stays erased: the new one is a new contact.
    expect(await t.dataSource.query(`SELECT phone, name FROM contact WHERE id = $1`, [olenaId])).toEqual([{ phone: null, name: '' }]);
  });
  it('keeps the erased customer’s number hash, and so their opt-out, through a rotation of SECRETS_KEY', async () => {
    const currentKey = t.app.get(AppConfig).SECRETS_KEY;
    const newKey = randomBytes(32).toString('base64');
    const rotate = (keys: { SECRETS_KEY: string; SECRETS_KEY_PREVIOUS: string }) =>
      run(process.execPath, ['-r', '@swc-node/register', 'apps/api/src/cli/secrets-rotate.ts'], { env: { ...process.env, LOG_LEVEL: 'silent', ...keys } });
    const [erased] = await t.dataSource.query<Array<{ phone_hash: string }>>(`SELECT phone_hash FROM contact WHERE id = $1`, [olenaId]);

    await expect(rotate({ SECRETS_KEY: newKey, SECRETS_KEY_PREVIOUS: currentKey })).resolves.toMatchObject({ stdout: expect.stringContaining('re-sealed the key of erased customers’ number hashes') });
    try {
      // The old key is gone: only the re-sealed copy can give the hash key back.
      const afterRotation = await TestApp.create(ApiModule.forRoot({ runWorkers: false }), { SECRETS_KEY: newKey, SECRETS_KEY_PREVIOUS: '' });
      try {
        expect(await afterRotation.app.get(PhoneHasher).hash(OLENA)).toBe(erased.phone_hash);
      } finally {
        await afterRotation.close();
      }
    } finally {
      // The spec files after this one run with the usual key.
      await rotate({ SECRETS_KEY: currentKey, SECRETS_KEY_PREVIOUS: newKey });
    }
  }, 60_000);
});
