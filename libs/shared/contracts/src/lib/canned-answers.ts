/**
 * A standard answer agents insert with `/shortcode` or the picker. `body` may hold variables, filled for one
 * conversation by `GET /api/canned-answers/:id/render?conversationId=…`: {{contact.name}}, {{contact.first_name}},
 * {{agent.name}}, {{agent.first_name}}, {{channel.name}}, {{channel.help_text}}.
 */
export interface CannedAnswerView {
  id: string;
  title: string;
  body: string;
  /** Letters, digits, `-` and `_`; typed after `/` in the composer. Unique within its scope. */
  shortcode: string;
  language: string | null;
  tags: string[];
  /** null: every team may use it; otherwise only that team. */
  teamId: string | null;
  /** Customer questions this answer answers; with at least one, the canned answer is also an FAQ the matcher knows. */
  examples: string[];
  /** Words that on their own point at this FAQ. */
  keywords: string[];
  /** Whether automation rules may send it on their own (an FAQ match above the rule's threshold). */
  autoReply: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface CreateCannedAnswerRequest {
  title: string;
  body: string;
  shortcode: string;
  language?: string | null;
  tags?: string[];
  teamId?: string | null;
  examples?: string[];
  keywords?: string[];
  autoReply?: boolean;
}

/** Ten varied examples work far better than three; the editor says so below this many. */
export const RECOMMENDED_FAQ_EXAMPLES = 10;

export type UpdateCannedAnswerRequest = Partial<CreateCannedAnswerRequest>;

export interface RenderedCannedAnswer {
  body: string;
  /** Variables with no value for this conversation (e.g. a contact without a name): left out of `body`. */
  missing: string[];
}

export const CANNED_ANSWER_VARIABLES = ['contact.name', 'contact.first_name', 'agent.name', 'agent.first_name', 'channel.name', 'channel.help_text'] as const;
