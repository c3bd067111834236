import { AccessPolicy, type UserActor } from '@backtalk/auth';
import { ActivityType, type AutomationHold, type AutomationTestNote, type AutomationTestRequest, type RoutingLanguage, type ContactAttributeValues, type AutomationTestResult, type ConversationStatus, type ReplayReport, RuleTrigger } from '@backtalk/contracts';
import { ConsentService, ConversationActivity, ConversationEntity } from '@backtalk/conversations';
import { AutoReplyGuard, OutboundQueue } from '@backtalk/outbound';
import { AppConfig, DomainError, EventLog } from '@backtalk/platform';
import { isOpenAt } from '@backtalk/business-hours';
import { detectLanguage, TeamRoutingCache } from '@backtalk/routing';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { CannedAnswerEntity } from '../canned-answers/canned-answer.entity';
import { contactAttributesSql } from '../canned-answers/contact-variables';
import { chooseAnswerVariant } from '../canned-answers/answer-language';
import { allVariantsOf } from '../canned-answers/answer-variants';
import type { AutomationRuleEntity } from './automation-rule.entity';
import { renderTemplate } from '@backtalk/sms';
import { type AutoReplyHistory, autoReplyBlockers, type AutoReplyPolicy, unansweredReason } from './auto-reply-safety';
import { FaqLibraryService } from './faq-library.service';
import { RuleActionsService } from './rule-actions.service';
import { RuleCache } from './rule-cache';
import { evaluateRules, type FiredRule, needsFaqMatch, type RuleContext } from './rule-evaluation';

interface InboundRow {
  message_id: string;
  body: string;
  sent_at: Date;
  created_at: Date;
  conversation_id: string;
  channel_id: string;
  team_id: string;
  status: ConversationStatus;
  contact_name: string;
  contact_phone: string;
  contact_notes: string;
  contact_attributes: ContactAttributeValues;
  contact_language: RoutingLanguage | null;
  channel_name: string;
  help_text: string;
  price_per_segment: string;
  first_message: boolean;
  survey_answer: boolean;
  blocked: boolean;
}

const INBOUND_SQL = `
SELECT m.id AS message_id, m.body, m.sent_at, m.created_at, c.id AS conversation_id, c.channel_id, c.team_id, c.status,
       ct.name AS contact_name, ct.phone AS contact_phone, COALESCE(cn.body, '') AS contact_notes, ${contactAttributesSql('ct.id')} AS contact_attributes, ct.language AS contact_language,
       ch.name AS channel_name, ch.help_text, ch.price_per_segment,
       NOT EXISTS (SELECT 1 FROM message earlier WHERE earlier.conversation_id = c.id AND earlier.direction = 'inbound' AND (earlier.sent_at, earlier.id) < (m.sent_at, m.id)) AS first_message,
       m.metadata->>'csatResponseId' IS NOT NULL AS survey_answer,
       m.metadata->>'blocked' IS NOT NULL AS blocked
FROM message m
JOIN conversation c ON c.id = m.conversation_id
JOIN contact ct ON ct.id = c.contact_id
LEFT JOIN contact_note cn ON cn.contact_id = c.contact_id AND cn.team_id = c.team_id
JOIN channel ch ON ch.id = c.channel_id
WHERE m.id = ANY($1::uuid[]) AND m.direction = 'inbound'`;

/** How far back the sweep looks for customer messages no process ran through the rules (a crash right after commit). */
const UNPROCESSED_LOOKBACK_MINUTES = 10;
/** Younger messages are still being handled by the process that stored them. */
const UNPROCESSED_GRACE_SECONDS = 5;

/**
 * Runs customer messages through the automation rules: FAQ matches, auto-replies with their safety rules, routing
 * actions. Each message is run once (a row per message in `automation_run`, written with the actions it caused), in
 * the process that stored it; the worker's sweep runs whatever a crash left out.
 */
@Injectable()
export class AutomationService {
  private readonly logger = new Logger(AutomationService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly rules: RuleCache,
    private readonly faqs: FaqLibraryService,
    private readonly actions: RuleActionsService,
    private readonly teams: TeamRoutingCache,
    private readonly eventLog: EventLog,
    private readonly outboundQueue: OutboundQueue,
    private readonly config: AppConfig,
    private readonly activity: ConversationActivity,
    private readonly consent: ConsentService,
    private readonly guard: AutoReplyGuard,
  ) {}

