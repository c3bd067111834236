import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { addBusinessMinutes, isOpenAt } from '@backtalk/business-hours';
import { adapterFor } from '@backtalk/carriers';
import type { BusinessHours, Provider } from '@backtalk/contracts';
import { loadConfig, withMigrationDataSource } from '@backtalk/platform';
import { analyseSms } from '@backtalk/sms';
import { DateTime } from 'luxon';
import type { DataSource, EntityManager } from 'typeorm';
import { DEMO_CHANNELS, DEMO_CONVERSATIONS } from './demo-data';

// Thirty days of history for the demo channels, so every report has something to show on the first launch. Written
// into the product's own tables with the columns and invariants the product writes (one transaction, set-based
// inserts), dated before today, and deterministic: the same seed gives the same conversations at the same local times.

export const DEMO_HISTORY_DAYS = 30;
const ZONE = 'Europe/Kyiv';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export type DemoHistoryResult = { created: number; messages: number } | { created: 0; skipped: 'no demo channels' | 'the demo channels already have history' };

/**
 * mulberry32: a tiny seeded generator, enough for demo data (not for anything secret); a fixed seed keeps the
 * generated history, and so the reports' screenshots, the same from one run to the next.
 */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface ChannelRow {
  id: string;
  team_id: string;
  name: string;
  provider: Provider;
  price_per_segment: string;
  smart_encoding: boolean;
  business_hours: BusinessHours | null;
  sla_first_response_minutes: number | null;
  sla_next_response_minutes: number | null;
  sla_business_hours_only: boolean;
}

const SUPPORT_QUESTIONS = [
  'Hi, can I change the delivery address for order {order}?',
  'Do you deliver on Saturdays?',
  'The parcel for order {order} arrived damaged, what do I do?',
  'Can I pay on delivery?',
  'I got the wrong size, how do I exchange it?',
  'Добрий день! Чи можна забрати замовлення {order} самовивозом?',
  'Кур’єр не приїхав, замовлення {order}. Що робити?',
  'Здравствуйте, можно перенести доставку заказа {order} на завтра?',
  'My promo code does not work at checkout',
  'Is the blender in stock again?',
];
const FAQ_QUESTIONS = ['Where is my order?', 'When will my parcel arrive? Order {order}', 'Де моє замовлення?', 'Track my order {order} please', 'Any news about my delivery?', 'Коли прийде моя посилка?'];
const PERSON_REQUESTS = ['I want to talk to a person please', 'Can I speak to an agent? Order {order}', 'Хочу поговорити з оператором'];
const BILLING_QUESTIONS = [
  'I was charged twice for invoice INV-2025-{invoice}',
  'When do I get my refund for order {order}?',
  'Please send me the invoice for order {order}',
  'Доброго дня, не пройшла оплата карткою, замовлення {order}',
  'Can I pay by bank transfer?',
  'Коли повернуть кошти за повернення?',
];
const FOLLOW_UPS = ['Ok, and how long will that take?', 'I tried that, it still does not work', 'Дякую, а коли саме?', 'Can you check again please?'];
const THANKS = ['Great, thanks!', 'Thank you!', 'Дякую!', 'Perfect 👍', 'Спасибо!'];
const AGENT_REPLIES = [
  'Hi {name}, thanks for writing. I have checked order {order}: it leaves our warehouse today and arrives tomorrow.',
  'Yes, we can do that. I have updated it for you, nothing else needed on your side.',
  'Sorry about that! I have arranged a replacement; the courier will bring it and take the old one back.',
  'Добрий день! Перевірив(ла): замовлення {order} передано кур’єру, він зателефонує за годину до приїзду.',
  'Thanks for waiting. The item is back in stock from Monday; I can reserve one for you.',
];
const BILLING_REPLIES = [
  'Hi {name}, I have checked: the second charge is a pre-authorisation and disappears from your card within 3 days.',
  'Your refund for order {order} was issued today; it shows on your card within 3-5 working days.',
  'I have sent the invoice to your e-mail address. Anything else I can help with?',
  'Доброго дня! Оплату повернуто, кошти надійдуть протягом 3 робочих днів.',
];
const NEXT_REPLIES = ['Usually within a working day; I will text you as soon as it moves.', 'I have escalated it to the warehouse and will get back to you today.', 'It is done now, please try again.'];
const NOTIFICATIONS = ['Acme: your order {order} has shipped and arrives tomorrow between 9:00 and 21:00.', 'Acme: your order {order} is ready for pick-up at the Khreshchatyk store until Friday.', 'Acme: payment for invoice INV-2025-{invoice} received, thank you!'];
const AFTER_FAQ = ['It says delivered but I have nothing', 'The tracking has not moved for 3 days', 'That does not help, the courier never came'];
const RATINGS: Array<[number, string | null]> = [
  [5, null], [5, null], [5, 'super fast, thanks'], [5, 'дякую!'], [4, null], [4, 'thanks!'], [4, null], [5, null], [3, 'took a while'], [2, 'had to ask twice'], [1, 'still no parcel'], [5, null], [4, null],
];
const FIRST_NAMES = ['Olena', 'Taras', 'Iryna', 'Dmytro', 'Kateryna', 'Mykola', 'Emily', 'James', 'Sophie', 'Oleh', 'Natalia', 'Michael', 'Yulia', 'Andrew', 'Oksana', 'Serhii'];
const LAST_NAMES = ['Kovalenko', 'Shevchenko', 'Bondarenko', 'Tkachenko', 'Smith', 'Johnson', 'Melnyk', 'Kravets', 'Brown', 'Lysenko', 'Moroz', 'Walker'];
const TWILIO_FAILURES = ['30003', '30003', '30005', '30006', '30007', '30004'];
const INFOBIP_FAILURES = ['6', '6', '27', '1', '11', '32'];
const FAQ_REPLIED = (rule: string, faq: string) => `${rule}: replied with “${faq}”`;

