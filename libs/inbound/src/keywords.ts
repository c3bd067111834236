import type { ChannelKeywords } from '@backtalk/contracts';

export type KeywordKind = 'optOut' | 'optIn' | 'help';

export interface KeywordMatch {
  kind: KeywordKind;
  keyword: string;
}

/** Case, spaces and trailing punctuation do not matter ("stop", " Stop! ", "STOP ALL"); other words around it do. */
function normalise(text: string): string {
  return text
    .normalize('NFC')
    .toLocaleUpperCase()
    .replace(/[\s\u00A0]+/g, '')
    .replace(/[.!?…]+$/u, '');
}

/** Whole-message keyword matching, as carriers and the CTIA handbook define it. Opt-out wins over the others. */
export function matchKeyword(text: string, keywords: ChannelKeywords): KeywordMatch | null {
  const message = normalise(text);
  if (!message) return null;
  for (const kind of ['optOut', 'optIn', 'help'] as const) {
    const keyword = keywords[kind].find((candidate) => normalise(candidate) === message);
    if (keyword) return { kind, keyword };
  }
  return null;
}