  private get policy(): AutoReplyPolicy {
    return { windowMinutes: this.config.AUTO_REPLY_WINDOW_MINUTES, burstLimit: 5 };
  }

  /** Runs the rules for one stored customer message; true when an auto-reply was queued. */
  async processInbound(messageId: string, now = new Date()): Promise<{ replied: boolean }> {
    if ((await this.rules.enabledRules()).length === 0) return { replied: false };
    const [row] = await this.dataSource.query<InboundRow[]>(INBOUND_SQL, [[messageId]]);
    // A rating answers the survey, not a question: automation has nothing to say to it, even when a low score reopened
    // the conversation for a supervisor.
    // Nor does it answer a contact the team blocked.
    if (!row || row.survey_answer || row.blocked) return { replied: false };
    // A rule acts only on messages that arrived while it was on in its current form: switching it on never answers the past.
    const applicable = (await this.rules.rulesFor(row.channel_id, row.team_id)).filter((rule) => rule.activeSince !== null && rule.activeSince <= row.created_at);
    const context = await this.contextOf(row, applicable, now);
    const evaluated = evaluateRules(applicable, context);

    const result = await this.dataSource.transaction(async (manager) => {
      const conversation = await manager.findOne(ConversationEntity, { where: { id: row.conversation_id }, lock: { mode: 'pessimistic_write' } });
      if (!conversation) return null;
      const fired = await this.stillActive(manager, evaluated, applicable, row.message_id);
      const [run] = await manager.query<Array<{ id: string }>>(
        `INSERT INTO automation_run (conversation_id, message_id, rule_id, trigger) VALUES ($1, $2, $3, $4) ON CONFLICT (message_id) WHERE message_id IS NOT NULL DO NOTHING RETURNING id`,
        [conversation.id, row.message_id, fired[0]?.rule.id ?? null, context.trigger],
      );
      if (!run) return null;
      if (fired.length === 0) {
        const unmatched = await this.unanswered(manager, conversation, row, unansweredReason(applicable, context, fired), now);
        return { events: unmatched ? await this.heldLine(manager, conversation, unmatched) : [], queuedMessageIds: [], replied: false };
      }
      const history = await this.historyBefore(manager, conversation.id, row.message_id, row.sent_at);
      const outcome = await this.actions.apply(manager, fired, this.subjectOf(row, conversation, row.body, history), this.policy, now);
      await manager.query(`UPDATE automation_run SET outcome = $2 WHERE id = $1`, [run.id, JSON.stringify({ rules: fired.map((entry) => entry.rule.id), faq: fired.find((entry) => entry.faq)?.faq ?? null, notes: outcome.notes })]);
      const held = outcome.held ?? unansweredReason(applicable, context, fired);
      if (held) outcome.events.push(...(await this.heldLine(manager, conversation, held)));
      return outcome;
    });
    if (!result) return { replied: false };
    this.eventLog.publish(result.events);
    await this.outboundQueue.enqueue(result.queuedMessageIds);
    return { replied: result.replied };
  }

  /** Customer messages of the last minutes that no process ran through the rules. */
  async processUnprocessed(now = new Date()): Promise<number> {
    if ((await this.rules.enabledRules()).length === 0) return 0;
    const pending = await this.dataSource.query<Array<{ id: string }>>(
      `SELECT m.id FROM message m
       WHERE m.direction = 'inbound' AND m.created_at > $1 AND m.created_at < $2
         AND NOT EXISTS (SELECT 1 FROM automation_run r WHERE r.message_id = m.id)
         AND m.metadata->>'csatResponseId' IS NULL AND m.metadata->>'blocked' IS NULL
         -- Only a message that came while some rule was on (in its current form) had automation to miss: switching a
         -- rule on, or editing it, does not answer the past.
         AND EXISTS (SELECT 1 FROM automation_rule rule WHERE rule.enabled AND rule.active_since <= m.created_at)
       ORDER BY m.created_at LIMIT 200`,
      [new Date(now.getTime() - UNPROCESSED_LOOKBACK_MINUTES * 60_000), new Date(now.getTime() - UNPROCESSED_GRACE_SECONDS * 1000)],
    );
    for (const { id } of pending) await this.processInbound(id, now);
    return pending.length;
  }

