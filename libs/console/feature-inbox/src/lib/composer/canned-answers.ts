import { MessageDirection, type CannedAnswerView, type MessageView } from '@backtalk/contracts';
import { translatorFor } from '@backtalk/console/i18n';
import { joinedNames } from '../thread/wording';
import { INBOX_NAMESPACE } from '../../i18n';

const t = translatorFor(INBOX_NAMESPACE);

// The composer's canned-answer logic, kept free of React: where the `/query` under the caret is, which answers it
// matches, and the text once an answer replaces it.

/** A `/shortcode` being typed: `start` is the slash, `end` the first character after the word. */
export interface SlashToken {
  start: number;
  end: number;
  /** What follows the slash, up to the caret. */
  query: string;
}

/** A span of the text that an inserted answer replaces (a `/query`, or the selection when the picker is used). */
export interface TextRange {
  start: number;
  end: number;
}

const SHORTCODE_CHARACTER = /[A-Za-z0-9_-]/;

/**
 * The `/query` the caret stands in or right after, when the slash starts a word (start of the text or after
 * whitespace) and only shortcode characters follow it; null otherwise ("and/or", a URL, text after a space).
 */
export function findSlashToken(text: string, caret: number): SlashToken | null {
  if (caret < 1 || caret > text.length) return null;
  let start = caret;
  while (start > 0 && SHORTCODE_CHARACTER.test(text[start - 1])) start--;
  if (start === 0 || text[start - 1] !== '/') return null;
  const slash = start - 1;
  if (slash > 0 && !/\s/.test(text[slash - 1])) return null;
  let end = caret;
  while (end < text.length && SHORTCODE_CHARACTER.test(text[end])) end++;
  return { start: slash, end, query: text.slice(start, caret) };
}

export interface FilterOptions {
  /** Also match the body (the picker's search); the inline popover matches shortcodes and titles only. */
  includeBody?: boolean;
  limit?: number;
}

/**
 * The answers matching `query`, best first: shortcode equal, shortcode starting with it, a title word starting with
 * it, shortcode or title containing it, then (when asked) the body containing it. Case-insensitive; ties keep the
 * API's order (by shortcode). An empty query matches everything.
 */
export function filterCannedAnswers(answers: readonly CannedAnswerView[], query: string, options: FilterOptions = {}): CannedAnswerView[] {
  const needle = query.trim().toLowerCase();
  const ranked: Array<{ answer: CannedAnswerView; rank: number; index: number }> = [];
  answers.forEach((answer, index) => {
    const rank = needle ? rankOf(answer, needle, !!options.includeBody) : 0;
    if (rank >= 0) ranked.push({ answer, rank, index });
  });
  ranked.sort((a, b) => a.rank - b.rank || a.index - b.index);
  const matches = ranked.map((entry) => entry.answer);
  return options.limit === undefined ? matches : matches.slice(0, options.limit);
}

function rankOf(answer: CannedAnswerView, needle: string, includeBody: boolean): number {
  const shortcode = answer.shortcode.toLowerCase();
  const title = answer.title.toLowerCase();
  if (shortcode === needle) return 0;
  if (shortcode.startsWith(needle)) return 1;
  if (title.split(/[^\p{L}\p{N}]+/u).some((word) => word.startsWith(needle))) return 2;
  if (shortcode.includes(needle) || title.includes(needle)) return 3;
  if (includeBody && (answer.variants ?? [{ body: answer.body }]).some((variant) => variant.body.toLowerCase().includes(needle))) return 4;
  return -1;
}

/**
 * `text` with `range` replaced by `insertion`, and where the caret goes: after the insertion, past a space added when
 * the next character would otherwise stick to it.
 */
export function replaceRange(text: string, range: TextRange, insertion: string): { text: string; caret: number } {
  const before = text.slice(0, range.start);
  const after = text.slice(range.end);
  const spacer = after && !/^\s/.test(after) && !/\s$/.test(insertion) ? ' ' : '';
  return { text: `${before}${insertion}${spacer}${after}`, caret: before.length + insertion.length + spacer.length };
}

/** The body on one line, cut to `max` characters with an ellipsis, for a row of the list. */
export function previewLine(body: string, max = 80): string {
  const line = body.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1).trimEnd()}…` : line;
}

/** The text the answer inserts in this conversation (its variables still unfilled): the chosen language's, else the default. */
export function chosenBody(answer: Pick<CannedAnswerView, 'body' | 'variants' | 'choice'>): string {
  const chosen = answer.choice?.chosenLanguage;
  return (chosen && answer.variants?.find((variant) => variant.language === chosen)?.body) || answer.body;
}

/** The warning under the composer when a variable had no value for this conversation. */
export function describeMissing(missing: readonly string[]): string {
  const names = missing.map((name) => `{{${name}}}`);
  return t('thread.composer.missing', { count: names.length, names: joinedNames(names) });
}

/** The index after `current` moving by `step`, wrapping at both ends; -1 for an empty list. */
export function moveHighlight(count: number, current: number, step: 1 | -1): number {
  if (count === 0) return -1;
  if (current < 0 || current >= count) return step === 1 ? 0 : count - 1;
  return (current + step + count) % count;
}

/** Whether the list holds this text already, ignoring case and spacing: an FAQ's examples, its keywords. */
export function containsText(list: readonly string[], text: string): boolean {
  const normalise = (value: string) => value.trim().replace(/\s+/g, ' ').toLocaleLowerCase();
  const needle = normalise(text);
  return list.some((item) => normalise(item) === needle);
}

const words = (text: string) => text.toLocaleLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

/** Most of an inserted answer survives this much editing before the reply counts as the agent's own. */
export const CANNED_KEPT_SHARE = 0.6;

/**
 * Whether a reply still is the canned answer the agent inserted: most of its words are there, whatever was fixed or
 * added around them. A reply that replaced the text entirely no longer teaches anything about that answer's FAQ.
 */
export function keepsCannedAnswer(rendered: string, sent: string): boolean {
  const expected = words(rendered);
  if (expected.length === 0) return false;
  const available = new Map<string, number>();
  for (const word of words(sent)) available.set(word, (available.get(word) ?? 0) + 1);
  let kept = 0;
  for (const word of expected) {
    const left = available.get(word) ?? 0;
    if (left > 0) {
      kept++;
      available.set(word, left - 1);
    }
  }
  return kept / expected.length >= CANNED_KEPT_SHARE;
}

/**
 * The customer's question a reply answers: the last of the customer's messages since anyone last replied (notes do
 * not count as replies). Null when the customer is not waiting for an answer.
 */
export function waitingCustomerText(messages: ReadonlyArray<Pick<MessageView, 'direction' | 'body'>>): string | null {
  for (let index = messages.length - 1; index >= 0; index--) {
    const message = messages[index];
    if (message.direction === MessageDirection.Internal) continue;
    if (message.direction === MessageDirection.Outbound) return null;
    const text = message.body.replace(/\s+/g, ' ').trim();
    if (text) return text;
  }
  return null;
}
