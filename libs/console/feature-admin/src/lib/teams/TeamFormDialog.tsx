import type { TeamView, UserView } from '@backtalk/contracts';
import { toFormErrors, useCreateTeam, useToastActions, useUpdateTeam } from '@backtalk/console/data-access';
import { Banner, Button, CheckboxGroup, Dialog, DialogFooter, TextAreaField, TextField } from '@backtalk/console/ui';
import type { FormEvent } from 'react';
import { memberCandidates } from '../directory';
import { useFormState } from '../shared';
import { emptyTeamForm, TEAM_FORM_FIELDS, teamFormFrom, toCreateTeamRequest, toUpdateTeamRequest, validateTeamForm } from './team-form';

interface TeamFormProps {
  team: TeamView | null;
  users: readonly UserView[];
  /** Supervisors only see their teams' members, so they can only regroup people they already lead. */
  membersHint?: string;
  onDone: () => void;
}

function TeamForm({ team, users, membersHint, onDone }: TeamFormProps) {
  const form = useFormState(() => (team ? teamFormFrom(team) : emptyTeamForm()));
  const create = useCreateTeam();
  const update = useUpdateTeam();
  const { toastShown } = useToastActions();
  const mutation = team ? update : create;
  const server = toFormErrors(mutation.error, TEAM_FORM_FIELDS);
  const error = (field: (typeof TEAM_FORM_FIELDS)[number]) => form.errors[field] ?? server.fields[field];
  const candidates = memberCandidates(users, team?.memberIds ?? []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    form.submitWith(validateTeamForm, (values) => {
      if (!team) {
        create.mutate(toCreateTeamRequest(values), {
          onSuccess: (created) => {
            toastShown('success', `Team ${created.name} created.`);
            onDone();
          },
        });
        return;
      }
      const changes = toUpdateTeamRequest(team, values);
      if (Object.keys(changes).length === 0) return onDone();
      update.mutate(
        { id: team.id, changes },
        {
          onSuccess: (updated) => {
            toastShown('success', `Team ${updated.name} saved.`);
            onDone();
          },
        },
      );
    });
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
      <TextAreaField
        label="Description"
        name="description"
        rows={2}
        value={form.values.description}
        onChange={(e) => form.setField('description', e.target.value)}
        error={error('description')}
        hint="Optional. What this team handles, e.g. “Billing questions from EU customers”."
      />
      <CheckboxGroup
        legend="Members"
        options={candidates.map((user) => ({
          value: user.id,
          label: user.name,
          description: user.active ? user.email : `${user.email} · deactivated`,
        }))}
        value={form.values.memberIds}
        onChange={(memberIds) => form.setField('memberIds', memberIds)}
        error={error('memberIds')}
        hint={membersHint}
        emptyText="There is nobody to add yet."
      />
      <DialogFooter>
        <Button onClick={onDone}>Cancel</Button>
        <Button type="submit" variant="primary" pending={mutation.isPending}>
          {team ? 'Save' : 'Create team'}
        </Button>
      </DialogFooter>
    </form>
  );
}

export interface TeamFormDialogProps {
  target: TeamView | 'new' | null;
  users: readonly UserView[];
  membersHint?: string;
  onClose: () => void;
}

export function TeamFormDialog({ target, users, membersHint, onClose }: TeamFormDialogProps) {
  const team = target === 'new' ? null : target;
  return (
    <Dialog open={target !== null} onClose={onClose} title={team ? `Edit ${team.name}` : 'Create team'}>
      {target !== null ? <TeamForm team={team} users={users} membersHint={membersHint} onDone={onClose} /> : null}
    </Dialog>
  );
}