  /** Waiting-time rules: each fires once per wait of a conversation that has waited longer than its minutes. */
  async processWaiting(now = new Date()): Promise<number> {
    const waitingRules = (await this.rules.enabledRules()).filter((rule) => rule.trigger === RuleTrigger.WaitingLongerThan);
    let fired = 0;
    for (const rule of waitingRules) {
      const due = await this.dataSource.query<Array<{ id: string }>>(
        `SELECT c.id FROM conversation c
         WHERE c.status = 'open' AND c.waiting_since <= $1
           AND ($2::uuid IS NULL OR c.channel_id = $2) AND ($3::uuid IS NULL OR c.team_id = $3)
           -- A wait that began before the rule was on (in this form) is not its business, like an older message.
           AND c.waiting_since >= $5
           AND NOT EXISTS (SELECT 1 FROM automation_run r WHERE r.rule_id = $4 AND r.conversation_id = c.id AND r.wait_started_at = c.waiting_since)
         LIMIT 200`,
        [new Date(now.getTime() - rule.waitingMinutes! * 60_000), rule.channelId, rule.teamId, rule.id, rule.activeSince],
      );
      for (const { id } of due) if (await this.fireWaitingRule(rule.id, id, now)) fired += 1;
    }
    return fired;
  }

  /** What the rules would do with a message on a channel; sends and changes nothing. */
  async test(actor: UserActor, request: AutomationTestRequest, now = new Date()): Promise<AutomationTestResult> {
    const [channel] = await this.dataSource.query<Array<{ id: string; team_id: string; name: string; help_text: string }>>(`SELECT id, team_id, name, help_text FROM channel WHERE id = $1`, [request.channelId]);
    if (!channel || !AccessPolicy.canSeeTeam(actor, channel.team_id)) throw DomainError.notFound('Channel');
    const text = request.text.trim();
    if (!text) throw DomainError.validation('Type a message to test');
    const applicable = await this.rules.rulesFor(channel.id, channel.team_id);
    const team = await this.teams.get(channel.team_id);
    const matches = await this.faqs.match(channel.team_id, text);
    const context: RuleContext = {
      trigger: request.trigger ?? RuleTrigger.InboundMessage,
      text,
      language: detectLanguage(text),
      faqs: matches,
      contact: { name: '', phone: '', notes: '', attributes: {} },
      businessHoursOpen: isOpenAt(team?.businessHours ?? null, now),
      status: 'open' as ConversationStatus,
    };
    const fired = evaluateRules(applicable, context);
    const notes: AutomationTestNote[] = autoReplyBlockers(text, { previousInbound: [], lastOutboundKind: null, lastAutoReplyAt: null }, now, this.policy);
    const found = await this.replyOf(fired, channel, notes, context.language);
    const reply = found && { body: found.body, cannedAnswerId: found.cannedAnswerId, faqId: found.faqId, confidence: found.confidence };
    return {
      language: context.language,
      faqs: matches.map((match) => ({ faqId: match.faqId, title: match.answer.title, score: match.score })),
      fired: fired.map(({ rule }) => ({ ruleId: rule.id, name: rule.name, actions: rule.actions })),
      reply: notes.length === 0 ? reply : null,
      notes: fired.length === 0 ? [{ kind: 'no_rule_fires' }, ...notes] : notes,
    };
  }