/** Writes the history unless the demo channels already have a message older than a day (then it is there already). */
export async function generateDemoHistory(dataSource: DataSource, options: { now?: Date; seed?: number } = {}): Promise<DemoHistoryResult> {
  const now = options.now ?? new Date();
  return dataSource.transaction(async (manager) => {
    // Two launches at once must not both write it: the second waits here and then finds the history.
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('backtalk-demo-history', 0))`);
    const channels: ChannelRow[] = await manager.query(
      `SELECT c.id, c.team_id, c.name, c.provider, c.price_per_segment, c.smart_encoding, t.business_hours, t.sla_first_response_minutes, t.sla_next_response_minutes, t.sla_business_hours_only
       FROM channel c JOIN team t ON t.id = c.team_id
       WHERE (c.provider, c.sender) IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
      [DEMO_CHANNELS.map((channel) => channel.provider), DEMO_CHANNELS.map((channel) => channel.sender)],
    );
    if (channels.length === 0) return { created: 0, skipped: 'no demo channels' };
    const [old] = await manager.query(`SELECT EXISTS (SELECT 1 FROM message WHERE channel_id = ANY($1::uuid[]) AND sent_at < $2) AS found`, [
      channels.map((channel) => channel.id),
      new Date(now.getTime() - 24 * HOUR),
    ]);
    if (old.found) return { created: 0, skipped: 'the demo channels already have history' };
    const history = await new HistoryWriter(manager, now, options.seed ?? 20251206).build(channels);
    return history;
  });
}

type Row = Record<string, unknown>;
type Table = 'contact' | 'conversation' | 'message' | 'conversation_assignment' | 'conversation_activity' | 'sla_breach' | 'automation_run' | 'consent' | 'consent_event' | 'delivery_report' | 'csat_response';

class HistoryWriter {
  private readonly random: () => number;
  private readonly rows: Record<Table, Row[]> = {
    contact: [], conversation: [], message: [], conversation_assignment: [], conversation_activity: [], sla_breach: [], automation_run: [], consent: [], consent_event: [], delivery_report: [], csat_response: [],
  };
  private agentsByTeam = new Map<string, Array<{ id: string; name: string }>>();
  private rule: { id: string; name: string } | null = null;
  private faq: { id: string; title: string; body: string } | null = null;
  private withCsat = false;
  private readonly contacts: Array<{ id: string; phone: string; name: string }> = [];
  private readonly optedOut = new Map<string, Date>();

  constructor(private readonly manager: EntityManager, private readonly now: Date, seed: number) {
    this.random = generator(seed);
  }

