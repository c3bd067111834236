import { PASSWORD_MIN_LENGTH, ROLES, type TeamView, type UserView } from '@backtalk/contracts';
import { toFormErrors, useCreateUser, useSignedInUser, useToastActions, useUpdateUser } from '@backtalk/console/data-access';
import { Banner, Button, CheckboxGroup, Dialog, DialogFooter, ROLE_LABELS, SelectField, TextField } from '@backtalk/console/ui';
import type { FormEvent } from 'react';
import { useFormState } from '../shared';
import { emptyUserForm, toCreateUserRequest, toUpdateUserRequest, USER_FORM_FIELDS, userFormFrom, validateUserForm } from './user-form';

const ROLE_OPTIONS = ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }));

interface UserFormProps {
  /** null creates a new user. */
  user: UserView | null;
  teams: readonly TeamView[];
  onDone: () => void;
}

function UserForm({ user, teams, onDone }: UserFormProps) {
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
              toastShown('success', `${created.name} can now sign in.`);
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
              toastShown('success', `${updated.name} updated.`);
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
        label="Name"
        name="name"
        autoComplete="off"
        value={form.values.name}
        onChange={(e) => form.setField('name', e.target.value)}
        error={error('name')}
      />
      {user ? (
        <TextField label="Email" name="email" value={user.email} readOnly hint="Email addresses can't be changed." />
      ) : (
        <TextField
          label="Email"
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
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          value={form.values.password}
          onChange={(e) => form.setField('password', e.target.value)}
          error={error('password')}
          hint={`At least ${PASSWORD_MIN_LENGTH} characters. Share it with them privately; they can change it under My profile.`}
        />
      )}
      <SelectField
        label="Role"
        name="role"
        options={ROLE_OPTIONS}
        value={form.values.role}
        onChange={(role) => form.setField('role', role)}
        disabled={editingSelf}
        error={error('role')}
        hint={editingSelf ? "You can't change your own role." : 'Admins manage everything; supervisors manage their teams; agents answer conversations.'}
      />
      <CheckboxGroup
        legend="Teams"
        options={teams.map((team) => ({ value: team.id, label: team.name }))}
        value={form.values.teamIds}
        onChange={(teamIds) => form.setField('teamIds', teamIds)}
        error={error('teamIds')}
        emptyText="There are no teams yet. Create one under Teams, then add people to it."
      />
      <DialogFooter>
        <Button onClick={onDone}>Cancel</Button>
        <Button type="submit" variant="primary" pending={mutation.isPending}>
          {user ? 'Save' : 'Create user'}
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
  const user = target === 'new' ? null : target;
  return (
    <Dialog open={target !== null} onClose={onClose} title={user ? `Edit ${user.name}` : 'Create user'}>
      {target !== null ? <UserForm user={user} teams={teams} onDone={onClose} /> : null}
    </Dialog>
  );
}
