import { TeamsService, UsersService } from '@backtalk/auth';
import { ChannelsService } from '@backtalk/channels';
import { type CannedAnswerView, type ChannelView, type ConversationView, type FaqExampleSuggestion, type Page, Provider, type RenderedCannedAnswer, Role, SenderType } from '@backtalk/contracts';
import { genericSigned, TestApp } from '@backtalk/testing';
import { ApiModule } from './api.module';

const SECRET = 'generic-webhook-secret';
const PASSWORD = 'correct horse battery staple';

describe('canned answers', () => {
  let t: TestApp;
  let supportId: string;
  let billingId: string;
  let tokens: Record<'admin' | 'supervisor' | 'agent' | 'billing', string>;

  beforeAll(async () => {
    t = await TestApp.create(ApiModule.forRoot({ runWorkers: false }), { PUBLIC_BASE_URL: 'https://backtalk.test' });
    await t.reset();
    const teams = t.app.get(TeamsService);
    supportId = (await teams.create({ name: 'Support' })).id;
    billingId = (await teams.create({ name: 'Billing' })).id;
    const people = [
      ['admin', Role.Admin, []],
      ['supervisor', Role.Supervisor, [supportId]],
      ['agent', Role.Agent, [supportId]],
      ['billing', Role.Agent, [billingId]],
    ] as const;
    const entries = [];
    for (const [name, role, teamIds] of people) {
      await t.app.get(UsersService).create({ email: `${name}@example.com`, name: name === 'agent' ? 'Andriy Agent' : name, role, password: PASSWORD, teamIds: [...teamIds] });
      entries.push([name, (await t.request<{ accessToken: string }>('POST', '/api/auth/login', { body: { email: `${name}@example.com`, password: PASSWORD } })).body.accessToken]);
    }
    tokens = Object.fromEntries(entries);
  });
  afterAll(() => t.close());

  const create = (token: string, body: unknown) => t.request<CannedAnswerView & { code?: string }>('POST', '/api/canned-answers', { token, body });
  const shortcodes = async (token: string, query = '') => (await t.request<CannedAnswerView[]>('GET', `/api/canned-answers${query}`, { token })).body.map((answer) => answer.shortcode);

  it('lets admins write global answers, supervisors their team’s, and agents only read what their teams may use', async () => {
    expect((await create(tokens.admin, { title: 'Opening hours', body: 'We are open 9–18.', shortcode: 'hours' })).status).toBe(201);
    expect((await create(tokens.supervisor, { title: 'Refund', body: 'Hi {{contact.first_name}}, your refund is on its way. {{agent.first_name}}', shortcode: 'refund', teamId: supportId })).status).toBe(201);
    expect((await create(tokens.supervisor, { title: 'Global', body: 'x', shortcode: 'global' })).status).toBe(403);
    expect((await create(tokens.supervisor, { title: 'Billing', body: 'x', shortcode: 'invoice', teamId: billingId })).status).toBe(403);
    expect((await create(tokens.agent, { title: 'Mine', body: 'x', shortcode: 'mine', teamId: supportId })).status).toBe(403);

    expect(await shortcodes(tokens.agent)).toEqual(['hours', 'refund']);
    expect(await shortcodes(tokens.billing)).toEqual(['hours']);
    expect(await shortcodes(tokens.agent, '?q=REF')).toEqual(['refund']);
  });

  it('refuses a shortcode used twice in one scope and a shortcode with spaces', async () => {
    const again = await create(tokens.admin, { title: 'Hours again', body: 'y', shortcode: 'HOURS' });
    expect(again.status).toBe(409);
    expect((await create(tokens.admin, { title: 'Bad', body: 'y', shortcode: 'two words' })).status).toBe(400);
    expect((await create(tokens.admin, { title: 'Support hours', body: 'y', shortcode: 'hours', teamId: supportId })).status).toBe(201);
  });

  it('fills the variables for a conversation and names the ones it could not fill', async () => {
    const channel = await t.app.get(ChannelsService).create({ teamId: supportId, name: 'Orders line', provider: Provider.Generic, sender: '+14155550107', senderType: SenderType.LongCode, country: 'US', secrets: { signatureSecret: SECRET } });
    await t.deliver(genericSigned(new URL(channel.webhookUrl).pathname, { type: 'message', id: 'in-1', from: '+380501234567', to: channel.sender, text: 'Refund?' }, SECRET));
    const [conversation] = (await t.request<Page<ConversationView>>('GET', '/api/conversations', { token: tokens.agent })).body.items;
    const refund = (await t.request<CannedAnswerView[]>('GET', `/api/canned-answers?conversationId=${conversation.id}&q=refund`, { token: tokens.agent })).body[0];

    const unnamed = await t.request<RenderedCannedAnswer>('GET', `/api/canned-answers/${refund.id}/render?conversationId=${conversation.id}`, { token: tokens.agent });
    const english = { chosenLanguage: 'en', wantedLanguage: 'en', wantedFrom: 'conversation', fallback: false };
    expect(unnamed.body).toEqual({ body: 'Hi, your refund is on its way. Andriy', missing: ['contact.first_name'], choice: english });

    await t.request('PATCH', `/api/contacts/${conversation.contact.id}`, { token: tokens.agent, body: { name: 'Olena Kovalenko' } });
    const named = await t.request<RenderedCannedAnswer>('GET', `/api/canned-answers/${refund.id}/render?conversationId=${conversation.id}`, { token: tokens.agent });
    expect(named.body).toEqual({ body: 'Hi Olena, your refund is on its way. Andriy', missing: [], choice: english });

    expect((await t.request('GET', `/api/canned-answers/${refund.id}/render?conversationId=${conversation.id}`, { token: tokens.billing })).status).toBe(404);
  });
});

