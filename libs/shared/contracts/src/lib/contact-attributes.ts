/** The kinds of value a contact attribute holds; `boolean` is shown as yes/no, `list` as one of its choices. */
export const CONTACT_ATTRIBUTE_TYPES = ['text', 'number', 'date', 'boolean', 'list', 'link'] as const;
export type ContactAttributeType = (typeof CONTACT_ATTRIBUTE_TYPES)[number];

/** What each type is called in the console. */
export const CONTACT_ATTRIBUTE_TYPE_LABELS: Readonly<Record<ContactAttributeType, string>> = {
  text: 'Text',
  number: 'Number',
  date: 'Date',
  boolean: 'Yes / no',
  list: 'List of choices',
  link: 'Link',
};

/** Lower-case letters, digits and `_`, starting with a letter: it is typed into `{{contact.<key>}}` and filters. */
export const CONTACT_ATTRIBUTE_KEY_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;
export const CONTACT_ATTRIBUTE_KEY_MAX = 40;
export const CONTACT_ATTRIBUTE_LABEL_MAX = 80;
export const CONTACT_ATTRIBUTE_TEXT_MAX = 500;
export const CONTACT_ATTRIBUTE_CHOICE_MAX = 100;
export const CONTACT_ATTRIBUTE_CHOICES_MAX = 50;
/** Keys a canned answer already fills from the contact itself, so no attribute may take them. */
export const RESERVED_CONTACT_ATTRIBUTE_KEYS = ['name', 'first_name', 'phone', 'notes'] as const;

/**
 * A field admins define for every contact (Settings → Contact attributes). Its values are the customer's, shared by
 * every team like the name and number; the key and type never change once made, because canned answers, rules and
 * stored values refer to them.
 */
export interface ContactAttributeView {
  id: string;
  key: string;
  label: string;
  type: ContactAttributeType;
  /** For `list`: the values a contact may have, in order; empty for the other types. */
  choices: string[];
  position: number;
  createdAt: string;
  updatedAt: string;
}

/** `POST /api/contact-attributes` (admins) */
export interface CreateContactAttributeRequest {
  key: string;
  label: string;
  type: ContactAttributeType;
  choices?: string[];
}

/** `PATCH /api/contact-attributes/:id` (admins): a choice some contact has cannot be taken away. */
export interface UpdateContactAttributeRequest {
  label?: string;
  choices?: string[];
  position?: number;
}

/** A stored value: text, link and list as strings, dates as `YYYY-MM-DD`, numbers and yes/no as themselves. */
export type ContactAttributeValue = string | number | boolean;

/** A contact's values by attribute key; keys without a value are absent. */
export type ContactAttributeValues = Record<string, ContactAttributeValue>;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar date that exists (`2025-02-30` does not). */
export function isCalendarDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** An absolute http(s) address with a host. */
export function isWebLink(value: string): boolean {
  if (!/^https?:\/\/\S+$/i.test(value)) return false;
  try {
    return new URL(value).hostname !== '';
  } catch {
    return false;
  }
}

/**
 * Why `value` cannot be stored in the attribute, as a sentence naming it, or null when it can. Shared by the API, which
 * refuses such a value, and the console, which says so at the field before sending it.
 */
export function contactAttributeValueProblem(attribute: Pick<ContactAttributeView, 'label' | 'type' | 'choices'>, value: unknown): string | null {
  const name = attribute.label;
  switch (attribute.type) {
    case 'text':
      if (typeof value !== 'string' || value.trim() === '') return `${name} must be text.`;
      return value.length > CONTACT_ATTRIBUTE_TEXT_MAX ? `${name} is longer than ${CONTACT_ATTRIBUTE_TEXT_MAX} characters.` : null;
    case 'link':
      if (typeof value !== 'string' || !isWebLink(value.trim())) return `${name} must be a link starting with http:// or https://.`;
      return value.length > CONTACT_ATTRIBUTE_TEXT_MAX ? `${name} is longer than ${CONTACT_ATTRIBUTE_TEXT_MAX} characters.` : null;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) < 1e15 ? null : `${name} must be a number.`;
    case 'date':
      return typeof value === 'string' && isCalendarDate(value) ? null : `${name} must be a date (YYYY-MM-DD).`;
    case 'boolean':
      return typeof value === 'boolean' ? null : `${name} must be yes or no (true or false).`;
    case 'list':
      return typeof value === 'string' && attribute.choices.includes(value) ? null : `${name} must be one of ${attribute.choices.map((choice) => `“${choice}”`).join(', ')}.`;
  }
}

/** How a value reads in a sentence or an SMS: yes/no, the number as typed, the rest as stored. */
export function formatContactAttributeValue(value: ContactAttributeValue): string {
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return String(value);
}
