import { translateUi } from '../i18n';

/**
 * A record of labels that reads each one from the catalogue when it is looked up, so code written as
 * `PRIORITY_LABELS[priority]` shows the console's current language.
 */
export function translatedRecord<Key extends string>(section: string, keys: readonly Key[]): Readonly<Record<Key, string>> {
  const record = {} as Record<Key, string>;
  for (const key of keys) Object.defineProperty(record, key, { enumerable: true, get: () => translateUi(`${section}.${key}`) });
  return record;
}
