import { type ContactAttributeValues, formatContactAttributeValue } from '@backtalk/contracts';
import { firstName } from '@backtalk/sms';

/**
 * The `{{contact.…}}` values of a canned answer: the name, and each custom attribute by its key. A key the contact has
 * no value for is absent, so rendering leaves it out and reports it missing rather than sending braces.
 */
export function contactVariables(contact: { name: string; attributes: ContactAttributeValues }): Record<string, string> {
  const values: Record<string, string> = { 'contact.name': contact.name, 'contact.first_name': firstName(contact.name) };
  for (const [key, value] of Object.entries(contact.attributes)) values[`contact.${key}`] = formatContactAttributeValue(value);
  return values;
}

/**
 * A contact's attribute values as one jsonb object by key, for a query that has the contact's id in `contactId`. Read
 * with the row, so rules and answers see the values of the same moment as the rest of the conversation.
 */
export const contactAttributesSql = (contactId: string): string => `(
  SELECT COALESCE(jsonb_object_agg(a.key, COALESCE(to_jsonb(v.text_value), to_jsonb(v.number_value), to_jsonb(v.date_value::text), to_jsonb(v.boolean_value), to_jsonb(v.choice_value))), '{}'::jsonb)
  FROM contact_attribute_value v JOIN contact_attribute a ON a.id = v.attribute_id WHERE v.contact_id = ${contactId})`;
