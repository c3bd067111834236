import { type CountryCode, isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js';
import { LRUCache } from 'lru-cache';

export type { CountryCode };

export function isCountryCode(value: string): value is CountryCode {
  return isSupportedCountry(value);
}

/**
 * A phone number in E.164 (`+380501234567`), or null when it is not a possible number.
 * Carriers write numbers in many ways (`380501234567` without the plus, `050 123 45 67` in national format); the
 * channel's country is the region national-format numbers belong to.
 */
export function toE164(raw: string, defaultCountry?: CountryCode): string | null {
  const key = `${defaultCountry ?? ''}|${raw}`;
  const cached = normalised.get(key);
  if (cached !== undefined) return cached === NOT_A_NUMBER ? null : cached;
  const e164 = parseToE164(raw, defaultCountry);
  normalised.set(key, e164 ?? NOT_A_NUMBER);
  return e164;
}

const NOT_A_NUMBER = '';
/** The same customers text again and again, and parsing a number is the costliest step of storing their message. */
const normalised = new LRUCache<string, string>({ max: 20_000 });

function parseToE164(raw: string, defaultCountry?: CountryCode): string | null {
  const trimmed = raw.trim();
  if (!trimmed) return null;
  const candidates = trimmed.startsWith('+') || trimmed.startsWith('00') ? [trimmed.replace(/^00/, '+')] : [trimmed, `+${trimmed}`];
  for (const candidate of candidates) {
    const parsed = parsePhoneNumberFromString(candidate, defaultCountry);
    if (parsed?.isPossible()) return parsed.number;
  }
  return null;
}

/** International format for people (`+380 50 123 4567`); the input unchanged when it cannot be parsed. */
export function formatPhone(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}

/** What a search box's text can match among numbers and names. */
export interface PhoneSearch {
  /** Full numbers the text can be read as: international, or national for one of the given countries. */
  numbers: string[];
  /** The text as typed, or only its digits when it was written as a number (`(415) 555-01` finds `+1415555010…`). */
  fragment: string;
}

const WRITTEN_AS_NUMBER = /^[\d\s()+\-./]+$/;

/**
 * Reads a search box's text the way people type numbers: spaced, in national format for one of `countries` (the
 * viewer's channels'), or only the last digits. Null for an empty box.
 */
export function phoneSearch(raw: string, countries: readonly CountryCode[]): PhoneSearch | null {
  const text = raw.trim();
  if (!text) return null;
  if (!WRITTEN_AS_NUMBER.test(text)) return { numbers: [], fragment: text };
  const numbers = new Set<string>();
  for (const country of [undefined, ...countries]) {
    const e164 = toE164(text, country);
    if (e164) numbers.add(e164);
  }
  const digits = text.replace(/\D/g, '');
  return { numbers: [...numbers], fragment: digits || text };
}
