import { PASSWORD_MIN_LENGTH } from '@backtalk/contracts';
import { EMPTY_PASSWORD_FORM, validatePasswordForm } from './password-form';

const strong = 'correct horse battery';

describe('validatePasswordForm', () => {
  it('accepts a new password that is long enough and confirmed', () => {
    expect(validatePasswordForm({ currentPassword: 'old password', newPassword: strong, confirmPassword: strong })).toEqual({});
  });

  it('asks for the current password and a long enough new one', () => {
    expect(validatePasswordForm(EMPTY_PASSWORD_FORM)).toEqual({
      currentPassword: 'Enter your current password.',
      newPassword: `Use at least ${PASSWORD_MIN_LENGTH} characters.`,
    });
  });

  it(`rejects a new password one character shorter than ${PASSWORD_MIN_LENGTH}`, () => {
    const short = 'x'.repeat(PASSWORD_MIN_LENGTH - 1);

    expect(validatePasswordForm({ currentPassword: 'old', newPassword: short, confirmPassword: short }).newPassword).toBeDefined();
  });

  it('refuses to "change" the password to the same one', () => {
    expect(validatePasswordForm({ currentPassword: strong, newPassword: strong, confirmPassword: strong }).newPassword).toMatch(/different/);
  });

  it('says when the confirmation does not match', () => {
    expect(validatePasswordForm({ currentPassword: 'old', newPassword: strong, confirmPassword: `${strong}!` })).toEqual({
      confirmPassword: "The passwords don't match.",
    });
  });
});
