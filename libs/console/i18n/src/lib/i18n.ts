import i18next from 'i18next';
import ICU from 'i18next-icu';
import { initReactI18next } from 'react-i18next';

export const CONSOLE_LANGUAGES = ['en', 'uk'] as const;
export type ConsoleLanguage = (typeof CONSOLE_LANGUAGES)[number];
export const DEFAULT_LANGUAGE: ConsoleLanguage = 'en';

export function isConsoleLanguage(value: unknown): value is ConsoleLanguage {
  return typeof value === 'string' && (CONSOLE_LANGUAGES as readonly string[]).includes(value);
}

/**
 * The shape a translation must have: every leaf of the English catalogue as a string. Typing `uk` with it makes a
 * missing or extra key a compile error, not something found on a Ukrainian screen.
 */
export type MessagesOf<Catalogue> = { -readonly [Key in keyof Catalogue]: Catalogue[Key] extends string ? string : MessagesOf<Catalogue[Key]> };

export interface Catalogue {
  readonly [key: string]: string | Catalogue;
}

/**
 * The console's one i18next instance. Its own rather than the global default, so nothing else on the page (or a test)
 * can change the console's language behind its back. ICU messages (through FormatJS's intl-messageformat) give every
 * language its CLDR plural categories: Ukrainian needs one/few/many/other, which i18next's own `_one`/`_other`
 * suffixes would have every translator spell out per key.
 */
export const i18n = i18next.createInstance();

void i18n
  .use(ICU)
  .use(initReactI18next)
  .init({
    lng: DEFAULT_LANGUAGE,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: [...CONSOLE_LANGUAGES],
    // Catalogues are bundled and registered before the first render, so nothing is ever loading.
    initAsync: false,
    resources: {},
    ns: [],
    defaultNS: false,
    // React escapes what it renders; escaping here too would show "&amp;" to people.
    interpolation: { escapeValue: false },
    react: { useSuspense: false },
    returnEmptyString: false,
  });

/** Adds a library's catalogue under its namespace; a later call for the same namespace replaces it (hot reload). */
export function registerMessages(namespace: string, messages: { en: Catalogue; uk: Catalogue }): string {
  for (const language of CONSOLE_LANGUAGES) i18n.addResourceBundle(language, namespace, messages[language], true, true);
  return namespace;
}

/** The console's language now; what every formatter and message uses, never the browser's own locale. */
export function currentLanguage(): ConsoleLanguage {
  const language = i18n.resolvedLanguage ?? i18n.language;
  return isConsoleLanguage(language) ? language : DEFAULT_LANGUAGE;
}

/**
 * A translate function for code outside React (stores, error describing): looks the message up when called, so it
 * follows a language switch made after it was created.
 */
export function translatorFor(namespace: string): (key: string, values?: Record<string, unknown>) => string {
  return (key, values) => i18n.t(key, { ...values, ns: namespace });
}
