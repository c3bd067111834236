/**
 * The console's languages (English and Ukrainian): messages, language choice and locale-aware formatting.
 *
 * How a console library owns its text (libs/console/i18n/src/catalogues.spec.ts checks every library that follows it):
 *
 * - `src/i18n/en.ts`: `export const en = { screen: { key: 'Message' } } as const;` — nested by screen or component,
 *   ICU MessageFormat syntax: `'{name} joined'`, `'{count, plural, one {# conversation} other {# conversations}}'`,
 *   `'{kind, select, sms {SMS} other {Email}}'`. Whole sentences per key (never glue pieces together), since word
 *   order differs between the languages.
 * - `src/i18n/uk.ts`: `export const uk: MessagesOf<typeof en> = { ... };` — a missing or extra key is a compile
 *   error. Every plural lists one/few/many/other: `'{count, plural, one {# розмова} few {# розмови} many {# розмов}
 *   other {# розмови}}'`. Natural support-team Ukrainian, not word-by-word.
 * - `src/i18n/index.ts`: `export const NAMESPACE = registerMessages('<namespace>', { en, uk });`, and the library's
 *   `src/index.ts` starts with `import './i18n';` so importing the library registers its messages before the console
 *   renders. Namespaces: shell, auth, inbox, admin, automation, contacts, labels, queues, reports, ui, and common
 *   (data-access).
 * - In components: `const { t } = useTranslation('<namespace>'); t('screen.key', { count })` (`useTranslation` from
 *   react-i18next). Outside React (stores, error describing): `const t = translatorFor('<namespace>')` once, then
 *   `t('screen.key', values)` at the moment the text is needed, so it follows a language switch.
 * - Dates, times, numbers, money and percentages come from `useFormat()` in components (`format.dateTime(iso)`,
 *   `format.relativeTime(iso)`, `format.currency(12.5, 'UAH')`) or the plain `formatDate`/`formatNumber`/... functions
 *   elsewhere; all use the console's language, never the browser's locale. Never build a date or number into text by
 *   hand: pass it formatted as an argument, or use ICU `{when, date, medium}` / `{n, number}`.
 * - Brand names and formats that stay as they are (Backtalk, SMS, CSV, API, URL, E.164, FAQ, CSAT, SLA, ID, email)
 *   may appear in Ukrainian text; any other Latin word identical in both languages fails the catalogue check.
 */
export { CONSOLE_LANGUAGES, type Catalogue, type ConsoleLanguage, currentLanguage, DEFAULT_LANGUAGE, i18n, isConsoleLanguage, type MessagesOf, registerMessages, translatorFor } from './lib/i18n';
export { applyDetectedLanguage, applyUserLanguage, detectLanguage, LANGUAGE_NAMES, LANGUAGE_STORAGE_KEY, setConsoleLanguage, useConsoleLanguage } from './lib/language';
export { type ConsoleFormat, dateTimeFormat, formatCurrency, formatDate, formatDateTime, formatNumber, formatPercent, formatRelativeTime, formatTime, numberFormat, useFormat } from './lib/format';
export { Trans, useTranslation } from 'react-i18next';
