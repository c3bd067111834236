import { formatPhone } from '@backtalk/phone';

/**
 * A stored E.164 number as people in its country group it, behind its country code (`+380 50 123 4567`); the whole
 * Contacts area loads lazily, so libphonenumber's metadata comes with it rather than with the inbox.
 */
export function displayPhone(e164: string): string {
  return formatPhone(e164);
}

/** Who a contact is in one line: their name, else their number. */
export function contactTitle(contact: { name: string; phone: string }): string {
  return contact.name.trim() || displayPhone(contact.phone);
}
