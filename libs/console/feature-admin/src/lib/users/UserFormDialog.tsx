import { PASSWORD_MIN_LENGTH, ROLES, type TeamView, type UserView } from '@backtalk/contracts';
import { toFormErrors, useCreateUser, useSignedInUser, useToastActions, useUpdateUser } from '@backtalk/console/data-access';
import { Banner, Button, CheckboxGroup, Dialog, DialogFooter, ROLE_LABELS, SelectField, TextField } from '@backtalk/console/ui';
import { useTranslation } from '@backtalk/console/i18n';
import type { FormEvent } from 'react';
import { useFormState } from '../shared';
import { emptyUserForm, toCreateUserRequest, toUpdateUserRequest, USER_FORM_FIELDS, userFormFrom, validateUserForm } from './user-form';


interface UserFormProps {
  /** null creates a new user. */
  user: UserView | null;
  teams: readonly TeamView[];
  onDone: () => void;
}

function UserForm({ user, teams, onDone }: UserFormProps) {
  const { t } = useTranslation('admin');
  const me = useSignedInUser();
  const mode = user ? 'edit' : 'create';
  const form = useFormState(() => (user ? userFormFrom(user) : emptyUserForm()));
  const create = useCreateUser();
  const update = useUpdateUser();
  const { toastShown } = useToastActions();
  const mutation = user ? update : create;
  const server = toFormErrors(mutation.error, USER_FORM_FIELDS);
  const editingSelf = user?.id === me.id;
  const error = (field: (typeof USER_FORM_FIELDS)[number]) => form.errors[field] ?? server.fields[field];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    form.submitWith(
      (values) => validateUserForm(values, mode),
      (values) => {
        if (!user) {
          create.mutate(toCreateUserRequest(values), {
            onSuccess: (created) => {
              toastShown('success', t('users.form.created', { name: created.name }));
              onDone();
            },
          });
          return;
        }
        const changes = toUpdateUserRequest(user, values);
        if (Object.keys(changes).length === 0) return onDone();
        update.mutate(
          { id: user.id, changes },
          {
            onSuccess: (updated) => {
              toastShown('success', t('users.form.updated', { name: updated.name }));
              onDone();
            },
          },
        );
      },
    );
  };

  return (
    <form className="bt-form" onSubmit={submit} noValidate>
      {server.form ? <Banner tone="danger">{server.form}</Banner> : null}
      <TextField
        label={t('users.form.name')}
        name="name"
        autoComplete="off"
        value={form.values.name}
        onChange={(e) => form.setField('name', e.target.value)}
        error={error('name')}
      />
      {user ? (
        <TextField label={t('users.form.email')} name="email" value={user.email} readOnly hint={t('users.form.emailFixed')} />
      ) : (
        <TextField
          label={t('users.form.email')}
          name="email"
          type="email"
          autoComplete="off"
          value={form.values.email}
          onChange={(e) => form.setField('email', e.target.value)}
          error={error('email')}
        />
      )}
      {user ? null : (
        <TextField
          label={t('users.form.password')}
          name="password"
          type="password"
          autoComplete="new-password"
          value={form.values.password}
          onChange={(e) => form.setField('password', e.target.value)}
          error={error('password')}
          hint={t('users.form.passwordHint', { min: PASSWORD_MIN_LENGTH })}
        />
      )}
      <SelectField
        label={t('users.form.role')}
        name="role"
        options={ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }))}
        value={form.values.role}
        onChange={(role) => form.setField('role', role)}
        disabled={editingSelf}
        error={error('role')}
        hint={editingSelf ? t('users.form.ownRole') : t('users.form.roleHint')}
      />
      <CheckboxGroup
        legend={t('users.form.teams')}
        options={teams.map((team) => ({ value: team.id, label: team.name }))}
        value={form.values.teamIds}
        onChange={(teamIds) => form.setField('teamIds', teamIds)}
        error={error('teamIds')}
        emptyText={t('users.form.noTeams')}
      />
      <DialogFooter>
        <Button onClick={onDone}>{t('shared.cancel')}</Button>
        <Button type="submit" variant="primary" pending={mutation.isPending}>
          {user ? t('shared.save') : t('users.create')}
        </Button>
      </DialogFooter>
    </form>
  );
}

export interface UserFormDialogProps {
  /** 'new' to create, a user to edit, null when closed. */
  target: UserView | 'new' | null;
  teams: readonly TeamView[];
  onClose: () => void;
}

export function UserFormDialog({ target, teams, onClose }: UserFormDialogProps) {
  const { t } = useTranslation('admin');
  const user = target === 'new' ? null : target;
  return (
    <Dialog open={target !== null} onClose={onClose} title={user ? t('shared.editNamed', { name: user.name }) : t('users.create')}>
      {target !== null ? <UserForm user={user} teams={teams} onDone={onClose} /> : null}
    </Dialog>
  );
}
