import { TeamsService, UsersService } from '@backtalk/auth';
import { ChannelsService } from '@backtalk/channels';
import { type ChannelView, type MessageView, type Page, Provider, Role, SenderType, type TeamRoutingView } from '@backtalk/contracts';
import { RetentionModule, RetentionService } from '@backtalk/retention';
import { TestApp } from '@backtalk/testing';
import { Module } from '@nestjs/common';
import { ApiModule } from './api.module';

@Module({ imports: [ApiModule.forRoot({ runWorkers: false }), RetentionModule] })
class TeamRetentionTestModule {}

const PASSWORD = 'correct horse battery staple';
/** Small, so that the seven old messages take several batches. */
const BATCH = 3;
const MEDIA = [{ url: 'https://media.example/photo.jpg', contentType: 'image/jpeg' }];

/** Messages are written straight into the database with their age, as the retention job finds them. */
describe('per-team retention of message texts and media links', () => {
  let t: TestApp;
  let admin: string;
  let supervisor: string;
  let keeping: { teamId: string; channel: ChannelView; conversationId: string };
  let forgetting: { teamId: string; channel: ChannelView; conversationId: string };

  beforeAll(async () => {
    t = await TestApp.create(TeamRetentionTestModule);
    await t.reset();
    keeping = await team('Keeps everything', '+380441230011', '+380501110011');
    forgetting = await team('Forgets', '+380441230012', '+380501110012');
    admin = await person('admin@example.com', Role.Admin, []);
    supervisor = await person('lead@example.com', Role.Supervisor, [forgetting.teamId]);
  });
  afterAll(() => t.close());

  async function person(email: string, role: Role, teamIds: string[]): Promise<string> {
    await t.app.get(UsersService).create({ email, name: email.split('@')[0], role, password: PASSWORD, teamIds });
    return (await t.request<{ accessToken: string }>('POST', '/api/auth/login', { body: { email, password: PASSWORD } })).body.accessToken;
  }

  async function team(name: string, sender: string, customer: string) {
    const teamId = (await t.app.get(TeamsService).create({ name })).id;
    const channel = await t.app.get(ChannelsService).create({ teamId, name, provider: Provider.Generic, sender, senderType: SenderType.LongCode, country: 'UA', secrets: { signatureSecret: 'secret' } });
    const [contact] = await t.dataSource.query<Array<{ id: string }>>(`INSERT INTO contact (phone) VALUES ($1) RETURNING id`, [customer]);
    const [conversation] = await t.dataSource.query<Array<{ id: string }>>(
      `INSERT INTO conversation (channel_id, contact_id, team_id, status, last_message_at, created_at) VALUES ($1, $2, $3, 'resolved', now(), now() - interval '400 days') RETURNING id`,
      [channel.id, contact.id, teamId],
    );
    return { teamId, channel, conversationId: conversation.id };
  }

  /** A message `days` old; returns its id. */
  async function message(owner: typeof keeping, days: number, body: string, options: { media?: boolean; status?: string } = {}): Promise<string> {
    const [row] = await t.dataSource.query<Array<{ id: string }>>(
      `INSERT INTO message (conversation_id, channel_id, direction, kind, status, body, encoding, segments, media, sent_at)
       VALUES ($1, $2, 'inbound', 'customer', $3, $4, 'GSM-7', 1, $5, now() - make_interval(days => $6)) RETURNING id`,
      [owner.conversationId, owner.channel.id, options.status ?? 'received', body, JSON.stringify(options.media ? MEDIA : []), days],
    );
    return row.id;
  }

  const state = async (ids: string[]) =>
    t.dataSource.query<Array<{ id: string; body: string; media: unknown[]; removed_by: string | null; body_removed: boolean; media_removed: boolean }>>(
      `SELECT id, body, media, removed_by, body_removed_at IS NOT NULL AS body_removed, media_removed_at IS NOT NULL AS media_removed FROM message WHERE id = ANY($1::uuid[]) ORDER BY array_position($1::uuid[], id)`,
      [ids],
    );
  const setRetention = (token: string, teamId: string, retention: unknown) => t.request<TeamRoutingView & { message?: string }>('PATCH', `/api/teams/${teamId}/routing`, { token, body: { retention } });

  it('keeps everything until an admin sets a window, takes only whole days from 1 to 3650 or null, and lets no supervisor set it', async () => {
    const view = await t.request<TeamRoutingView>('GET', `/api/teams/${forgetting.teamId}/routing`, { token: admin });
    expect(view.body.retention).toEqual({ messageBodiesDays: null, mediaDays: null });
    for (const bad of [{ messageBodiesDays: 0 }, { mediaDays: 3651 }, { messageBodiesDays: 1.5 }, { mediaDays: '30' }]) {
      const refused = await setRetention(admin, forgetting.teamId, bad);
      expect({ bad, status: refused.status }).toEqual({ bad, status: 400 });
    }
    expect((await setRetention(admin, forgetting.teamId, { messageBodiesDays: 0 })).body.message).toContain('must be a whole number of days from 1 to 3650, or null to keep them for good');
    const bySupervisor = await setRetention(supervisor, forgetting.teamId, { messageBodiesDays: 30 });
    expect(bySupervisor.status).toBe(403);
    expect(bySupervisor.body.message).toBe('Only admins change how long a team keeps messages');
    const set = await setRetention(admin, forgetting.teamId, { messageBodiesDays: 30, mediaDays: 7 });
    expect(set.status).toBe(200);
    expect(set.body.retention).toEqual({ messageBodiesDays: 30, mediaDays: 7 });
    // Other routing settings leave the window as it is; null sets it back to keeping everything.
    expect((await t.request<TeamRoutingView>('PATCH', `/api/teams/${forgetting.teamId}/routing`, { token: supervisor, body: { assignOnReply: false } })).body.retention).toEqual({ messageBodiesDays: 30, mediaDays: 7 });
    expect((await setRetention(admin, keeping.teamId, { messageBodiesDays: null, mediaDays: null })).body.retention).toEqual({ messageBodiesDays: null, mediaDays: null });
  });

  it('removes, in batches, only what is past each team’s window: texts after 30 days, media links after 7, nothing of a team that keeps everything', async () => {
    const old = await Promise.all([1, 2, 3, 4, 5, 6, 7].map((n) => message(forgetting, 40 + n, `old question ${n}`, { media: n === 1 })));
    const recentWithMedia = await message(forgetting, 10, 'recent photo', { media: true });
    const fresh = await message(forgetting, 1, 'fresh question', { media: true });
    const justInside = await message(forgetting, 29, 'inside the window');
    const scheduled = await message(forgetting, 45, 'still to send', { status: 'scheduled' });
    const otherTeam = await message(keeping, 400, 'kept for good', { media: true });
    const survey = (owner: typeof keeping, days: number, comment: string) =>
      t.dataSource.query<Array<{ id: string }>>(
        `INSERT INTO csat_response (conversation_id, resolved_at, team_id, channel_id, contact_id, rating, comment, surveyed_at, responded_at)
         SELECT id, now(), team_id, channel_id, contact_id, 4, $2, now() - make_interval(days => $3), now() - make_interval(days => $3) FROM conversation WHERE id = $1 RETURNING id`,
        [owner.conversationId, comment, days],
      );
    const [oldComment] = await survey(forgetting, 40, 'old comment');
    const [newComment] = await survey(forgetting, 5, 'new comment');
    const [keptComment] = await survey(keeping, 400, 'kept comment');

    const passes = await t.app.get(RetentionService).removeContent(new Date(), 15_000, BATCH);

    const bodies = passes.find((pass) => pass.teamId === forgetting.teamId && pass.kind === 'message_bodies')!;
    // The old survey comment is the customer's words too, and goes with the texts.
    expect(bodies).toMatchObject({ removed: old.length + 1, caughtUp: true });
    expect(await t.dataSource.query(`SELECT comment FROM csat_response WHERE id = ANY($1::uuid[]) ORDER BY array_position($1::uuid[], id)`, [[oldComment.id, newComment.id, keptComment.id]])).toEqual([
      { comment: null },
      { comment: 'new comment' },
      { comment: 'kept comment' },
    ]);
    expect(bodies.batches).toBeGreaterThanOrEqual(Math.ceil(old.length / BATCH));
    expect(passes.filter((pass) => pass.teamId === keeping.teamId)).toEqual([]);
    expect(await state(old)).toEqual(old.map((id, index) => ({ id, body: '', media: [], removed_by: 'retention', body_removed: true, media_removed: index === 0 })));
    expect(await state([recentWithMedia, fresh, justInside, scheduled, otherTeam])).toEqual([
      { id: recentWithMedia, body: 'recent photo', media: [], removed_by: 'retention', body_removed: false, media_removed: true },
      { id: fresh, body: 'fresh question', media: MEDIA, removed_by: null, body_removed: false, media_removed: false },
      { id: justInside, body: 'inside the window', media: [], removed_by: null, body_removed: false, media_removed: false },
      { id: scheduled, body: 'still to send', media: [], removed_by: null, body_removed: false, media_removed: false },
      { id: otherTeam, body: 'kept for good', media: MEDIA, removed_by: null, body_removed: false, media_removed: false },
    ]);
    // A second run finds nothing left to do.
    const again = await t.app.get(RetentionService).removeContent(new Date(), 15_000, BATCH);
    expect(again.map((pass) => pass.removed)).toEqual([0, 0]);
  });

  it('shows the thread with the text marked as removed by retention, and the conversation still counts its messages', async () => {
    const messages = await t.request<Page<MessageView>>('GET', `/api/conversations/${forgetting.conversationId}/messages?limit=200`, { token: admin });
    expect(messages.status).toBe(200);
    const removed = messages.body.items.filter((item) => item.removed);
    expect(removed.length).toBe(8);
    expect(removed.find((item) => item.body === 'recent photo')?.removed).toEqual({ body: false, media: true, by: 'retention' });
    expect(removed.filter((item) => item.body === '').every((item) => item.removed?.body === true && item.removed.by === 'retention')).toBe(true);
    expect(messages.body.items).toHaveLength(11);
  });
});
