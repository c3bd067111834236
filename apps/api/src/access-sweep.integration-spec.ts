import { randomUUID } from 'node:crypto';
import { UsersService } from '@backtalk/auth';
import {
  ApiKeyScope,
  type BulkActionView,
  type CannedAnswerView,
  type ChannelView,
  type ConsentEventView,
  type ConversationView,
  type CreatedApiKeyResponse,
  type LabelView,
  type MacroView,
  type MessageView,
  type Page,
  Provider,
  Role,
  type RuleView,
  RuleTrigger,
  type SavedViewView,
  SenderType,
  type TeamView,
  type UserView,
} from '@backtalk/contracts';
import { ReportFactsService } from '@backtalk/reports';
import { genericSigned, TestApp } from '@backtalk/testing';
import { ApiModule } from './api.module';

/**
 * The access rule, swept over every route: another team's people must not be able to tell a team's ids from ids that
 * do not exist, nor change anything through them, nor find the team's data in any list. The routes come from the
 * OpenAPI document, which Nest builds from its router, so a new route is swept (or fails the test) without anyone
 * remembering to add it here.
 */

const SECRET = 'generic-webhook-secret';
const PASSWORD = 'correct horse battery staple';
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
type Method = Uppercase<(typeof METHODS)[number]>;

/** One of everything team A owns, made through the API as its people would. */
interface Seed {
  teamA: string;
  teamB: string;
  supervisorA: string;
  agentA: string;
  channelA: string;
  contactA: string;
  contactB: string;
  conversationA: string;
  conversationB: string;
  scheduledMessageA: string;
  noteA: string;
  answerA: string;
  faqA: string;
  answerB: string;
  ruleA: string;
  labelA: string;
  macroA: string;
  personalMacroA: string;
  globalMacro: string;
  bulkA: string;
  viewA: string;
  privateViewA: string;
  importA: string;
  apiKey: string;
  customerA: string;
  questionA: string;
}

interface IdRoute {
  /** The team-A resources whose ids this route is called with, each beside a random id. */
  ids: (seed: Seed) => string[];
  body?: (seed: Seed) => unknown;
  /** Query string; points at the caller's own data so that the id in the path is the only thing that differs. */
  query?: (seed: Seed) => string;
  /** For a path with two ids: the second, one the caller may use, so that the first is the only one of team A. */
  second?: (seed: Seed) => string;
}

const conversation: IdRoute = { ids: (seed) => [seed.conversationA] };
const cannedAnswer = (extra: Omit<IdRoute, 'ids'> = {}): IdRoute => ({ ids: (seed) => [seed.answerA, seed.faqA], ...extra });

