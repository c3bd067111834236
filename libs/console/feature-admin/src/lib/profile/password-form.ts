import { PASSWORD_MIN_LENGTH } from '@backtalk/contracts';

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
  if (!values.currentPassword) errors.currentPassword = 'Enter your current password.';
  if (values.newPassword.length < PASSWORD_MIN_LENGTH) errors.newPassword = `Use at least ${PASSWORD_MIN_LENGTH} characters.`;
  else if (values.newPassword === values.currentPassword) errors.newPassword = 'Choose a password different from the current one.';
  if (!errors.newPassword && values.confirmPassword !== values.newPassword) errors.confirmPassword = "The passwords don't match.";
  return errors;
}
