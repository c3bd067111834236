import {
  CANNED_ANSWER_VARIABLES,
  RECOMMENDED_FAQ_EXAMPLES,
  ROUTING_LANGUAGES,
  type CannedAnswerVariant,
  type CannedAnswerView,
  type CreateCannedAnswerRequest,
  type RoutingLanguage,
  type UpdateCannedAnswerRequest,
} from '@backtalk/contracts';
import { containsText } from '@backtalk/console/feature-inbox';
import { translateAutomation as t } from '../../i18n';
import { attributeVariables, unknownVariables } from './answer-preview';

export interface FaqFormValues {
  title: string;
  shortcode: string;
  /** The default language's text. */
  body: string;
  /** The language `body` is written in, sent when the customer's language has no text. */
  defaultLanguage: RoutingLanguage;
  /** The other languages' texts; a language listed with '' was added and still needs its text. */
  variants: Partial<Record<RoutingLanguage, string>>;
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
export const FAQ_FORM_FIELDS: readonly FaqFormField[] = ['title', 'shortcode', 'body', 'defaultLanguage', 'variants', 'teamId', 'tags', 'examples', 'keywords', 'autoReply'];

// The API's limits, checked here so people learn them before saving.
export const BODY_MAX_LENGTH = 1600;
export const EXAMPLE_MAX_LENGTH = 320;
export const KEYWORD_MAX_LENGTH = 60;
const SHORTCODE = /^[A-Za-z0-9_-]{1,40}$/;

export function emptyFaqForm(teamId = ''): FaqFormValues {
  return { title: '', shortcode: '', body: '', defaultLanguage: 'en', variants: {}, teamId, tags: '', examples: [], keywords: [], autoReply: false };
}

const isRoutingLanguage = (value: string | null | undefined): value is RoutingLanguage => ROUTING_LANGUAGES.includes(value as RoutingLanguage);

/** The answer's default language; answers saved before variants existed said null for English. */
export function defaultLanguageOf(answer: Pick<CannedAnswerView, 'defaultLanguage' | 'language'>): RoutingLanguage {
  return answer.defaultLanguage ?? (isRoutingLanguage(answer.language) ? answer.language : 'en');
}

function otherVariantsOf(answer: CannedAnswerView): Partial<Record<RoutingLanguage, string>> {
  const defaultLanguage = defaultLanguageOf(answer);
  const variants: Partial<Record<RoutingLanguage, string>> = {};
  for (const variant of answer.variants ?? []) if (variant.language !== defaultLanguage) variants[variant.language] = variant.body;
  return variants;
}

export function faqFormFrom(answer: CannedAnswerView): FaqFormValues {
  return {
    title: answer.title,
    shortcode: answer.shortcode,
    body: answer.body,
    defaultLanguage: defaultLanguageOf(answer),
    variants: otherVariantsOf(answer),
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

/** The languages the form has a text for (or was given one to write), default first, then in the API's order. */
export function formLanguages(values: Pick<FaqFormValues, 'defaultLanguage' | 'variants'>): RoutingLanguage[] {
  return [values.defaultLanguage, ...ROUTING_LANGUAGES.filter((language) => language !== values.defaultLanguage && values.variants[language] !== undefined)];
}

/** The text written in `language`; '' for one not added. */
export function textIn(values: Pick<FaqFormValues, 'body' | 'defaultLanguage' | 'variants'>, language: RoutingLanguage): string {
  return language === values.defaultLanguage ? values.body : (values.variants[language] ?? '');
}

/** `values` with `language`'s text replaced (the default one is `body`). */
export function withText(values: FaqFormValues, language: RoutingLanguage, text: string): FaqFormValues {
  return language === values.defaultLanguage ? { ...values, body: text } : { ...values, variants: { ...values.variants, [language]: text } };
}

/** Adds an empty text for `language` to write; the default language always has one. */
export function addLanguage(values: FaqFormValues, language: RoutingLanguage): FaqFormValues {
  if (language === values.defaultLanguage || values.variants[language] !== undefined) return values;
  return { ...values, variants: { ...values.variants, [language]: '' } };
}

/** Drops a language's text; the default language's cannot be removed (make another one the default first). */
export function removeLanguage(values: FaqFormValues, language: RoutingLanguage): FaqFormValues {
  if (language === values.defaultLanguage) return values;
  const variants = { ...values.variants };
  delete variants[language];
  return { ...values, variants };
}

/**
 * Makes another language the default. One with a text of its own swaps places with the old default; one without says
 * the default text was written in it (someone typed a Ukrainian answer in a new answer, which starts as English).
 */
export function changeDefaultLanguage(values: FaqFormValues, language: RoutingLanguage): FaqFormValues {
  if (language === values.defaultLanguage) return values;
  if (values.variants[language] === undefined) return { ...values, defaultLanguage: language };
  const variants: Partial<Record<RoutingLanguage, string>> = { ...values.variants, [values.defaultLanguage]: values.body };
  const body = variants[language] ?? '';
  delete variants[language];
  return { ...values, defaultLanguage: language, body, variants };
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

/** What is wrong with one language's text, or null: the same rules for every variant. */
function textError(text: string, attributeKeys: readonly string[]): string | null {
  if (!text.trim()) return t('faqForm.bodyRequired');
  if (text.length > BODY_MAX_LENGTH) return t('faqForm.bodyTooLong', { max: String(BODY_MAX_LENGTH) });
  const unknown = unknownVariables(text, attributeKeys);
  if (unknown.length === 0) return null;
  return t('faqForm.unknownVariables', {
    variables: unknown.map((name) => `{{${name}}}`).join(', '),
    count: unknown.length,
    known: [...CANNED_ANSWER_VARIABLES, ...attributeVariables(attributeKeys)].map((name) => `{{${name}}}`).join(', '),
  });
}

/** Each language's problem, shown under its own text; the default language's is also the form's `body` error. */
export function variantErrors(values: FaqFormValues, attributeKeys: readonly string[] = []): Partial<Record<RoutingLanguage, string>> {
  const errors: Partial<Record<RoutingLanguage, string>> = {};
  for (const language of formLanguages(values)) {
    const error = textError(textIn(values, language), attributeKeys);
    if (error) errors[language] = error;
  }
  return errors;
}

/** `attributeKeys`: the contact attributes defined, whose `{{contact.<key>}}` the answer may use. */
export function validateFaqForm(values: FaqFormValues, attributeKeys: readonly string[] = []): FaqFormErrors {
  const errors: FaqFormErrors = {};
  if (!values.title.trim()) errors.title = t('faqForm.titleRequired');
  if (!values.shortcode.trim()) errors.shortcode = t('faqForm.shortcodeRequired');
  else if (!SHORTCODE.test(values.shortcode.trim())) errors.shortcode = t('faqForm.shortcodeInvalid');
  const byLanguage = variantErrors(values, attributeKeys);
  if (byLanguage[values.defaultLanguage]) errors.body = byLanguage[values.defaultLanguage];
  const otherLanguages = formLanguages(values).filter((language) => language !== values.defaultLanguage && byLanguage[language]);
  if (otherLanguages.length > 0) errors.variants = t('faqForm.variantsInvalid', { count: otherLanguages.length });
  if (values.examples.some((example) => example.length > EXAMPLE_MAX_LENGTH)) errors.examples = t('faqForm.exampleTooLong', { max: String(EXAMPLE_MAX_LENGTH) });
  if (values.autoReply && values.examples.length === 0) errors.autoReply = t('faqForm.autoReplyWithoutExamples');
  return errors;
}

function otherVariantsList(values: FaqFormValues): CannedAnswerVariant[] {
  return formLanguages(values)
    .filter((language) => language !== values.defaultLanguage)
    .map((language) => ({ language, body: values.variants[language] ?? '' }));
}

const sameVariants = (a: readonly CannedAnswerVariant[], b: readonly CannedAnswerVariant[]) =>
  a.length === b.length && a.every((variant) => b.some((other) => other.language === variant.language && other.body === variant.body));

const tagsOf = (text: string) => [...new Set(text.split(',').map(normalise).filter(Boolean))];

export function toCreateFaqRequest(values: FaqFormValues): CreateCannedAnswerRequest {
  return {
    title: values.title.trim(),
    shortcode: values.shortcode.trim(),
    body: values.body,
    defaultLanguage: values.defaultLanguage,
    variants: otherVariantsList(values),
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
  const originalVariants = otherVariantsList(faqFormFrom(original));
  const languagesChanged = request.defaultLanguage !== defaultLanguageOf(original) || !sameVariants(request.variants ?? [], originalVariants);
  // The API reads a new default language together with its text and the rest, so a language change sends all three.
  if (languagesChanged) {
    changes.defaultLanguage = request.defaultLanguage;
    changes.body = request.body;
    changes.variants = request.variants;
  } else if (request.body !== original.body) changes.body = request.body;
  if ((request.teamId ?? null) !== original.teamId) changes.teamId = request.teamId;
  if (!sameList(request.tags ?? [], original.tags)) changes.tags = request.tags;
  if (!sameList(request.examples ?? [], original.examples)) changes.examples = request.examples;
  if (!sameList(request.keywords ?? [], original.keywords)) changes.keywords = request.keywords;
  if (request.autoReply !== original.autoReply) changes.autoReply = request.autoReply;
  return changes;
}