  /** The rules run over the last `limit` customer messages the actor can see, as if each had just arrived. */
  async replay(actor: UserActor, limit: number, now = new Date()): Promise<ReplayReport> {
    const visibleConversations = AccessPolicy.visibleConversationsCondition(actor, 'c', 2);
    const recent = await this.dataSource.query<Array<{ id: string }>>(
      `SELECT m.id FROM message m JOIN conversation c ON c.id = m.conversation_id
       WHERE m.direction = 'inbound' AND ${visibleConversations.sql}
       ORDER BY m.created_at DESC LIMIT $1`,
      [limit, ...visibleConversations.parameters],
    );
    const rows = await this.dataSource.query<InboundRow[]>(INBOUND_SQL, [recent.map((message) => message.id)]);
    rows.sort((a, b) => b.sent_at.getTime() - a.sent_at.getTime());
    const byFaq = new Map<string, { faqId: string; title: string; count: number }>();
    const samples: ReplayReport['samples'] = [];
    let autoAnswered = 0;
    for (const row of rows) {
      const applicable = await this.rules.rulesFor(row.channel_id, row.team_id);
      const context = await this.contextOf(row, applicable, now);
      const fired = evaluateRules(applicable, context);
      const blockers = autoReplyBlockers(row.body, { previousInbound: [], lastOutboundKind: null, lastAutoReplyAt: null }, now, this.policy);
      const reply = blockers.length === 0 ? await this.replyOf(fired, { name: row.channel_name, help_text: row.help_text }, [], row.contact_language ?? context.language) : null;
      const faqEntry = fired.find((entry) => entry.faq)?.faq ?? null;
      const faqTitle = reply?.faqId ? reply.title : null;
      if (reply) {
        autoAnswered += 1;
        if (reply.faqId) {
          const entry = byFaq.get(reply.faqId) ?? { faqId: reply.faqId, title: reply.title, count: 0 };
          entry.count += 1;
          byFaq.set(reply.faqId, entry);
        }
      }
      samples.push({ messageId: row.message_id, conversationId: row.conversation_id, text: row.body, ruleName: fired[0]?.rule.name ?? null, faqTitle, confidence: faqEntry?.score ?? null, wouldReply: reply !== null });
    }
    return { messages: rows.length, autoAnswered, byFaq: [...byFaq.values()].sort((a, b) => b.count - a.count), samples: samples.slice(0, 100) };
  }

  private async fireWaitingRule(ruleId: string, conversationId: string, now: Date): Promise<boolean> {
    const rule = (await this.rules.enabledRules()).find((candidate) => candidate.id === ruleId);
    if (!rule) return false;
    const result = await this.dataSource.transaction(async (manager) => {
      const conversation = await manager.findOne(ConversationEntity, { where: { id: conversationId }, lock: { mode: 'pessimistic_write' } });
      if (!conversation?.waitingSince) return null;
      // The wait's start is copied in SQL: a JavaScript Date would lose PostgreSQL's microseconds and never match again.
      const [run] = await manager.query<Array<{ id: string }>>(
        `INSERT INTO automation_run (conversation_id, rule_id, trigger, wait_started_at)
         SELECT id, $2, 'waiting_longer_than', waiting_since FROM conversation WHERE id = $1
         ON CONFLICT (rule_id, conversation_id, wait_started_at) WHERE wait_started_at IS NOT NULL DO NOTHING RETURNING id`,
        [conversationId, ruleId],
      );
      if (!run) return null;
      const [row] = await manager.query<InboundRow[]>(
        `SELECT c.id AS conversation_id, c.channel_id, c.team_id, c.status, ct.name AS contact_name, ct.phone AS contact_phone, COALESCE(cn.body, '') AS contact_notes,
                ${contactAttributesSql('ct.id')} AS contact_attributes, ct.language AS contact_language, ch.name AS channel_name, ch.help_text, ch.price_per_segment
         FROM conversation c JOIN contact ct ON ct.id = c.contact_id
         LEFT JOIN contact_note cn ON cn.contact_id = c.contact_id AND cn.team_id = c.team_id
         JOIN channel ch ON ch.id = c.channel_id WHERE c.id = $1`,
        [conversationId],
      );
      const team = await this.teams.get(row.team_id);
      const context: RuleContext = {
        trigger: RuleTrigger.WaitingLongerThan,
        text: '',
        language: conversation.language,
        faqs: [],
        contact: { name: row.contact_name, phone: row.contact_phone, notes: row.contact_notes, attributes: row.contact_attributes },
        businessHoursOpen: isOpenAt(team?.businessHours ?? null, now),
        status: conversation.status,
      };
      const fired = evaluateRules([rule], context);
      if (fired.length === 0) return { events: [], queuedMessageIds: [] };
      const history = await this.historyBefore(manager, conversationId, null, now);
      return this.actions.apply(manager, fired, this.subjectOf(row, conversation, null, history), this.policy, now);
    });
    if (!result) return false;
    this.eventLog.publish(result.events);
    await this.outboundQueue.enqueue(result.queuedMessageIds);
    return true;
  }

