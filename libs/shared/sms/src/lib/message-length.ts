/** The most a reply or notification may hold: carriers cut longer texts or refuse them (Twilio: 1,600 characters). */
export const MAX_MESSAGE_LENGTH = 1600;

/** From this share of the limit on, the composer warns that the reply is getting close to it. */
export const LENGTH_WARNING_FRACTION = 0.9;

/**
 * Characters as the API's length check (class-validator's MaxLength, i.e. validator.js isLength) counts them: an
 * emoji made of a surrogate pair is one, and an emoji presentation selector is none. Counting the same way is what
 * lets the console promise that a reply it allows is not refused for its length.
 */
export function messageLength(text: string): number {
  const selectors = text.match(/[\uFE0E\uFE0F]/g)?.length ?? 0;
  const surrogatePairs = text.match(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g)?.length ?? 0;
  return text.length - selectors - surrogatePairs;
}

export interface LengthCheck {
  length: number;
  max: number;
  /** `near` from LENGTH_WARNING_FRACTION of the limit, `over` past it (the reply cannot be sent). */
  level: 'ok' | 'near' | 'over';
  /** Characters to cut before the reply can be sent; 0 when it fits. */
  over: number;
}

export function lengthCheck(text: string, max = MAX_MESSAGE_LENGTH): LengthCheck {
  const length = messageLength(text);
  const over = Math.max(0, length - max);
  const level = over > 0 ? 'over' : length >= Math.ceil(max * LENGTH_WARNING_FRACTION) ? 'near' : 'ok';
  return { length, max, level, over };
}
