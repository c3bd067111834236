import type { RoutingLanguage } from '@backtalk/contracts';

/**
 * Each language's name in itself: someone choosing "Українська" in an English console still recognises it, as
 * language pickers do everywhere. Not translated, so kept out of the catalogues.
 */
export const LANGUAGE_AUTONYMS: Readonly<Record<RoutingLanguage, string>> = { en: 'English', uk: 'Українська', ru: 'Русский' };

/** The short code on a badge: the language's ISO code, as customers' phones and the API write it. */
export const languageCode = (language: RoutingLanguage) => language.toUpperCase();