  async build(channels: ChannelRow[]): Promise<DemoHistoryResult> {
    const members: Array<{ team_id: string; id: string; name: string; role: string }> = await this.manager.query(
      `SELECT m.team_id, u.id, u.name, u.role FROM team_member m JOIN app_user u ON u.id = m.user_id WHERE u.active ORDER BY u.email`,
    );
    for (const member of members) {
      // Admins answer now and then; the agents and supervisors of the team do most of the work.
      const weight = member.role === 'admin' ? 1 : member.role === 'supervisor' ? 2 : 5;
      const list = this.agentsByTeam.get(member.team_id) ?? [];
      for (let i = 0; i < weight; i += 1) list.push({ id: member.id, name: member.name });
      this.agentsByTeam.set(member.team_id, list);
    }
    [this.rule = null] = await this.manager.query(`SELECT id, name FROM automation_rule ORDER BY position LIMIT 1`);
    [this.faq = null] = await this.manager.query(`SELECT id, title, body FROM canned_answer WHERE auto_reply ORDER BY created_at LIMIT 1`);
    const [csat] = await this.manager.query(`SELECT to_regclass('csat_response') IS NOT NULL AS present`);
    this.withCsat = csat.present;
    this.makeContacts();

    const support = channels.find((channel) => channel.name === DEMO_CHANNELS[0].name) ?? channels[0];
    const billing = channels.find((channel) => channel.name === DEMO_CHANNELS[1].name) ?? null;
    const today = DateTime.fromJSDate(this.now, { zone: ZONE }).startOf('day');
    for (let daysAgo = DEMO_HISTORY_DAYS; daysAgo >= 1; daysAgo -= 1) {
      const day = today.minus({ days: daysAgo });
      const weekdayFactor = [1.25, 1.15, 1.05, 1, 0.95, 0.45, 0.35][day.weekday - 1]!;
      // A little growth over the month, so the comparison with the previous period has something to say.
      const supportCount = Math.round((8 + this.random() * 4) * weekdayFactor * (0.85 + 0.3 * ((DEMO_HISTORY_DAYS - daysAgo) / DEMO_HISTORY_DAYS)));
      for (let i = 0; i < supportCount; i += 1) this.conversation(support, this.startTime(day));
      if (billing) {
        const billingCount = Math.round((3 + this.random() * 2) * weekdayFactor);
        for (let i = 0; i < billingCount; i += 1) this.conversation(billing, this.startTime(day));
      }
    }
    await this.insertAll();
    return { created: this.rows.conversation.length, messages: this.rows.message.length };
  }

