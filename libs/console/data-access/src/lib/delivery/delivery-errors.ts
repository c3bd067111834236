import { currentLanguage, translatorFor } from '@backtalk/console/i18n';

const t = translatorFor('common');

/** The carrier adapters' ErrorCategory values, with `cancelled` for an automatic reply a person overtook. */
const CATEGORIES = new Set([
  'opted_out',
  'unreachable',
  'invalid_number',
  'landline',
  'carrier_filtered',
  'blocked',
  'expired',
  'rejected',
  'authentication',
  'rate_limited',
  'provider_error',
  'cancelled',
]);

export interface DeliveryProblemWords {
  /** The console's own sentence for the failure's category; null when it has none (unknown category, English wording). */
  sentence: string | null;
  /** What the carrier adapter recorded, quoted as data (its wording is English or the provider's); null when none. */
  carrierText: string | null;
}

/**
 * Why a message did not reach the customer, for the thread. The carrier's text names the particular failure, so an
 * English console shows it as it is; any other language gets the category's sentence, with the carrier's text quoted
 * as data next to it.
 */
export function describeDeliveryError(error: { reason?: string | null; category?: string | null } | null | undefined): DeliveryProblemWords {
  const carrierText = error?.reason?.trim() ? error.reason.trim() : null;
  const category = error?.category && CATEGORIES.has(error.category) ? error.category : null;
  if (currentLanguage() === 'en' && carrierText) return { sentence: null, carrierText };
  if (category) return { sentence: t(`deliveryErrors.${category}`), carrierText };
  return { sentence: carrierText ? null : t('deliveryErrors.noReason'), carrierText };
}
