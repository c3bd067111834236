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
