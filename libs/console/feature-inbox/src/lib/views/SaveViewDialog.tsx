import { Role, SAVED_VIEW_NAME_MAX } from '@backtalk/contracts';
import { describeError, toSavedViewFilters, useCreateSavedView, useSignedInUser, useTeams, useToastActions, type InboxFilter } from '@backtalk/console/data-access';
import { Button, Dialog, DialogFooter, SelectField, TextField } from '@backtalk/console/ui';
import { useState, type FormEvent } from 'react';

/** Saves what the list shows now under a name: private, or shared with a team its supervisors and admins run. */
function SaveViewForm({ filter, onClose }: { filter: InboxFilter; onClose: () => void }) {
  const user = useSignedInUser();
  const { data: teams = [] } = useTeams();
  const create = useCreateSavedView();
  const { toastShown } = useToastActions();
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
          toastShown('success', `Saved “${view.name}” in the sidebar.`);
          onClose();
        },
      },
    );
  };

  return (
    <form onSubmit={submit}>
      <TextField label="Name" value={name} maxLength={SAVED_VIEW_NAME_MAX} required autoFocus onChange={(event) => setName(event.target.value)} error={error} />
      {shareable.length > 0 ? (
        <SelectField
          label="Who sees it"
          value={share}
          onChange={setShare}
          options={[{ value: 'private', label: 'Only me' }, ...shareable.map((team) => ({ value: team.id, label: `Everyone in ${team.name}` }))]}
        />
      ) : null}
      <DialogFooter>
        <Button onClick={onClose}>Cancel</Button>
        <Button type="submit" variant="primary" pending={create.isPending} disabled={!name.trim()}>
          Save view
        </Button>
      </DialogFooter>
    </form>
  );
}

export function SaveViewButton({ filter }: { filter: InboxFilter }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button size="sm" variant="ghost" icon="star" onClick={() => setOpen(true)} title="Save these filters as a view in the sidebar" aria-label="Save view" />
      <Dialog open={open} onClose={() => setOpen(false)} title="Save view" description="The sidebar keeps these filters under a name, with how many conversations they show.">
        <SaveViewForm filter={filter} onClose={() => setOpen(false)} />
      </Dialog>
    </>
  );
}
