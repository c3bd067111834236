import { detectLanguage } from '@backtalk/routing';
import { stemmer as stemEnglish } from '@orama/stemmers/english';
import { stemmer as stemRussian } from '@orama/stemmers/russian';
import { stemmer as stemUkrainian } from '@orama/stemmers/ukrainian';

/** Languages the matcher knows how to stem; anything else is matched through character n-grams only. */
export type MatcherLanguage = 'en' | 'uk' | 'ru';

const CYRILLIC = /\p{Script=Cyrillic}/u;
const LATIN = /\p{Script=Latin}/u;
const UKRAINIAN_ONLY = /[іїєґ]/u;
const RUSSIAN_ONLY = /[ыэёъ]/u;
// Apostrophes sit inside Ukrainian words (пам'ять) and English contractions (don't): dropping them keeps the word whole.
const APOSTROPHES = /['’ʼ`´]/gu;
const WORD = /[\p{L}\p{N}]+/gu;

/** Lower-cased words of a message, with look-alike characters folded by NFKC. */
export function words(text: string): string[] {
  return text.normalize('NFKC').toLowerCase().replace(APOSTROPHES, '').match(WORD) ?? [];
}

export type Script = 'latin' | 'cyrillic' | 'none';

/** The script most letters of the text are written in. */
export function dominantScript(text: string): Script {
  let latin = 0;
  let cyrillic = 0;
  for (const character of text) {
    if (CYRILLIC.test(character)) cyrillic++;
    else if (LATIN.test(character)) latin++;
  }
  if (latin === 0 && cyrillic === 0) return 'none';
  return cyrillic > latin ? 'cyrillic' : 'latin';
}

/**
 * Ukrainian or Russian, as routing detects a customer's language (letters, words and endings only one of them has);
 * `fallback` when the text tells neither (many short messages, such as "доставка", do not).
 */
export function guessCyrillicLanguage(text: string, fallback: 'uk' | 'ru'): 'uk' | 'ru' {
  const detected = detectLanguage(text);
  return detected === 'uk' || detected === 'ru' ? detected : fallback;
}

/** The language of a text as far as the script tells: Latin is taken as English, Cyrillic as Ukrainian or Russian. */
export function guessLanguage(text: string, cyrillicFallback: 'uk' | 'ru'): MatcherLanguage {
  return dominantScript(text) === 'cyrillic' ? guessCyrillicLanguage(text, cyrillicFallback) : 'en';
}

/** Snowball stem of one lower-cased word; a word's own letters override the language of its message. */
export function stem(word: string, language: MatcherLanguage): string {
  if (CYRILLIC.test(word)) {
    if (UKRAINIAN_ONLY.test(word)) return stemUkrainian(word);
    if (RUSSIAN_ONLY.test(word)) return stemRussian(word);
    return language === 'ru' ? stemRussian(word) : stemUkrainian(word);
  }
  if (LATIN.test(word) && word.length > 2) return stemEnglish(word);
  return word;
}

const CYRILLIC_TO_LATIN: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', ґ: 'g', д: 'd', е: 'e', є: 'ye', ж: 'zh', з: 'z', и: 'y', і: 'i', ї: 'yi', й: 'y',
  к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch',
  ш: 'sh', щ: 'shch', ь: '', ъ: '', ы: 'y', э: 'e', ю: 'yu', я: 'ya', ё: 'yo',
};

/**
 * People write Ukrainian and Russian in Latin letters in many ways ("moye", "moie", "moje"; "zamovlennya",
 * "zamovlennia"): both the Cyrillic original and every such spelling are reduced to one rough phonetic key, so that
 * character n-grams of a transliterated message meet those of the Cyrillic examples. English words go through the
 * same folding on both sides, which costs them little.
 */
const LATIN_FOLDS: Array<[RegExp, string]> = [
  [/shch|sch/g, 's'],
  [/zh/g, 'z'],
  [/kh/g, 'h'],
  [/ch|ts|tz/g, 'c'],
  [/sh/g, 's'],
  [/ck/g, 'k'],
  [/ph/g, 'f'],
  [/[yij]e/g, 'e'],
  [/[yij]u/g, 'u'],
  [/[yij]a/g, 'a'],
  [/[yij]o/g, 'o'],
  [/[yj]i/g, 'i'],
  [/[yj]/g, 'i'],
  [/w/g, 'v'],
  [/q/g, 'k'],
  [/x/g, 'ks'],
  [/g/g, 'h'],
  [/(.)\1+/g, '$1'],
];

/** Transliterates Cyrillic letters to Latin ones; other characters are kept. */
export function transliterate(word: string): string {
  let latin = '';
  for (const character of word) latin += CYRILLIC_TO_LATIN[character] ?? character;
  return latin;
}

/** The spelling-insensitive key of a lower-cased word, the same for its Cyrillic and its transliterated forms. */
export function phoneticKey(word: string): string {
  let key = transliterate(word);
  for (const [pattern, replacement] of LATIN_FOLDS) key = key.replace(pattern, replacement);
  return key;
}
