import { useSyncExternalStore } from 'react';
import { type ConsoleLanguage, currentLanguage, DEFAULT_LANGUAGE, i18n, isConsoleLanguage } from './i18n';

export const LANGUAGE_STORAGE_KEY = 'backtalk.language';

/** Each language named in itself, so a person who cannot read the current one still finds theirs. */
export const LANGUAGE_NAMES: Record<ConsoleLanguage, string> = { en: 'English', uk: 'Українська' };

/**
 * The language for someone not signed in (or with none saved): what they chose on this device before, else Ukrainian
 * when any of the browser's languages is Ukrainian, else English.
 */
export function detectLanguage(stored: string | null, browserLanguages: readonly string[]): ConsoleLanguage {
  if (isConsoleLanguage(stored)) return stored;
  return browserLanguages.some((tag) => tag.toLowerCase().split('-')[0] === 'uk') ? 'uk' : DEFAULT_LANGUAGE;
}

function storedLanguage(): string | null {
  try {
    return globalThis.localStorage?.getItem(LANGUAGE_STORAGE_KEY) ?? null;
  } catch {
    // Storage can be switched off (private modes, policies); the browser's languages still decide.
    return null;
  }
}

function browserLanguages(): readonly string[] {
  const browser = globalThis.navigator;
  if (!browser) return [];
  return browser.languages?.length ? browser.languages : browser.language ? [browser.language] : [];
}

function showLanguageOnPage(language: ConsoleLanguage): void {
  // Screen readers pick their voice, and browsers their hyphenation and spell checking, from this attribute.
  if (typeof document !== 'undefined') document.documentElement.lang = language;
}

/** Switches the console to what this device and browser suggest; called once before the first render. */
export function applyDetectedLanguage(): ConsoleLanguage {
  const language = detectLanguage(storedLanguage(), browserLanguages());
  void i18n.changeLanguage(language);
  showLanguageOnPage(language);
  return language;
}

/**
 * Switches every screen to `language` at once, without a reload, and remembers it on this device so the sign-in page
 * greets the person in it next time.
 */
export function setConsoleLanguage(language: ConsoleLanguage): void {
  try {
    globalThis.localStorage?.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // Not remembered on this device; the switch itself still happens.
  }
  void i18n.changeLanguage(language);
  showLanguageOnPage(language);
}

/**
 * After sign-in or a restored session: the person's saved language wins; with none saved the detected one stays.
 */
export function applyUserLanguage(saved: string | null | undefined): void {
  if (isConsoleLanguage(saved) && saved !== currentLanguage()) setConsoleLanguage(saved);
}

/** The console's language, re-rendering the caller when it changes. */
export function useConsoleLanguage(): ConsoleLanguage {
  return useSyncExternalStore(subscribeToLanguage, currentLanguage, currentLanguage);
}

function subscribeToLanguage(changed: () => void): () => void {
  i18n.on('languageChanged', changed);
  return () => i18n.off('languageChanged', changed);
}