/** Every route with an id in its path, and how to call it. */
const ID_ROUTES: Record<string, IdRoute> = {
  'GET /api/users/{id}': { ids: (seed) => [seed.agentA, seed.supervisorA] },
  'PATCH /api/users/{id}': { ids: (seed) => [seed.agentA], body: () => ({ name: 'Renamed' }) },
  'GET /api/users/{id}/routing': { ids: (seed) => [seed.agentA, seed.supervisorA] },
  'PATCH /api/users/{id}/routing': { ids: (seed) => [seed.agentA], body: () => ({ capacity: 1 }) },
  'GET /api/teams/{id}': { ids: (seed) => [seed.teamA] },
  'PATCH /api/teams/{id}': { ids: (seed) => [seed.teamA], body: () => ({ name: 'Renamed' }) },
  'DELETE /api/teams/{id}': { ids: (seed) => [seed.teamA] },
  'GET /api/teams/{id}/routing': { ids: (seed) => [seed.teamA] },
  'PATCH /api/teams/{id}/routing': { ids: (seed) => [seed.teamA], body: () => ({ policy: 'round_robin' }) },
  'GET /api/teams/{id}/csat-survey': { ids: (seed) => [seed.teamA] },
  'PATCH /api/teams/{id}/csat-survey': { ids: (seed) => [seed.teamA], body: () => ({ enabled: true }) },
  'GET /api/queues/{teamId}': { ids: (seed) => [seed.teamA] },
  'DELETE /api/api-keys/{id}': { ids: (seed) => [seed.apiKey] },
  'GET /api/channels/{id}': { ids: (seed) => [seed.channelA] },
  'PATCH /api/channels/{id}': { ids: (seed) => [seed.channelA], body: () => ({ name: 'Renamed' }) },
  'GET /api/conversations/{id}': conversation,
  'GET /api/conversations/{id}/messages': conversation,
  'POST /api/conversations/{id}/messages': { ...conversation, body: () => ({ body: 'Hello from another team' }) },
  'GET /api/conversations/{id}/consent': conversation,
  'GET /api/conversations/{id}/activity': conversation,
  'POST /api/conversations/{id}/assign': { ...conversation, body: () => ({ assigneeId: null }) },
  'POST /api/conversations/{id}/resolve': conversation,
  'POST /api/conversations/{id}/reopen': conversation,
  'POST /api/conversations/{id}/pending': conversation,
  'POST /api/conversations/{id}/snooze': { ...conversation, body: () => ({}) },
  'POST /api/conversations/{id}/priority': { ...conversation, body: () => ({ priority: 'urgent' }) },
  'GET /api/conversations/{id}/assignments': conversation,
  'POST /api/conversations/{id}/read': conversation,
  'POST /api/conversations/{id}/notes': { ...conversation, body: () => ({ body: 'A note from another team' }) },
  'GET /api/contacts/{id}': { ids: (seed) => [seed.contactA] },
  'GET /api/contacts/imports/{id}': { ids: (seed) => [seed.importA] },
  'GET /api/contacts/imports/{id}/errors': { ids: (seed) => [seed.importA] },
  'POST /api/contacts/imports/{id}/start': { ids: (seed) => [seed.importA], body: () => ({ mapping: [{ column: 0, field: 'phone' }] }) },
  'PATCH /api/contacts/{id}': { ids: (seed) => [seed.contactA], body: () => ({ name: 'Renamed' }) },
  'POST /api/contacts/{id}/merge': { ids: (seed) => [seed.contactA], body: (seed) => ({ otherContactId: seed.contactB }) },
  'POST /api/contacts/{id}/block': { ids: (seed) => [seed.contactA], body: (seed) => ({ teamId: seed.teamB }) },
  'DELETE /api/contacts/{id}/block': { ids: (seed) => [seed.contactA], query: (seed) => `teamId=${seed.teamB}` },
  'GET /api/contacts/{id}/data-export': { ids: (seed) => [seed.contactA] },
  'POST /api/contacts/{id}/erase': { ids: (seed) => [seed.contactA], body: (seed) => ({ confirmPhone: seed.customerA }) },
  'POST /api/messages/{id}/resend': { ids: (seed) => [seed.scheduledMessageA, seed.noteA] },
  'POST /api/messages/{id}/cancel': { ids: (seed) => [seed.scheduledMessageA, seed.noteA] },
  'GET /api/canned-answers/{id}/render': cannedAnswer({ query: (seed) => `conversationId=${seed.conversationB}` }),
  'PATCH /api/canned-answers/{id}': cannedAnswer({ body: () => ({ title: 'Renamed' }) }),
  'DELETE /api/canned-answers/{id}': cannedAnswer(),
  'POST /api/canned-answers/{id}/examples': cannedAnswer({ body: () => ({ text: 'Another team’s question' }) }),
  'GET /api/canned-answers/{id}/suggestions': cannedAnswer(),
  'PATCH /api/automation/rules/{id}': { ids: (seed) => [seed.ruleA], body: () => ({ name: 'Renamed' }) },
  'DELETE /api/automation/rules/{id}': { ids: (seed) => [seed.ruleA] },
  'PATCH /api/labels/{id}': { ids: (seed) => [seed.labelA], body: () => ({ name: 'Renamed' }) },
  'DELETE /api/labels/{id}': { ids: (seed) => [seed.labelA] },
  'POST /api/conversations/{id}/labels': { ...conversation, body: (seed) => ({ remove: [seed.labelA] }) },
  'PATCH /api/macros/{id}': { ids: (seed) => [seed.macroA, seed.personalMacroA], body: () => ({ name: 'Renamed' }) },
  'DELETE /api/macros/{id}': { ids: (seed) => [seed.macroA, seed.personalMacroA] },
  'POST /api/conversations/{id}/macros/{macroId}/run': { ...conversation, second: (seed) => seed.globalMacro },
  'GET /api/conversations/bulk/{bulkId}': { ids: (seed) => [seed.bulkA] },
  'PATCH /api/views/{id}': { ids: (seed) => [seed.viewA, seed.privateViewA], body: () => ({ name: 'Renamed' }) },
  'DELETE /api/views/{id}': { ids: (seed) => [seed.viewA, seed.privateViewA] },
};

