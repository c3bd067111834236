import { translatorFor } from '@backtalk/console/i18n';
import { Fragment, type ReactNode } from 'react';
import { INBOX_NAMESPACE } from '../../i18n';

const t = translatorFor(INBOX_NAMESPACE);

/** “A”, “A and B”, “A, B and C”, in the console's language. */
export function joinedNames(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return t('thread.joined', { list: names.slice(0, -1).join(', '), last: names[names.length - 1] });
}

/**
 * A translated sentence with React elements in it (highlighted characters, bold titles): the message is translated
 * with `{name}` left in place of each element, so word order stays the translator's, then each is swapped for its node.
 */
export function withElements(key: string, elements: Record<string, ReactNode>, values: Record<string, unknown> = {}): ReactNode[] {
  const placeholders = Object.fromEntries(Object.keys(elements).map((name) => [name, `{${name}}`]));
  const text = t(key, { ...values, ...placeholders });
  return text.split(/(\{[A-Za-z]+\})/).map((part, index) => {
    const name = /^\{([A-Za-z]+)\}$/.exec(part)?.[1];
    return <Fragment key={index}>{name && name in elements ? elements[name] : part}</Fragment>;
  });
}