  /**
   * The fired rules still on, in the form they were evaluated in: another process may have switched one off or
   * edited it within the rule cache's second.
   */
  private async stillActive(manager: EntityManager, fired: FiredRule[], applicable: readonly AutomationRuleEntity[], messageId: string): Promise<FiredRule[]> {
    if (fired.length === 0) return fired;
    const rows = await manager.query<Array<{ id: string; active_since: Date }>>(
      `SELECT id, active_since FROM automation_rule WHERE id = ANY($1::uuid[]) AND enabled AND active_since <= (SELECT created_at FROM message WHERE id = $2)`,
      [fired.map((entry) => entry.rule.id), messageId],
    );
    const current = new Map(rows.map((rule) => [rule.id, rule.active_since.getTime()]));
    const evaluatedSince = new Map(applicable.map((rule) => [rule.id, rule.activeSince?.getTime()]));
    return fired.filter((entry) => current.get(entry.rule.id) === evaluatedSince.get(entry.rule.id));
  }

  /**
   * Why a message no replying rule fired for went unanswered, if a reply rule was relevant. A keyword the channel
   * handles itself (STOP, START, HELP) has its own line or answer; an opted-out customer, or one the safety rules
   * leave to a person (answering an auto-reply, a burst …), would not have been answered whatever the FAQ score.
   */
  private async unanswered(manager: EntityManager, conversation: ConversationEntity, row: InboundRow, reason: AutomationHold | null, now: Date): Promise<AutomationHold | null> {
    if (!reason) return null;
    const messageId = row.message_id;
    const [keyword] = await manager.query<Array<{ handled: boolean }>>(
      `SELECT EXISTS (SELECT 1 FROM consent_event WHERE message_id = m.id)
           OR EXISTS (SELECT 1 FROM message answer WHERE answer.conversation_id = m.conversation_id AND answer.kind = 'keyword_reply' AND answer.created_at >= m.created_at) AS handled
       FROM message m WHERE m.id = $1`,
      [messageId],
    );
    if (keyword?.handled) return null;
    // In a conversation a person has, a reply rule would not have acted whatever the score: nothing to say.
    const taken = await this.guard.hold(manager, conversation.id, { sinceMessageId: messageId, sinceTime: now, sinceWaiting: true, body: null, answerAssigned: false, windowMinutes: this.policy.windowMinutes });
    if (taken) return null;
    if (await this.consent.isOptedOut(manager, conversation.contactId, conversation.channelId)) return { kind: 'opted_out' };
    const [safety] = autoReplyBlockers(row.body, await this.historyBefore(manager, conversation.id, messageId, row.sent_at), now, this.policy);
    return safety ?? reason;
  }

  /** The thread's quiet line saying automation held back, and why, so agents know the customer waits for them. */
  private async heldLine(manager: EntityManager, conversation: ConversationEntity, hold: AutomationHold) {
    // Quiet means once: the same reason for the customer's next message as well adds nothing to the thread.
    const [last] = await manager.query<Array<{ type: string; same: boolean | null }>>(
      `SELECT type, data -> 'hold' = $2::jsonb AS same FROM conversation_activity WHERE conversation_id = $1 ORDER BY occurred_at DESC, position DESC LIMIT 1`,
      [conversation.id, JSON.stringify(hold)],
    );
    if (last?.type === ActivityType.AutomationHeld && last.same) return [];
    const line = await this.activity.record(manager, { conversationId: conversation.id, teamId: conversation.teamId, type: ActivityType.AutomationHeld, actorKind: 'automation', data: { hold } });
    return this.eventLog.append(manager, [line]);
  }

