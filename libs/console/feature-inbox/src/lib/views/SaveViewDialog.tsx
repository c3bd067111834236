import { Role, SAVED_VIEW_NAME_MAX } from '@backtalk/contracts';
import { describeError, toSavedViewFilters, useCreateSavedView, useSignedInUser, useTeams, useToastActions, type InboxFilter } from '@backtalk/console/data-access';
import { useTranslation } from '@backtalk/console/i18n';
import { Button, Dialog, DialogFooter, SelectField, TextField } from '@backtalk/console/ui';
import { useState, type FormEvent } from 'react';

/** Saves what the list shows now under a name: private, or shared with a team its supervisors and admins run. */
function SaveViewForm({ filter, onClose }: { filter: InboxFilter; onClose: () => void }) {
  const user = useSignedInUser();
  const { data: teams = [] } = useTeams();
  const create = useCreateSavedView();
  const { toastShown } = useToastActions();
  const { t } = useTranslation('inbox');
  const [name, setName] = useState('');
  const [share, setShare] = useState('private');
  // The API's rule: admins share with any team, supervisors with the teams they belong to.
  const shareable = user.role === Role.Admin ? teams : user.role === Role.Supervisor ? teams.filter((team) => team.memberIds.includes(user.id)) : [];
  const error = create.error ? describeError(create.error) : undefined;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      { name: name.trim(), filters: toSavedViewFilters(filter), teamId: share === 'private' ? null : share },
      {
        onSuccess: (view) => {
          toastShown('success', t('list.savedViews.saved', { name: view.name }));
          onClose();
        },
      },
    );
  };

  return (
    <form onSubmit={submit}>
      <TextField label={t('list.savedViews.name')} value={name} maxLength={SAVED_VIEW_NAME_MAX} required autoFocus onChange={(event) => setName(event.target.value)} error={error} />
      {shareable.length > 0 ? (
        <SelectField
          label={t('list.savedViews.whoSees')}
          value={share}
          onChange={setShare}
          options={[{ value: 'private', label: t('list.savedViews.onlyMe') }, ...shareable.map((team) => ({ value: team.id, label: t('list.savedViews.everyoneIn', { team: team.name }), isData: true }))]}
        />
      ) : null}
      <DialogFooter>
        <Button onClick={onClose}>{t('list.savedViews.cancel')}</Button>
        <Button type="submit" variant="primary" pending={create.isPending} disabled={!name.trim()}>
          {t('list.savedViews.save')}
        </Button>
      </DialogFooter>
    </form>
  );
}

export function SaveViewButton({ filter }: { filter: InboxFilter }) {
  const [open, setOpen] = useState(false);
  const { t } = useTranslation('inbox');
  return (
    <>
      <Button size="sm" variant="ghost" icon="star" onClick={() => setOpen(true)} title={t('list.savedViews.saveButtonTitle')} aria-label={t('list.savedViews.save')} />
      <Dialog open={open} onClose={() => setOpen(false)} title={t('list.savedViews.save')} description={t('list.savedViews.saveDescription')}>
        <SaveViewForm filter={filter} onClose={() => setOpen(false)} />
      </Dialog>
    </>
  );
}
