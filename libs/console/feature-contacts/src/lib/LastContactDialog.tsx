import { Button, Dialog, DialogFooter, TextField } from '@backtalk/console/ui';
import { useTranslation } from '@backtalk/console/i18n';
import { useState } from 'react';

export interface LastContactDialogProps {
  open: boolean;
  from: string | null;
  to: string | null;
  onClose: () => void;
  onApply: (from: string | null, to: string | null) => void;
}

/** Any range of days for the last-contact filter; either end may stay open. */
export function LastContactDialog({ open, from, to, onClose, onApply }: LastContactDialogProps) {
  const { t } = useTranslation('contacts');
  return (
    <Dialog open={open} onClose={onClose} size="sm" title={t('range.title')} description={t('range.description')}>
      <RangeForm from={from} to={to} onClose={onClose} onApply={onApply} />
    </Dialog>
  );
}

function RangeForm({ from, to, onClose, onApply }: Omit<LastContactDialogProps, 'open'>) {
  const { t } = useTranslation('contacts');
  const [start, setStart] = useState(from ?? '');
  const [end, setEnd] = useState(to ?? '');
  const backwards = start !== '' && end !== '' && end < start;
  return (
    <form
      className="bt-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (backwards) return;
        onApply(start || null, end || null);
        onClose();
      }}
    >
      <div className="bt-contacts-range">
        <TextField label={t('range.from')} type="date" value={start} max={end || undefined} onChange={(event) => setStart(event.target.value)} />
        <TextField label={t('range.to')} type="date" value={end} min={start || undefined} onChange={(event) => setEnd(event.target.value)} error={backwards ? t('range.backwards') : null} />
      </div>
      <DialogFooter>
        <Button onClick={onClose}>{t('range.cancel')}</Button>
        <Button type="submit" variant="primary" disabled={backwards || (!start && !end)}>
          {t('range.apply')}
        </Button>
      </DialogFooter>
    </form>
  );
}
