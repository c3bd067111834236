export interface ParsedRating {
  rating: 1 | 2 | 3 | 4 | 5;
  /** What the customer wrote besides the score, or null. */
  comment: string | null;
}

/** Number words in English, Ukrainian and Russian; apostrophes are normalised to ' before the look-up. */
const WORDS: Record<string, ParsedRating['rating']> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  один: 1,
  одна: 1,
  одне: 1,
  одно: 1,
  два: 2,
  дві: 2,
  две: 2,
  три: 3,
  чотири: 4,
  четыре: 4,
  "п'ять": 5,
  пять: 5,
};

/**
 * Thumbs are the only emoji read as a score: 👍 is 5 and 👎 is 1, since a customer who answers a 1-to-5 question
 * with a thumb gives a yes or no about the service, and CSAT counts 4-5 as satisfied. Faces are left alone: 🙂 after
 * a survey is as likely a thank-you as a score, and a guessed rating would skew reports.
 */
const THUMBS = /^(?:👍|👎)[\u{1F3FB}-\u{1F3FF}]?\uFE0F?/u;

/** ★★★★, ⭐⭐⭐⭐⭐, or filled and empty stars together (★★★☆☆ is 3). */
const STARS = /^([★⭐]\uFE0F?){1,5}(☆\uFE0F?)*/u;

/** A digit 1-5 on its own, or as a keycap emoji (4️⃣), not part of a longer number, time, price or ordinal. */
const DIGIT = /^([1-5])(?:\uFE0F?\u20E3)?(?![\p{L}\p{N}%$€£₴₽:]|[.,]\d)/u;

const WORD = /^([\p{L}']+)/u;

/** What customers put after the score that is part of the score, not a comment: "/5", "out of 5", "stars", "з 5". */
const SCORE_TAIL = /^\s*(?:\/\s*5|(?:out\s+of|of|з|із|из)\s+5|stars?|зір(?:ок|ки|ка)|звёзд|звезд(?:ы|а)?|бал(?:ів|и|л|ла|лов)?)(?![\p{L}\p{N}])/iu;

const APOSTROPHES = /[’ʼ`´]/g;

/**
 * Reads a customer's answer to the satisfaction survey: a score of 1 to 5 at the start of the message (a digit, a
 * number word in English, Ukrainian or Russian, stars, or a thumb) and whatever they wrote after it as the comment.
 * Returns null for anything else, which is then an ordinary message: "2 more questions" is a score of 2, but
 * "I have 2 more questions", "10", "5pm" or "3.5" are not.
 */
export function parseRating(text: string): ParsedRating | null {
  const message = text.normalize('NFC').replace(APOSTROPHES, "'").trim();
  if (!message) return null;

  let rating: ParsedRating['rating'] | null = null;
  let rest = '';
  const thumb = THUMBS.exec(message);
  const stars = STARS.exec(message);
  const digit = DIGIT.exec(message);
  if (thumb) {
    rating = thumb[0].startsWith('👍') ? 5 : 1;
    rest = message.slice(thumb[0].length);
  } else if (stars) {
    rating = [...stars[0]].filter((character) => character === '★' || character === '⭐').length as ParsedRating['rating'];
    rest = message.slice(stars[0].length);
  } else if (digit) {
    rating = Number(digit[1]) as ParsedRating['rating'];
    rest = message.slice(digit[0].length);
  } else {
    const word = WORD.exec(message);
    const value = word ? WORDS[word[1].toLowerCase()] : undefined;
    if (!word || !value) return null;
    rating = value;
    rest = message.slice(word[0].length);
  }

  rest = rest.replace(SCORE_TAIL, '');
  // Separators between the score and the comment ("5 - great", "4, thanks", "3: slow") are not part of the comment.
  const comment = rest.replace(/^[\s.,;:!\-–—)]+/u, '').trim();
  return { rating, comment: comment && !/^[\p{P}\s]+$/u.test(comment) ? comment : null };
}