  private pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.random() * list.length)]!;
  }

  private between(low: number, high: number): number {
    return low + this.random() * (high - low);
  }

  private makeContacts(): void {
    const reserved = new Set(DEMO_CONVERSATIONS.map((conversation) => conversation.phone));
    for (let i = 0; i < 140; i += 1) {
      // US numbers in 555-01xx (reserved for fiction) and Ukrainian ones on a made-up range.
      const phone = i < 60 ? `+1202555${String(100 + i).padStart(4, '0')}` : `+38099000${String(1000 + i).padStart(4, '0')}`;
      if (reserved.has(phone)) continue;
      const name = this.random() < 0.8 ? `${this.pick(FIRST_NAMES)} ${this.pick(LAST_NAMES)}` : '';
      this.contacts.push({ id: randomUUID(), phone, name });
    }
  }

  /** Mostly business hours, a peak late morning and mid-afternoon, and a few messages at night. */
  private startTime(day: DateTime): Date {
    const weights = [1, 0.5, 0.3, 0.2, 0.2, 0.4, 1, 3, 7, 11, 13, 12, 9, 10, 12, 11, 9, 8, 6, 5, 4, 3, 2, 1.5];
    const total = weights.reduce((sum, weight) => sum + weight, 0);
    let roll = this.random() * total;
    let hour = 0;
    while (roll > weights[hour]!) roll -= weights[hour++]!;
    return day.set({ hour, minute: Math.floor(this.random() * 60), second: Math.floor(this.random() * 60) }).toJSDate();
  }

  /** When an agent of the team answers a message that came at `at`: within minutes on duty, else next morning. */
  private agentTime(channel: ChannelRow, at: number): number {
    const local = DateTime.fromMillis(at, { zone: ZONE });
    const onDuty = channel.business_hours ? isOpenAt(channel.business_hours, new Date(at)) : local.hour >= 8 && local.hour < 21;
    if (onDuty) return at + (this.random() < 0.85 ? this.between(1, 12) : this.between(14, 50)) * MINUTE;
    let next = local.hour >= 8 ? local.plus({ days: 1 }).set({ hour: 9, minute: 0 }) : local.set({ hour: 9, minute: 0 });
    if (channel.business_hours) while (!isOpenAt(channel.business_hours, next.plus({ minutes: 1 }).toJSDate())) next = next.plus({ days: 1 });
    return next.toMillis() + this.between(3, 40) * MINUTE;
  }

  private fill(text: string, contactName: string): string {
    return text
      .replaceAll('{order}', String(48_000 + Math.floor(this.random() * 900)))
      .replaceAll('{invoice}', String(100 + Math.floor(this.random() * 800)).padStart(4, '0'))
      .replaceAll('{name}', contactName.split(' ')[0] || 'there');
  }

  private conversation(channel: ChannelRow, start: Date): void {
    const contact = this.pick(this.contacts);
    const optedOutAt = this.optedOut.get(`${contact.id}:${channel.id}`);
    const isSupport = channel.name === DEMO_CHANNELS[0].name;
    const roll = this.random();
    const scenario = optedOutAt
      ? 'opt_in'
      : isSupport
        ? roll < 0.42 ? 'human' : roll < 0.7 ? 'faq' : roll < 0.77 ? 'person' : roll < 0.94 ? 'notification' : 'stop'
        : roll < 0.75 ? 'human' : roll < 0.95 ? 'notification' : 'stop';
    const c = new ConversationDraft(this, channel, contact, start.getTime());
    if (scenario === 'notification' || scenario === 'stop') {
      c.outbound('notification', this.fill(this.pick(NOTIFICATIONS), contact.name), null);
      c.advance(this.between(5, 180) * MINUTE);
    }
    if (scenario === 'stop') {
      c.stop();
      c.resolveBy(this.pick(this.agents(channel)), this.between(10, 240) * MINUTE, false);
      if (c.finish()) this.optedOut.set(`${contact.id}:${channel.id}`, new Date(c.time));
      return;
    }
    if (scenario === 'opt_in') {
      c.start();
      c.resolveBy(this.pick(this.agents(channel)), this.between(10, 240) * MINUTE, false);
      if (c.finish()) this.optedOut.delete(`${contact.id}:${channel.id}`);
      return;
    }
    if (scenario === 'faq' && this.rule && this.faq) {
      c.customer(this.fill(this.pick(FAQ_QUESTIONS), contact.name), { fired: true });
      c.autoReply(this.rule, this.faq);
      const after = this.random();
      if (after < 0.6) {
        c.resolveBy(this.pick(this.agents(channel)), this.between(60, 360) * MINUTE, false);
        c.finish();
        return;
      }
      c.advance(this.between(20, 600) * MINUTE);
      if (after < 0.75) {
        c.customer(this.pick(THANKS), { fired: true, held: 'answered_auto_reply' });
        c.resolveBy(this.pick(this.agents(channel)), this.between(5, 120) * MINUTE, false);
        c.finish();
        return;
      }
      c.reopenedByCustomer();
      c.customer(this.pick(AFTER_FAQ), { fired: true, held: 'answered_auto_reply' });
    } else if (scenario === 'person') {
      c.customer(this.fill(this.pick(PERSON_REQUESTS), contact.name), { held: 'asked_for_person' });
    } else {
      const questions = isSupport ? SUPPORT_QUESTIONS : BILLING_QUESTIONS;
      c.customer(this.fill(this.pick(questions), contact.name), { held: scenario === 'notification' ? null : 'no_faq_match' });
      if (!isSupport && channel.business_hours && !isOpenAt(channel.business_hours, new Date(c.time))) c.outOfOffice();
      if (this.random() < 0.25) {
        c.advance(this.between(0.5, 3) * MINUTE);
        c.customer(this.fill(this.pick(isSupport ? SUPPORT_QUESTIONS : BILLING_QUESTIONS), contact.name), {});
      }
    }
    const agent = this.pick(this.agents(channel));
    c.agentAnswers(agent, this.fill(this.pick(isSupport ? AGENT_REPLIES : BILLING_REPLIES), contact.name), 'first_response');
    if (this.random() < 0.45) {
      c.advance(this.between(3, 90) * MINUTE);
      c.customer(this.pick(FOLLOW_UPS), {});
      c.agentAnswers(agent, this.pick(NEXT_REPLIES), 'next_response');
    }
    if (this.random() < 0.6) {
      c.advance(this.between(2, 60) * MINUTE);
      c.customer(this.pick(THANKS), {});
    }
    c.resolveBy(agent, this.between(2, 45) * MINUTE, true);
    c.finish();
  }

  get ruleRef(): { id: string; name: string } | null {
    return this.rule;
  }

  get faqRef(): { id: string; title: string; body: string } | null {
    return this.faq;
  }

  agentTimeFor(channel: ChannelRow, at: number): number {
    return this.agentTime(channel, at);
  }

  agents(channel: ChannelRow): Array<{ id: string; name: string }> {
    return this.agentsByTeam.get(channel.team_id) ?? [];
  }

  failureFor(channel: ChannelRow): { status: string; code: string; reason: string; category: string } | null {
    if (this.random() >= 0.05) return null;
    const code = this.pick(channel.provider === 'twilio' ? TWILIO_FAILURES : INFOBIP_FAILURES);
    const error = adapterFor(channel.provider).mapError(code);
    return { status: error.permanent ? 'failed' : 'undelivered', code, reason: error.reason.slice(0, 300), category: error.category };
  }

  providerId(channel: ChannelRow): string {
    const hex = () => Math.floor(this.random() * 0x1_0000_0000).toString(16).padStart(8, '0');
    return channel.provider === 'twilio' ? `SM${hex()}${hex()}${hex()}${hex()}` : `${hex()}-${hex()}-demo`;
  }

  rating(): [number, string | null] {
    return this.pick(RATINGS);
  }

  chance(probability: number): boolean {
    return this.random() < probability;
  }

  span(low: number, high: number): number {
    return this.between(low, high);
  }

  push(table: Table, row: Row): void {
    this.rows[table].push(row);
  }

  get csat(): boolean {
    return this.withCsat;
  }

  get nowMs(): number {
    return this.now.getTime();
  }

  private async insertAll(): Promise<void> {
    const since = new Date(this.now.getTime() - (DEMO_HISTORY_DAYS + 1) * 24 * HOUR);
    this.rows.contact = this.contacts.map((contact) => ({ ...contact, created_at: since, updated_at: since }));
    await this.insert('contact', ['id', 'phone', 'name', 'created_at', 'updated_at'], 'ON CONFLICT (phone) DO NOTHING');
    // A contact that existed already (the same number texted in before) keeps its row; point the history at it.
    const existing: Array<{ id: string; phone: string }> = await this.manager.query(`SELECT id, phone FROM contact WHERE phone = ANY($1::text[])`, [this.contacts.map((contact) => contact.phone)]);
    const idOf = new Map(existing.map((row) => [row.phone, row.id]));
    const remap = new Map(this.contacts.map((contact) => [contact.id, idOf.get(contact.phone) ?? contact.id]));
    for (const table of ['conversation', 'consent', 'consent_event', 'csat_response'] as const) for (const row of this.rows[table]) row['contact_id'] = remap.get(row['contact_id'] as string);
    await this.insert('conversation', ['id', 'channel_id', 'contact_id', 'team_id', 'status', 'unread_count', 'last_message_at', 'last_inbound_at', 'waiting_since', 'resolved_at', 'created_at', 'updated_at', 'assignee_id', 'language']);
    await this.insert('message', [
      'id', 'conversation_id', 'channel_id', 'direction', 'kind', 'status', 'body', 'encoding', 'segments', 'provider_message_id', 'provider_timestamp', 'sent_at', 'error_code', 'error_reason', 'error_category',
      'created_at', 'updated_at', 'author_id', 'queued_at', 'estimated_cost', 'external_reference', 'metadata', 'send_attempts',
    ]);
    await this.insert('conversation_assignment', ['conversation_id', 'assignee_id', 'previous_assignee_id', 'team_id', 'previous_team_id', 'actor_id', 'reason', 'created_at']);
    await this.insert('conversation_activity', ['id', 'conversation_id', 'team_id', 'type', 'actor_kind', 'actor_id', 'data', 'occurred_at'], '', 'occurred_at');
    await this.insert('sla_breach', ['conversation_id', 'team_id', 'kind', 'due_at', 'breached_at']);
    await this.insert('automation_run', ['conversation_id', 'message_id', 'rule_id', 'trigger', 'outcome', 'created_at']);
    await this.insert('consent', ['contact_id', 'channel_id', 'opted_out', 'updated_at'], 'ON CONFLICT (contact_id, channel_id) DO UPDATE SET opted_out = EXCLUDED.opted_out, updated_at = EXCLUDED.updated_at');
    await this.insert('consent_event', ['contact_id', 'channel_id', 'action', 'source', 'keyword', 'message_id', 'created_at'], '', 'created_at');
    await this.insert('delivery_report', ['channel_id', 'provider_message_id', 'provider_status', 'status', 'error_code', 'occurred_at', 'received_at', 'applied']);
    if (this.withCsat) {
      await this.insert('csat_response', ['conversation_id', 'resolved_at', 'team_id', 'channel_id', 'contact_id', 'agent_id', 'survey_message_id', 'response_message_id', 'rating', 'comment', 'surveyed_at', 'responded_at']);
    }
  }

  private async insert(table: Table, columns: string[], conflict = '', orderBy = ''): Promise<void> {
    let rows = this.rows[table];
    if (table === 'consent') {
      // One row per contact and channel: its latest state.
      const latest = new Map<string, Row>();
      for (const row of rows) latest.set(`${row['contact_id']}:${row['channel_id']}`, row);
      rows = [...latest.values()];
    }
    if (rows.length === 0) return;
    const list = columns.join(', ');
    // jsonb_populate_recordset casts every value to its column's type, so one statement writes the whole table.
    await this.manager.query(`INSERT INTO ${table} (${list}) SELECT ${list} FROM jsonb_populate_recordset(NULL::${table}, $1::jsonb) ${orderBy ? `ORDER BY ${orderBy}` : ''} ${conflict}`, [
      JSON.stringify(rows),
    ]);
  }
}

