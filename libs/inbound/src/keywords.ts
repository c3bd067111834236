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
  return normalisedKeywords(keywords).get(message) ?? null;
}

/** Keyword lists belong to a cached channel, so each list is normalised once, not for every message. */
const normalisedByList = new WeakMap<ChannelKeywords, Map<string, KeywordMatch>>();

function normalisedKeywords(keywords: ChannelKeywords): Map<string, KeywordMatch> {
  let byText = normalisedByList.get(keywords);
  if (!byText) {
    byText = new Map();
    for (const kind of ['optOut', 'optIn', 'help'] as const) {
      for (const keyword of keywords[kind]) {
        const key = normalise(keyword);
        if (key && !byText.has(key)) byText.set(key, { kind, keyword });
      }
    }
    normalisedByList.set(keywords, byText);
  }
  return byText;
}
