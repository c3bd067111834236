import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { verifyAuditChain } from '@backtalk/audit';
import { UsersService } from '@backtalk/auth';
import { type AuditEntryView, type AuditListResponse, type CreatedApiKeyResponse, REFRESH_COOKIE_NAME, Role, type TeamView, type UserView } from '@backtalk/contracts';
import { TestApp } from '@backtalk/testing';
import { ApiModule } from './api.module';

const PASSWORD = 'correct horse battery staple';
const ORIGIN = { ip: '203.0.113.9', userAgent: 'audit-spec/1.0' };
const run = promisify(execFile);
/** The development default, which sealed the channels this spec made. */
const DEV_SECRETS_KEY = 'ZGV2LW9ubHktc2VjcmV0cy1rZXktMzItYnl0ZXMhISE=';

interface StoredEntry {
  seq: string;
  actor_kind: string;
  actor_user_id: string | null;
  actor_api_key_id: string | null;
  actor_email: string | null;
  action: string;
  target_type: string;
  target_id: string | null;
  team_ids: string[];
  diff: { before?: Record<string, unknown>; after?: Record<string, unknown> } | null;
  ip: string | null;
  user_agent: string | null;
}

interface Expected {
  actor: { kind: 'user'; userId: string } | { kind: 'api_key'; apiKeyId: string } | { kind: 'anonymous'; attemptedEmail: string };
  action: string;
  target: { type: string; id?: string };
  /** Checks of the entry's teams and diff, beyond actor and target. */
  also?: (entry: StoredEntry) => void;
}

