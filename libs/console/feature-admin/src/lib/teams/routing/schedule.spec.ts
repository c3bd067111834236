import { copyToWorkdays, defaultWeek, scheduleFromWeek, timeZoneOptions, validateDay, weekFromSchedule, zoneLabel } from './schedule';

describe('the weekly schedule editor', () => {
  it('starts teams on Monday to Friday, nine to six', () => {
    expect(scheduleFromWeek(defaultWeek())).toEqual({
      mon: [{ start: '09:00', end: '18:00' }],
      tue: [{ start: '09:00', end: '18:00' }],
      wed: [{ start: '09:00', end: '18:00' }],
      thu: [{ start: '09:00', end: '18:00' }],
      fri: [{ start: '09:00', end: '18:00' }],
    });
  });

  it('round-trips a stored schedule, closed days included', () => {
    const weekly = { mon: [{ start: '08:00', end: '12:00' }, { start: '13:00', end: '17:00' }], sat: [{ start: '10:00', end: '14:00' }] };
    const week = weekFromSchedule(weekly);

    expect(week.sun.open).toBe(false);
    expect(scheduleFromWeek(week)).toEqual(weekly);
  });

  it('shows a closing time of 24:00 as 00:00, as a time input can, and stores it back as 24:00', () => {
    const week = weekFromSchedule({ fri: [{ start: '18:00', end: '24:00' }] });

    expect(week.fri.intervals).toEqual([{ start: '18:00', end: '00:00' }]);
    expect(scheduleFromWeek(week).fri).toEqual([{ start: '18:00', end: '24:00' }]);
  });

  it('stores intervals in time order and leaves out days marked closed', () => {
    const week = defaultWeek();
    week.mon = { open: true, intervals: [{ start: '14:00', end: '18:00' }, { start: '09:00', end: '13:00' }] };
    week.tue = { ...week.tue, open: false };

    const weekly = scheduleFromWeek(week);
    expect(weekly.mon).toEqual([{ start: '09:00', end: '13:00' }, { start: '14:00', end: '18:00' }]);
    expect(weekly.tue).toBeUndefined();
  });

  it('copies one day to every working day and leaves the weekend alone', () => {
    const week = defaultWeek();
    week.wed = { open: true, intervals: [{ start: '07:30', end: '15:30' }] };
    week.sat = { open: true, intervals: [{ start: '10:00', end: '12:00' }] };

    const copied = copyToWorkdays(week, 'wed');
    expect(copied.mon.intervals).toEqual([{ start: '07:30', end: '15:30' }]);
    expect(copied.fri.intervals).toEqual([{ start: '07:30', end: '15:30' }]);
    expect(copied.sat.intervals).toEqual([{ start: '10:00', end: '12:00' }]);
    expect(copied.mon.intervals).not.toBe(copied.wed.intervals);
  });
});

describe('validateDay', () => {
  const open = (...intervals: Array<[string, string]>) => ({ open: true, intervals: intervals.map(([start, end]) => ({ start, end })) });

  it('accepts a closed day whatever it holds, and touching intervals', () => {
    expect(validateDay({ open: false, intervals: [{ start: '18:00', end: '09:00' }] })).toBeNull();
    expect(validateDay(open(['09:00', '12:00'], ['12:00', '17:00']))).toBeNull();
  });

  it('accepts hours that run until midnight', () => {
    expect(validateDay(open(['20:00', '00:00']))).toBeNull();
  });

  it('refuses hours that end before they start, overlap, or are not times', () => {
    expect(validateDay(open(['18:00', '09:00']))).toBe('18:00–09:00 ends before it starts.');
    expect(validateDay(open(['13:00', '17:00'], ['09:00', '14:00']))).toBe('09:00–14:00 overlaps 13:00–17:00.');
    expect(validateDay(open(['9', '17:00']))).toBe('Enter times as HH:MM.');
    expect(validateDay({ open: true, intervals: [] })).toBe('Add opening hours, or mark the day closed.');
  });
});

describe('timeZoneOptions', () => {
  const supported = ['Africa/Abidjan', 'Europe/Kiev', 'Europe/Kyiv', 'Europe/Berlin', 'Pacific/Auckland', 'Europe/Kyiv'];

  it('lists Europe/Kyiv among the common zones, and not its old name', () => {
    const options = timeZoneOptions('Europe/Kyiv', 'Europe/Kyiv', supported);
    expect(options.common[0]).toBe('Europe/Kyiv');
    expect([...options.common, ...options.others]).not.toContain('Europe/Kiev');
  });

  it('adds the browser’s zone and the team’s current one to the common zones, and lists each zone once', () => {
    const options = timeZoneOptions('Pacific/Auckland', 'Africa/Abidjan', supported);
    expect(options.common.slice(0, 2)).toEqual(['Pacific/Auckland', 'Africa/Abidjan']);
    expect(options.others).toEqual([]);
    const all = [...options.common, ...options.others];
    expect(new Set(all).size).toBe(all.length);
  });

  it('keeps a team’s old zone name selectable rather than silently changing it', () => {
    expect(timeZoneOptions('Europe/Kiev', 'UTC', supported).common).toContain('Europe/Kiev');
  });
});

describe('zoneLabel', () => {
  it('names the zone with its current offset', () => {
    expect(zoneLabel('Europe/Kyiv', new Date('2025-01-15T12:00:00Z'))).toBe('Europe/Kyiv (GMT+2)');
    expect(zoneLabel('America/New_York', new Date('2025-07-15T12:00:00Z'))).toBe('America/New York (GMT-4)');
  });

  it('falls back to the bare name for a zone the browser does not know', () => {
    expect(zoneLabel('Mars/Olympus', new Date())).toBe('Mars/Olympus');
  });
});
