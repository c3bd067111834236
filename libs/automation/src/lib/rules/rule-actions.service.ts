import { ActivityType, type AutomationHold, type ContactAttributeValues, type RoutingLanguage, ConversationPriority, ConversationStatus, type DomainEvent, MessageKind } from '@backtalk/contracts';
import { ConsentService, ConversationActionsService, ConversationActivity, ConversationEntity } from '@backtalk/conversations';
import { AutoReplyGuard, OutboundMessagesService } from '@backtalk/outbound';
import { ConversationLabels } from '@backtalk/labels';
import { EventLog, type NewDomainEvent } from '@backtalk/platform';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CannedAnswerEntity } from '../canned-answers/canned-answer.entity';
import { renderTemplate } from '@backtalk/sms';
import { contactVariables } from '../canned-answers/contact-variables';
import { chooseAnswerVariant, type ChosenVariant, fallbackSentence } from '../canned-answers/answer-language';
import { allVariantsOf } from '../canned-answers/answer-variants';
import { type AutoReplyHistory, autoReplyBlockers, type AutoReplyPolicy } from './auto-reply-safety';
import type { FiredRule } from './rule-evaluation';

export interface ActionOutcome {
  events: DomainEvent[];
  queuedMessageIds: string[];
  replied: boolean;
  /** What each fired rule did or was stopped from doing, for the run's record. */
  notes: string[];
  /** Why a reply was held back, for the thread's activity line; null when none was. */
  held: AutomationHold | null;
}

export interface ActionSubject {
  conversation: ConversationEntity;
  contact: { name: string; attributes: ContactAttributeValues };
  channel: { name: string; helpText: string; pricePerSegment: number };
  /** The customer's message the rules ran for; null for waiting-time rules. */
  text: string | null;
  messageId: string | null;
  history: AutoReplyHistory;
  /** The contact's own language and the one detected from the customer, for choosing the answer's text. */
  language: { contactLanguage: RoutingLanguage | null; conversationLanguage: RoutingLanguage | null };
}

const RULE_STATUS_ACTIVITY: Record<ConversationStatus, ActivityType> = {
  [ConversationStatus.Open]: ActivityType.Reopened,
  [ConversationStatus.Pending]: ActivityType.MarkedPending,
  [ConversationStatus.Snoozed]: ActivityType.Snoozed,
  [ConversationStatus.Resolved]: ActivityType.Resolved,
};

/** Carries out fired rules inside the caller's transaction, with the safety rules of automatic replies. */
@Injectable()
export class RuleActionsService {
  constructor(
    private readonly eventLog: EventLog,
    private readonly outbound: OutboundMessagesService,
    private readonly consent: ConsentService,
    private readonly conversationActions: ConversationActionsService,
    private readonly guard: AutoReplyGuard,
    private readonly activity: ConversationActivity,
    private readonly labels: ConversationLabels,
  ) {}

