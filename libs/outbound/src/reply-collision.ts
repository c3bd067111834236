import { ErrorCode, MessageKind, MessageStatus, type ReplyCollisionDetails } from '@backtalk/contracts';
import { DomainError } from '@backtalk/platform';
import type { EntityManager } from 'typeorm';

interface ChangeRow {
  type: 'assignment.changed' | 'message.created';
  assignee_id: string | null;
  assignee_name: string | null;
  message_id: string | null;
  body: string | null;
  sent_at: Date | null;
  author_id: string | null;
  author_name: string | null;
}

/**
 * What colleagues did to a conversation after the agent's console had applied event `seenThrough`: took it (it is
 * assigned to someone else now, by a change the agent has not seen) or answered the customer. The caller holds the
 * conversation's row lock, and every reply and assignment takes that lock first, so a concurrent reply that won the
 * lock is committed, with its events, before this reads.
 */
export async function replyCollision(
  manager: EntityManager,
  conversation: { id: string; assigneeId: string | null },
  agentId: string,
  seenThrough: number,
): Promise<ReplyCollisionDetails | null> {
  const rows = await manager.query<ChangeRow[]>(
    `SELECT e.type, e.payload->>'assigneeId' AS assignee_id, assignee.name AS assignee_name,
            m.id AS message_id, m.body, m.sent_at, m.author_id, author.name AS author_name
       FROM domain_event e
       LEFT JOIN app_user assignee ON e.type = 'assignment.changed' AND assignee.id = (e.payload->>'assigneeId')::uuid
       LEFT JOIN message m ON e.type = 'message.created' AND e.payload->>'kind' = $3 AND m.id = (e.payload->>'messageId')::uuid AND m.status <> $4
       LEFT JOIN app_user author ON author.id = m.author_id
      WHERE e.conversation_id = $1 AND e.seq > $2 AND e.type IN ('assignment.changed', 'message.created')
      ORDER BY e.seq`,
    [conversation.id, seenThrough, MessageKind.Agent, MessageStatus.Cancelled],
  );
  // Only who holds it now matters: taken and given back (or given to this agent) is nothing to warn about.
  const taken = rows.find((row) => row.type === 'assignment.changed' && row.assignee_id !== null && row.assignee_id === conversation.assigneeId && row.assignee_id !== agentId);
  const answered = rows.filter((row) => row.message_id !== null && row.author_id !== null && row.author_id !== agentId);
  if (!taken && answered.length === 0) return null;
  const last = answered.at(-1);
  return {
    takenBy: taken ? { id: taken.assignee_id!, name: taken.assignee_name ?? 'A colleague' } : null,
    repliedBy: last ? { id: last.author_id!, name: last.author_name ?? 'A colleague' } : null,
    replies: answered.map((row) => ({ id: row.message_id!, body: row.body!, sentAt: row.sent_at!.toISOString(), authorName: row.author_name ?? 'A colleague' })),
  };
}

export function replyCollisionError(details: ReplyCollisionDetails): DomainError {
  const message = details.repliedBy
    ? `${details.repliedBy.name} answered this customer after you opened the conversation`
    : `${details.takenBy!.name} took this conversation after you opened it`;
  return new DomainError(ErrorCode.ReplyCollision, message, details);
}
