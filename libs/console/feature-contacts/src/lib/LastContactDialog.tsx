import { Button, Dialog, DialogFooter, TextField } from '@backtalk/console/ui';
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
  return (
    <Dialog open={open} onClose={onClose} size="sm" title="Last contact" description="Customers whose latest conversation activity falls on these days (both included).">
      <RangeForm from={from} to={to} onClose={onClose} onApply={onApply} />
    </Dialog>
  );
}

function RangeForm({ from, to, onClose, onApply }: Omit<LastContactDialogProps, 'open'>) {
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
        <TextField label="From" type="date" value={start} max={end || undefined} onChange={(event) => setStart(event.target.value)} />
        <TextField label="To" type="date" value={end} min={start || undefined} onChange={(event) => setEnd(event.target.value)} error={backwards ? 'The end comes before the start.' : null} />
      </div>
      <DialogFooter>
        <Button onClick={onClose}>Cancel</Button>
        <Button type="submit" variant="primary" disabled={backwards || (!start && !end)}>
          Apply
        </Button>
      </DialogFooter>
    </form>
  );
}
