import { type CountryCode, isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js';

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
