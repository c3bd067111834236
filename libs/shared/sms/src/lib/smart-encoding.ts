import { isGsm7Text } from './gsm7';

/**
 * Look-alikes that word processors and phone keyboards insert in place of plain punctuation. One of them is enough
 * to push a whole reply into UCS-2, which halves the characters per segment. Modelled on Twilio Smart Encoding
 * (TwilioDevEd/message-segment-calculator src/libs/SmartEncodingMap.ts): punctuation and spacing only, never
 * letters, so a reply in another script (Cyrillic, Greek…) is never transliterated.
 */
const LOOK_ALIKES: Readonly<Record<string, string>> = {
  // Double quotes and primes
  '\u00ab': '"', '\u00bb': '"', '\u201c': '"', '\u201d': '"', '\u201e': '"', '\u201f': '"', '\u2033': '"',
  '\u02ba': '"', '\u02ee': '"', '\u275d': '"', '\u275e': '"', '\u301d': '"', '\u301e': '"',
  // Single quotes, apostrophes and accents used as apostrophes
  '\u2018': "'", '\u2019': "'", '\u201b': "'", '\u2032': "'", '\u02b9': "'", '\u02bb': "'", '\u02bc': "'",
  '\u02bd': "'", '\u02c8': "'", '\u02ca': "'", '\u02cb': "'", '\u0060': "'", '\u00b4': "'", '\u275b': "'",
  '\u275c': "'",
  '\u201a': ',',
  // Dashes, hyphens and the minus sign
  '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2013': '-', '\u2014': '-', '\u2015': '-', '\u2212': '-',
  '\u2043': '-', '\ufe63': '-', '\u2022': '-',
  '\u2026': '...',
  '\u2039': '<', '\u203a': '>', '\u203c': '!!',
  '\u00f7': '/', '\u2044': '/', '\u2215': '/', '\u00bc': '1/4', '\u00bd': '1/2', '\u00be': '3/4',
  // Spaces of every width become a plain space; invisible characters disappear.
  '\t': ' ', '\u00a0': ' ', '\u2000': ' ', '\u2001': ' ', '\u2002': ' ', '\u2003': ' ', '\u2004': ' ',
  '\u2005': ' ', '\u2006': ' ', '\u2007': ' ', '\u2008': ' ', '\u2009': ' ', '\u200a': ' ', '\u202f': ' ',
  '\u205f': ' ', '\u3000': ' ',
  '\u2028': '\n', '\u2029': '\n',
  '\u200b': '', '\u2060': '', '\ufeff': '',
  '\u3001': ',', '\u3002': '.',
};

const FULLWIDTH_FIRST = 0xff01;
const FULLWIDTH_LAST = 0xff5e;
const FULLWIDTH_TO_ASCII = 0xfee0;

/** The GSM-7 stand-in for one character, or null when there is none. */
export function gsm7LookAlike(char: string): string | null {
  const mapped = LOOK_ALIKES[char];
  if (mapped !== undefined) return mapped;

  // Fullwidth forms (！ ＃ Ａ …) are the ASCII range shifted by a constant, which a table would only repeat.
  const code = char.codePointAt(0) ?? 0;
  if (char.length === 1 && code >= FULLWIDTH_FIRST && code <= FULLWIDTH_LAST) {
    const ascii = String.fromCharCode(code - FULLWIDTH_TO_ASCII);
    return isGsm7Text(ascii) ? ascii : null;
  }
  return null;
}

/** Replaces typographic look-alikes with their GSM-7 equivalents; every other character is kept as it is. */
export function smartEncode(text: string): string {
  let result = '';
  for (const char of text) {
    result += gsm7LookAlike(char) ?? char;
  }
  return result;
}