  async apply(manager: EntityManager, fired: readonly FiredRule[], subject: ActionSubject, policy: AutoReplyPolicy, now = new Date()): Promise<ActionOutcome> {
    const outcome: ActionOutcome = { events: [], queuedMessageIds: [], replied: false, notes: [], held: null };
    const { conversation } = subject;
    /** How the conversation was before a status this run set along with a reply, so a cancelled reply can undo it. */
    let statusUndo: Record<string, string> | null = null;
    for (const { rule, faq } of fired) {
      let replyBlocked = false;
      // A status change goes with the rule's reply: carried out after it, so a held-back reply keeps the conversation open.
      const ordered = [...rule.actions.filter((action) => action.type !== 'set_status'), ...rule.actions.filter((action) => action.type === 'set_status')];
      for (const action of ordered) {
        switch (action.type) {
          case 'reply': {
            const blockers = await this.replyBlockers(manager, subject, policy, now);
            const answer = action.cannedAnswerId === 'matched_faq' ? (faq ? await manager.findOneBy(CannedAnswerEntity, { id: faq.faqId }) : null) : await manager.findOneBy(CannedAnswerEntity, { id: action.cannedAnswerId });
            if (!answer) blockers.push({ kind: 'answer_missing', ruleName: rule.name });
            else if (action.cannedAnswerId === 'matched_faq' && !answer.autoReply) blockers.push({ kind: 'faq_not_autonomous', title: answer.title });
            const chosen: ChosenVariant | null = answer ? chooseAnswerVariant({ variants: await allVariantsOf(manager, answer), defaultLanguage: answer.language, ...subject.language }) : null;
            const body = chosen
              ? renderTemplate(chosen.body, {
                  ...contactVariables(subject.contact),
                  'channel.name': subject.channel.name,
                  'channel.help_text': subject.channel.helpText,
                }).body.trim()
              : null;
            if (!outcome.replied) {
              const hold = await this.guard.hold(manager, conversation.id, {
                sinceMessageId: subject.messageId,
                sinceTime: now,
                sinceWaiting: true,
                body,
                answerAssigned: rule.answerAssigned ?? false,
                windowMinutes: policy.windowMinutes,
              });
              // A person in the conversation is the reason agents most need to read first.
              if (hold) blockers.unshift(hold);
            }
            if (outcome.replied || blockers.length > 0 || !body) {
              replyBlocked = true;
              // The run's own record, read by developers: the hold codes, which the console words for people.
              const why = outcome.replied ? 'already_replied' : blockers.map((blocker) => blocker.kind).join(', ');
              outcome.notes.push(`${rule.name}: no auto-reply (${why || 'empty_body'})`);
              if (!outcome.replied) outcome.held ??= blockers[0] ?? null;
              break;
            }
            const metadata: Record<string, string> = { automation: 'rule', ruleId: rule.id, ruleName: rule.name };
            if (subject.messageId) metadata['inReplyTo'] = subject.messageId;
            if (faq && action.cannedAnswerId === 'matched_faq') Object.assign(metadata, { faqId: faq.faqId, confidence: faq.score.toFixed(3) });
            metadata['language'] = chosen!.chosenLanguage;
            if (chosen!.fallback && chosen!.wantedLanguage) metadata['languageFallbackFrom'] = chosen!.wantedLanguage;
            const queued = await this.outbound.queue(manager, { conversationId: conversation.id, channelId: conversation.channelId, teamId: conversation.teamId, body, kind: MessageKind.AutoReply, pricePerSegment: subject.channel.pricePerSegment, metadata });
            outcome.events.push(...queued.events);
            if (chosen!.fallback) outcome.events.push(...(await this.fallbackLine(manager, conversation, chosen!, { answer: answer!, messageId: queued.message.id, ruleName: rule.name })));
            outcome.queuedMessageIds.push(queued.message.id);
            outcome.replied = true;
            outcome.notes.push(`${rule.name}: replied with “${answer!.title}”`);
            break;
          }
          case 'assign_team':
            outcome.events.push(...(await this.conversationActions.recordAssignment(manager, conversation, { assigneeId: null, teamId: action.teamId, actorId: null, reason: 'rule' })));
            break;
          case 'assign_agent': {
            const [member] = await manager.query<unknown[]>(`SELECT 1 FROM team_member tm JOIN app_user u ON u.id = tm.user_id AND u.active WHERE tm.team_id = $1 AND tm.user_id = $2`, [conversation.teamId, action.userId]);
            if (!member) {
              outcome.notes.push(`${rule.name}: the agent is not an active member of the conversation’s team`);
              break;
            }
            outcome.events.push(...(await this.conversationActions.recordAssignment(manager, conversation, { assigneeId: action.userId, teamId: conversation.teamId, actorId: null, reason: 'rule' })));
            break;
          }
          case 'set_priority': {
            if (conversation.priority === action.priority) break;
            await manager.update(ConversationEntity, { id: conversation.id }, { priority: action.priority });
            const line = await this.activity.record(manager, {
              conversationId: conversation.id,
              teamId: conversation.teamId,
              type: ActivityType.PriorityChanged,
              actorKind: 'automation',
              data: { from: conversation.priority, to: action.priority, ruleName: rule.name },
            });
            conversation.priority = action.priority as ConversationPriority;
            outcome.events.push(...(await this.eventLog.append(manager, [this.updated(conversation, conversation.status, `priority_${action.priority}`), line])));
            break;
          }
          case 'add_tag': {
            const labelled = await this.labels.addByRule(manager, conversation, action.labelId, rule.name);
            if (labelled.skipped) outcome.notes.push(`${rule.name}: no label because ${labelled.skipped}`);
            outcome.events.push(...labelled.events);
            break;
          }
          case 'set_status': {
            // A reply that was held back leaves the customer waiting: the conversation stays open for a person.
            if (replyBlocked || conversation.status === action.status) break;
            const previous = conversation.status;
            if (outcome.replied && !statusUndo) {
              // Kept with the queued reply: if it is cancelled before it goes out, the conversation goes back to this.
              const [before] = await manager.query<Array<{ waiting_since: string | null; unread_count: number }>>(`SELECT waiting_since::text, unread_count FROM conversation WHERE id = $1`, [conversation.id]);
              statusUndo = { statusSet: action.status, statusBefore: previous, waitingSinceBefore: before?.waiting_since ?? '', unreadBefore: String(before?.unread_count ?? 0) };
            }
            await manager.update(ConversationEntity, { id: conversation.id }, {
              status: action.status,
              // Pending or resolved, the customer is not waiting for an answer any more (the auto-reply gave one).
              waitingSince: null,
              ...(action.status === ConversationStatus.Resolved ? { resolvedAt: now, unreadCount: 0 } : {}),
            });
            conversation.status = action.status;
            const line = await this.activity.record(manager, { conversationId: conversation.id, teamId: conversation.teamId, type: RULE_STATUS_ACTIVITY[action.status], actorKind: 'automation', data: { ruleName: rule.name } });
            outcome.events.push(
              ...(await this.eventLog.append(manager, [{ ...this.updated(conversation, action.status, 'rule'), payload: { conversationId: conversation.id, status: action.status, previousStatus: previous, reason: 'rule' } }, line])),
            );
            break;
          }
        }
      }
    }
    if (statusUndo && outcome.queuedMessageIds.length > 0) {
      await manager.query(`UPDATE message SET metadata = COALESCE(metadata, '{}'::jsonb) || $2::jsonb WHERE id = ANY($1::uuid[])`, [outcome.queuedMessageIds, JSON.stringify(statusUndo)]);
    }
    return outcome;
  }

