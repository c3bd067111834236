import { WEEKDAYS, type OpeningInterval, type Weekday } from '@backtalk/contracts';
import { Button, Chip, cx } from '@backtalk/console/ui';
import { dateTimeFormat, useTranslation } from '@backtalk/console/i18n';
import { useState } from 'react';
import { copyToWorkdays, DEFAULT_INTERVAL, WEEKDAY_LABELS, type WeekHours } from './schedule';

/** Up to this many intervals a day, as the API allows; a lunch break needs two. */
const MAX_INTERVALS = 6;

export interface ScheduleEditorProps {
  week: WeekHours;
  onChange: (week: WeekHours) => void;
  errors: Partial<Record<Weekday, string>>;
}

/** One row per weekday: open or closed, and the hours it is open, in the team's time zone. */
export function ScheduleEditor({ week, onChange, errors }: ScheduleEditorProps) {
  const { t } = useTranslation('admin');
  const setDay = (day: Weekday, changes: Partial<WeekHours[Weekday]>) => onChange({ ...week, [day]: { ...week[day], ...changes } });
  const setInterval = (day: Weekday, index: number, changes: Partial<OpeningInterval>) =>
    setDay(day, { intervals: week[day].intervals.map((interval, i) => (i === index ? { ...interval, ...changes } : interval)) });

  return (
    <div className="bt-schedule">
      <div className="bt-schedule__tools">
        <Button size="sm" variant="ghost" icon="copy" onClick={() => onChange(copyToWorkdays(week, 'mon'))}>
          {t('routing.schedule.copyMonday')}
        </Button>
      </div>
      <ul className="bt-schedule__days" aria-label={t('routing.schedule.byDay')}>
        {WEEKDAYS.map((day) => {
          const hours = week[day];
          const label = WEEKDAY_LABELS[day];
          return (
            <li key={day} className={cx('bt-schedule__day', !hours.open && 'bt-schedule__day--closed')} data-testid={`schedule-${day}`}>
              <label className="bt-schedule__toggle">
                <input type="checkbox" className="bt-checkbox__input" checked={hours.open} onChange={(event) => setDay(day, { open: event.target.checked })} />
                <span className="bt-schedule__name">{label}</span>
              </label>
              <div className="bt-schedule__hours">
                {hours.open ? (
                  <>
                    {hours.intervals.map((interval, index) => (
                      <span key={index} className="bt-schedule__interval">
                        <input
                          type="time"
                          className="bt-input bt-schedule__time"
                          aria-label={t('routing.schedule.opens', { day: label })}
                          value={interval.start}
                          aria-invalid={errors[day] ? true : undefined}
                          onChange={(event) => setInterval(day, index, { start: event.target.value })}
                        />
                        <span aria-hidden="true">–</span>
                        <input
                          type="time"
                          className="bt-input bt-schedule__time"
                          aria-label={t('routing.schedule.closes', { day: label })}
                          value={interval.end}
                          aria-invalid={errors[day] ? true : undefined}
                          onChange={(event) => setInterval(day, index, { end: event.target.value })}
                        />
                        {hours.intervals.length > 1 ? (
                          <Button
                            size="sm"
                            variant="ghost"
                            icon="close"
                            aria-label={t('routing.schedule.removeHours', { day: label, hours: `${interval.start}–${interval.end}` })}
                            title={t('routing.schedule.removeHoursTitle')}
                            onClick={() => setDay(day, { intervals: hours.intervals.filter((_, i) => i !== index) })}
                          />
                        ) : null}
                      </span>
                    ))}
                    {hours.intervals.length < MAX_INTERVALS ? (
                      <Button
                        size="sm"
                        variant="ghost"
                        icon="plus"
                        aria-label={t('routing.schedule.addHours', { day: label })}
                        title={t('routing.schedule.addHoursTitle')}
                        onClick={() => {
                          const last = hours.intervals[hours.intervals.length - 1];
                          const next = last && last.end < '22:00' ? { start: last.end, end: '23:00' } : { ...DEFAULT_INTERVAL };
                          setDay(day, { intervals: [...hours.intervals, next] });
                        }}
                      />
                    ) : null}
                  </>
                ) : (
                  <span className="bt-muted">{t('routing.schedule.closed')}</span>
                )}
                {errors[day] ? (
                  <p className="bt-field__error bt-schedule__error" role="alert">
                    {errors[day]}
                  </p>
                ) : null}
              </div>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** "Thu, 25 Dec 2026" in the console's language; noon, so no time zone moves the date. */
const formatHoliday = (iso: string) => dateTimeFormat({ weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }).format(new Date(`${iso}T12:00:00`));

/** Dates the team is closed all day, in its own time zone. */
export function HolidayList({ holidays, onChange }: { holidays: string[]; onChange: (holidays: string[]) => void }) {
  const { t } = useTranslation('admin');
  const [date, setDate] = useState('');
  const add = () => {
    if (!date || holidays.includes(date)) return;
    onChange([...holidays, date].sort());
    setDate('');
  };
  return (
    <fieldset className="bt-field bt-holidays">
      <legend className="bt-field__label">{t('routing.holidays.title')}</legend>
      {holidays.length > 0 ? (
        <ul className="bt-holidays__list" aria-label={t('routing.holidays.title')}>
          {holidays.map((holiday) => (
            <li key={holiday}>
              <Chip tone="neutral" removeLabel={t('routing.holidays.remove', { date: holiday })} onRemove={() => onChange(holidays.filter((h) => h !== holiday))}>
                <time dateTime={holiday}>{formatHoliday(holiday)}</time>
              </Chip>
            </li>
          ))}
        </ul>
      ) : (
        <p className="bt-field__hint">{t('routing.holidays.none')}</p>
      )}
      <div className="bt-input-row bt-holidays__add">
        <input type="date" className="bt-input" aria-label={t('routing.holidays.dateLabel')} value={date} onChange={(event) => setDate(event.target.value)} />
        <Button size="md" icon="plus" onClick={add} disabled={!date}>
          {t('routing.holidays.add')}
        </Button>
      </div>
      <p className="bt-field__hint">{t('routing.holidays.hint')}</p>
    </fieldset>
  );
}