/** Requests that name one of team A’s ids in the body or query rather than the path: called as for `ID_ROUTES`. */
const IDS_IN_BODY: Array<{ method: Method; path: string | ((seed: Seed) => string); id: (seed: Seed) => string; body?: (id: string) => unknown; query?: (id: string) => string }> = [
  { method: 'POST', path: (seed) => `/api/conversations/${seed.conversationB}/assign`, id: (seed) => seed.agentA, body: (assigneeId) => ({ assigneeId }) },
  { method: 'POST', path: '/api/conversations', id: (seed) => seed.channelA, body: (channelId) => ({ channelId, phone: '+380509998877', body: 'Hello' }) },
  { method: 'POST', path: '/api/automation/test', id: (seed) => seed.channelA, body: (channelId) => ({ channelId, text: 'Where is my parcel?' }) },
  { method: 'POST', path: '/api/automation/rules', id: (seed) => seed.channelA, body: (channelId) => ({ name: 'Theirs', channelId, trigger: RuleTrigger.InboundMessage, actions: [{ type: 'add_tag', tag: 'x' }] }) },
  { method: 'POST', path: '/api/automation/rules', id: (seed) => seed.teamA, body: (teamId) => ({ name: 'Theirs', teamId, trigger: RuleTrigger.InboundMessage, actions: [{ type: 'add_tag', tag: 'x' }] }) },
  { method: 'POST', path: '/api/canned-answers', id: (seed) => seed.teamA, body: (teamId) => ({ title: 'Theirs', body: 'x', shortcode: 'theirs', teamId }) },
  { method: 'GET', path: '/api/sla-breaches', id: (seed) => seed.teamA, query: (teamId) => `teamId=${teamId}` },
  { method: 'GET', path: '/api/canned-answers', id: (seed) => seed.conversationA, query: (conversationId) => `conversationId=${conversationId}` },
  { method: 'POST', path: '/api/labels', id: (seed) => seed.teamA, body: (teamId) => ({ name: 'Theirs', color: 'red', teamId }) },
  { method: 'GET', path: '/api/labels', id: (seed) => seed.conversationA, query: (conversationId) => `conversationId=${conversationId}` },
  { method: 'POST', path: (seed) => `/api/conversations/${seed.conversationB}/labels`, id: (seed) => seed.labelA, body: (labelId) => ({ add: [labelId] }) },
  { method: 'POST', path: '/api/macros', id: (seed) => seed.teamA, body: (teamId) => ({ name: 'Theirs', visibility: 'shared', teamId, steps: [{ type: 'resolve' }] }) },
  { method: 'POST', path: '/api/macros', id: (seed) => seed.labelA, body: (labelId) => ({ name: 'Theirs', visibility: 'personal', steps: [{ type: 'add_label', labelId }] }) },
  { method: 'GET', path: '/api/macros', id: (seed) => seed.conversationA, query: (conversationId) => `conversationId=${conversationId}` },
  { method: 'POST', path: '/api/contacts/imports', id: (seed) => seed.channelA, query: (channelId) => `channelId=${channelId}`, body: () => ({ csv: 'phone\n+380501112299' }) },
  { method: 'POST', path: (seed) => `/api/contacts/${seed.contactB}/merge`, id: (seed) => seed.contactA, body: (otherContactId) => ({ otherContactId }) },
  { method: 'POST', path: (seed) => `/api/contacts/${seed.contactB}/block`, id: (seed) => seed.teamA, body: (teamId) => ({ teamId }) },
  { method: 'DELETE', path: (seed) => `/api/contacts/${seed.contactB}/block`, id: (seed) => seed.teamA, query: (teamId) => `teamId=${teamId}` },
  { method: 'POST', path: '/api/views', id: (seed) => seed.teamA, body: (teamId) => ({ name: 'Theirs', filters: {}, teamId }) },
  { method: 'PUT', path: '/api/views/order', id: (seed) => seed.viewA, body: (viewId) => ({ ids: [viewId] }) },
];

