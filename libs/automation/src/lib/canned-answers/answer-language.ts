import { type AnswerLanguageChoice, type CannedAnswerVariant, ROUTING_LANGUAGES, type RoutingLanguage } from '@backtalk/contracts';

export interface AnswerLanguageInput {
  /** The answer's texts by language, its default-language one included. */
  variants: readonly CannedAnswerVariant[];
  defaultLanguage: RoutingLanguage;
  /** Set on the contact by an agent: it wins over anything detected. */
  contactLanguage: RoutingLanguage | null;
  /** Detected from the customer's messages; null when they said nothing recognisable. */
  conversationLanguage: RoutingLanguage | null;
}

export type ChosenVariant = AnswerLanguageChoice & { body: string };

/**
 * The one place that decides which text of an answer a customer gets: theirs when the answer has it, otherwise the
 * answer's default, marked as a fallback only when their language was known (an "ok" in no language is no reason to
 * tell agents anything).
 */
export function chooseAnswerVariant(input: AnswerLanguageInput): ChosenVariant {
  const wantedFrom = input.contactLanguage ? 'contact' : input.conversationLanguage ? 'conversation' : null;
  const wantedLanguage = input.contactLanguage ?? input.conversationLanguage;
  const wanted = wantedLanguage ? input.variants.find((variant) => variant.language === wantedLanguage) : undefined;
  if (wanted) return { chosenLanguage: wanted.language, wantedLanguage, wantedFrom, fallback: false, body: wanted.body };
  const fallback = input.variants.find((variant) => variant.language === input.defaultLanguage) ?? input.variants[0];
  return { chosenLanguage: fallback.language, wantedLanguage, wantedFrom, fallback: wantedLanguage !== null && wantedLanguage !== fallback.language, body: fallback.body };
}

/** An answer's texts as the API shows them: the default one (its body) with the others, in the supported languages' order. */
export function answerVariants(defaultLanguage: RoutingLanguage, body: string, others: readonly CannedAnswerVariant[]): CannedAnswerVariant[] {
  const all = [{ language: defaultLanguage, body }, ...others.filter((variant) => variant.language !== defaultLanguage)];
  return ROUTING_LANGUAGES.flatMap((language) => all.filter((variant) => variant.language === language));
}

const LANGUAGE_NAMES: Record<RoutingLanguage, string> = { en: 'English', uk: 'Ukrainian', ru: 'Russian' };

/** The thread line's sentence for agents, e.g. "answered in English: no Russian version". */
export function fallbackSentence(choice: Pick<AnswerLanguageChoice, 'chosenLanguage' | 'wantedLanguage'>): string {
  return `answered in ${LANGUAGE_NAMES[choice.chosenLanguage]}: no ${choice.wantedLanguage ? LANGUAGE_NAMES[choice.wantedLanguage] : 'other'} version`;
}
