import { useTranslation } from '@backtalk/console/i18n';
import { useState } from 'react';
import { Button } from './Button';
import { Dialog, DialogFooter } from './Dialog';
import { TextField } from './fields';
import './date-range.css';

/** Days as native date inputs give them: `YYYY-MM-DD`, local to the person picking. */
export interface DayRangeValue {
  from: string | null;
  to: string | null;
}

export interface DateRangeDialogProps extends DayRangeValue {
  open: boolean;
  title: string;
  description?: string;
  onClose: () => void;
  onApply: (range: DayRangeValue) => void;
}

/** Today as a date input writes it, in the browser's time zone, which is the one the person picks days in. */
export function localToday(now = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/**
 * Why a picked range cannot be applied, per end, or nulls: the end may not come before the start, and neither end may
 * be after today (nothing has happened there yet). Either end may stay empty for an open range.
 */
export function dayRangeProblems({ from, to }: DayRangeValue, today = localToday()): { from: 'future' | null; to: 'future' | 'backwards' | null } {
  return {
    from: from && from > today ? 'future' : null,
    to: to && to > today ? 'future' : from && to && to < from ? 'backwards' : null,
  };
}

/** Any range of days, for the filters that offer presets (today, last 7 days…) and need the rest too. */
export function DateRangeDialog({ open, title, description, from, to, onClose, onApply }: DateRangeDialogProps) {
  return (
    <Dialog open={open} onClose={onClose} size="sm" title={title} description={description}>
      <RangeForm from={from} to={to} onClose={onClose} onApply={onApply} />
    </Dialog>
  );
}

function RangeForm({ from, to, onClose, onApply }: Pick<DateRangeDialogProps, 'from' | 'to' | 'onClose' | 'onApply'>) {
  const { t } = useTranslation('ui');
  const [start, setStart] = useState(from ?? '');
  const [end, setEnd] = useState(to ?? '');
  const today = localToday();
  const problems = dayRangeProblems({ from: start || null, to: end || null }, today);
  const blocked = problems.from !== null || problems.to !== null;
  const message = (problem: 'future' | 'backwards' | null) => (problem === 'future' ? t('dateRange.future') : problem === 'backwards' ? t('dateRange.backwards') : null);
  return (
    <form
      className="bt-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (blocked || (!start && !end)) return;
        onApply({ from: start || null, to: end || null });
        onClose();
      }}
    >
      <div className="bt-date-range">
        <TextField label={t('dateRange.from')} type="date" value={start} max={end && end < today ? end : today} onChange={(event) => setStart(event.target.value)} error={message(problems.from)} />
        <TextField label={t('dateRange.to')} type="date" value={end} min={start || undefined} max={today} onChange={(event) => setEnd(event.target.value)} error={message(problems.to)} />
      </div>
      <p className="bt-field__hint">{t('dateRange.hint')}</p>
      <DialogFooter>
        <Button onClick={onClose}>{t('dateRange.cancel')}</Button>
        <Button type="submit" variant="primary" disabled={blocked || (!start && !end)}>
          {t('dateRange.apply')}
        </Button>
      </DialogFooter>
    </form>
  );
}
