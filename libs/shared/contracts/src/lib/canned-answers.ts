import type { RoutingLanguage } from './routing';

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
  /**
   * The answer's default language, the one `body` is written in and sent when the customer's language has no
   * variant. Always one of `ROUTING_LANGUAGES` (typed as before so older readers compile); same as `defaultLanguage`.
   */
  language: string | null;
  /** Always sent by this server; optional only so fixtures written before variants still type-check. */
  defaultLanguage?: RoutingLanguage;
  /** Every text of the answer, one per language, the default one included (its body is `body`), in `ROUTING_LANGUAGES` order. */
  variants?: CannedAnswerVariant[];
  /** The languages `variants` has, in the same order (always sent, like `variants`). */
  languages?: RoutingLanguage[];
  /**
   * Only when listed for a conversation (`GET /api/canned-answers?conversationId=`): the variant that fits it, as
   * `GET /api/canned-answers/:id/render` would insert it.
   */
  choice?: AnswerLanguageChoice;
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
  /** Older name of `defaultLanguage`; null means the workspace default (English). */
  language?: string | null;
  /** The language `body` is written in; English when neither this nor `language` is given. */
  defaultLanguage?: RoutingLanguage;
  /**
   * The answer's texts by language, each language at most once. `body`, when given, is the default language's text
   * (a variant in that language is then ignored; without `body` on update it sets the default text). On update the
   * list replaces every other language's text: one not listed is deleted; absent, the texts stay as they are.
   */
  variants?: CannedAnswerVariant[];
  tags?: string[];
  teamId?: string | null;
  examples?: string[];
  keywords?: string[];
  autoReply?: boolean;
}

/** Ten varied examples work far better than three; the editor says so below this many. */
export const RECOMMENDED_FAQ_EXAMPLES = 10;

export type UpdateCannedAnswerRequest = Partial<CreateCannedAnswerRequest>;

export interface CannedAnswerVariant {
  language: RoutingLanguage;
  body: string;
}

/** Which language an answer is used in for a conversation, and why. */
export interface AnswerLanguageChoice {
  /** The language of the text used. */
  chosenLanguage: RoutingLanguage;
  /** The language the customer wants: the contact's own (set on the contact) or detected; null when unknown. */
  wantedLanguage: RoutingLanguage | null;
  /** Where `wantedLanguage` came from. */
  wantedFrom: 'contact' | 'conversation' | null;
  /** True when the customer's language was known but the answer has no text in it, so the default was used. */
  fallback: boolean;
}

export interface RenderedCannedAnswer {
  body: string;
  /** The variant rendered and why (absent only from older servers). */
  choice?: AnswerLanguageChoice;
  /** Variables with no value for this conversation (e.g. a contact without a name): left out of `body`. */
  missing: string[];
}

export const CANNED_ANSWER_VARIABLES = ['contact.name', 'contact.first_name', 'agent.name', 'agent.first_name', 'channel.name', 'channel.help_text'] as const;
