import { PASSWORD_MIN_LENGTH, Role, type CreateUserRequest, type UpdateUserRequest, type UserView } from '@backtalk/contracts';
import { sameIds } from '../directory';
import { translateAdmin as t } from '../../i18n';

export interface UserFormValues {
  name: string;
  email: string;
  password: string;
  role: Role;
  teamIds: string[];
}

export type UserFormField = 'name' | 'email' | 'password' | 'role' | 'teamIds';
export type UserFormErrors = Partial<Record<UserFormField, string>>;

export const USER_FORM_FIELDS: readonly UserFormField[] = ['name', 'email', 'password', 'role', 'teamIds'];

// Deliberately loose: the API has the final say; this only catches typos before a round trip.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function emptyUserForm(): UserFormValues {
  return { name: '', email: '', password: '', role: Role.Agent, teamIds: [] };
}

export function userFormFrom(user: UserView): UserFormValues {
  return { name: user.name, email: user.email, password: '', role: user.role, teamIds: [...user.teamIds] };
}

/** Email and password are set at creation only; editing leaves them alone. */
export function validateUserForm(values: UserFormValues, mode: 'create' | 'edit'): UserFormErrors {
  const errors: UserFormErrors = {};
  if (!values.name.trim()) errors.name = t('users.form.nameRequired');
  if (mode === 'create') {
    if (!values.email.trim()) errors.email = t('users.form.emailRequired');
    else if (!EMAIL.test(values.email.trim())) errors.email = t('users.form.emailInvalid');
    if (values.password.length < PASSWORD_MIN_LENGTH) errors.password = t('shared.passwordTooShort', { min: PASSWORD_MIN_LENGTH });
  }
  return errors;
}

export function toCreateUserRequest(values: UserFormValues): CreateUserRequest {
  return {
    name: values.name.trim(),
    email: values.email.trim(),
    password: values.password,
    role: values.role,
    teamIds: values.teamIds,
  };
}

/** Only what changed, so an edit cannot overwrite a concurrent change to another field. */
export function toUpdateUserRequest(original: UserView, values: UserFormValues): UpdateUserRequest {
  const changes: UpdateUserRequest = {};
  const name = values.name.trim();
  if (name !== original.name) changes.name = name;
  if (values.role !== original.role) changes.role = values.role;
  if (!sameIds(values.teamIds, original.teamIds)) changes.teamIds = values.teamIds;
  return changes;
}