/** Routes with an id that legitimately belongs to no team, each with the reason it is not swept. */
const ALLOW_LIST: Record<string, string> = {
  'PATCH /api/contact-attributes/{id}': 'an attribute belongs to no team: admins define them for every contact, and its values are swept through /api/contacts/{id}',
  'DELETE /api/contact-attributes/{id}': 'an attribute belongs to no team: admins define them for every contact, and its values are swept through /api/contacts/{id}',
};

/** Routes without ids are listed as another team's people; these add query strings that aim straight at team A. */
const LIST_QUERIES: Record<string, (seed: Seed) => string[]> = {
  'GET /api/conversations': (seed) => [
    '',
    `q=${encodeURIComponent(seed.questionA)}`,
    `q=${encodeURIComponent(seed.customerA)}`,
    `teamId=${seed.teamA}`,
    `view=team&teamId=${seed.teamA}`,
    `channelId=${seed.channelA}`,
    `labelId=${seed.labelA}`,
    `assigneeId=${seed.agentA}`,
    `labelId=${seed.labelA}&priority=normal&unread=true&status=open`,
  ],
  'GET /api/canned-answers': (seed) => ['', 'q=Team%20A', `conversationId=${seed.conversationA}`],
  'GET /api/contacts/export': (seed) => ['', `q=${encodeURIComponent(seed.customerA)}`, `teamId=${seed.teamA}`, `channelId=${seed.channelA}`, 'consent=subscribed'],
  'GET /api/sla-breaches': (seed) => ['', `teamId=${seed.teamA}`],
  'GET /api/audit': (seed) => auditQueries(seed),
  'GET /api/audit/export.csv': (seed) => auditQueries(seed),
  'GET /api/automation/replay': () => ['', 'limit=1000'],
  'GET /api/reports/overview': (seed) => reportQueries(seed),
  'GET /api/reports/conversations': (seed) => reportQueries(seed),
  'GET /api/reports/response-times': (seed) => reportQueries(seed),
  'GET /api/reports/delivery': (seed) => reportQueries(seed),
  'GET /api/reports/sla': (seed) => reportQueries(seed),
  'GET /api/reports/automation': (seed) => reportQueries(seed),
  'GET /api/reports/agents': (seed) => reportQueries(seed),
  'GET /api/reports/csat': (seed) => reportQueries(seed),
};

/** Reports over the last 300 days to tomorrow, unfiltered and filtered to team A's team and channel: none may name them. */
function reportQueries(seed: Seed): string[] {
  const day = 86_400_000;
  const range = `from=${encodeURIComponent(new Date(Date.now() - 300 * day).toISOString())}&to=${encodeURIComponent(new Date(Date.now() + day).toISOString())}`;
  return [`${range}&compare=true`, `${range}&teamId=${seed.teamA}`, `${range}&channelId=${seed.channelA}`];
}

/** The audit trail filtered straight at team A's people, rule and team: a supervisor of team B gets none of them. */
function auditQueries(seed: Seed): string[] {
  return ['', `actorUserId=${seed.supervisorA}`, `targetId=${seed.ruleA}`, `targetId=${seed.teamA}`, 'action=rule', 'target=Team%20A', 'targetType=user&limit=200'];
}