  private async contextOf(row: InboundRow, applicable: Parameters<typeof needsFaqMatch>[0], now: Date): Promise<RuleContext> {
    const team = await this.teams.get(row.team_id);
    const matches = needsFaqMatch(applicable) ? await this.faqs.match(row.team_id, row.body).catch((error: unknown) => {
      this.logger.warn({ err: error, teamId: row.team_id }, 'FAQ matching failed; rules that need it do not fire');
      return [];
    }) : [];
    return {
      trigger: row.first_message ? RuleTrigger.FirstMessage : RuleTrigger.InboundMessage,
      text: row.body,
      language: detectLanguage(row.body),
      faqs: matches.map((match) => ({ faqId: match.faqId, score: match.score })),
      contact: { name: row.contact_name, phone: row.contact_phone, notes: row.contact_notes, attributes: row.contact_attributes },
      businessHoursOpen: isOpenAt(team?.businessHours ?? null, now),
      status: row.status,
    };
  }

  /** What the conversation looked like before this message, for the auto-reply safety rules. */
  private async historyBefore(manager: EntityManager, conversationId: string, messageId: string | null, before: Date): Promise<AutoReplyHistory> {
    const inbound = await manager.query<Array<{ body: string; sent_at: Date }>>(
      `SELECT body, sent_at FROM message WHERE conversation_id = $1 AND direction = 'inbound' AND id IS DISTINCT FROM $2 AND sent_at <= $3 ORDER BY sent_at DESC LIMIT 20`,
      [conversationId, messageId, before],
    );
    const [outbound] = await manager.query<Array<{ kind: string }>>(
      `SELECT kind FROM message WHERE conversation_id = $1 AND direction = 'outbound' AND sent_at <= $2 ORDER BY sent_at DESC, created_at DESC LIMIT 1`,
      [conversationId, before],
    );
    const [lastAuto] = await manager.query<Array<{ created_at: Date }>>(
      `SELECT created_at FROM message WHERE conversation_id = $1 AND kind = 'auto_reply' AND metadata ->> 'automation' = 'rule' ORDER BY created_at DESC LIMIT 1`,
      [conversationId],
    );
    return { previousInbound: inbound.map((message) => ({ body: message.body, at: message.sent_at })), lastOutboundKind: outbound?.kind ?? null, lastAutoReplyAt: lastAuto?.created_at ?? null };
  }

  private subjectOf(row: InboundRow, conversation: ConversationEntity, text: string | null, history: AutoReplyHistory) {
    return {
      messageId: text === null ? null : row.message_id,
      conversation,
      contact: { name: row.contact_name, attributes: row.contact_attributes },
      channel: { name: row.channel_name, helpText: row.help_text, pricePerSegment: Number(row.price_per_segment) },
      text,
      history,
      // The message being answered says best which language to answer in; a waiting-time rule has only the conversation's.
      language: { contactLanguage: row.contact_language, conversationLanguage: (text === null ? null : detectLanguage(text)) ?? conversation.language },
    };
  }

  /** The reply the first replying rule would send, rendered with what a test message has (no contact). */
  private async replyOf(fired: readonly FiredRule[], channel: { name: string; help_text: string }, notes: AutomationTestNote[], language: RoutingLanguage | null): Promise<(NonNullable<AutomationTestResult['reply']> & { title: string }) | null> {
    for (const { rule, faq } of fired) {
      const action = rule.actions.find((candidate) => candidate.type === 'reply');
      if (!action || action.type !== 'reply') continue;
      const matched = action.cannedAnswerId === 'matched_faq';
      const answerId = matched ? faq?.faqId : action.cannedAnswerId;
      const answer = answerId ? await this.dataSource.getRepository(CannedAnswerEntity).findOneBy({ id: answerId }) : null;
      if (!answer) {
        notes.push({ kind: 'answer_missing', ruleName: rule.name });
        continue;
      }
      if (matched && !answer.autoReply) {
        notes.push({ kind: 'faq_not_autonomous', title: answer.title });
        continue;
      }
      const chosen = chooseAnswerVariant({ variants: await allVariantsOf(this.dataSource, answer), defaultLanguage: answer.language, contactLanguage: null, conversationLanguage: language });
      const body = renderTemplate(chosen.body, { 'channel.name': channel.name, 'channel.help_text': channel.help_text }).body.trim();
      return { body, cannedAnswerId: answer.id, faqId: matched ? answer.id : null, confidence: matched ? (faq?.score ?? null) : null, title: answer.title };
    }
    return null;
  }
}
