import { ErrorCode, PASSWORD_MIN_LENGTH } from '@backtalk/contracts';
import { isApiError, toFormErrors, useChangePassword, useMyTeams, useSignedInUser, useToastActions } from '@backtalk/console/data-access';
import { Banner, Button, DetailList, PageHeader, Panel, RoleBadge, TextField } from '@backtalk/console/ui';
import type { FormEvent } from 'react';
import { useFormState } from '../shared';
import { AgentRoutingPanel } from './AgentRoutingPanel';
import { InboxPreferencesPanel } from './InboxPreferencesPanel';
import { LanguagePanel } from './LanguagePanel';
import { EMPTY_PASSWORD_FORM, PASSWORD_FORM_FIELDS, validatePasswordForm } from './password-form';

function ChangePasswordForm() {
  const form = useFormState(() => EMPTY_PASSWORD_FORM);
  const change = useChangePassword();
  const { toastShown } = useToastActions();
  const server = toFormErrors(change.error, PASSWORD_FORM_FIELDS);
  // A wrong current password is the user's typo, not a failed session: say so next to the field.
  const wrongCurrent = isApiError(change.error) && change.error.code === ErrorCode.InvalidCredentials;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    form.submitWith(validatePasswordForm, ({ currentPassword, newPassword }) =>
      change.mutate(
        { currentPassword, newPassword },
        {
          onSuccess: () => {
            form.setValues(EMPTY_PASSWORD_FORM);
            change.reset();
            toastShown('success', 'Password changed. Your other sessions were signed out.');
          },
        },
      ),
    );
  };

  return (
    <form className="bt-form bt-narrow" onSubmit={submit} noValidate>
      {server.form && !wrongCurrent ? <Banner tone="danger">{server.form}</Banner> : null}
      <TextField
        label="Current password"
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        value={form.values.currentPassword}
        onChange={(e) => form.setField('currentPassword', e.target.value)}
        error={form.errors.currentPassword ?? (wrongCurrent ? 'That is not your current password.' : server.fields['currentPassword'])}
      />
      <TextField
        label="New password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        value={form.values.newPassword}
        onChange={(e) => form.setField('newPassword', e.target.value)}
        error={form.errors.newPassword ?? server.fields['newPassword']}
        hint={`At least ${PASSWORD_MIN_LENGTH} characters. A few unrelated words make a strong one.`}
      />
      <TextField
        label="Confirm password"
        name="confirmPassword"
        type="password"
        autoComplete="new-password"
        value={form.values.confirmPassword}
        onChange={(e) => form.setField('confirmPassword', e.target.value)}
        error={form.errors.confirmPassword}
      />
      <div>
        <Button type="submit" variant="primary" pending={change.isPending}>
          Change password
        </Button>
      </div>
    </form>
  );
}

export function ProfilePage() {
  const user = useSignedInUser();
  const { data: teams } = useMyTeams();
  return (
    <>
      <PageHeader title="My profile" description="Ask an admin if your name or email needs to change." />
      <Panel title="Account">
        <DetailList
          items={[
            { label: 'Name', value: user.name },
            { label: 'Email', value: user.email },
            { label: 'Role', value: <RoleBadge role={user.role} /> },
            { label: 'Teams', value: teams ? teams.map((team) => team.name).join(', ') || 'None yet' : '…' },
          ]}
        />
      </Panel>
      <LanguagePanel />
      <AgentRoutingPanel />
      <InboxPreferencesPanel />
      <Panel title="Change password" description="Changing it signs you out everywhere else.">
        <ChangePasswordForm />
      </Panel>
    </>
  );
}
