import type { TeamView, UserView } from '@backtalk/contracts';
import { toFormErrors, useCreateTeam, useToastActions, useUpdateTeam } from '@backtalk/console/data-access';
import { Banner, Button, CheckboxGroup, Dialog, DialogFooter, TextAreaField, TextField } from '@backtalk/console/ui';
import { useTranslation } from '@backtalk/console/i18n';
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
  const { t } = useTranslation('admin');
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
            toastShown('success', t('teams.form.created', { name: created.name }));
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
            toastShown('success', t('teams.form.saved', { name: updated.name }));
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
        label={t('teams.form.name')}
        name="name"
        autoComplete="off"
        value={form.values.name}
        onChange={(e) => form.setField('name', e.target.value)}
        error={error('name')}
      />
      <TextAreaField
        label={t('teams.form.description')}
        name="description"
        rows={2}
        value={form.values.description}
        onChange={(e) => form.setField('description', e.target.value)}
        error={error('description')}
        hint={t('teams.form.descriptionHint')}
      />
      <CheckboxGroup
        legend={t('teams.form.members')}
        options={candidates.map((user) => ({
          value: user.id,
          label: user.name,
          description: user.active ? user.email : t('teams.form.deactivatedMember', { email: user.email }),
        }))}
        value={form.values.memberIds}
        onChange={(memberIds) => form.setField('memberIds', memberIds)}
        error={error('memberIds')}
        hint={membersHint}
        emptyText={t('teams.form.nobodyToAdd')}
      />
      <DialogFooter>
        <Button onClick={onDone}>{t('shared.cancel')}</Button>
        <Button type="submit" variant="primary" pending={mutation.isPending}>
          {team ? t('shared.save') : t('teams.create')}
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
  const { t } = useTranslation('admin');
  const team = target === 'new' ? null : target;
  return (
    <Dialog open={target !== null} onClose={onClose} title={team ? t('shared.editNamed', { name: team.name }) : t('teams.create')}>
      {target !== null ? <TeamForm team={team} users={users} membersHint={membersHint} onDone={onClose} /> : null}
    </Dialog>
  );
}
