import { PASSWORD_MIN_LENGTH } from '@backtalk/contracts';
import { translateAdmin as t } from '../../i18n';

export interface PasswordFormValues {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

export type PasswordFormErrors = Partial<Record<keyof PasswordFormValues, string>>;
export const PASSWORD_FORM_FIELDS: readonly (keyof PasswordFormValues)[] = ['currentPassword', 'newPassword', 'confirmPassword'];

export const EMPTY_PASSWORD_FORM: PasswordFormValues = { currentPassword: '', newPassword: '', confirmPassword: '' };

export function validatePasswordForm(values: PasswordFormValues): PasswordFormErrors {
  const errors: PasswordFormErrors = {};
  if (!values.currentPassword) errors.currentPassword = t('profile.password.currentRequired');
  if (values.newPassword.length < PASSWORD_MIN_LENGTH) errors.newPassword = t('shared.passwordTooShort', { min: PASSWORD_MIN_LENGTH });
  else if (values.newPassword === values.currentPassword) errors.newPassword = t('profile.password.sameAsCurrent');
  if (!errors.newPassword && values.confirmPassword !== values.newPassword) errors.confirmPassword = t('profile.password.mismatch');
  return errors;
}
