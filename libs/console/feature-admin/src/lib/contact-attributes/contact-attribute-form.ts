import {
  CONTACT_ATTRIBUTE_CHOICE_MAX,
  CONTACT_ATTRIBUTE_CHOICES_MAX,
  CONTACT_ATTRIBUTE_KEY_PATTERN,
  type ContactAttributeType,
  type ContactAttributeView,
  type CreateContactAttributeRequest,
  RESERVED_CONTACT_ATTRIBUTE_KEYS,
  type UpdateContactAttributeRequest,
} from '@backtalk/contracts';
import { translateAdmin as t } from '../../i18n';

export interface ContactAttributeForm {
  label: string;
  key: string;
  /** False until the key is typed: until then it follows the label. */
  keyEdited: boolean;
  type: ContactAttributeType;
  /** One choice a line. */
  choices: string;
}

export const CONTACT_ATTRIBUTE_FORM_FIELDS = ['label', 'key', 'type', 'choices'] as const;
export type ContactAttributeFormErrors = Partial<Record<(typeof CONTACT_ATTRIBUTE_FORM_FIELDS)[number], string>>;

export const emptyContactAttributeForm = (): ContactAttributeForm => ({ label: '', key: '', keyEdited: false, type: 'text', choices: '' });

export const contactAttributeFormFrom = (attribute: ContactAttributeView): ContactAttributeForm => ({
  label: attribute.label,
  key: attribute.key,
  keyEdited: true,
  type: attribute.type,
  choices: attribute.choices.join('\n'),
});

/** The key a label suggests: "Order ID" → order_id, accents dropped, at most 40 characters. */
export function keyFromLabel(label: string): string {
  const words = label
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  const key = /^[a-z]/.test(words) ? words : words ? `field_${words}` : '';
  return key.slice(0, 40).replace(/_+$/, '');
}

export const choicesOf = (text: string): string[] => [...new Set(text.split('\n').map((line) => line.trim().replace(/\s+/g, ' ')).filter(Boolean))];

export function validateContactAttributeForm(form: ContactAttributeForm, others: readonly ContactAttributeView[], isNew: boolean): ContactAttributeFormErrors {
  const errors: ContactAttributeFormErrors = {};
  if (!form.label.trim()) errors.label = t('contactAttributes.form.labelRequired');
  if (isNew) {
    if (!CONTACT_ATTRIBUTE_KEY_PATTERN.test(form.key)) errors.key = t('contactAttributes.form.keyInvalid');
    else if ((RESERVED_CONTACT_ATTRIBUTE_KEYS as readonly string[]).includes(form.key)) errors.key = t('contactAttributes.form.keyReserved', { key: form.key });
    else if (others.some((other) => other.key === form.key)) errors.key = t('contactAttributes.form.keyTaken', { key: form.key, label: others.find((other) => other.key === form.key)?.label });
  }
  if (form.type === 'list') {
    const choices = choicesOf(form.choices);
    if (choices.length === 0) errors.choices = t('contactAttributes.form.choicesRequired');
    else if (choices.length > CONTACT_ATTRIBUTE_CHOICES_MAX) errors.choices = t('contactAttributes.form.tooManyChoices', { max: CONTACT_ATTRIBUTE_CHOICES_MAX });
    else if (choices.some((choice) => choice.length > CONTACT_ATTRIBUTE_CHOICE_MAX)) errors.choices = t('contactAttributes.form.choiceTooLong', { max: CONTACT_ATTRIBUTE_CHOICE_MAX });
  }
  return errors;
}

export const toCreateContactAttributeRequest = (form: ContactAttributeForm): CreateContactAttributeRequest => ({
  key: form.key,
  label: form.label.trim(),
  type: form.type,
  ...(form.type === 'list' ? { choices: choicesOf(form.choices) } : {}),
});

/** Only what changed; the key and type stay as made. */
export function toUpdateContactAttributeRequest(attribute: ContactAttributeView, form: ContactAttributeForm): UpdateContactAttributeRequest {
  const changes: UpdateContactAttributeRequest = {};
  if (form.label.trim() !== attribute.label) changes.label = form.label.trim();
  const choices = choicesOf(form.choices);
  if (attribute.type === 'list' && choices.join('\n') !== attribute.choices.join('\n')) changes.choices = choices;
  return changes;
}