/** One conversation's timeline, written as the product would have written it step by step. */
class ConversationDraft {
  readonly id = randomUUID();
  time: number;
  private waitingSince: number | null = null;
  private lastMessage = 0;
  private lastInbound: number | null = null;
  private assignee: string | null = null;
  private humanReplied = false;
  private heldBefore: string | null = null;
  private language: string | null = null;
  private resolvedAt: number | null = null;

  constructor(
    private readonly w: HistoryWriter,
    private readonly channel: ChannelRow,
    private readonly contact: { id: string; name: string },
    private readonly startedAt: number,
  ) {
    this.time = startedAt;
  }

  advance(ms: number): void {
    this.time += Math.round(ms);
  }

  private readonly pending: Array<[Table, Row]> = [];
  private latest = 0;

  /** Rows wait here until the conversation is complete, so one that would end after now is left out whole. */
  private put(table: Table, row: Row, at: number): void {
    this.pending.push([table, row]);
    this.latest = Math.max(this.latest, at);
  }

  private activity(type: string, actorKind: string, actorId: string | null, data: Row, at = this.time): void {
    this.put('conversation_activity', { id: randomUUID(), conversation_id: this.id, team_id: this.channel.team_id, type, actor_kind: actorKind, actor_id: actorId, data, occurred_at: new Date(at) }, at);
  }

