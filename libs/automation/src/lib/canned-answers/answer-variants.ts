import type { CannedAnswerVariant, RoutingLanguage } from '@backtalk/contracts';
import { detectLanguage } from '@backtalk/routing';
import type { DataSource, EntityManager } from 'typeorm';
import type { CannedAnswerEntity } from './canned-answer.entity';
import { answerVariants } from './answer-language';

type Queryable = Pick<DataSource | EntityManager, 'query'>;

/** The non-default texts of these answers, by answer id. */
export async function otherVariantsOf(db: Queryable, answerIds: readonly string[]): Promise<Map<string, CannedAnswerVariant[]>> {
  const byAnswer = new Map<string, CannedAnswerVariant[]>();
  if (answerIds.length === 0) return byAnswer;
  const rows = await db.query<Array<{ answer_id: string; language: RoutingLanguage; body: string }>>(`SELECT answer_id, language, body FROM canned_answer_variant WHERE answer_id = ANY($1::uuid[])`, [answerIds]);
  for (const row of rows) byAnswer.set(row.answer_id, [...(byAnswer.get(row.answer_id) ?? []), { language: row.language, body: row.body }]);
  return byAnswer;
}

/** Every text of one answer, the default one included. */
export async function allVariantsOf(db: Queryable, answer: Pick<CannedAnswerEntity, 'id' | 'language' | 'body'>): Promise<CannedAnswerVariant[]> {
  return answerVariants(answer.language, answer.body, (await otherVariantsOf(db, [answer.id])).get(answer.id) ?? []);
}

/** How many of the customer's latest messages are read for their language; the newest recognisable one decides. */
const MESSAGES_READ_FOR_LANGUAGE = 5;

/**
 * What a conversation says about the customer's language: the contact's own setting, and the language of their
 * newest recognisable message (the conversation's stored language when none of the latest is recognisable), so a
 * customer who switches language is answered in the new one.
 */
export async function customerLanguageOf(db: Queryable, conversationId: string): Promise<{ contactLanguage: RoutingLanguage | null; conversationLanguage: RoutingLanguage | null }> {
  const [row] = await db.query<Array<{ contact_language: RoutingLanguage | null; conversation_language: RoutingLanguage | null; bodies: string[] }>>(
    `SELECT ct.language AS contact_language, c.language AS conversation_language,
            ARRAY(SELECT m.body FROM message m WHERE m.conversation_id = c.id AND m.direction = 'inbound' ORDER BY m.sent_at DESC, m.id DESC LIMIT ${MESSAGES_READ_FOR_LANGUAGE}) AS bodies
     FROM conversation c JOIN contact ct ON ct.id = c.contact_id WHERE c.id = $1`,
    [conversationId],
  );
  if (!row) return { contactLanguage: null, conversationLanguage: null };
  const detected = row.bodies.map((body) => detectLanguage(body)).find((language) => language !== null) ?? null;
  return { contactLanguage: row.contact_language, conversationLanguage: detected ?? row.conversation_language };
}
