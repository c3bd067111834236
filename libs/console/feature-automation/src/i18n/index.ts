import { registerMessages, translatorFor } from '@backtalk/console/i18n';
import { en } from './en';
import { uk } from './uk';

export const AUTOMATION_NAMESPACE = registerMessages('automation', { en, uk });

/** For the plain functions of this library (rule sentences, form checks) that run outside React. */
export const translateAutomation = translatorFor(AUTOMATION_NAMESPACE);

/** Labels looked up when read, so `TRIGGER_LABELS[trigger]` shows the console's current language. */
export function translatedLabels<Key extends string>(section: string, keys: readonly Key[]): Readonly<Record<Key, string>> {
  const record = {} as Record<Key, string>;
  for (const key of keys) Object.defineProperty(record, key, { enumerable: true, get: () => translateAutomation(`${section}.${key}`) });
  return record;
}