  /** Tells agents the customer was answered in another language than theirs, so they can follow up in it. */
  private async fallbackLine(manager: EntityManager, conversation: ConversationEntity, chosen: ChosenVariant, sent: { answer: CannedAnswerEntity; messageId: string; ruleName: string }): Promise<DomainEvent[]> {
    const line = await this.activity.record(manager, {
      conversationId: conversation.id,
      teamId: conversation.teamId,
      type: ActivityType.AnswerLanguageFallback,
      actorKind: 'automation',
      data: {
        wantedLanguage: chosen.wantedLanguage,
        usedLanguage: chosen.chosenLanguage,
        wantedFrom: chosen.wantedFrom,
        cannedAnswerId: sent.answer.id,
        answerTitle: sent.answer.title,
        messageId: sent.messageId,
        ruleName: sent.ruleName,
        reason: fallbackSentence(chosen),
      },
    });
    return this.eventLog.append(manager, [line]);
  }

  private async replyBlockers(manager: EntityManager, subject: ActionSubject, policy: AutoReplyPolicy, now: Date): Promise<AutomationHold[]> {
    const blockers: AutomationHold[] = [];
    if (await this.consent.isOptedOut(manager, subject.conversation.contactId, subject.conversation.channelId)) blockers.push({ kind: 'opted_out' });
    if (subject.text !== null) blockers.push(...autoReplyBlockers(subject.text, subject.history, now, policy));
    else if (subject.history.lastAutoReplyAt && now.getTime() - subject.history.lastAutoReplyAt.getTime() < policy.windowMinutes * 60_000) {
      blockers.push({ kind: 'recent_auto_reply', windowMinutes: policy.windowMinutes });
    }
    return blockers;
  }

  private updated(conversation: ConversationEntity, status: ConversationStatus, reason: string): NewDomainEvent<'conversation.updated'> {
    return { type: 'conversation.updated', teamId: conversation.teamId, conversationId: conversation.id, payload: { conversationId: conversation.id, status, previousStatus: status, reason } };
  }
}
