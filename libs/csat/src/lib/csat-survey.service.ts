import { isOpenAt } from '@backtalk/business-hours';
import { ActivityType, type BusinessHours, ConversationStatus, type DomainEvent, MessageKind } from '@backtalk/contracts';
import { ConsentService, ConversationActivity, ConversationEntity } from '@backtalk/conversations';
import { OutboundMessagesService, OutboundQueue } from '@backtalk/outbound';
import { EventLog, type NewDomainEvent } from '@backtalk/platform';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { parseRating } from './rating-parser';

/** Resolves older than this are not surveyed any more: a survey about last week's help reads as spam. */
const SURVEY_HORIZON_DAYS = 7;

/** A survey can be answered for this long after it went out; later, a "5" is an ordinary message. */
export const SURVEY_ANSWER_WINDOW_HOURS = 72;

const SWEEP_BATCH = 200;

/** The assignment history's reason when a low score hands the conversation to a supervisor (or back to the queue). */
export const LOW_SCORE_ASSIGNMENT_REASON = 'low_csat_score';

/**
 * Resolved conversations due a survey now, oldest first. Everything that can be decided in SQL is, so the sweep
 * looks only at rows it will act on; each is checked again under locks before anything is written.
 */
const DUE_SQL = `
SELECT c.id, c.resolved_at, t.business_hours
FROM conversation c
JOIN csat_survey_settings s ON s.team_id = c.team_id AND s.enabled
JOIN team t ON t.id = c.team_id
JOIN channel ch ON ch.id = c.channel_id AND ch.active
WHERE c.status = 'resolved'
  AND c.resolved_at > $1::timestamptz - make_interval(days => ${SURVEY_HORIZON_DAYS})
  AND c.resolved_at >= s.enabled_since
  AND c.resolved_at <= $1::timestamptz - make_interval(mins => s.delay_minutes)
  AND NOT EXISTS (SELECT 1 FROM csat_response r WHERE r.conversation_id = c.id AND r.resolved_at = c.resolved_at)
  AND EXISTS (SELECT 1 FROM message m WHERE m.conversation_id = c.id AND m.kind = 'agent' AND m.status NOT IN ('scheduled', 'cancelled'))
  AND NOT EXISTS (SELECT 1 FROM consent k WHERE k.contact_id = c.contact_id AND k.channel_id = c.channel_id AND k.opted_out)
  AND NOT EXISTS (SELECT 1 FROM contact_block b WHERE b.contact_id = c.contact_id AND b.team_id = c.team_id)
  -- An erased customer has no number left to text, and asked to be forgotten.
  AND NOT EXISTS (SELECT 1 FROM contact ct WHERE ct.id = c.contact_id AND ct.erased_at IS NOT NULL)
  -- Resolved by blocking the number: unblocking later must not bring a survey about it.
  AND NOT COALESCE((SELECT a.data ? 'numberBlocked' FROM conversation_activity a WHERE a.conversation_id = c.id AND a.type = 'resolved' ORDER BY a.occurred_at DESC, a.position DESC LIMIT 1), false)
  AND NOT EXISTS (SELECT 1 FROM csat_response r WHERE r.contact_id = c.contact_id AND r.surveyed_at > $1::timestamptz - make_interval(days => s.min_days_between))
ORDER BY c.resolved_at
LIMIT ${SWEEP_BATCH}`;

interface LockedCandidate {
  id: string;
  team_id: string;
  channel_id: string;
  contact_id: string;
  status: ConversationStatus;
  resolved_at: Date | null;
  agent_id: string | null;
  message: string;
  min_days_between: number;
  price_per_segment: string;
  surveyed_recently: boolean;
  blocked: boolean;
  erased: boolean;
}

export interface CapturedAnswer {
  /** The conversation the answer belongs to, which stays resolved unless a low score reopens it. */
  conversationId: string;
  responseId: string;
}

interface PendingSurvey {
  id: string;
  conversation_id: string;
  team_id: string;
  thank_you: string | null;
  reopen_on_low_score: boolean;
  low_score_threshold: number;
  price_per_segment: string;
}

/** Hands a conversation to a supervisor of its team inside the caller's transaction; null: back to the team's queue. */
export type SupervisorEscalation = (manager: EntityManager, conversation: ConversationEntity, reason: string) => Promise<{ supervisorId: string | null; events: DomainEvent[] }>;

export interface RecordedAnswer {
  rating: number;
  reopened: boolean;
  /** Already in the event log; publish after the commit. */
  events: DomainEvent[];
  /** The thank-you, queued; enqueue after the commit. */
  queuedMessageIds: string[];
}

/**
 * The satisfaction survey by SMS. PostgreSQL is the source of truth: a resolve is due a survey when the sweep finds
 * it so, whatever restarted meanwhile, and the unique (conversation, resolved_at) row written in the same transaction
 * as the survey message is what makes it go out once.
 */
