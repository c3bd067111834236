import { gsm7Septets } from './gsm7';
import { gsm7LookAlike, smartEncode } from './smart-encoding';

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface AnalyseSmsOptions {
  /** Replace typographic look-alikes (curly quotes, long dashes, …) before counting, as the sender will. */
  smartEncoding?: boolean;
}

export interface SmsAnalysis {
  encoding: SmsEncoding;
  /** Billable message parts; 0 for an empty text. */
  segments: number;
  /** Characters as a person counts them (grapheme clusters: 👍🏽 is one). */
  characters: number;
  /** Septets (GSM-7) or UTF-16 code units (UCS-2) the text occupies. */
  unitsUsed: number;
  /** Capacity of one segment at the current length: 160/70 for a single part, 153/67 once the text is split. */
  unitsPerSegment: number;
  /** Units still free in the last segment before another one is needed. */
  unitsLeftInSegment: number;
  /** Each distinct character that forces UCS-2, in order of first appearance. */
  nonGsmCharacters: string[];
  /** GSM-7 stand-ins available for some of `nonGsmCharacters`; empty once smart encoding has applied them. */
  replacements: Array<{ from: string; to: string }>;
  /** The text that will be sent: after smart encoding when it is enabled, otherwise the input. */
  text: string;
}

/**
 * A segment carries 140 octets. Split messages spend 6 of them on the concatenation header, which leaves 153
 * septets or 67 UCS-2 units (3GPP TS 23.040; same budget as Twilio's calculator, Segment.ts).
 */
const CAPACITY: Record<SmsEncoding, { single: number; multipart: number }> = {
  'GSM-7': { single: 160, multipart: 153 },
  'UCS-2': { single: 70, multipart: 67 },
};

/** Counts encoding, segments and remaining room for an outgoing SMS, following GSM 03.38 / 3GPP TS 23.040. */
export function analyseSms(text: string, options: AnalyseSmsOptions = {}): SmsAnalysis {
  const sent = options.smartEncoding ? smartEncode(text) : text;
  const nonGsmCharacters = distinctNonGsm(sent);
  const encoding: SmsEncoding = nonGsmCharacters.length === 0 ? 'GSM-7' : 'UCS-2';
  const graphemes = splitGraphemes(sent);
  const units = encoding === 'GSM-7' ? gsm7Units(sent) : graphemes.map((grapheme) => grapheme.length);
  const unitsUsed = units.reduce((sum, size) => sum + size, 0);
  const { single, multipart } = CAPACITY[encoding];

  let segments: number;
  let unitsPerSegment: number;
  let usedInLastSegment: number;
  if (unitsUsed <= single) {
    segments = unitsUsed === 0 ? 0 : 1;
    unitsPerSegment = single;
    usedInLastSegment = unitsUsed;
  } else {
    ({ segments, usedInLastSegment } = packIntoSegments(units, multipart));
    unitsPerSegment = multipart;
  }

  return {
    encoding,
    segments,
    characters: graphemes.length,
    unitsUsed,
    unitsPerSegment,
    unitsLeftInSegment: Math.max(0, unitsPerSegment - usedInLastSegment),
    nonGsmCharacters,
    replacements: nonGsmCharacters.flatMap((from) => {
      const to = gsm7LookAlike(from);
      return to === null || distinctNonGsm(to).length > 0 ? [] : [{ from, to }];
    }),
    text: sent,
  };
}

/**
 * Fills segments greedily without splitting a unit: a phone shows a broken character when an escape pair or a
 * surrogate pair straddles two parts, so senders move the whole character to the next part and the slot is lost.
 */
function packIntoSegments(units: number[], capacity: number): { segments: number; usedInLastSegment: number } {
  let segments = 1;
  let used = 0;
  for (const size of units) {
    if (used > 0 && used + size > capacity) {
      segments += 1;
      used = 0;
    }
    used += size;
  }
  return { segments, usedInLastSegment: used };
}

/** One entry per character: 1 septet, or 2 for an escape-table character, which must stay in one part. */
function gsm7Units(text: string): number[] {
  return Array.from(text, (char) => gsm7Septets(char) ?? 1);
}

function distinctNonGsm(text: string): string[] {
  const found = new Set<string>();
  for (const char of text) {
    if (gsm7Septets(char) === null) found.add(char);
  }
  return [...found];
}

const graphemeSegmenter =
  typeof Intl !== 'undefined' && 'Segmenter' in Intl ? new Intl.Segmenter(undefined, { granularity: 'grapheme' }) : null;

/** ASCII without a CR LF pair (one grapheme) has one grapheme per character: most texts, counted without segmenting. */
function isOneGraphemePerCharacter(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code > 0x7f || (code === 0x0d && text.charCodeAt(index + 1) === 0x0a)) return false;
  }
  return true;
}

/**
 * Graphemes, because UCS-2 keeps each one whole (an emoji, a surrogate pair or a longer sequence, is one unbreakable
 * block) and people count them as one character.
 */
function splitGraphemes(text: string): string[] {
  if (graphemeSegmenter === null || isOneGraphemePerCharacter(text)) return Array.from(text);
  return Array.from(graphemeSegmenter.segment(text), (part) => part.segment);
}
