import { formatMoney } from '@backtalk/contracts';
import { currentLanguage, translatorFor } from '@backtalk/console/i18n';
import { analyseSms, isGsm7Text, smartEncode, type SmsAnalysis } from '@backtalk/sms';
import { INBOX_NAMESPACE } from '../../i18n';

const t = translatorFor(INBOX_NAMESPACE);

export interface ComposerAnalysis extends SmsAnalysis {
  /** Segments × the channel's price per segment; null when the channel has no price set. */
  estimatedCost: number | null;
  /** The text after one-click replacement, when the agent can make it GSM-7 again (or at least closer). */
  fixedText: string | null;
  /** Characters that force UCS-2 and have no GSM-7 stand-in (emoji, Cyrillic…). */
  irreplaceable: string[];
  /** Look-alikes the channel's smart encoding will replace when it sends the reply, as typed → as sent. */
  autoReplaced: Array<{ from: string; to: string }>;
}

/**
 * What the composer shows under the reply: encoding, parts, room left, cost, and what pushes it into UCS-2. With
 * `smartEncoding` (the channel replaces look-alikes as it sends) the counts are those of the text that will be sent.
 */
export function analyseReply(text: string, pricePerSegment: number | null | undefined, smartEncoding = false): ComposerAnalysis {
  const typed = analyseSms(text);
  const analysis = smartEncoding ? analyseSms(text, { smartEncoding: true }) : typed;
  const replaceable = new Set(typed.replacements.map((replacement) => replacement.from));
  return {
    ...analysis,
    estimatedCost: pricePerSegment && pricePerSegment > 0 ? analysis.segments * pricePerSegment : null,
    fixedText: !smartEncoding && replaceable.size > 0 ? smartEncode(text) : null,
    irreplaceable: typed.nonGsmCharacters.filter((character) => !replaceable.has(character)),
    autoReplaced: smartEncoding ? typed.replacements : [],
  };
}

export interface TextRun {
  text: string;
  /** This run forces UCS-2. */
  flagged: boolean;
}

/**
 * The text cut into runs of ordinary and flagged characters, for the highlight under the textarea: by default every
 * character that forces UCS-2, or only those in `only` (what is left once the channel's smart encoding has run).
 */
export function highlightRuns(text: string, only?: ReadonlySet<string>): TextRun[] {
  const runs: TextRun[] = [];
  for (const character of text) {
    const flagged = only ? only.has(character) : !isGsm7Text(character) && character !== '\n';
    const last = runs[runs.length - 1];
    if (last && last.flagged === flagged) last.text += character;
    else runs.push({ text: character, flagged });
  }
  return runs;
}

/**
 * A reply's cost in its channel's currency ("$0.0158", "₴3.70"): a price per segment has many decimals, four are
 * enough to compare replies. Without a currency, the bare number.
 */
export function formatCost(value: number, currency?: string, locale: string = currentLanguage()): string {
  return currency ? formatMoney(value, currency, locale) : value.toLocaleString(locale, { minimumFractionDigits: 2, maximumFractionDigits: 4 });
}

/** "U+2019" plus a name people recognise for the usual suspects, to explain a highlighted character. */
export function describeCharacter(character: string): string {
  const names: Record<string, string> = {
    '\u2018': 'leftSingleQuote',
    '\u2019': 'curlyApostrophe',
    '\u201c': 'leftDoubleQuote',
    '\u201d': 'rightDoubleQuote',
    '\u2013': 'enDash',
    '\u2014': 'emDash',
    '\u2026': 'ellipsis',
    '\u00a0': 'nonBreakingSpace',
  };
  const code = `U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
  return names[character] ? `${t(`thread.characters.${names[character]}`)} (${code})` : code;
}

/** A new key per composed message; `crypto.randomUUID` needs a secure context, which a LAN install may not be. */
export function newIdempotencyKey(random: Crypto = crypto): string {
  if (typeof random.randomUUID === 'function') {
    try {
      return random.randomUUID();
    } catch {
      // Not a secure context: fall through.
    }
  }
  const bytes = random.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
