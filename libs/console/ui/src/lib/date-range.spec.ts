import { dayRangeProblems, localToday } from './DateRangeDialog';

describe('a range of days picked in the date dialog', () => {
  const today = '2026-12-06';

  it('accepts both ends on or before today, one end left open, and a single day', () => {
    expect(dayRangeProblems({ from: '2026-11-01', to: today }, today)).toEqual({ from: null, to: null });
    expect(dayRangeProblems({ from: null, to: '2026-11-30' }, today)).toEqual({ from: null, to: null });
    expect(dayRangeProblems({ from: '2026-12-01', to: '2026-12-01' }, today)).toEqual({ from: null, to: null });
  });

  it('refuses an end before the start at the end, and any day after today at its own field', () => {
    expect(dayRangeProblems({ from: '2026-11-20', to: '2026-11-10' }, today)).toEqual({ from: null, to: 'backwards' });
    expect(dayRangeProblems({ from: '2026-12-07', to: null }, today)).toEqual({ from: 'future', to: null });
    expect(dayRangeProblems({ from: '2026-12-01', to: '2026-12-24' }, today)).toEqual({ from: null, to: 'future' });
  });

  it('takes today as the local calendar day, as a date input writes it', () => {
    expect(localToday(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
  });
});
