import type { CreateTeamRequest, TeamView, UpdateTeamRequest } from '@backtalk/contracts';
import { sameIds } from '../directory';
import { translateAdmin as t } from '../../i18n';

export interface TeamFormValues {
  name: string;
  description: string;
  memberIds: string[];
}

export type TeamFormField = 'name' | 'description' | 'memberIds';
export type TeamFormErrors = Partial<Record<TeamFormField, string>>;
export const TEAM_FORM_FIELDS: readonly TeamFormField[] = ['name', 'description', 'memberIds'];

export function emptyTeamForm(): TeamFormValues {
  return { name: '', description: '', memberIds: [] };
}

export function teamFormFrom(team: TeamView): TeamFormValues {
  return { name: team.name, description: team.description, memberIds: [...team.memberIds] };
}

export function validateTeamForm(values: TeamFormValues): TeamFormErrors {
  return values.name.trim() ? {} : { name: t('teams.form.nameRequired') };
}

export function toCreateTeamRequest(values: TeamFormValues): CreateTeamRequest {
  return { name: values.name.trim(), description: values.description.trim(), memberIds: values.memberIds };
}

/** Only what changed, so an edit cannot overwrite a concurrent change to another field. */
export function toUpdateTeamRequest(original: TeamView, values: TeamFormValues): UpdateTeamRequest {
  const changes: UpdateTeamRequest = {};
  const name = values.name.trim();
  const description = values.description.trim();
  if (name !== original.name) changes.name = name;
  if (description !== original.description) changes.description = description;
  if (!sameIds(values.memberIds, original.memberIds)) changes.memberIds = values.memberIds;
  return changes;
}
