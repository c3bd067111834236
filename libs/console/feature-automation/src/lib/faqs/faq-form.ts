import { CANNED_ANSWER_VARIABLES, RECOMMENDED_FAQ_EXAMPLES, type CannedAnswerView, type CreateCannedAnswerRequest, type UpdateCannedAnswerRequest } from '@backtalk/contracts';
import { containsText } from '@backtalk/console/feature-inbox';
import { translateAutomation as t } from '../../i18n';
import { attributeVariables, unknownVariables } from './answer-preview';

export interface FaqFormValues {
  title: string;
  shortcode: string;
  body: string;
  /** '' for any language. */
  language: string;
  /** '' for every team. */
  teamId: string;
  /** Comma-separated, as typed. */
  tags: string;
  examples: string[];
  keywords: string[];
  autoReply: boolean;
}

export type FaqFormField = keyof FaqFormValues;
export type FaqFormErrors = Partial<Record<FaqFormField, string>>;
export const FAQ_FORM_FIELDS: readonly FaqFormField[] = ['title', 'shortcode', 'body', 'language', 'teamId', 'tags', 'examples', 'keywords', 'autoReply'];

// The API's limits, checked here so people learn them before saving.
export const BODY_MAX_LENGTH = 1600;
export const EXAMPLE_MAX_LENGTH = 320;
export const KEYWORD_MAX_LENGTH = 60;
const SHORTCODE = /^[A-Za-z0-9_-]{1,40}$/;

export function emptyFaqForm(teamId = ''): FaqFormValues {
  return { title: '', shortcode: '', body: '', language: '', teamId, tags: '', examples: [], keywords: [], autoReply: false };
}

export function faqFormFrom(answer: CannedAnswerView): FaqFormValues {
  return {
    title: answer.title,
    shortcode: answer.shortcode,
    body: answer.body,
    language: answer.language ?? '',
    teamId: answer.teamId ?? '',
    tags: answer.tags.join(', '),
    examples: [...answer.examples],
    keywords: [...answer.keywords],
    autoReply: answer.autoReply,
  };
}

/** "Where is my order?" as a shortcode people can type: `where-is-my-order`, Latin letters only. */
export function suggestShortcode(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
}

const normalise = (text: string) => text.trim().replace(/\s+/g, ' ');

export interface AddedExamples {
  examples: string[];
  /** How many of the typed lines were new. */
  added: number;
  /** Lines already among the examples (ignoring case and spacing). */
  duplicates: string[];
}

/** Adds one example per line of `input` (people paste lists), skipping blanks and ones already there. */
export function addExamples(existing: readonly string[], input: string): AddedExamples {
  const examples = [...existing];
  const duplicates: string[] = [];
  let added = 0;
  for (const line of input.split(/\r?\n/)) {
    const text = normalise(line);
    if (!text) continue;
    if (containsText(examples, text)) duplicates.push(text);
    else {
      examples.push(text);
      added++;
    }
  }
  return { examples, added, duplicates };
}

/** Words that point at the FAQ on their own, typed separated by commas. */
export function addKeywords(existing: readonly string[], input: string): string[] {
  const keywords = [...existing];
  for (const part of input.split(',')) {
    const keyword = normalise(part);
    if (keyword && !containsText(keywords, keyword)) keywords.push(keyword);
  }
  return keywords;
}

/** What the editor says under the examples; null once there are enough. */
export function examplesAdvice(count: number): string | null {
  if (count >= RECOMMENDED_FAQ_EXAMPLES) return null;
  if (count === 0) return t('examples.adviceNone');
  return t('examples.adviceFew', { count, recommended: RECOMMENDED_FAQ_EXAMPLES });
}

/** `attributeKeys`: the contact attributes defined, whose `{{contact.<key>}}` the answer may use. */
export function validateFaqForm(values: FaqFormValues, attributeKeys: readonly string[] = []): FaqFormErrors {
  const errors: FaqFormErrors = {};
  if (!values.title.trim()) errors.title = t('faqForm.titleRequired');
  if (!values.shortcode.trim()) errors.shortcode = t('faqForm.shortcodeRequired');
  else if (!SHORTCODE.test(values.shortcode.trim())) errors.shortcode = t('faqForm.shortcodeInvalid');
  if (!values.body.trim()) errors.body = t('faqForm.bodyRequired');
  else if (values.body.length > BODY_MAX_LENGTH) errors.body = t('faqForm.bodyTooLong', { max: String(BODY_MAX_LENGTH) });
  else {
    const unknown = unknownVariables(values.body, attributeKeys);
    if (unknown.length > 0) {
      errors.body = t('faqForm.unknownVariables', {
        variables: unknown.map((name) => `{{${name}}}`).join(', '),
        count: unknown.length,
        known: [...CANNED_ANSWER_VARIABLES, ...attributeVariables(attributeKeys)].map((name) => `{{${name}}}`).join(', '),
      });
    }
  }
  if (values.examples.some((example) => example.length > EXAMPLE_MAX_LENGTH)) errors.examples = t('faqForm.exampleTooLong', { max: String(EXAMPLE_MAX_LENGTH) });
  if (values.autoReply && values.examples.length === 0) errors.autoReply = t('faqForm.autoReplyWithoutExamples');
  return errors;
}

const tagsOf = (text: string) => [...new Set(text.split(',').map(normalise).filter(Boolean))];

export function toCreateFaqRequest(values: FaqFormValues): CreateCannedAnswerRequest {
  return {
    title: values.title.trim(),
    shortcode: values.shortcode.trim(),
    body: values.body,
    language: values.language || null,
    teamId: values.teamId || null,
    tags: tagsOf(values.tags),
    examples: values.examples,
    keywords: values.keywords,
    autoReply: values.autoReply,
  };
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((item, index) => item === b[index]);

/** Only what changed: fixing a typo in the body must not overwrite examples a colleague added from the inbox meanwhile. */
export function toUpdateFaqRequest(original: CannedAnswerView, values: FaqFormValues): UpdateCannedAnswerRequest {
  const request = toCreateFaqRequest(values);
  const changes: UpdateCannedAnswerRequest = {};
  if (request.title !== original.title) changes.title = request.title;
  if (request.shortcode !== original.shortcode) changes.shortcode = request.shortcode;
  if (request.body !== original.body) changes.body = request.body;
  if ((request.language ?? null) !== original.language) changes.language = request.language;
  if ((request.teamId ?? null) !== original.teamId) changes.teamId = request.teamId;
  if (!sameList(request.tags ?? [], original.tags)) changes.tags = request.tags;
  if (!sameList(request.examples ?? [], original.examples)) changes.examples = request.examples;
  if (!sameList(request.keywords ?? [], original.keywords)) changes.keywords = request.keywords;
  if (request.autoReply !== original.autoReply) changes.autoReply = request.autoReply;
  return changes;
}