  private message(fields: Row & { direction: string; kind: string; body: string }): string {
    const id = randomUUID();
    const outbound = fields.direction === 'outbound';
    const analysis = analyseSms(fields.body, { smartEncoding: outbound && this.channel.smart_encoding });
    const at = new Date(this.time);
    this.put('message', {
      id,
      conversation_id: this.id,
      channel_id: this.channel.id,
      encoding: analysis.encoding,
      segments: analysis.segments,
      sent_at: at,
      created_at: at,
      updated_at: at,
      send_attempts: 0,
      ...fields,
      ...(outbound ? { estimated_cost: Math.round(analysis.segments * Number(this.channel.price_per_segment) * 100_000) / 100_000 } : {}),
    }, this.time);
    this.lastMessage = Math.max(this.lastMessage, this.time);
    return id;
  }

  customer(body: string, automation: { fired?: boolean; held?: 'answered_auto_reply' | 'asked_for_person' | 'no_faq_match' | null }): void {
    this.advance(this.w.span(1, 20) * 1000);
    this.language ??= /[а-яіїєґ]/i.test(body) ? 'uk' : 'en';
    const firstMessage = this.lastInbound === null && this.lastMessage === 0;
    const messageId = this.message({ direction: 'inbound', kind: 'customer', status: 'received', body, provider_message_id: this.w.providerId(this.channel), provider_timestamp: new Date(this.time) });
    this.lastInbound = this.time;
    this.waitingSince ??= this.time;
    const rule = this.w.ruleRef;
    if (rule) {
      // The rules ran once for each customer message; a fired rule's run names it, its FAQ and what it did.
      const outcome = automation.fired ? { rules: [rule.id], faq: automation.held ? null : { faqId: this.w.faqRef?.id, score: Number(this.w.span(0.82, 0.97).toFixed(3)) }, notes: automation.held ? [`${rule.name}: no auto-reply (${automation.held})`] : [FAQ_REPLIED(rule.name, this.w.faqRef?.title ?? '')] } : {};
      this.put('automation_run', { conversation_id: this.id, message_id: messageId, rule_id: automation.fired ? rule.id : null, trigger: firstMessage ? 'first_message' : 'inbound_message', outcome, created_at: new Date(this.time + 300) }, this.time + 300);
      this.lastRunMessage = messageId;
      // Held lines only in conversations nobody has, and never twice in a row.
      if (automation.held && !this.assignee && this.heldBefore !== automation.held) {
        this.activity('automation_held', 'automation', null, { hold: { kind: automation.held } }, this.time + 300);
        this.heldBefore = automation.held;
      }
    }
  }

