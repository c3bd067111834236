import { Button, Dialog, DialogFooter, TextField } from '@backtalk/console/ui';
import { useTranslation } from '@backtalk/console/i18n';
import { useState } from 'react';
import { parseFutureDateTime, toDateTimeLocal } from './snooze-presets';

export interface DateTimeDialogProps {
  open: boolean;
  title: string;
  description?: string;
  confirmLabel: string;
  pending?: boolean;
  error?: string | null;
  onConfirm: (at: Date) => void;
  onClose: () => void;
}

/** Picks a moment in the future, in the agent's local time: a custom snooze or a scheduled send. */
export function DateTimeDialog({ open, title, description, confirmLabel, pending, error, onConfirm, onClose }: DateTimeDialogProps) {
  return (
    <Dialog open={open} onClose={onClose} title={title} description={description} size="sm">
      <DateTimeForm confirmLabel={confirmLabel} pending={pending} error={error} onConfirm={onConfirm} onClose={onClose} />
    </Dialog>
  );
}

function DateTimeForm({ confirmLabel, pending, error, onConfirm, onClose }: Omit<DateTimeDialogProps, 'open' | 'title' | 'description'>) {
  const [value, setValue] = useState(() => toDateTimeLocal(new Date(Date.now() + 24 * 3_600_000)));
  const [invalid, setInvalid] = useState<string | null>(null);
  const { t } = useTranslation('inbox');
  return (
    <form
      className="bt-form"
      onSubmit={(event) => {
        event.preventDefault();
        const at = parseFutureDateTime(value, new Date());
        if (!at) {
          setInvalid(t('thread.dateTime.inFuture'));
          return;
        }
        onConfirm(at);
      }}
    >
      <TextField
        label={t('thread.dateTime.label')}
        type="datetime-local"
        value={value}
        min={toDateTimeLocal(new Date())}
        onChange={(event) => {
          setValue(event.target.value);
          setInvalid(null);
        }}
        error={invalid ?? error}
        hint={t('thread.dateTime.hint', { zone: Intl.DateTimeFormat().resolvedOptions().timeZone })}
      />
      <DialogFooter>
        <Button onClick={onClose}>{t('thread.dateTime.cancel')}</Button>
        <Button type="submit" variant="primary" pending={pending}>
          {confirmLabel}
        </Button>
      </DialogFooter>
    </form>
  );
}