@Injectable()
export class CsatSurveyService {
  private readonly logger = new Logger(CsatSurveyService.name);
  private escalation: SupervisorEscalation | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly consent: ConsentService,
    private readonly outbound: OutboundMessagesService,
    private readonly outboundQueue: OutboundQueue,
    private readonly eventLog: EventLog,
    private readonly activity: ConversationActivity,
  ) {}

  /**
   * Who gets a conversation a low score reopened is routing's choice (the team's supervisors, their presence and
   * loads). Registered by the routing module, which depends on the survey; the survey does not depend on routing.
   */
  useSupervisorEscalation(handler: SupervisorEscalation): void {
    this.escalation = handler;
  }

  /** Sends the surveys that are due; returns how many went out. Teams that are closed now are left for later. */
  async sendDue(now = new Date()): Promise<number> {
    const due = await this.dataSource.query<Array<{ id: string; resolved_at: Date; business_hours: BusinessHours | null }>>(DUE_SQL, [now]);
    let sent = 0;
    for (const candidate of due) {
      if (!isOpenAt(candidate.business_hours, now)) continue;
      try {
        if (await this.send(candidate.id, candidate.resolved_at, now)) sent += 1;
      } catch (error) {
        this.logger.warn({ err: error, conversationId: candidate.id }, 'could not send a satisfaction survey; the next sweep tries again');
      }
    }
    return sent;
  }

  private async send(conversationId: string, resolvedAt: Date, now: Date): Promise<boolean> {
    const queued = await this.dataSource.transaction(async (manager) => {
      const [conversation] = await manager.query<LockedCandidate[]>(
        `SELECT c.id, c.team_id, c.channel_id, c.contact_id, c.status, c.resolved_at, s.message, s.min_days_between, ch.price_per_segment,
                COALESCE(c.assignee_id, (SELECT m.author_id FROM message m WHERE m.conversation_id = c.id AND m.kind = 'agent' AND m.author_id IS NOT NULL ORDER BY m.sent_at DESC LIMIT 1)) AS agent_id,
                false AS surveyed_recently,
                EXISTS (SELECT 1 FROM contact_block b WHERE b.contact_id = c.contact_id AND b.team_id = c.team_id) AS blocked,
                EXISTS (SELECT 1 FROM contact ct WHERE ct.id = c.contact_id AND ct.erased_at IS NOT NULL) AS erased
         FROM conversation c JOIN csat_survey_settings s ON s.team_id = c.team_id JOIN channel ch ON ch.id = c.channel_id
         WHERE c.id = $1 FOR UPDATE OF c`,
        [conversationId],
      );
      // Reopened (or reopened and resolved again) since the sweep looked: that resolve is not this one.
      if (conversation?.status !== ConversationStatus.Resolved || conversation.resolved_at?.getTime() !== resolvedAt.getTime()) return null;
      // Blocked or erased since the sweep looked (an erasure locks the conversation too, so it is over by now).
      if (conversation.blocked || conversation.erased) return null;
      // One survey per customer per period across their conversations, even from two sweeps at once.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`csat:${conversation.contact_id}`]);
      const [recent] = await manager.query<Array<{ id: string }>>(
        `SELECT id FROM csat_response WHERE contact_id = $1 AND surveyed_at > $2::timestamptz - make_interval(days => $3) LIMIT 1`,
        [conversation.contact_id, now, conversation.min_days_between],
      );
      if (recent) return null;
      if (await this.consent.isOptedOut(manager, conversation.contact_id, conversation.channel_id)) return null;
      const [response] = await manager.query<Array<{ id: string }>>(
        `INSERT INTO csat_response (conversation_id, resolved_at, team_id, channel_id, contact_id, agent_id, surveyed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (conversation_id, resolved_at) DO NOTHING RETURNING id`,
        [conversation.id, conversation.resolved_at, conversation.team_id, conversation.channel_id, conversation.contact_id, conversation.agent_id, now],
      );
      if (!response) return null;
      const survey = await this.outbound.queue(manager, {
        conversationId: conversation.id,
        channelId: conversation.channel_id,
        teamId: conversation.team_id,
        body: conversation.message,
        kind: MessageKind.Survey,
        pricePerSegment: Number(conversation.price_per_segment),
        metadata: { csatResponseId: response.id },
      });
      await manager.query(`UPDATE csat_response SET survey_message_id = $2 WHERE id = $1`, [response.id, survey.message.id]);
      return survey;
    });
    if (!queued) return false;
    this.eventLog.publish(queued.events);
    await this.outboundQueue.enqueue([queued.message.id]);
    return true;
  }

  /**
   * Called by inbound processing, inside its transaction, for a customer message that is not a keyword and has no
   * active conversation to go to: if a survey to this customer on this channel awaits an answer, and the message reads
   * as a rating, it belongs to the surveyed conversation, which stays resolved. Returns null otherwise, and the
   * message is threaded as usual (reopening the conversation or starting a new one).
   */
  async findAnswerTarget(manager: EntityManager, channelId: string, contactId: string, text: string, at: Date): Promise<CapturedAnswer | null> {
    if (!parseRating(text)) return null;
    const [pending] = await manager.query<Array<{ id: string; conversation_id: string }>>(
      `SELECT r.id, r.conversation_id FROM csat_response r
       JOIN conversation c ON c.id = r.conversation_id AND c.status = 'resolved' AND c.resolved_at = r.resolved_at
       WHERE r.channel_id = $1 AND r.contact_id = $2 AND r.responded_at IS NULL AND r.survey_message_id IS NOT NULL
         AND r.surveyed_at > $3::timestamptz - make_interval(hours => ${SURVEY_ANSWER_WINDOW_HOURS})
       ORDER BY r.surveyed_at DESC LIMIT 1
       FOR UPDATE OF r`,
      [channelId, contactId, at],
    );
    return pending ? { conversationId: pending.conversation_id, responseId: pending.id } : null;
  }

  /**
   * Records the rating the customer's message carries (stored by the caller in the surveyed conversation), with the
   * thread's activity line and the optional thank-you; a low score reopens the conversation for a supervisor of the
   * team when the team asks for it.
   */
  async recordAnswer(manager: EntityManager, target: CapturedAnswer, answer: { messageId: string; text: string; at: Date }): Promise<RecordedAnswer> {
    const parsed = parseRating(answer.text);
    if (!parsed) throw new Error('recordAnswer needs a message that reads as a rating');
    // An UPDATE … RETURNING comes back from TypeORM's pg driver as [rows, affected].
    const [[survey]] = await manager.query<[PendingSurvey[], number]>(
      `UPDATE csat_response r SET rating = $2, comment = $3, responded_at = $4, response_message_id = $5
       FROM csat_survey_settings s, channel ch
       WHERE r.id = $1 AND s.team_id = r.team_id AND ch.id = r.channel_id
       RETURNING r.id, r.conversation_id, r.team_id, s.thank_you, s.reopen_on_low_score, s.low_score_threshold, ch.price_per_segment`,
      [target.responseId, parsed.rating, parsed.comment, answer.at, answer.messageId],
    );
    const reopen = survey.reopen_on_low_score && parsed.rating <= survey.low_score_threshold;
    const conversationId = survey.conversation_id;
    const events: DomainEvent[] = [];
    let supervisor: { supervisorId: string | null; supervisorName: string | null } | null = null;
    if (reopen) {
      // Reopened as the customer waiting for an answer, and handed to a supervisor: a low score needs a lead's eyes,
      // not the next agent's.
      const [[reopened]] = await manager.query<[Array<{ channel_id: string }>, number]>(
        `UPDATE conversation SET status = 'open', resolved_at = NULL, waiting_since = COALESCE(waiting_since, $2), unread_count = unread_count + 1, updated_at = now()
         WHERE id = $1 AND status = 'resolved' RETURNING channel_id`,
        [conversationId, answer.at],
      );
      if (reopened) {
        events.push(
          ...(await this.eventLog.append(manager, [
            { type: 'conversation.updated', teamId: survey.team_id, conversationId, payload: { conversationId, status: ConversationStatus.Open, previousStatus: ConversationStatus.Resolved, reason: 'low_csat_score' } },
          ])),
        );
        if (this.escalation) {
          const conversation = await manager.findOneByOrFail(ConversationEntity, { id: conversationId });
          const escalated = await this.escalation(manager, conversation, LOW_SCORE_ASSIGNMENT_REASON);
          events.push(...escalated.events);
          const [named] = await manager.query<Array<{ name: string }>>(`SELECT name FROM app_user WHERE id = $1`, [escalated.supervisorId]);
          supervisor = { supervisorId: escalated.supervisorId, supervisorName: named?.name ?? null };
        } else {
          this.logger.warn({ conversationId }, 'a low score reopened a conversation in a process without routing; it stays with whoever had it');
        }
      }
    }
    const followUps: NewDomainEvent[] = [
      await this.activity.record(manager, {
        conversationId,
        teamId: survey.team_id,
        type: ActivityType.CsatRated,
        actorKind: 'customer',
        data: { rating: parsed.rating, comment: parsed.comment, reopened: reopen, ...supervisor },
      }),
    ];
    events.push(...(await this.eventLog.append(manager, followUps)));
    const queuedMessageIds: string[] = [];
    const [channel] = await manager.query<Array<{ channel_id: string }>>(`SELECT channel_id FROM conversation WHERE id = $1`, [conversationId]);
    if (survey.thank_you) {
      const thanks = await this.outbound.queue(manager, {
        conversationId,
        channelId: channel.channel_id,
        teamId: survey.team_id,
        body: survey.thank_you,
        kind: MessageKind.Survey,
        pricePerSegment: Number(survey.price_per_segment),
        metadata: { csatResponseId: survey.id },
      });
      events.push(...thanks.events);
      queuedMessageIds.push(thanks.message.id);
    }
    return { rating: parsed.rating, reopened: reopen, events, queuedMessageIds };
  }
}