  private lastRunMessage: string | null = null;

  private outboundDelivery(): Row {
    const failure = this.w.failureFor(this.channel);
    const providerId = this.w.providerId(this.channel);
    const reportAt = new Date(this.time + this.w.span(2, 40) * 1000);
    const status = failure?.status ?? 'delivered';
    const providerStatus = this.channel.provider === 'twilio' ? status : failure ? 'UNDELIVERABLE_NOT_DELIVERED' : 'DELIVERED_TO_HANDSET';
    this.put('delivery_report', { channel_id: this.channel.id, provider_message_id: providerId, provider_status: providerStatus, status, error_code: failure?.code ?? null, occurred_at: reportAt, received_at: reportAt, applied: true }, reportAt.getTime());
    return {
      status,
      provider_message_id: providerId,
      provider_timestamp: new Date(this.time),
      queued_at: new Date(this.time),
      updated_at: reportAt,
      send_attempts: 1,
      error_code: failure?.code ?? null,
      error_reason: failure?.reason ?? null,
      error_category: failure?.category ?? null,
    };
  }

  outbound(kind: string, body: string, authorId: string | null, extra: Row = {}): string {
    return this.message({ direction: 'outbound', kind, body, author_id: authorId, ...this.outboundDelivery(), ...extra });
  }

  autoReply(rule: { id: string; name: string }, faq: { id: string; title: string; body: string }): void {
    this.advance(this.w.span(2, 6) * 1000);
    this.outbound('auto_reply', faq.body, null, {
      metadata: { automation: 'rule', ruleId: rule.id, ruleName: rule.name, inReplyTo: this.lastRunMessage, faqId: faq.id, confidence: this.w.span(0.82, 0.97).toFixed(3) },
    });
    // The rule's status change: the auto-reply answered, so nobody is waiting any more.
    this.activity('marked_pending', 'automation', null, { ruleName: rule.name });
    this.waitingSince = null;
  }

  outOfOffice(): void {
    this.advance(this.w.span(2, 5) * 1000);
    this.outbound('auto_reply', 'Acme billing is closed now. We answer on weekdays from 9:00 to 18:00 (Kyiv time).', null, { metadata: { automation: 'out_of_office' } });
  }

  reopenedByCustomer(): void {
    this.activity('reopened', 'customer', null, {}, this.time + 1000);
  }

  agentAnswers(agent: { id: string; name: string }, body: string, kind: 'first_response' | 'next_response'): void {
    const waitStart = this.waitingSince ?? this.time;
    const at = Math.max(this.time + MINUTE, this.w.agentTimeFor(this.channel, waitStart));
    const minutes = kind === 'first_response' ? this.channel.sla_first_response_minutes : this.channel.sla_next_response_minutes;
    if (minutes) {
      const due = addBusinessMinutes(this.channel.sla_business_hours_only ? this.channel.business_hours : null, new Date(waitStart), minutes).getTime();
      if (due < at) {
        // The routing sweep notices within a minute and records the breach with a line in the thread.
        const breachedAt = due + Math.round(this.w.span(5, 60) * 1000);
        this.put('sla_breach', { conversation_id: this.id, team_id: this.channel.team_id, kind, due_at: new Date(due), breached_at: new Date(breachedAt) }, breachedAt);
        this.activity('sla_breached', 'system', null, { kind }, breachedAt);
      }
    }
    if (this.assignee !== agent.id) {
      const takenAt = at - Math.round(this.w.span(20, 120) * 1000);
      const reason = this.w.chance(0.6) ? 'take_next' : 'manual';
      this.put('conversation_assignment', { conversation_id: this.id, assignee_id: agent.id, previous_assignee_id: this.assignee, team_id: this.channel.team_id, previous_team_id: this.channel.team_id, actor_id: agent.id, reason, created_at: new Date(takenAt) }, takenAt);
      const [team] = [this.channel.name === DEMO_CHANNELS[0].name ? 'Support' : 'Billing'];
      this.activity('assigned', 'user', agent.id, { fromTeamId: this.channel.team_id, toTeamId: this.channel.team_id, fromTeamName: team, toTeamName: team, assigneeId: agent.id, assigneeName: agent.name, previousAssigneeId: this.assignee, previousAssigneeName: null }, takenAt);
      this.assignee = agent.id;
    }
    this.time = at;
    this.outbound('agent', body, agent.id);
    this.humanReplied = true;
    this.waitingSince = null;
  }