describe('canned answers: learning suggestions stay within the caller’s teams', () => {
  let t: TestApp;
  let tokens: Record<'admin' | 'supervisor' | 'agent' | 'billing' | 'billingSupervisor', string>;
  let supportLine: ChannelView;
  let billingLine: ChannelView;

  beforeAll(async () => {
    t = await TestApp.create(ApiModule.forRoot({ runWorkers: false }), { PUBLIC_BASE_URL: 'https://backtalk.test' });
    await t.reset();
    const teams = t.app.get(TeamsService);
    const supportId = (await teams.create({ name: 'Support' })).id;
    const billingId = (await teams.create({ name: 'Billing' })).id;
    const people = [
      ['admin', Role.Admin, []],
      ['supervisor', Role.Supervisor, [supportId]],
      ['agent', Role.Agent, [supportId]],
      ['billing', Role.Agent, [billingId]],
      ['billingSupervisor', Role.Supervisor, [billingId]],
    ] as const;
    const entries = [];
    for (const [name, role, teamIds] of people) {
      await t.app.get(UsersService).create({ email: `${name}@example.com`, name, role, password: PASSWORD, teamIds: [...teamIds] });
      entries.push([name, (await t.request<{ accessToken: string }>('POST', '/api/auth/login', { body: { email: `${name}@example.com`, password: PASSWORD } })).body.accessToken]);
    }
    tokens = Object.fromEntries(entries);
    const channels = t.app.get(ChannelsService);
    supportLine = await channels.create({ teamId: supportId, name: 'Support line', provider: Provider.Generic, sender: '+14155550111', senderType: SenderType.LongCode, country: 'US', secrets: { signatureSecret: SECRET } });
    billingLine = await channels.create({ teamId: billingId, name: 'Billing line', provider: Provider.Generic, sender: '+14155550112', senderType: SenderType.LongCode, country: 'US', secrets: { signatureSecret: SECRET } });
  });
  afterAll(() => t.close());

  let messageNumber = 0;
  /** A customer writes in on `channel`; an agent of its team answers starting from `answerId`. */
  const answeredWith = async (channel: ChannelView, agentToken: string, question: string, answerId: string): Promise<ConversationView> => {
    await t.deliver(genericSigned(new URL(channel.webhookUrl).pathname, { type: 'message', id: `q-${++messageNumber}`, from: `+38050123450${messageNumber}`, to: channel.sender, text: question }, SECRET));
    const [conversation] = (await t.request<Page<ConversationView>>('GET', `/api/conversations?channelId=${channel.id}&q=${encodeURIComponent(question)}`, { token: agentToken })).body.items;
    const reply = await t.request('POST', `/api/conversations/${conversation.id}/messages`, { token: agentToken, body: { body: 'Here you go.', cannedAnswerId: answerId } });
    expect(reply.status).toBe(201);
    return conversation;
  };
  const suggestions = (answerId: string, token: string) => t.request<FaqExampleSuggestion[] & { code?: string }>('GET', `/api/canned-answers/${answerId}/suggestions`, { token });

  it('refuses a global answer’s suggestions to everyone who may not edit it, as it refuses their edits', async () => {
    const global = (await create(t, tokens.admin, { title: 'Delivery times', body: 'Two to three days.', shortcode: 'delivery' })).body;
    const asked = await answeredWith(supportLine, tokens.agent, 'How long does delivery take to Lviv?', global.id);

    for (const token of [tokens.agent, tokens.billing, tokens.supervisor, tokens.billingSupervisor]) {
      const edit = await t.request<{ code: string }>('PATCH', `/api/canned-answers/${global.id}`, { token, body: { title: 'Changed' } });
      const refused = await suggestions(global.id, token);
      expect({ status: refused.status, code: refused.body.code }).toEqual({ status: edit.status, code: edit.body.code });
      expect({ status: refused.status, code: refused.body.code }).toEqual({ status: 403, code: 'FORBIDDEN' });
    }
    expect((await suggestions(global.id, tokens.admin)).body).toEqual([expect.objectContaining({ text: 'How long does delivery take to Lviv?', conversationId: asked.id })]);
  });

  it('shows a team answer’s supervisor only the questions of conversations they can see', async () => {
    const teamAnswer = (await create(t, tokens.supervisor, { title: 'Refund', body: 'Refunds take a week.', shortcode: 'refund', teamId: supportLine.teamId })).body;
    const own = await answeredWith(supportLine, tokens.agent, 'When do I get my refund?', teamAnswer.id);
    // The reply names the answer it started from, whatever team's answer that is: Billing's customer must stay Billing's.
    await answeredWith(billingLine, tokens.billing, 'My card was charged twice', teamAnswer.id);

    expect((await suggestions(teamAnswer.id, tokens.supervisor)).body).toEqual([expect.objectContaining({ text: 'When do I get my refund?', conversationId: own.id })]);
    expect((await suggestions(teamAnswer.id, tokens.billingSupervisor)).status).toBe(404);
  });
});

const create = (t: TestApp, token: string, body: unknown) => t.request<CannedAnswerView & { code?: string }>('POST', '/api/canned-answers', { token, body });
