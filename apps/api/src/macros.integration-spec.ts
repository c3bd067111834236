import { AccessTokenService, TeamsService, UsersService } from '@backtalk/auth';
import { ChannelsService } from '@backtalk/channels';
import {
  type ActivityView,
  ActivityType,
  type BulkActionView,
  type CannedAnswerView,
  type ChannelView,
  type ConversationView,
  ConversationStatus,
  ErrorCode,
  type LabelView,
  type MacroRunView,
  type MacroView,
  MessageDirection,
  type Page,
  Provider,
  Role,
  SenderType,
} from '@backtalk/contracts';
import { MessageEntity } from '@backtalk/conversations';
import { eventually, FakeAggregator, genericSigned, TestApp } from '@backtalk/testing';
import { ApiModule } from './api.module';

const SECRET = 'macros-webhook-secret';
const PASSWORD = 'correct horse battery staple';

type Who = 'admin' | 'supervisor' | 'agent' | 'billing';

describe('bulk actions and macros', () => {
  let t: TestApp;
  let aggregator: FakeAggregator;
  let supportId: string;
  let billingId: string;
  let tokens: Record<Who, string>;
  let userIds: Record<Who, string>;
  let supportLine: ChannelView;
  let billingLine: ChannelView;
  let messageNumber = 0;

  beforeAll(async () => {
    t = await TestApp.create(ApiModule.forRoot({ runWorkers: true }), { PUBLIC_BASE_URL: 'https://backtalk.test', ROUTING_SWEEP_INTERVAL_MS: '600000' });
    await t.reset();
    aggregator = await FakeAggregator.start();
    const teams = t.app.get(TeamsService);
    supportId = (await teams.create({ name: 'Support' })).id;
    billingId = (await teams.create({ name: 'Billing' })).id;
    const people: Array<[Who, Role, string[]]> = [
      ['admin', Role.Admin, []],
      ['supervisor', Role.Supervisor, [supportId]],
      ['agent', Role.Agent, [supportId]],
      ['billing', Role.Agent, [billingId]],
    ];
    const issued: Array<[Who, string, string]> = [];
    for (const [name, role, teamIds] of people) {
      const user = await t.app.get(UsersService).create({ email: `${name}@macros.example.com`, name: name === 'agent' ? 'Andriy Agent' : name, role, password: PASSWORD, teamIds });
      issued.push([name, user.id, await t.app.get(AccessTokenService).issue(user.id)]);
    }
    tokens = Object.fromEntries(issued.map(([name, , token]) => [name, token])) as Record<Who, string>;
    userIds = Object.fromEntries(issued.map(([name, id]) => [name, id])) as Record<Who, string>;
    const channels = t.app.get(ChannelsService);
    const line = (teamId: string, name: string, sender: string) =>
      channels.create({
        teamId,
        name,
        provider: Provider.Generic,
        sender,
        senderType: SenderType.LongCode,
        ratePerSecond: 50,
        country: 'US',
        secrets: { signatureSecret: SECRET, baseUrl: aggregator.url },
        confirmations: { optOut: null, optIn: null, help: false },
      });
    supportLine = await line(supportId, 'Support line', '+14155550171');
    billingLine = await line(billingId, 'Billing line', '+14155550172');
  });
  afterAll(async () => {
    await aggregator.close();
    await t.close();
  });

  const api = <T>(who: Who, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown, headers?: Record<string, string>) =>
    t.request<T & { code?: string; message?: string }>(method, url, { token: tokens[who], body, headers });
  const conversation = async (id: string) => (await api<ConversationView>('admin', 'GET', `/api/conversations/${id}`)).body;
  const activity = async (id: string) => (await api<ActivityView[]>('admin', 'GET', `/api/conversations/${id}/activity`)).body;
  const outboundTo = (conversationId: string) => t.dataSource.getRepository(MessageEntity).find({ where: { conversationId, direction: MessageDirection.Outbound } });
  const sendsTo = (phone: string) => aggregator.sends.filter((send) => send.body.to === phone);

  async function customerWrites(channel: ChannelView, text = 'Where is my parcel?'): Promise<ConversationView & { phone: string }> {
    const from = `+38050200${String(++messageNumber).padStart(4, '0')}`;
    const webhook = genericSigned(new URL(channel.webhookUrl).pathname, { type: 'message', id: `macro-in-${messageNumber}`, from, to: channel.sender, text }, SECRET);
    expect((await t.deliver(webhook)).status).toBe(200);
    const page = await api<Page<ConversationView>>('admin', 'GET', `/api/conversations?channelId=${channel.id}&q=${encodeURIComponent(from)}`);
    return { ...page.body.items[0], phone: from };
  }

  describe('bulk actions', () => {
    it('resolves the agent’s team’s conversations and reports another team’s as forbidden, changing nothing on it', async () => {
      const ours = [await customerWrites(supportLine), await customerWrites(supportLine), await customerWrites(supportLine)];
      const theirs = await customerWrites(billingLine);

      const response = await api<BulkActionView>('agent', 'POST', '/api/conversations/bulk', { action: 'resolve', ids: [ours[0].id, theirs.id, ours[1].id, ours[2].id] });

      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ status: 'completed', total: 4, done: 4, failed: 1 });
      expect(response.body.failures).toEqual([{ conversationId: theirs.id, ok: false, code: ErrorCode.Forbidden, message: expect.stringContaining('not in your teams') }]);
      for (const { id } of ours) {
        expect((await conversation(id)).status).toBe(ConversationStatus.Resolved);
        expect((await activity(id)).filter((line) => line.type === ActivityType.Resolved).map((line) => line.actor.name)).toEqual(['Andriy Agent']);
      }
      const untouched = await conversation(theirs.id);
      expect(untouched).toMatchObject({ status: ConversationStatus.Open, updatedAt: theirs.updatedAt });
      expect((await activity(theirs.id)).filter((line) => line.actor.kind === 'user')).toEqual([]);
    });

    it('labels everything a filter matches in a background job whose progress the console polls', async () => {
      const label = (await api<LabelView>('supervisor', 'POST', '/api/labels', { name: 'Delayed', color: 'amber', teamId: supportId })).body;
      const matching = [await customerWrites(supportLine, 'Parcel stuck in customs'), await customerWrites(supportLine, 'Parcel stuck in Lviv')];
      const billingMatch = await customerWrites(billingLine, 'Parcel stuck somewhere');

      const started = await api<BulkActionView>('agent', 'POST', '/api/conversations/bulk', { action: 'add_label', params: { labelId: label.id }, filter: { view: 'all', status: 'open', q: 'Parcel stuck' } });

      expect(started.status).toBe(202);
      expect(started.body).toMatchObject({ status: 'running', total: 2 });
      const finished = await eventually(
        async () => (await api<BulkActionView>('agent', 'GET', `/api/conversations/bulk/${started.body.id}`)).body,
        (view) => view.status === 'completed',
      );
      expect(finished).toMatchObject({ total: 2, done: 2, failed: 0, failures: [] });
      for (const { id } of matching) expect((await conversation(id)).labelIds).toEqual([label.id]);
      expect((await conversation(billingMatch.id)).labelIds).toEqual([]);
      // Only the person who started it sees its progress.
      expect((await api('supervisor', 'GET', `/api/conversations/bulk/${started.body.id}`)).status).toBe(404);
    });

    it('refuses a request without the parameters its action needs, or with both ids and a filter', async () => {
      const one = await customerWrites(supportLine);
      expect((await api('agent', 'POST', '/api/conversations/bulk', { action: 'set_priority', ids: [one.id] })).body).toMatchObject({ code: ErrorCode.ValidationFailed, message: 'Say which priority (priority).' });
      expect((await api('agent', 'POST', '/api/conversations/bulk', { action: 'resolve', ids: [one.id], filter: { view: 'all' } })).status).toBe(400);
      expect((await conversation(one.id)).status).toBe(ConversationStatus.Open);
    });
  });

  describe('macros', () => {
    let answer: CannedAnswerView;
    let label: LabelView;

    beforeAll(async () => {
      answer = (await api<CannedAnswerView>('supervisor', 'POST', '/api/canned-answers', { title: 'Refund sent', shortcode: 'refund-sent', body: 'Hi {{contact.first_name}}, your refund is on its way.', teamId: supportId })).body;
      label = (await api<LabelView>('supervisor', 'POST', '/api/labels', { name: 'Refunded', color: 'green', teamId: supportId })).body;
    });

    const createMacro = (who: Who, body: unknown) => api<MacroView>(who, 'POST', '/api/macros', body);
    const run = (who: Who, conversationId: string, macroId: string, key?: string) =>
      api<MacroRunView>(who, 'POST', `/api/conversations/${conversationId}/macros/${macroId}/run`, undefined, key ? { 'idempotency-key': key } : undefined);

    it('lets anyone keep personal macros, supervisors share them with their team and admins with everyone', async () => {
      const steps = [{ type: 'set_priority', priority: 'high' }];
      expect((await createMacro('agent', { name: 'Mine', visibility: 'personal', steps })).status).toBe(201);
      expect((await createMacro('agent', { name: 'Team’s', visibility: 'shared', teamId: supportId, steps })).status).toBe(403);
      expect((await createMacro('supervisor', { name: 'Support routine', visibility: 'shared', teamId: supportId, steps })).status).toBe(201);
      expect((await createMacro('supervisor', { name: 'Billing routine', visibility: 'shared', teamId: billingId, steps })).status).toBe(403);
      expect((await createMacro('supervisor', { name: 'Everyone’s', visibility: 'shared', steps })).status).toBe(403);
      expect((await createMacro('admin', { name: 'Everyone’s', visibility: 'shared', steps })).status).toBe(201);
      expect((await createMacro('supervisor', { name: 'support ROUTINE', visibility: 'shared', teamId: supportId, steps })).status).toBe(409);
      expect((await createMacro('billing', { name: 'Theirs', visibility: 'shared', teamId: supportId, steps: [{ type: 'add_label', labelId: label.id }] })).status).toBe(403);

      const names = async (who: Who) => (await api<MacroView[]>(who, 'GET', '/api/macros')).body.map((macro) => macro.name);
      expect(await names('agent')).toEqual(['Everyone’s', 'Mine', 'Support routine']);
      expect(await names('billing')).toEqual(['Everyone’s']);
      expect(await names('supervisor')).toEqual(['Everyone’s', 'Support routine']);
    });

    it('refuses to save a step naming another team’s label, or a resolve before other steps', async () => {
      const theirs = (await api<LabelView>('admin', 'POST', '/api/labels', { name: 'Invoice', color: 'blue', teamId: billingId })).body;
      const foreign = await createMacro('supervisor', { name: 'Foreign', visibility: 'shared', teamId: supportId, steps: [{ type: 'add_label', labelId: theirs.id }] });
      expect(foreign.status).toBe(400);
      expect(foreign.body.message).toBe('Step 1: that label does not exist or cannot be used here.');
      const early = await createMacro('supervisor', { name: 'Early', visibility: 'shared', teamId: supportId, steps: [{ type: 'resolve' }, { type: 'add_note', body: 'Done' }] });
      expect(early.body.message).toBe('Step 1 resolves the conversation, so it must be the last step.');
    });

    it('runs each step through its own action and records every step in the thread’s activity', async () => {
      const macro = (
        await createMacro('supervisor', {
          name: 'Refund done',
          visibility: 'shared',
          teamId: supportId,
          steps: [
            { type: 'send_canned_answer', cannedAnswerId: answer.id },
            { type: 'add_label', labelId: label.id },
            { type: 'assign', assigneeId: 'me' },
            { type: 'set_priority', priority: 'low' },
            { type: 'add_note', body: 'Refund confirmed by the bank' },
            { type: 'resolve' },
          ],
        })
      ).body;
      const target = await customerWrites(supportLine, 'Did you send my refund?');

      const result = await run('agent', target.id, macro.id);

      expect(result.status).toBe(200);
      expect(result.body).toMatchObject({ status: 'completed', stepsDone: 6, failedStep: null, conversation: expect.objectContaining({ status: ConversationStatus.Resolved, assigneeId: userIds.agent, priority: 'low' }) });
      const lines = await activity(target.id);
      expect(lines.filter((line) => line.type === ActivityType.MacroStep).map((line) => [line.data.step, line.data.stepType, line.data.outcome, line.data.macroName, line.actor.name])).toEqual([
        [1, 'send_canned_answer', 'done', 'Refund done', 'Andriy Agent'],
        [2, 'add_label', 'done', 'Refund done', 'Andriy Agent'],
        [3, 'assign', 'done', 'Refund done', 'Andriy Agent'],
        [4, 'set_priority', 'done', 'Refund done', 'Andriy Agent'],
        [5, 'add_note', 'done', 'Refund done', 'Andriy Agent'],
        [6, 'resolve', 'done', 'Refund done', 'Andriy Agent'],
      ]);
      // The single actions' own lines are there too, each before the macro's line for its step.
      const order = lines.map((line) => (line.type === ActivityType.MacroStep ? `step ${line.data.step}` : line.type));
      expect(order).toEqual(expect.arrayContaining(['labels_changed', 'assigned', 'priority_changed', 'resolved']));
      expect(order.indexOf('resolved')).toBeLessThan(order.indexOf('step 6'));
      await eventually(async () => sendsTo(target.phone), (sends) => sends.length === 1);
      expect(sendsTo(target.phone)[0].body.text).toBe('Hi, your refund is on its way.');
    });

    it('sends the canned answer exactly once when the run request is retried, even after a crash between the send and its record', async () => {
      const macro = (await createMacro('agent', { name: 'Answer and wait', visibility: 'personal', steps: [{ type: 'send_canned_answer', cannedAnswerId: answer.id }, { type: 'snooze', minutes: 60 }] })).body;
      const target = await customerWrites(supportLine, 'Any news about the refund?');
      const key = 'macro-retry-5c1e';

      const attempts = await Promise.all([1, 2, 3].map(() => run('agent', target.id, macro.id, key)));
      expect(attempts.map((attempt) => attempt.status).filter((status) => status !== 200 && status !== 409)).toEqual([]);
      const again = await run('agent', target.id, macro.id, key);
      expect(again.body).toMatchObject({ status: 'completed', stepsDone: 2 });
      expect(new Set([...attempts.filter((attempt) => attempt.status === 200), again].map((attempt) => attempt.body.runId)).size).toBe(1);

      // As if the process died after the text went out and before its step was recorded: the retry does step 1 again.
      await t.dataSource.query(`UPDATE macro_run SET status = 'running', steps_done = 0, claimed_until = NULL WHERE id = $1`, [again.body.runId]);
      const afterCrash = await run('agent', target.id, macro.id, key);
      expect(afterCrash.body).toMatchObject({ status: 'completed', stepsDone: 2, runId: again.body.runId });

      await eventually(async () => sendsTo(target.phone), (sends) => sends.length >= 1);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await outboundTo(target.id)).toHaveLength(1);
      expect(sendsTo(target.phone)).toHaveLength(1);
      expect((await conversation(target.id)).status).toBe(ConversationStatus.Snoozed);
    });

    it('stops at the first step that fails and says which step and why', async () => {
      const doomed = (await api<LabelView>('supervisor', 'POST', '/api/labels', { name: 'Short-lived', color: 'red', teamId: supportId })).body;
      const macro = (
        await createMacro('supervisor', {
          name: 'Escalate',
          visibility: 'shared',
          teamId: supportId,
          steps: [{ type: 'set_priority', priority: 'urgent' }, { type: 'add_label', labelId: doomed.id }, { type: 'resolve' }],
        })
      ).body;
      expect((await api('supervisor', 'DELETE', `/api/labels/${doomed.id}`)).status).toBe(204);
      const target = await customerWrites(supportLine, 'This is urgent!');

      const result = await run('agent', target.id, macro.id);

      expect(result.body).toMatchObject({ status: 'failed', stepsDone: 1, failedStep: { step: 2, type: 'add_label', code: ErrorCode.ValidationFailed, message: 'That label does not exist' } });
      expect(await conversation(target.id)).toMatchObject({ priority: 'urgent', status: ConversationStatus.Open });
      expect((await activity(target.id)).filter((line) => line.type === ActivityType.MacroStep).map((line) => [line.data.step, line.data.outcome, line.data.reason])).toEqual([
        [1, 'done', undefined],
        [2, 'failed', 'That label does not exist'],
      ]);
    });

    it('does not run another team’s macro nor run a macro on a conversation the agent cannot see', async () => {
      const macro = (await api<MacroView[]>('supervisor', 'GET', '/api/macros')).body.find((found) => found.name === 'Support routine')!;
      const theirs = await customerWrites(billingLine);
      expect((await run('billing', theirs.id, macro.id)).status).toBe(404);
      expect((await run('agent', theirs.id, macro.id)).status).toBe(404);
      expect((await conversation(theirs.id)).priority).toBe('normal');
    });
  });
});
