import { type BusinessHours, ErrorCode } from '@backtalk/contracts';
import { DomainError } from '@backtalk/platform';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type QueryRunner } from 'typeorm';
import { businessSeconds, calendarSeconds, type Elapsed } from '../metrics/timeline';
import { type ConversationFacts, conversationFacts, type ConversationTimeline } from './conversation-facts';

/** Conversations measured per refresh transaction: a few thousand timelines read and written in well under a second. */
export const CONVERSATIONS_PER_REFRESH = 2000;

/**
 * How many marked conversations a report measures itself before answering. Normally a handful are marked (those that
 * changed since the worker's last refresh); more means a backlog (an upgrade, a team's new schedule) the worker is
 * draining, and a report then answers 503 for a moment rather than wait minutes or show numbers it knows are behind.
 */
export const MARKED_CONVERSATIONS_A_REPORT_MEASURES = 10_000;

const LOCK = `hashtext('report_refresh_facts')`;

/** Keeps report_conversation_fact, report_wait and report_auto_reply equal to the timelines (see the ReportFacts migration). */
@Injectable()
export class ReportFactsService {
  private readonly businessElapsed = new Map<string, Elapsed>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Measures up to `maxConversations` marked conversations in one transaction; returns how many. Refreshers queue on
   * one lock, so a report never reads while another process holds marks it has not written back yet.
   */
  async refresh(maxConversations = CONVERSATIONS_PER_REFRESH): Promise<number> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction('READ COMMITTED');
      await runner.query(`SELECT pg_advisory_xact_lock(${LOCK})`);
      // The conversations of the oldest marks, with every committed mark they have (one measure covers them all). A
      // SELECT around the DELETE, so the driver hands back the rows rather than a DELETE's [rows, count] pair.
      const taken = (await runner.query(
        `WITH picked AS (SELECT DISTINCT oldest.conversation_id FROM (SELECT conversation_id FROM report_fact_mark ORDER BY id LIMIT $1) oldest),
              taken AS (DELETE FROM report_fact_mark m USING picked p WHERE m.conversation_id = p.conversation_id RETURNING m.conversation_id)
         SELECT DISTINCT conversation_id FROM taken`,
        [maxConversations],
      )) as Array<{ conversation_id: string }>;
      const ids = taken.map((row) => row.conversation_id);
      if (ids.length > 0) await this.measure(runner, ids);
      await runner.commitTransaction();
      return ids.length;
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      throw error;
    } finally {
      await runner.release();
    }
  }

  /** What a report calls before reading facts: measures what is marked, or answers 503 while a backlog drains. */
  async ensureFresh(): Promise<void> {
    const [{ marked }] = await this.dataSource.query<Array<{ marked: number }>>(`SELECT count(*)::int AS marked FROM (SELECT 1 FROM report_fact_mark LIMIT $1) m`, [MARKED_CONVERSATIONS_A_REPORT_MEASURES + 1]);
    if (marked === 0) return;
    if (marked > MARKED_CONVERSATIONS_A_REPORT_MEASURES) {
      throw new DomainError(ErrorCode.DependencyUnavailable, 'Reports are catching up with a large change (an upgrade or a new team schedule); try again in a minute', undefined, 30);
    }
    while ((await this.refresh()) > 0);
  }

  /**
   * Business time per schedule, kept between refreshes: it remembers the open stretches it has worked out, and a
   * backlog's batches keep asking about the same weeks. Keyed by the schedule itself, so a changed schedule is new.
   */
  private elapsedFor(hours: BusinessHours | null): Elapsed {
    if (!hours) return calendarSeconds;
    const key = JSON.stringify(hours);
    let elapsed = this.businessElapsed.get(key);
    if (!elapsed) {
      if (this.businessElapsed.size >= 200) this.businessElapsed.clear();
      this.businessElapsed.set(key, (elapsed = businessSeconds(hours)));
    }
    return elapsed;
  }

  /** Statements after the one that took the marks, so their snapshots include every change those marks stand for. */
  private async measure(runner: QueryRunner, ids: string[]): Promise<void> {
    // One connection, so one statement after another.
    const conversations = (await runner.query(
        `SELECT c.id, c.team_id, c.channel_id, c.assignee_id, c.created_at, t.business_hours FROM conversation c JOIN team t ON t.id = c.team_id WHERE c.id = ANY($1::uuid[])`,
        [ids],
      )) as ConversationRow[];
    const messages = (await runner.query(
        `SELECT m.conversation_id, m.id, m.sent_at, m.direction, m.kind, m.author_id, m.metadata ->> 'faqId' AS faq_id
           FROM message m
          WHERE m.conversation_id = ANY($1::uuid[]) AND m.direction <> 'internal' AND m.status NOT IN ('scheduled', 'cancelled')
          ORDER BY m.conversation_id, m.sent_at, m.created_at`,
        [ids],
      )) as MessageRow[];
    const changes = (await runner.query(
        `SELECT a.conversation_id, a.occurred_at, a.type, CASE WHEN a.actor_kind = 'user' THEN a.actor_id END AS by
           FROM conversation_activity a
          WHERE a.conversation_id = ANY($1::uuid[]) AND a.type IN ('resolved', 'reopened')
          ORDER BY a.conversation_id, a.occurred_at, a.id`,
        [ids],
      )) as StatusChangeRow[];
    const breaches = (await runner.query(`SELECT conversation_id, kind FROM sla_breach WHERE conversation_id = ANY($1::uuid[])`, [ids])) as BreachRow[];
    const timelines = new Map<string, ConversationTimeline>();
    const elapsedByTeam = new Map<string, Elapsed>();
    for (const row of conversations) {
      timelines.set(row.id, { conversationId: row.id, teamId: row.team_id, channelId: row.channel_id, assigneeId: row.assignee_id, createdAt: new Date(row.created_at), messages: [], statusChanges: [], breaches: [] });
      if (!elapsedByTeam.has(row.team_id)) elapsedByTeam.set(row.team_id, this.elapsedFor(row.business_hours));
    }
    for (const row of messages)
      timelines.get(row.conversation_id)?.messages.push({ id: row.id, at: new Date(row.sent_at), direction: row.direction, kind: row.kind, authorId: row.author_id, faqId: row.faq_id });
    for (const row of changes) timelines.get(row.conversation_id)?.statusChanges.push({ at: new Date(row.occurred_at), type: row.type, by: row.by });
    for (const row of breaches) timelines.get(row.conversation_id)?.breaches.push(row.kind);
    const facts = [...timelines.values()].map((timeline) => conversationFacts(timeline, elapsedByTeam.get(timeline.teamId)));

    // A conversation deleted since it was marked has no timeline: its facts went with it (ON DELETE CASCADE).
    await runner.query(`DELETE FROM report_wait WHERE conversation_id = ANY($1::uuid[])`, [ids]);
    await runner.query(`DELETE FROM report_auto_reply WHERE conversation_id = ANY($1::uuid[])`, [ids]);
    await runner.query(`DELETE FROM report_conversation_fact WHERE conversation_id = ANY($1::uuid[])`, [ids]);
    await this.insert(runner, facts);
  }

  private async insert(runner: QueryRunner, facts: ConversationFacts[]): Promise<void> {
    if (facts.length === 0) return;
    const rows = facts.map((fact) => fact.conversation);
    await runner.query(
      `INSERT INTO report_conversation_fact (conversation_id, created_at, team_id, channel_id, assignee_id, first_customer_at, first_reply_at, first_reply_author_id, first_reply_by_agent,
                                             first_response_seconds, first_response_business_seconds, auto_replied, agent_replied, first_breached, next_breached, wrote_again_after_reply)
       SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::uuid[], $4::uuid[], $5::uuid[], $6::timestamptz[], $7::timestamptz[], $8::uuid[], $9::boolean[],
                            $10::float8[], $11::float8[], $12::boolean[], $13::boolean[], $14::boolean[], $15::boolean[], $16::boolean[])`,
      [
        rows.map((row) => row.conversationId),
        rows.map((row) => row.createdAt),
        rows.map((row) => row.teamId),
        rows.map((row) => row.channelId),
        rows.map((row) => row.assigneeId),
        rows.map((row) => row.firstCustomerAt),
        rows.map((row) => row.firstReplyAt),
        rows.map((row) => row.firstReplyAuthorId),
        rows.map((row) => row.firstReplyByAgent),
        rows.map((row) => row.firstResponseSeconds),
        rows.map((row) => row.firstResponseBusinessSeconds),
        rows.map((row) => row.autoReplied),
        rows.map((row) => row.agentReplied),
        rows.map((row) => row.firstBreached),
        rows.map((row) => row.nextBreached),
        rows.map((row) => row.wroteAgainAfterReply),
      ],
    );
    const waits = facts.flatMap((fact) => fact.waits);
    if (waits.length > 0) {
      await runner.query(
        `INSERT INTO report_wait (conversation_id, kind, started_at, seconds, business_seconds, responder_id, team_id, channel_id, assignee_id)
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::float8[], $5::float8[], $6::uuid[], $7::uuid[], $8::uuid[], $9::uuid[])`,
        [
          waits.map((row) => row.conversationId),
          waits.map((row) => row.kind),
          waits.map((row) => row.startedAt),
          waits.map((row) => row.seconds),
          waits.map((row) => row.businessSeconds),
          waits.map((row) => row.responderId),
          waits.map((row) => row.teamId),
          waits.map((row) => row.channelId),
          waits.map((row) => row.assigneeId),
        ],
      );
    }
    const replies = facts.flatMap((fact) => fact.autoReplies);
    if (replies.length > 0) {
      await runner.query(
        `INSERT INTO report_auto_reply (message_id, conversation_id, sent_at, faq_id, wrote_again, team_id, channel_id, assignee_id)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::timestamptz[], $4::uuid[], $5::boolean[], $6::uuid[], $7::uuid[], $8::uuid[])`,
        [
          replies.map((row) => row.messageId),
          replies.map((row) => row.conversationId),
          replies.map((row) => row.sentAt),
          replies.map((row) => row.faqId),
          replies.map((row) => row.wroteAgain),
          replies.map((row) => row.teamId),
          replies.map((row) => row.channelId),
          replies.map((row) => row.assigneeId),
        ],
      );
    }
  }
}

interface ConversationRow {
  id: string;
  team_id: string;
  channel_id: string;
  assignee_id: string | null;
  created_at: Date;
  business_hours: BusinessHours | null;
}

interface MessageRow {
  conversation_id: string;
  id: string;
  sent_at: Date;
  direction: 'inbound' | 'outbound';
  kind: string;
  author_id: string | null;
  faq_id: string | null;
}

interface StatusChangeRow {
  conversation_id: string;
  occurred_at: Date;
  type: 'resolved' | 'reopened';
  by: string | null;
}

interface BreachRow {
  conversation_id: string;
  kind: 'first_response' | 'next_response';
}
