/**
 * Reads the timestamp formats providers use: ISO 8601 (with `+0000` offsets or more than three fraction digits),
 * `YYYY-MM-DD HH:MM:SS[.ffffff][offset]` (Vonage, Plivo; UTC unless an offset is given) and Unix seconds.
 */
export function parseTimestamp(value: string | undefined | null): Date | null {
  if (value === undefined || value === null) return null;
  const text = value.trim();
  if (text === '') return null;
  if (/^\d{9,10}$/.test(text)) return new Date(Number(text) * 1000);

  const match = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)(?:\.(\d+))?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(text);
  if (!match) return null;
  const [, date, time, fraction = '0', offset = 'Z'] = match;
  const millis = fraction.slice(0, 3).padEnd(3, '0');
  const zone = offset.toUpperCase() === 'Z' ? 'Z' : `${offset.slice(0, 3)}:${offset.slice(-2)}`;
  const parsed = new Date(`${date}T${time.length === 5 ? `${time}:00` : time}.${millis}${zone}`);
  return Number.isNaN(parsed.getTime()) ? null : parsed;
}

/** `YYMMDDhhmm`, the carrier "done date" of SMPP receipts (Vonage `scts`). Read as UTC, the only sane guess. */
export function parseSmppDate(value: string | undefined): Date | null {
  const match = value === undefined ? null : /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(value);
  if (!match) return null;
  const [, yy, mm, dd, hh, mi] = match;
  const parsed = new Date(Date.UTC(2000 + Number(yy), Number(mm) - 1, Number(dd), Number(hh), Number(mi)));
  return Number.isNaN(parsed.getTime()) ? null : parsed;
}

/** Replay window for signed timestamps, as Telnyx's SDK enforces it. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/** Null when `unixSeconds` is within the tolerance of `now`, otherwise the reason to reject. */
export function staleTimestampReason(unixSeconds: string | undefined, now: Date): string | null {
  if (unixSeconds === undefined || !/^\d+$/.test(unixSeconds.trim())) return 'signature timestamp is missing or not a Unix time';
  const skew = Math.abs(now.getTime() / 1000 - Number(unixSeconds));
  return skew > SIGNATURE_TOLERANCE_SECONDS
    ? `signature timestamp is ${Math.round(skew)} s away from now (tolerance ${SIGNATURE_TOLERANCE_SECONDS} s)`
    : null;
}
