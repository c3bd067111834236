import { LABEL_DESCRIPTION_MAX, LABEL_NAME_MAX, type CreateLabelRequest, type LabelColor, type LabelView, type UpdateLabelRequest } from '@backtalk/contracts';
import { translatorFor } from '@backtalk/console/i18n';

const t = translatorFor('labels');

export interface LabelFormValues {
  name: string;
  color: LabelColor;
  description: string;
  /** '' for every team (global). Chosen when the label is made; a label keeps its scope. */
  teamId: string;
}

export type LabelFormField = 'name' | 'color' | 'description' | 'teamId';
export type LabelFormErrors = Partial<Record<LabelFormField, string>>;
export const LABEL_FORM_FIELDS: readonly LabelFormField[] = ['name', 'color', 'description', 'teamId'];

const cleanName = (name: string) => name.trim().replace(/\s+/g, ' ');

/** A new label starts in the first scope the person may manage: every team for admins, their team for supervisors. */
export function emptyLabelForm(teamId = ''): LabelFormValues {
  return { name: '', color: 'blue', description: '', teamId };
}

export function labelFormFrom(label: LabelView): LabelFormValues {
  return { name: label.name, color: label.color, description: label.description ?? '', teamId: label.teamId ?? '' };
}

/** The same limits as the API, and a name that another label of the scope already has (names ignore case there). */
export function validateLabelForm(values: LabelFormValues, others: readonly LabelView[]): LabelFormErrors {
  const errors: LabelFormErrors = {};
  const name = cleanName(values.name);
  if (!name) errors.name = t('form.nameMissing');
  else if (name.length > LABEL_NAME_MAX) errors.name = t('form.tooLong', { max: LABEL_NAME_MAX });
  else if (others.some((label) => (label.teamId ?? '') === values.teamId && label.name.toLowerCase() === name.toLowerCase())) {
    errors.name = values.teamId ? t('form.nameTakenInTeam') : t('form.nameTakenEverywhere');
  }
  if (values.description.trim().length > LABEL_DESCRIPTION_MAX) errors.description = t('form.tooLong', { max: LABEL_DESCRIPTION_MAX });
  return errors;
}

export function toCreateLabelRequest(values: LabelFormValues): CreateLabelRequest {
  return { name: cleanName(values.name), color: values.color, description: values.description.trim() || null, teamId: values.teamId || null };
}

/** Only what changed, so an edit cannot overwrite a colleague's change to another field. */
export function toUpdateLabelRequest(original: LabelView, values: LabelFormValues): UpdateLabelRequest {
  const changes: UpdateLabelRequest = {};
  const name = cleanName(values.name);
  const description = values.description.trim() || null;
  if (name !== original.name) changes.name = name;
  if (values.color !== original.color) changes.color = values.color;
  if (description !== original.description) changes.description = description;
  return changes;
}