describe('the audit trail over the whole API', () => {
  let t: TestApp;
  const people: Record<'admin' | 'supervisor' | 'agent', { id: string; email: string; token: string }> = {} as never;
  let team: TeamView;
  let otherTeam: TeamView;
  const made: Record<string, string> = {};

  const call = async <T>(method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, options: { token?: string; body?: unknown; cookies?: Record<string, string>; headers?: Record<string, string> } = {}) => {
    const response = await t.request<T>(method, url, { token: options.token ?? people.admin.token, body: options.body, cookies: options.cookies, ip: ORIGIN.ip, headers: { 'user-agent': ORIGIN.userAgent, ...options.headers } });
    if (response.status >= 400) throw new Error(`${method} ${url} answered ${response.status}: ${JSON.stringify(response.body)}`);
    return response;
  };
  const signIn = async (email: string) => (await call<{ accessToken: string }>('POST', '/api/auth/login', { token: '', body: { email, password: PASSWORD } })).body.accessToken;
  const lastSeq = async () => (await t.dataSource.query<Array<{ seq: string | null }>>(`SELECT max(seq)::text AS seq FROM audit_entry`))[0].seq ?? '0';
  const entriesAfter = (seq: string) =>
    t.dataSource.query<StoredEntry[]>(
      `SELECT seq::text AS seq, actor_kind, actor_user_id, actor_api_key_id, actor_email, action, target_type, target_id, team_ids::text[] AS team_ids, diff, ip, user_agent
         FROM audit_entry WHERE seq > $1 ORDER BY seq`,
      [seq],
    );

  beforeAll(async () => {
    t = await TestApp.create(ApiModule.forRoot({ runWorkers: false }), { PUBLIC_BASE_URL: 'https://backtalk.test' });
    await t.reset();
    const users = t.app.get(UsersService);
    const admin = await users.create({ email: 'admin@example.com', name: 'Ada Admin', role: Role.Admin, password: PASSWORD });
    people.admin = { id: admin.id, email: admin.email, token: await signIn(admin.email) };
    team = (await call<TeamView>('POST', '/api/teams', { body: { name: 'Support' } })).body;
    otherTeam = (await call<TeamView>('POST', '/api/teams', { body: { name: 'Billing' } })).body;
    for (const [who, role] of [['supervisor', Role.Supervisor], ['agent', Role.Agent]] as const) {
      const user = (await call<UserView>('POST', '/api/users', { body: { email: `${who}@example.com`, name: who, role, password: PASSWORD, teamIds: [team.id] } })).body;
      people[who] = { id: user.id, email: user.email, token: await signIn(user.email) };
    }
    const channel = await call<{ id: string }>('POST', '/api/channels', {
      body: { teamId: team.id, name: 'Orders line', provider: 'generic', sender: '+14155550107', senderType: 'long_code', country: 'US', secrets: { signatureSecret: 'first-secret-value' } },
    });
    made.channel = channel.body.id;
    for (const [name, phone] of [['contact', '+14155550198'], ['otherContact', '+14155550197']]) {
      const started = await call<{ conversation: { id: string; contact: { id: string } } }>('POST', '/api/conversations', {
        body: { channelId: made.channel, phone, body: 'Hello there' },
        headers: { 'idempotency-key': `audit-${name}` },
      });
      made[name] = started.body.conversation.contact.id;
      await call('POST', `/api/conversations/${started.body.conversation.id}/resolve`);
    }
  });
  afterAll(() => t.close());

  const user = (who: keyof typeof people) => ({ kind: 'user' as const, userId: people[who].id });

  /**
   * Each row: one audited action, done through the API as a person would, and the one entry it must leave. What a row
   * needs first (a session to end, a second rule to reorder) is made in `setup`, outside the window that is counted.
   */
  const ACTIONS: Array<[string, { setup?: () => Promise<void>; act: () => Promise<Expected> }]> = [
    ['a sign-in', { act: async () => {
      await signIn(people.agent.email);
      return { actor: user('agent'), action: 'session.signed_in', target: { type: 'user', id: people.agent.id }, also: (entry) => expect(entry.team_ids).toEqual([team.id]) };
    } }],
    ['a failed sign-in', { act: async () => {
      const response = await t.request('POST', '/api/auth/login', { body: { email: 'Agent@Example.com', password: 'wrong password' }, ip: ORIGIN.ip, headers: { 'user-agent': ORIGIN.userAgent } });
      expect(response.status).toBe(401);
      return { actor: { kind: 'anonymous', attemptedEmail: people.agent.email }, action: 'session.sign_in_failed', target: { type: 'user', id: people.agent.id }, also: (entry) => expect(entry.diff).toEqual({ after: { reason: 'wrong password' } }) };
    } }],
    ['a sign-out', {
      setup: async () => {
        const login = await call('POST', '/api/auth/login', { token: '', body: { email: people.agent.email, password: PASSWORD } });
        made.refreshCookie = login.cookies.find((one) => one.name === REFRESH_COOKIE_NAME)!.value;
      },
      act: async () => {
      await call('POST', '/api/auth/logout', { token: '', cookies: { [REFRESH_COOKIE_NAME]: made.refreshCookie } });
      return { actor: user('agent'), action: 'session.signed_out', target: { type: 'user', id: people.agent.id } };
    } }],
    ['a password change', { act: async () => {
      // The old session ends with the old password; the new one comes back in the answer.
      const changed = await call<{ accessToken: string }>('POST', '/api/me/password', { token: people.supervisor.token, body: { currentPassword: PASSWORD, newPassword: `${PASSWORD}!` } });
      people.supervisor.token = changed.body.accessToken;
      return { actor: user('supervisor'), action: 'user.password_changed', target: { type: 'user', id: people.supervisor.id }, also: (entry) => expect(JSON.stringify(entry.diff ?? {})).not.toContain(PASSWORD) };
    } }],
    ['creating a user', { act: async () => {
      made.newUser = (await call<UserView>('POST', '/api/users', { body: { email: 'new@example.com', name: 'New', role: Role.Agent, password: PASSWORD, teamIds: [team.id] } })).body.id;
      return { actor: user('admin'), action: 'user.created', target: { type: 'user', id: made.newUser }, also: (entry) => expect(JSON.stringify(entry.diff)).not.toContain(PASSWORD) };
    } }],
    ['changing a role', { act: async () => {
      await call('PATCH', `/api/users/${made.newUser}`, { body: { role: Role.Supervisor } });
      return { actor: user('admin'), action: 'user.role_changed', target: { type: 'user', id: made.newUser }, also: (entry) => expect(entry.diff).toEqual({ before: { role: 'agent' }, after: { role: 'supervisor' } }) };
    } }],
    ['moving a user to another team', { act: async () => {
      await call('PATCH', `/api/users/${made.newUser}`, { body: { teamIds: [otherTeam.id] } });
      return { actor: user('admin'), action: 'user.teams_changed', target: { type: 'user', id: made.newUser }, also: (entry) => expect(entry.team_ids.sort()).toEqual([team.id, otherTeam.id].sort()) };
    } }],
    ['deactivating a user', { act: async () => {
      await call('PATCH', `/api/users/${made.newUser}`, { body: { active: false } });
      return { actor: user('admin'), action: 'user.deactivated', target: { type: 'user', id: made.newUser } };
    } }],
    ['creating a team', { act: async () => {
      made.team = (await call<TeamView>('POST', '/api/teams', { body: { name: 'Returns' } })).body.id;
      return { actor: user('admin'), action: 'team.created', target: { type: 'team', id: made.team } };
    } }],
    ['renaming a team', { act: async () => {
      await call('PATCH', `/api/teams/${made.team}`, { body: { name: 'Returns & refunds' } });
      return { actor: user('admin'), action: 'team.updated', target: { type: 'team', id: made.team }, also: (entry) => expect(entry.diff).toEqual({ before: { name: 'Returns' }, after: { name: 'Returns & refunds' } }) };
    } }],
    ['changing a team’s members', { act: async () => {
      await call('PATCH', `/api/teams/${team.id}`, { token: people.supervisor.token, body: { memberIds: [people.supervisor.id] } });
      return { actor: user('supervisor'), action: 'team.members_changed', target: { type: 'team', id: team.id } };
    } }],
    ['deleting a team', { act: async () => {
      await call('DELETE', `/api/teams/${made.team}`);
      return { actor: user('admin'), action: 'team.deleted', target: { type: 'team', id: made.team } };
    } }],
    ['changing a team’s routing settings', { act: async () => {
      await call('PATCH', `/api/teams/${team.id}/routing`, { token: people.supervisor.token, body: { defaultCapacity: 4 } });
      return { actor: user('supervisor'), action: 'team.settings_changed', target: { type: 'team', id: team.id }, also: (entry) => expect(entry.diff).toEqual({ before: { defaultCapacity: null }, after: { defaultCapacity: 4 } }) };
    } }],
    ['changing an agent’s routing settings', { act: async () => {
      await call('PATCH', `/api/users/${people.agent.id}/routing`, { body: { capacity: 6, languages: ['uk', 'en'] } });
      return {
        actor: user('admin'),
        action: 'user.routing_changed',
        target: { type: 'user', id: people.agent.id },
        also: (entry) => expect(entry.diff).toEqual({ before: { capacity: null, languages: [] }, after: { capacity: 6, languages: ['uk', 'en'] } }),
      };
    } }],
    ['adding a contact attribute', { act: async () => {
      made.attribute = (await call<{ id: string }>('POST', '/api/contact-attributes', { body: { key: 'tier', label: 'Tier', type: 'list', choices: ['Gold', 'Silver'] } })).body.id;
      return { actor: user('admin'), action: 'contact_attribute.created', target: { type: 'contact_attribute', id: made.attribute }, also: (entry) => expect(entry.diff?.after).toMatchObject({ key: 'tier', label: 'Tier', type: 'list', choices: ['Gold', 'Silver'] }) };
    } }],
    ['changing a contact attribute', { act: async () => {
      await call('PATCH', `/api/contact-attributes/${made.attribute}`, { body: { label: 'Loyalty tier', choices: ['Gold', 'Silver', 'Bronze'] } });
      return {
        actor: user('admin'),
        action: 'contact_attribute.updated',
        target: { type: 'contact_attribute', id: made.attribute },
        also: (entry) => expect(entry.diff).toEqual({ before: { label: 'Tier', choices: ['Gold', 'Silver'] }, after: { label: 'Loyalty tier', choices: ['Gold', 'Silver', 'Bronze'] } }),
      };
    } }],
    ['deleting a contact attribute', { act: async () => {
      await call('DELETE', `/api/contact-attributes/${made.attribute}`);
      return { actor: user('admin'), action: 'contact_attribute.deleted', target: { type: 'contact_attribute', id: made.attribute }, also: (entry) => expect(entry.diff?.before).toMatchObject({ key: 'tier', label: 'Loyalty tier' }) };
    } }],
    ['creating a team’s label', { act: async () => {
      made.label = (await call<{ id: string }>('POST', '/api/labels', { token: people.supervisor.token, body: { name: 'Refund', color: 'red', teamId: team.id } })).body.id;
      return {
        actor: user('supervisor'),
        action: 'label.created',
        target: { type: 'label', id: made.label },
        also: (entry) => {
          expect(entry.team_ids).toEqual([team.id]);
          expect(entry.diff).toEqual({ after: { name: 'Refund', color: 'red', description: null } });
        },
      };
    } }],
    ['changing a label', { act: async () => {
      await call('PATCH', `/api/labels/${made.label}`, { token: people.supervisor.token, body: { color: 'blue', description: 'Asked for money back' } });
      return {
        actor: user('supervisor'),
        action: 'label.updated',
        target: { type: 'label', id: made.label },
        also: (entry) => expect(entry.diff).toEqual({ before: { color: 'red', description: null }, after: { color: 'blue', description: 'Asked for money back' } }),
      };
    } }],
    ['deleting a label', { act: async () => {
      await call('DELETE', `/api/labels/${made.label}`, { token: people.supervisor.token });
      return { actor: user('supervisor'), action: 'label.deleted', target: { type: 'label', id: made.label }, also: (entry) => expect(entry.diff?.before).toMatchObject({ name: 'Refund', color: 'blue' }) };
    } }],
    ['creating a macro shared with a team', { act: async () => {
      const steps = [{ type: 'set_priority', priority: 'low' }, { type: 'resolve' }];
      made.macro = (await call<{ id: string }>('POST', '/api/macros', { token: people.supervisor.token, body: { name: 'Close quietly', visibility: 'shared', teamId: team.id, steps } })).body.id;
      return {
        actor: user('supervisor'),
        action: 'macro.created',
        target: { type: 'macro', id: made.macro },
        also: (entry) => {
          expect(entry.team_ids).toEqual([team.id]);
          expect(entry.diff).toEqual({ after: { name: 'Close quietly', steps } });
        },
      };
    } }],
    ['changing a shared macro', { act: async () => {
      await call('PATCH', `/api/macros/${made.macro}`, { token: people.supervisor.token, body: { name: 'Close politely' } });
      return { actor: user('supervisor'), action: 'macro.updated', target: { type: 'macro', id: made.macro }, also: (entry) => expect(entry.diff).toEqual({ before: { name: 'Close quietly' }, after: { name: 'Close politely' } }) };
    } }],
    ['deleting a shared macro', { act: async () => {
      await call('DELETE', `/api/macros/${made.macro}`);
      return { actor: user('admin'), action: 'macro.deleted', target: { type: 'macro', id: made.macro }, also: (entry) => expect(entry.diff?.before).toMatchObject({ name: 'Close politely' }) };
    } }],
    ['changing a team’s satisfaction survey', { act: async () => {
      await call('PATCH', `/api/teams/${team.id}/csat-survey`, { body: { delayMinutes: 45 } });
      return { actor: user('admin'), action: 'csat.settings_changed', target: { type: 'team', id: team.id }, also: (entry) => expect(entry.diff?.after).toEqual({ delayMinutes: 45 }) };
    } }],
    ['creating an API key', { act: async () => {
      const created = (await call<CreatedApiKeyResponse>('POST', '/api/api-keys', { body: { name: 'Shop', scopes: ['messages:read'] } })).body;
      made.apiKey = created.apiKey.id;
      made.apiKeyValue = created.key;
      return { actor: user('admin'), action: 'api_key.created', target: { type: 'api_key', id: made.apiKey }, also: (entry) => expect(JSON.stringify(entry.diff)).not.toContain(created.key) };
    } }],
    ['an API key’s first use of the day (and not its second)', { act: async () => {
      await call('GET', '/api/v1/api-key', { token: made.apiKeyValue });
      await t.dataSource.query(`UPDATE api_key SET last_used_at = now() - interval '2 minutes' WHERE id = $1`, [made.apiKey]);
      await call('GET', '/api/v1/api-key', { token: made.apiKeyValue });
      return { actor: { kind: 'api_key', apiKeyId: made.apiKey }, action: 'api_key.used', target: { type: 'api_key', id: made.apiKey } };
    } }],
    ['revoking an API key', { act: async () => {
      await call('DELETE', `/api/api-keys/${made.apiKey}`);
      return { actor: user('admin'), action: 'api_key.revoked', target: { type: 'api_key', id: made.apiKey } };
    } }],
    ['creating a channel', { act: async () => {
      made.newChannel = (
        await call<{ id: string }>('POST', '/api/channels', {
          body: { teamId: team.id, name: 'Returns line', provider: 'generic', sender: '+14155550108', senderType: 'long_code', country: 'US', secrets: { signatureSecret: 'created-secret-value' } },
        })
      ).body.id;
      return { actor: user('admin'), action: 'channel.created', target: { type: 'channel', id: made.newChannel }, also: (entry) => expect(JSON.stringify(entry.diff)).not.toContain('created-secret-value') };
    } }],
    ['changing a channel', { act: async () => {
      await call('PATCH', `/api/channels/${made.newChannel}`, { body: { name: 'Returns', ratePerSecond: 2 } });
      return { actor: user('admin'), action: 'channel.updated', target: { type: 'channel', id: made.newChannel }, also: (entry) => expect(entry.diff).toEqual({ before: { name: 'Returns line', ratePerSecond: 1 }, after: { name: 'Returns', ratePerSecond: 2 } }) };
    } }],
    ['replacing a channel’s credentials', { act: async () => {
      await call('PATCH', `/api/channels/${made.newChannel}`, { body: { secrets: { signatureSecret: 'rotated-secret-value' } } });
      return {
        actor: user('admin'),
        action: 'channel.secrets_changed',
        target: { type: 'channel', id: made.newChannel },
        also: (entry) => {
          expect(entry.diff).toEqual({ before: {}, after: { credentialsReplaced: ['signatureSecret'] } });
          expect(JSON.stringify(entry.diff)).not.toMatch(/created-secret-value|rotated-secret-value/);
        },
      };
    } }],
    ['creating a rule', { act: async () => {
      made.rule = (await call<{ id: string }>('POST', '/api/automation/rules', { token: people.supervisor.token, body: { name: 'Refunds first', teamId: team.id, trigger: 'inbound_message', actions: [{ type: 'set_priority', priority: 'high' }] } })).body.id;
      return { actor: user('supervisor'), action: 'rule.created', target: { type: 'rule', id: made.rule }, also: (entry) => expect(entry.team_ids).toEqual([team.id]) };
    } }],
    ['changing a rule', { act: async () => {
      await call('PATCH', `/api/automation/rules/${made.rule}`, { token: people.supervisor.token, body: { actions: [{ type: 'set_priority', priority: 'urgent' }] } });
      return {
        actor: user('supervisor'),
        action: 'rule.updated',
        target: { type: 'rule', id: made.rule },
        also: (entry) => expect(entry.diff).toEqual({ before: { actions: [{ type: 'set_priority', priority: 'high' }] }, after: { actions: [{ type: 'set_priority', priority: 'urgent' }] } }),
      };
    } }],
    ['reordering the rules', {
      setup: async () => {
        made.secondRule = (await call<{ id: string }>('POST', '/api/automation/rules', { body: { name: 'Everywhere', trigger: 'inbound_message', actions: [{ type: 'add_tag', tag: 'all' }] } })).body.id;
      },
      act: async () => {
      await call('PUT', '/api/automation/rules/order', { body: { ruleIds: [made.secondRule, made.rule] } });
      return { actor: user('admin'), action: 'rule.reordered', target: { type: 'rule' } };
    } }],
    ['deleting a rule', { act: async () => {
      await call('DELETE', `/api/automation/rules/${made.rule}`, { token: people.supervisor.token });
      return { actor: user('supervisor'), action: 'rule.deleted', target: { type: 'rule', id: made.rule } };
    } }],
    ['creating an FAQ', { act: async () => {
      made.faq = (await call<{ id: string }>('POST', '/api/canned-answers', { body: { title: 'Refunds', body: 'Refunds take a week.', shortcode: 'refund', teamId: team.id, autoReply: true } })).body.id;
      return { actor: user('admin'), action: 'faq.created', target: { type: 'faq', id: made.faq } };
    } }],
    ['changing an FAQ', { act: async () => {
      await call('PATCH', `/api/canned-answers/${made.faq}`, { token: people.supervisor.token, body: { body: 'Refunds take five days.' } });
      return { actor: user('supervisor'), action: 'faq.updated', target: { type: 'faq', id: made.faq }, also: (entry) => expect(entry.diff).toEqual({ before: { variants: [{ language: 'en', body: 'Refunds take a week.' }] }, after: { variants: [{ language: 'en', body: 'Refunds take five days.' }] } }) };
    } }],
    ['adding an example question to an FAQ', { act: async () => {
      await call('POST', `/api/canned-answers/${made.faq}/examples`, { body: { text: 'where is my refund' } });
      return { actor: user('admin'), action: 'faq.example_added', target: { type: 'faq', id: made.faq } };
    } }],
    ['deleting an FAQ', { act: async () => {
      await call('DELETE', `/api/canned-answers/${made.faq}`);
      return { actor: user('admin'), action: 'faq.deleted', target: { type: 'faq', id: made.faq } };
    } }],
    ['exporting contacts', { act: async () => {
      await call('GET', `/api/contacts/export?teamId=${team.id}&q=%2B1415`, { token: people.supervisor.token });
      return {
        actor: user('supervisor'),
        action: 'contact.exported',
        target: { type: 'contact_list' },
        also: (entry) => {
          expect(entry.diff).toEqual({ after: { teamId: team.id, searched: true } });
          expect(entry.team_ids).toEqual([team.id]);
        },
      };
    } }],
    ['merging contacts', { act: async () => {
      await call('POST', `/api/contacts/${made.contact}/merge`, { body: { otherContactId: made.otherContact } });
      return { actor: user('admin'), action: 'contact.merged', target: { type: 'contact', id: made.contact }, also: (entry) => expect(JSON.stringify(entry)).not.toContain('+1415555019') };
    } }],
    ['exporting a report', { act: async () => {
      const range = `from=${encodeURIComponent(new Date(Date.now() - 86_400_000).toISOString())}&to=${encodeURIComponent(new Date().toISOString())}`;
      await call('GET', `/api/reports/overview?${range}`, { token: people.supervisor.token });
      await call('GET', `/api/reports/overview?${range}&format=csv`, { token: people.supervisor.token });
      return { actor: user('supervisor'), action: 'report.exported', target: { type: 'report', id: 'overview' } };
    } }],
    ['exporting the audit log', { act: async () => {
      await call('GET', '/api/audit/export.csv?action=rule');
      return { actor: user('admin'), action: 'audit.exported', target: { type: 'audit_log' }, also: (entry) => expect(entry.diff).toEqual({ after: { action: 'rule' } }) };
    } }],
  ];

  it.each(ACTIONS)('records %s once, with who did it, from where, and what it was done to', async (_name, { setup, act }) => {
    await setup?.();
    const before = await lastSeq();
    const expected = await act();
    const entries = await entriesAfter(before);
    expect(entries.map((entry) => entry.action)).toEqual([expected.action]);
    const [entry] = entries;
    const actor = expected.actor;
    expect({
      kind: entry.actor_kind,
      ...(actor.kind === 'user' ? { userId: entry.actor_user_id } : actor.kind === 'api_key' ? { apiKeyId: entry.actor_api_key_id } : { attemptedEmail: entry.actor_email }),
    }).toEqual(actor);
    expect({ type: entry.target_type, ...(expected.target.id ? { id: entry.target_id } : {}) }).toEqual(expected.target);
    expect({ ip: entry.ip, userAgent: entry.user_agent }).toEqual(ORIGIN);
    expected.also?.(entry);
  });

  it('records the failed sign-in that locks an account once, and none of the refused attempts after it', async () => {
    const target = await t.app.get(UsersService).create({ email: 'locked@example.com', name: 'Locked', role: Role.Agent, password: PASSWORD, teamIds: [team.id] });
    const attempt = () => t.request('POST', '/api/auth/login', { body: { email: 'locked@example.com', password: 'guess' }, ip: '203.0.113.77', headers: { 'user-agent': ORIGIN.userAgent } });
    const before = await lastSeq();
    for (let failure = 1; failure <= 5; failure++) expect((await attempt()).status).toBe(401);
    expect((await attempt()).status).toBe(429);
    expect((await attempt()).status).toBe(429);
    const entries = await entriesAfter(before);
    expect(entries.map((entry) => entry.action)).toEqual([...Array.from({ length: 5 }, () => 'session.sign_in_failed'), 'session.locked_out']);
    const locked = entries[5];
    expect({ kind: locked.actor_kind, email: locked.actor_email, target: locked.target_id, teams: locked.team_ids, ip: locked.ip }).toEqual({
      kind: 'anonymous',
      email: 'locked@example.com',
      target: target.id,
      teams: [team.id],
      ip: '203.0.113.77',
    });
    expect(locked.diff).toEqual({ after: { account: true, ip: false, retryAfterSeconds: expect.any(Number) } });
  });

  it('leaves a person’s own macros out of the trail: they are their shortcuts, not settings others work with', async () => {
    const before = await lastSeq();
    const own = (await call<{ id: string }>('POST', '/api/macros', { token: people.agent.token, body: { name: 'My wrap-up', visibility: 'personal', steps: [{ type: 'resolve' }] } })).body.id;
    await call('PATCH', `/api/macros/${own}`, { token: people.agent.token, body: { name: 'My wrap-up, renamed' } });
    await call('DELETE', `/api/macros/${own}`, { token: people.agent.token });
    expect(await entriesAfter(before)).toEqual([]);
  });

  it('serves admins every entry, supervisors the entries about their teams, and agents nothing', async () => {
    const all = (await call<AuditListResponse>('GET', '/api/audit?limit=200')).body.entries;
    const supervised = (await call<AuditListResponse>('GET', '/api/audit?limit=200', { token: people.supervisor.token })).body.entries;
    expect(all.length).toBeGreaterThan(supervised.length);
    expect(supervised.length).toBeGreaterThan(0);
    expect(supervised.filter((entry) => !entry.teamIds.includes(team.id))).toEqual([]);
    expect(supervised.map((entry) => entry.action)).not.toContain('api_key.created');
    expect((await t.request('GET', '/api/audit', { token: people.agent.token })).status).toBe(403);
    expect((await t.request('GET', '/api/audit/export.csv', { token: people.agent.token })).status).toBe(403);
  });

  it('filters by person, action, target and time, and pages without repeats', async () => {
    const changes = (await call<AuditListResponse>('GET', `/api/audit?action=rule.updated&actorUserId=${people.supervisor.id}&target=refunds%20FIRST`)).body.entries;
    expect(changes).toEqual([expect.objectContaining<Partial<AuditEntryView>>({ action: 'rule.updated', actor: { kind: 'user', userId: people.supervisor.id, name: 'supervisor' } })]);
    expect(changes[0].diff?.after).toEqual({ actions: [{ type: 'set_priority', priority: 'urgent' }] });
    const family = (await call<AuditListResponse>('GET', '/api/audit?action=rule&limit=200')).body.entries.map((entry) => entry.action);
    expect(new Set(family)).toEqual(new Set(['rule.created', 'rule.updated', 'rule.reordered', 'rule.deleted']));
    const future = encodeURIComponent(new Date(Date.now() + 3_600_000).toISOString());
    expect((await call<AuditListResponse>('GET', `/api/audit?from=${future}`)).body.entries).toEqual([]);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: AuditListResponse = (await call<AuditListResponse>('GET', `/api/audit?limit=7${cursor ? `&before=${cursor}` : ''}`)).body;
      seen.push(...page.entries.map((entry) => entry.seq));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual([...seen].sort((a, b) => Number(b) - Number(a)));
    expect(seen.length).toBe(Number(await lastSeq()));
  });

  it('exports the filtered trail as CSV with each entry’s hashes', async () => {
    const response = await call<string>('GET', `/api/audit/export.csv?targetType=rule`);
    expect(response.headers['content-type']).toContain('text/csv');
    const lines = response.body.trim().split('\n');
    expect(lines[0]).toBe('seq,occurred_at,actor_kind,actor_id,actor_name,action,target_type,target_id,target_label,team_ids,ip,user_agent,before,after,prev_hash,hash');
    expect(lines.slice(1).map((line) => line.split(',')[5]).sort()).toEqual(['rule.created', 'rule.created', 'rule.deleted', 'rule.reordered', 'rule.updated']);
  });

  it('records re-encrypting the channels’ credentials under a new key as Backtalk itself, once for the whole run', async () => {
    const before = await lastSeq();
    const newKey = randomBytes(32).toString('base64');
    const rotate = (keys: { SECRETS_KEY: string; SECRETS_KEY_PREVIOUS: string }) =>
      run(process.execPath, ['-r', '@swc-node/register', 'apps/api/src/cli/secrets-rotate.ts'], { env: { ...process.env, LOG_LEVEL: 'silent', ...keys } });
    try {
      const rotated = await rotate({ SECRETS_KEY: newKey, SECRETS_KEY_PREVIOUS: DEV_SECRETS_KEY });
      expect(rotated.stdout).toContain('re-sealed the secrets of 2 channel(s)');
      const entries = await entriesAfter(before);
      expect(entries.map((entry) => ({ action: entry.action, actor: entry.actor_kind, teams: entry.team_ids, channels: (entry.diff?.after?.['channelsResealed'] as string[]).sort() }))).toEqual([
        { action: 'secrets.rotated', actor: 'system', teams: [team.id], channels: [made.channel, made.newChannel].sort() },
      ]);
      expect(JSON.stringify(entries)).not.toMatch(/first-secret-value|rotated-secret-value/);
    } finally {
      // The spec files after this one run with the usual key: what was re-sealed goes back under it.
      await rotate({ SECRETS_KEY: DEV_SECRETS_KEY, SECRETS_KEY_PREVIOUS: newKey });
    }
  }, 60_000);

  it('keeps an unbroken chain, and `npm run audit:verify` finds the first entry modified behind the trigger', async () => {
    const total = Number(await lastSeq());
    expect(await verifyAuditChain(t.dataSource)).toEqual({ checked: total, broken: null });
    const cli = () => run(process.execPath, ['-r', '@swc-node/register', 'apps/api/src/cli/audit-verify.ts'], { env: { ...process.env, LOG_LEVEL: 'silent' } });
    await expect(cli()).resolves.toMatchObject({ stdout: expect.stringContaining(`audit trail intact: ${total} entries verified`) });

    const [changed] = await t.dataSource.query<Array<{ seq: string }>>(`SELECT seq::text AS seq FROM audit_entry WHERE action = 'rule.updated'`);
    await expect(t.dataSource.query(`UPDATE audit_entry SET actor_user_id = $1 WHERE seq = $2`, [people.admin.id, changed.seq])).rejects.toThrow(/append-only/);
    await t.dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL session_replication_role = replica`);
      await manager.query(`UPDATE audit_entry SET actor_user_id = $1 WHERE seq = $2`, [people.admin.id, changed.seq]);
    });
    expect(await verifyAuditChain(t.dataSource)).toEqual({ checked: Number(changed.seq) - 1, broken: { seq: changed.seq, reason: expect.stringContaining('modified') } });
    const failed = await cli().then(
      () => null,
      (error: { code: number; stdout: string }) => error,
    );
    expect(failed).toMatchObject({ code: 2, stdout: expect.stringContaining(`audit trail BROKEN at entry ${changed.seq}`) });
  }, 60_000);
});
