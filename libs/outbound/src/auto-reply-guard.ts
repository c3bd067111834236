import type { AutomationHold } from '@backtalk/contracts';
import { ConversationTyping } from '@backtalk/conversations';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/**
 * Why an automatic reply must not go out: a person is handling the conversation, or the customer has this text. A
 * name is null when that person's account is gone; the console words it.
 */
export type AutoReplyHold = Extract<AutomationHold, { kind: 'assigned' | 'took' | 'replied' | 'note' | 'typing' | 'same_text' }>;

/** What the conversation shows of people since the customer wrote, as the guard reads it. */
export interface TakeoverFacts {
  /** The person the conversation is assigned to now, if any. */
  assigneeName: string | null;
  /** The first agent reply or note since the customer wrote (the author's name null when the account is gone). */
  humanMessage: { kind: 'agent' | 'note'; name: string | null } | null;
  /** Who a person assigned the conversation to (themselves or someone) since the customer wrote. */
  takenBy: { name: string | null } | null;
  typists: readonly string[];
  /** The same text already went to this customer within the auto-reply window. */
  sameTextSent: boolean;
}

export function sameText(a: string, b: string): boolean {
  const normalize = (text: string) => text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
  return normalize(a) === normalize(b);
}

/**
 * The first reason, if any, a person stands in the way of an automatic reply. A current assignment counts only for
 * rules that leave assigned conversations alone; a person taking the conversation after the customer wrote always
 * does. An assignment made by routing alone (round robin) is nobody's decision yet and does not count as taking it.
 */
export function autoReplyHold(facts: TakeoverFacts, options: { answerAssigned: boolean; windowMinutes: number }): AutoReplyHold | null {
  if (facts.humanMessage) return { kind: facts.humanMessage.kind === 'note' ? 'note' : 'replied', name: facts.humanMessage.name };
  if (facts.takenBy) return { kind: 'took', name: facts.takenBy.name };
  if (!options.answerAssigned && facts.assigneeName) return { kind: 'assigned', name: facts.assigneeName };
  if (facts.typists.length > 0) return { kind: 'typing', name: facts.typists.join(', ') };
  if (facts.sameTextSent) return { kind: 'same_text', windowMinutes: options.windowMinutes };
  return null;
}

/** Statuses of an outbound message that has gone, or is going, to the customer. */
const GOING_OR_GONE = ['queued', 'sending', 'sent', 'delivered', 'unknown'];

/**
 * Reads what `autoReplyHold` decides on, inside the caller's transaction: once when a rule fires and again just
 * before the worker hands the reply to the provider.
 */
@Injectable()
export class AutoReplyGuard {
  constructor(private readonly typing: ConversationTyping) {}

  /**
   * `since`: the customer's message the reply answers (or, without one, the given time); with `sinceWaiting`, agent
   * replies and notes since the start of the conversation's current wait count too, when it began earlier. `body` is checked against what the customer
   * already got, except the message `excludeMessageId` (the reply itself).
   */
  async hold(
    manager: EntityManager,
    conversationId: string,
    options: { sinceMessageId: string | null; sinceTime: Date; sinceWaiting: boolean; body: string | null; excludeMessageId?: string; answerAssigned: boolean; windowMinutes: number },
  ): Promise<AutoReplyHold | null> {
    const [row] = await manager.query<Array<{ assignee_name: string | null; human: { kind: 'agent' | 'note'; name: string | null } | null; taken_by: { name: string | null } | null; bodies: string[] | null }>>(
      `WITH c AS (SELECT id, contact_id, assignee_id, waiting_since FROM conversation WHERE id = $1),
            wrote AS (SELECT COALESCE((SELECT created_at FROM message WHERE id = $2::uuid), $3::timestamptz) AS at),
            since AS (SELECT LEAST((SELECT at FROM wrote), CASE WHEN $4::boolean THEN COALESCE((SELECT waiting_since FROM c), 'infinity') ELSE 'infinity' END) AS at)
       SELECT (SELECT u.name FROM c JOIN app_user u ON u.id = c.assignee_id) AS assignee_name,
              (SELECT json_build_object('kind', m.kind, 'name', u.name) FROM message m LEFT JOIN app_user u ON u.id = m.author_id
                WHERE m.conversation_id = $1 AND m.kind IN ('agent', 'note') AND m.created_at >= (SELECT at FROM since) AND m.id IS DISTINCT FROM $5::uuid
                ORDER BY m.created_at LIMIT 1) AS human,
              (SELECT json_build_object('name', assignee.name) FROM conversation_assignment a LEFT JOIN app_user assignee ON assignee.id = a.assignee_id
                WHERE a.conversation_id = $1 AND a.actor_id IS NOT NULL AND a.assignee_id IS NOT NULL AND a.created_at >= (SELECT at FROM wrote)
                ORDER BY a.id LIMIT 1) AS taken_by,
              CASE WHEN $6::text IS NULL THEN NULL ELSE (
                SELECT array_agg(m.body) FROM message m JOIN conversation other ON other.id = m.conversation_id
                WHERE other.contact_id = (SELECT contact_id FROM c) AND m.direction = 'outbound' AND m.status::text = ANY($7::text[])
                  AND m.created_at > now() - make_interval(mins => $8) AND m.id IS DISTINCT FROM $5::uuid
              ) END AS bodies`,
      [conversationId, options.sinceMessageId, options.sinceTime, options.sinceWaiting, options.excludeMessageId ?? null, options.body, GOING_OR_GONE, options.windowMinutes],
    );
    const body = options.body;
    const facts: TakeoverFacts = {
      assigneeName: row?.assignee_name ?? null,
      humanMessage: row?.human ?? null,
      takenBy: row?.taken_by ?? null,
      typists: (await this.typing.typists(conversationId)).map((typist) => typist.userName),
      sameTextSent: body !== null && (row?.bodies ?? []).some((sent) => sameText(sent, body)),
    };
    return autoReplyHold(facts, options);
  }
}
