import { ErrorCode, PASSWORD_MIN_LENGTH } from '@backtalk/contracts';
import { isApiError, toFormErrors, useChangePassword, useMyTeams, useSignedInUser, useToastActions } from '@backtalk/console/data-access';
import { Banner, Button, DetailList, PageHeader, Panel, RoleBadge, TextField } from '@backtalk/console/ui';
import { useTranslation } from '@backtalk/console/i18n';
import type { FormEvent } from 'react';
import { useFormState } from '../shared';
import { AgentRoutingPanel } from './AgentRoutingPanel';
import { InboxPreferencesPanel } from './InboxPreferencesPanel';
import { LanguagePanel } from './LanguagePanel';
import { EMPTY_PASSWORD_FORM, PASSWORD_FORM_FIELDS, validatePasswordForm } from './password-form';

function ChangePasswordForm() {
  const { t } = useTranslation('admin');
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
            toastShown('success', t('profile.password.changed'));
          },
        },
      ),
    );
  };

  return (
    <form className="bt-form bt-narrow" onSubmit={submit} noValidate>
      {server.form && !wrongCurrent ? <Banner tone="danger">{server.form}</Banner> : null}
      <TextField
        label={t('profile.password.current')}
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        value={form.values.currentPassword}
        onChange={(e) => form.setField('currentPassword', e.target.value)}
        error={form.errors.currentPassword ?? (wrongCurrent ? t('profile.password.wrongCurrent') : server.fields['currentPassword'])}
      />
      <TextField
        label={t('profile.password.new')}
        name="newPassword"
        type="password"
        autoComplete="new-password"
        value={form.values.newPassword}
        onChange={(e) => form.setField('newPassword', e.target.value)}
        error={form.errors.newPassword ?? server.fields['newPassword']}
        hint={t('profile.password.newHint', { min: PASSWORD_MIN_LENGTH })}
      />
      <TextField
        label={t('profile.password.confirm')}
        name="confirmPassword"
        type="password"
        autoComplete="new-password"
        value={form.values.confirmPassword}
        onChange={(e) => form.setField('confirmPassword', e.target.value)}
        error={form.errors.confirmPassword}
      />
      <div>
        <Button type="submit" variant="primary" pending={change.isPending}>
          {t('profile.password.title')}
        </Button>
      </div>
    </form>
  );
}

export function ProfilePage() {
  const { t } = useTranslation('admin');
  const user = useSignedInUser();
  const { data: teams } = useMyTeams();
  return (
    <>
      <PageHeader title={t('profile.title')} description={t('profile.description')} />
      <Panel title={t('profile.account.title')}>
        <DetailList
          items={[
            { label: t('profile.account.name'), value: <span translate="no">{user.name}</span> },
            { label: t('profile.account.email'), value: <span translate="no">{user.email}</span> },
            { label: t('profile.account.role'), value: <RoleBadge role={user.role} /> },
            {
              label: t('profile.account.teams'),
              value: !teams ? '…' : teams.length > 0 ? <span translate="no">{teams.map((team) => team.name).join(', ')}</span> : t('profile.account.noTeams'),
            },
          ]}
        />
      </Panel>
      <LanguagePanel />
      <AgentRoutingPanel />
      <InboxPreferencesPanel />
      <Panel title={t('profile.password.title')} description={t('profile.password.description')}>
        <ChangePasswordForm />
      </Panel>
    </>
  );
}