  stop(): void {
    this.advance(this.w.span(1, 20) * 1000);
    const messageId = this.message({ direction: 'inbound', kind: 'customer', status: 'received', body: 'STOP', provider_message_id: this.w.providerId(this.channel), provider_timestamp: new Date(this.time) });
    this.lastInbound = this.time;
    this.consent(true, 'STOP', messageId);
    // An opt-out stops the customer's wait: nobody owes them an answer.
    this.waitingSince = null;
  }

  start(): void {
    const messageId = this.message({ direction: 'inbound', kind: 'customer', status: 'received', body: 'START', provider_message_id: this.w.providerId(this.channel), provider_timestamp: new Date(this.time) });
    this.lastInbound = this.time;
    this.consent(false, 'START', messageId);
  }

  private consent(optedOut: boolean, keyword: string, messageId: string): void {
    const at = new Date(this.time + 200);
    this.put('consent', { contact_id: this.contact.id, channel_id: this.channel.id, opted_out: optedOut, updated_at: at }, at.getTime());
    this.put('consent_event', { contact_id: this.contact.id, channel_id: this.channel.id, action: optedOut ? 'opt_out' : 'opt_in', source: 'keyword', keyword, message_id: messageId, created_at: at }, at.getTime());
    this.activity(optedOut ? 'opted_out' : 'opted_in', 'customer', null, { keyword }, at.getTime());
  }

  resolveBy(agent: { id: string; name: string } | undefined, afterMs: number, survey: boolean): void {
    const at = this.w.agentTimeFor(this.channel, this.time + afterMs - MINUTE);
    this.time = Math.max(at, this.time + MINUTE);
    this.resolvedAt = this.time;
    this.waitingSince = null;
    this.activity('resolved', 'user', agent?.id ?? null, {});
    if (!survey || !this.humanReplied || !this.w.csat || !this.w.chance(0.7)) return;
    // The survey goes after the team's delay (30 minutes by default); about half the customers answer it.
    const resolvedAt = new Date(this.time);
    this.advance(30 * MINUTE);
    const surveyId = this.outbound('survey', 'How did we do? Reply 1 (bad) to 5 (great).', null);
    const response: Row = { conversation_id: this.id, resolved_at: resolvedAt, team_id: this.channel.team_id, channel_id: this.channel.id, contact_id: this.contact.id, agent_id: this.assignee, survey_message_id: surveyId, surveyed_at: new Date(this.time) };
    if (this.w.chance(0.55)) {
      const [rating, comment] = this.w.rating();
      this.advance(this.w.span(2, 90) * MINUTE);
      const replyId = this.message({ direction: 'inbound', kind: 'customer', status: 'received', body: comment ? `${rating} ${comment}` : String(rating), provider_message_id: this.w.providerId(this.channel), provider_timestamp: new Date(this.time) });
      this.lastInbound = this.time;
      Object.assign(response, { response_message_id: replyId, rating, comment, responded_at: new Date(this.time) });
      this.activity('csat_rated', 'customer', null, { rating, comment, reopened: false });
    }
    this.put('csat_response', response, this.time);
  }

  /** False when the conversation would not be over by now (a night message answered tomorrow morning): then it is left out. */
  finish(): boolean {
    if (Math.max(this.latest, this.time, this.resolvedAt ?? 0) >= this.w.nowMs) return false;
    this.w.push('conversation', {
      id: this.id,
      channel_id: this.channel.id,
      contact_id: this.contact.id,
      team_id: this.channel.team_id,
      status: 'resolved',
      unread_count: 0,
      last_message_at: new Date(this.lastMessage),
      last_inbound_at: this.lastInbound === null ? null : new Date(this.lastInbound),
      waiting_since: null,
      resolved_at: new Date(this.resolvedAt ?? this.lastMessage),
      created_at: new Date(this.startedAt),
      updated_at: new Date(Math.max(this.lastMessage, this.resolvedAt ?? 0)),
      assignee_id: this.assignee,
      language: this.language,
    });
    for (const [table, row] of this.pending) this.w.push(table, row);
    return true;
  }
}

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const result = await withMigrationDataSource(config, (dataSource) => generateDemoHistory(dataSource));
  process.stdout.write('skipped' in result ? `demo history: nothing to do (${result.skipped})\n` : `demo history: ${result.created} conversations and ${result.messages} messages over the last ${DEMO_HISTORY_DAYS} days\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  });
}