/** What team B's people may see of the seed: their own, and what everyone shares. */
const TEAM_B_OWN: ReadonlyArray<keyof Seed> = ['teamB', 'contactB', 'conversationB', 'answerB', 'globalMacro'];

describe('access rule sweep: another team’s people', () => {
  let t: TestApp;
  let seed: Seed;
  let admin: string;
  let outsiders: Record<'agent' | 'supervisor', string>;
  let channels: { a: ChannelView; b: ChannelView };
  let document: { paths: Record<string, Partial<Record<(typeof METHODS)[number], unknown>>> };

  const login = async (email: string) => (await t.request<{ accessToken: string }>('POST', '/api/auth/login', { body: { email, password: PASSWORD } })).body.accessToken;
  const asAdmin = async <T>(method: Method, url: string, body?: unknown, token = admin): Promise<T> => {
    const response = await t.request<T>(method, url, { token, body });
    if (response.status >= 300) throw new Error(`${method} ${url} answered ${response.status}: ${JSON.stringify(response.body)}`);
    return response.body;
  };
  const addUser = async (email: string, role: Role, teamId: string) => (await asAdmin<UserView>('POST', '/api/users', { email, name: email.split('@')[0], role, password: PASSWORD, teamIds: [teamId] })).id;
  const addChannel = (teamId: string, name: string, sender: string) =>
    asAdmin<ChannelView>('POST', '/api/channels', { teamId, name, provider: Provider.Generic, sender, senderType: SenderType.LongCode, country: 'UA', secrets: { signatureSecret: SECRET } });
  const customerWrites = async (channel: ChannelView, from: string, text: string, token: string): Promise<ConversationView> => {
    const delivered = await t.deliver(genericSigned(new URL(channel.webhookUrl).pathname, { type: 'message', id: randomUUID(), from, to: channel.sender, text }, SECRET));
    expect(delivered.status).toBe(200);
    const [found] = (await asAdmin<Page<ConversationView>>('GET', `/api/conversations?channelId=${channel.id}`, undefined, token)).items;
    return found;
  };

  /**
   * A fingerprint of every row of every table: any write through a refused request changes it. Reports measure what
   * earlier writes marked before they read, so that is done first: a report read then changes nothing.
   */
  const databaseFingerprint = async (): Promise<Record<string, string>> => {
    const facts = t.app.get(ReportFactsService);
    while ((await facts.refresh()) > 0);
    // The audit trail is left out: exports and a key's first use of the day are recorded even when they read nothing.
    const tables = await t.dataSource.query<Array<{ tablename: string }>>(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'audit_entry' ORDER BY tablename`);
    const rows = await t.dataSource.query<Array<{ name: string; digest: string }>>(
      tables.map(({ tablename }) => `SELECT '${tablename}' AS name, md5(coalesce(string_agg(row_text, '|' ORDER BY row_text), '')) AS digest FROM (SELECT x::text AS row_text FROM "${tablename}" x) rows`).join(' UNION ALL '),
    );
    return Object.fromEntries(rows.map((row) => [row.name, row.digest]));
  };

  beforeAll(async () => {
    t = await TestApp.create(ApiModule.forRoot({ runWorkers: false }), { PUBLIC_BASE_URL: 'https://backtalk.test' });
    await t.reset();
    await t.app.get(UsersService).create({ email: 'admin@example.com', name: 'Admin', role: Role.Admin, password: PASSWORD });
    admin = await login('admin@example.com');

    const teamA = (await asAdmin<TeamView>('POST', '/api/teams', { name: 'Team A' })).id;
    const teamB = (await asAdmin<TeamView>('POST', '/api/teams', { name: 'Team B' })).id;
    const supervisorA = await addUser('supervisor-a@example.com', Role.Supervisor, teamA);
    const agentA = await addUser('agent-a@example.com', Role.Agent, teamA);
    await addUser('supervisor-b@example.com', Role.Supervisor, teamB);
    await addUser('agent-b@example.com', Role.Agent, teamB);
    const tokenA = { supervisor: await login('supervisor-a@example.com'), agent: await login('agent-a@example.com') };
    outsiders = { agent: await login('agent-b@example.com'), supervisor: await login('supervisor-b@example.com') };

    const channelA = await addChannel(teamA, 'Team A line', '+14155550121');
    const channelB = await addChannel(teamB, 'Team B line', '+14155550122');
    channels = { a: channelA, b: channelB };
    const customerA = '+380501112233';
    const questionA = 'Team A customer asks about parcel 7731';
    const conversationA = await customerWrites(channelA, customerA, questionA, tokenA.agent);
    const conversationB = await customerWrites(channelB, '+380504445566', 'Team B customer says hello', outsiders.agent);

    const later = new Date(Date.now() + 7 * 24 * 3600_000).toISOString();
    const scheduled = await asAdmin<MessageView>('POST', `/api/conversations/${conversationA.id}/messages`, { body: 'Your parcel 7731 ships next week', sendAt: later }, tokenA.agent);
    const note = await asAdmin<MessageView>('POST', `/api/conversations/${conversationA.id}/notes`, { body: 'Team A private note' }, tokenA.agent);
    const answerA = await asAdmin<CannedAnswerView>('POST', '/api/canned-answers', { title: 'Team A refund', body: 'Refunds take a week.', shortcode: 'refund-a', teamId: teamA }, tokenA.supervisor);
    const faqA = await asAdmin<CannedAnswerView>(
      'POST',
      '/api/canned-answers',
      { title: 'Team A parcels', body: 'Parcels ship in two days.', shortcode: 'parcel-a', teamId: teamA, examples: ['Where is my parcel?', 'Parcel status'], autoReply: false },
      tokenA.supervisor,
    );
    const answerB = await asAdmin<CannedAnswerView>('POST', '/api/canned-answers', { title: 'Team B parcels', body: 'On its way.', shortcode: 'parcel-b', teamId: teamB }, outsiders.supervisor);
    // A reply names the answer it started from, whichever team's that is; team B's supervisor must still not learn team A's question.
    await asAdmin('POST', `/api/conversations/${conversationA.id}/messages`, { body: 'On its way.', cannedAnswerId: answerB.id }, tokenA.agent);
    const rule = await asAdmin<RuleView>(
      'POST',
      '/api/automation/rules',
      { name: 'Team A tagging', teamId: teamA, trigger: RuleTrigger.InboundMessage, actions: [{ type: 'add_tag', tag: 'team-a' }], enabled: false },
      tokenA.supervisor,
    );
    const labelA = await asAdmin<LabelView>('POST', '/api/labels', { name: 'Team A parcels', color: 'teal', teamId: teamA }, tokenA.supervisor);
    await asAdmin('POST', `/api/conversations/${conversationA.id}/labels`, { add: [labelA.id] }, tokenA.agent);
    const macroA = await asAdmin<MacroView>('POST', '/api/macros', { name: 'Team A routine', visibility: 'shared', teamId: teamA, steps: [{ type: 'add_label', labelId: labelA.id }] }, tokenA.supervisor);
    const personalMacroA = await asAdmin<MacroView>('POST', '/api/macros', { name: 'My routine', visibility: 'personal', steps: [{ type: 'set_priority', priority: 'high' }] }, tokenA.agent);
    const globalMacro = await asAdmin<MacroView>('POST', '/api/macros', { name: 'Everyone’s routine', visibility: 'shared', steps: [{ type: 'set_priority', priority: 'low' }] });
    const bulkA = await asAdmin<BulkActionView>('POST', '/api/conversations/bulk', { action: 'set_priority', params: { priority: 'normal' }, ids: [conversationA.id] }, tokenA.agent);
    const viewA = await asAdmin<SavedViewView>('POST', '/api/views', { name: 'Team A parcels', filters: { labelId: [labelA.id] }, teamId: teamA }, tokenA.supervisor);
    const privateViewA = await asAdmin<SavedViewView>('POST', '/api/views', { name: 'My parcels', filters: { view: 'mine', q: 'parcel' } }, tokenA.agent);
    const importA = await t.request<{ id: string }>('POST', `/api/contacts/imports?channelId=${channelA.id}`, { token: tokenA.supervisor, headers: { 'content-type': 'text/csv' }, body: 'phone,name\n+380501112244,Team A import' });
    const apiKey = await asAdmin<CreatedApiKeyResponse>('POST', '/api/api-keys', { name: 'Team A shop', scopes: [ApiKeyScope.MessagesSend] });

    seed = {
      teamA,
      teamB,
      supervisorA,
      agentA,
      channelA: channelA.id,
      contactA: conversationA.contact.id,
      contactB: conversationB.contact.id,
      conversationA: conversationA.id,
      conversationB: conversationB.id,
      scheduledMessageA: scheduled.id,
      noteA: note.id,
      answerA: answerA.id,
      faqA: faqA.id,
      answerB: answerB.id,
      ruleA: rule.id,
      labelA: labelA.id,
      macroA: macroA.id,
      personalMacroA: personalMacroA.id,
      globalMacro: globalMacro.id,
      bulkA: bulkA.id,
      viewA: viewA.id,
      privateViewA: privateViewA.id,
      importA: importA.body.id,
      apiKey: apiKey.apiKey.id,
      customerA,
      questionA,
    };
    document = (await t.request<typeof document>('GET', '/api/docs/openapi.json')).body;
  });
  afterAll(() => t.close());

  const routes = () =>
    Object.entries(document.paths).flatMap(([path, operations]) =>
      METHODS.filter((method) => operations[method]).map((method) => ({ key: `${method.toUpperCase()} ${path}`, method: method.toUpperCase() as Method, path })),
    );
  const idRoutes = () => routes().filter((route) => route.path.includes('{'));

  it('knows every route with an id: each is swept or allow-listed with a reason, and none listed here is gone', () => {
    const found = idRoutes().map((route) => route.key);
    expect(found.filter((key) => !(key in ID_ROUTES) && !(key in ALLOW_LIST))).toEqual([]);
    expect(Object.keys({ ...ID_ROUTES, ...ALLOW_LIST }).filter((key) => !found.includes(key))).toEqual([]);
  });

  it.each(['agent', 'supervisor'] as const)('cannot tell team A’s ids from made-up ones on any route, nor change anything through them, as a %s of team B', async (who) => {
    const before = await databaseFingerprint();
    const answers: Array<{ route: string; id: string; owned: unknown; random: unknown }> = [];
    for (const route of idRoutes()) {
      const spec = ID_ROUTES[route.key];
      if (!spec) continue;
      for (const id of spec.ids(seed)) {
        const call = async (value: string) => {
          const query = spec.query ? `?${spec.query(seed)}` : '';
          const response = await t.request<{ code?: string; message?: string }>(route.method, `${route.path.replace(/\{[^}]+\}/, value).replace(/\{[^}]+\}/, spec.second?.(seed) ?? '')}${query}`, { token: outsiders[who], body: spec.body?.(seed) });
          return { status: response.status, code: response.body?.code, message: response.body?.message };
        };
        answers.push({ route: route.key, id, owned: await call(id), random: await call(randomUUID()) });
        // Checked per call, so that a failure names the route that wrote.
        expect({ route: route.key, id, tables: await databaseFingerprint() }).toEqual({ route: route.key, id, tables: before });
      }
    }
    expect(answers.filter((answer) => JSON.stringify(answer.owned) !== JSON.stringify(answer.random))).toEqual([]);
    expect(answers.filter((answer) => ![403, 404].includes((answer.owned as { status: number }).status))).toEqual([]);
  });

  it.each(['agent', 'supervisor'] as const)('cannot tell team A’s ids from made-up ones in request bodies either, as a %s of team B', async (who) => {
    const before = await databaseFingerprint();
    const answers = [];
    for (const route of IDS_IN_BODY) {
      const path = typeof route.path === 'string' ? route.path : route.path(seed);
      const call = async (id: string) => {
        const response = await t.request<{ code?: string; message?: string }>(route.method, route.query ? `${path}?${route.query(id)}` : path, { token: outsiders[who], body: route.body?.(id) });
        return { status: response.status, code: response.body?.code, message: response.body?.message };
      };
      answers.push({ route: `${route.method} ${path}`, owned: await call(route.id(seed)), random: await call(randomUUID()) });
    }
    expect(answers.filter((answer) => JSON.stringify(answer.owned) !== JSON.stringify(answer.random))).toEqual([]);
    expect(answers.filter((answer) => answer.owned.status < 400)).toEqual([]);
    expect(await databaseFingerprint()).toEqual(before);
  });

  it('shows team B, of a customer both teams serve, only what happened on its own channels', async () => {
    const shared = '+380507778899';
    const deliver = (channel: ChannelView, text: string) =>
      t.deliver(genericSigned(new URL(channel.webhookUrl).pathname, { type: 'message', id: randomUUID(), from: shared, to: channel.sender, text }, SECRET));
    expect((await deliver(channels.b, 'Hello team B')).status).toBe(200);
    expect((await deliver(channels.a, 'Team A private matter 4242')).status).toBe(200);
    expect((await deliver(channels.a, 'STOP')).status).toBe(200);
    const [own] = (await t.request<Page<ConversationView>>('GET', `/api/conversations?channelId=${channels.b.id}&q=${encodeURIComponent(shared)}`, { token: outsiders.agent })).body.items;

    for (const who of ['agent', 'supervisor'] as const) {
      for (const path of ['', '/messages', '/consent', '/assignments', '/activity']) {
        const response = await t.request('GET', `/api/conversations/${own.id}${path}`, { token: outsiders[who] });
        expect(response.status).toBe(200);
        const text = JSON.stringify(response.body);
        expect({ path, leaks: [channels.a.id, seed.teamA, 'Team A private matter', 'STOP'].filter((marker) => text.includes(marker)) }).toEqual({ path, leaks: [] });
      }
    }
    expect((await deliver(channels.b, 'STOP')).status).toBe(200);
    const ledger = await t.request<ConsentEventView[]>('GET', `/api/conversations/${own.id}/consent`, { token: outsiders.agent });
    expect(ledger.body).toEqual([expect.objectContaining({ action: 'opt_out', channelId: channels.b.id })]);
    const everything = await t.request<ConsentEventView[]>('GET', `/api/conversations/${own.id}/consent`, { token: admin });
    expect(everything.body.map((event) => event.channelId).sort()).toEqual([channels.a.id, channels.b.id].sort());
  });

  it.each(['agent', 'supervisor'] as const)('finds none of team A’s data in any list or search, as a %s of team B', async (who) => {
    const markers = Object.entries(seed)
      .filter(([name]) => !TEAM_B_OWN.includes(name as keyof Seed))
      .map(([name, value]) => ({ name, value }));
    const before = await databaseFingerprint();
    const leaks: Array<{ url: string; markers: string[] }> = [];
    const lists = routes().filter((route) => route.method === 'GET' && !route.path.includes('{'));
    expect(lists.length).toBeGreaterThan(5);
    for (const route of lists) {
      for (const query of LIST_QUERIES[route.key]?.(seed) ?? ['']) {
        const url = query ? `${route.path}?${query}` : route.path;
        const response = await t.request('GET', url, { token: outsiders[who] });
        const text = JSON.stringify(response.body);
        const found = markers.filter((marker) => text.includes(marker.value)).map((marker) => marker.name);
        if (found.length > 0) leaks.push({ url, markers: found });
      }
    }
    // Team B's own answer, which a team A agent's reply named: its suggestions are team A's customer's words.
    const suggestions = await t.request('GET', `/api/canned-answers/${seed.answerB}/suggestions`, { token: outsiders[who] });
    const found = markers.filter((marker) => JSON.stringify(suggestions.body).includes(marker.value)).map((marker) => marker.name);
    if (found.length > 0) leaks.push({ url: `/api/canned-answers/{team B's answer}/suggestions`, markers: found });

    expect(leaks).toEqual([]);
    expect(await databaseFingerprint()).toEqual(before);
  });
});
