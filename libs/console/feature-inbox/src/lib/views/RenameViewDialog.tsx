import { SAVED_VIEW_NAME_MAX, type SavedViewView } from '@backtalk/contracts';
import { describeError, useUpdateSavedView } from '@backtalk/console/data-access';
import { useTranslation } from '@backtalk/console/i18n';
import { Button, Dialog, DialogFooter, TextField } from '@backtalk/console/ui';
import { useState, type FormEvent } from 'react';

function RenameViewForm({ view, onClose }: { view: SavedViewView; onClose: () => void }) {
  const update = useUpdateSavedView();
  const { t } = useTranslation('inbox');
  const [name, setName] = useState(view.name);
  const trimmed = name.trim();
  // A refused name (taken, too long) is said at the field, where it is being fixed.
  const error = update.error ? describeError(update.error) : undefined;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (trimmed === view.name) {
      onClose();
      return;
    }
    update.mutate({ id: view.id, changes: { name: trimmed } }, { onSuccess: onClose });
  };

  return (
    <form onSubmit={submit}>
      <TextField label={t('list.savedViews.name')} value={name} maxLength={SAVED_VIEW_NAME_MAX} required autoFocus onFocus={(event) => event.target.select()} onChange={(event) => setName(event.target.value)} error={error} />
      <DialogFooter>
        <Button onClick={onClose}>{t('list.savedViews.cancel')}</Button>
        <Button type="submit" variant="primary" pending={update.isPending} disabled={!trimmed}>
          {t('list.savedViews.renameSubmit')}
        </Button>
      </DialogFooter>
    </form>
  );
}

/** Renames a saved view in place; a shared view's new name shows in everyone's sidebar. */
export function RenameViewDialog({ view, onClose }: { view: SavedViewView | null; onClose: () => void }) {
  const { t } = useTranslation('inbox');
  return (
    <Dialog open={view !== null} onClose={onClose} title={t('list.savedViews.renameTitle')} size="sm" description={view?.teamId ? t('list.savedViews.renameShared') : undefined}>
      {view ? <RenameViewForm view={view} onClose={onClose} /> : null}
    </Dialog>
  );
}
