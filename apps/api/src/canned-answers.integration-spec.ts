import { TeamsService, UsersService } from '@backtalk/auth';
import { ChannelsService } from '@backtalk/channels';
import { type CannedAnswerView, type ConversationView, type Page, Provider, type RenderedCannedAnswer, Role, SenderType } from '@backtalk/contracts';
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
    expect(unnamed.body).toEqual({ body: 'Hi, your refund is on its way. Andriy', missing: ['contact.first_name'] });

    await t.request('PATCH', `/api/contacts/${conversation.contact.id}`, { token: tokens.agent, body: { name: 'Olena Kovalenko' } });
    const named = await t.request<RenderedCannedAnswer>('GET', `/api/canned-answers/${refund.id}/render?conversationId=${conversation.id}`, { token: tokens.agent });
    expect(named.body).toEqual({ body: 'Hi Olena, your refund is on its way. Andriy', missing: [] });

    expect((await t.request('GET', `/api/canned-answers/${refund.id}/render?conversationId=${conversation.id}`, { token: tokens.billing })).status).toBe(404);
  });
});
