import { type BusinessHours, type OpeningInterval, type SlaTargets, type Weekday } from '@backtalk/contracts';
import { NEVER_OPENED, addBusinessMinutes, closedPeriodStart, isOpenAt, nextChange, nextOpening, slaDueAt, validateBusinessHours } from './business-hours';

// Expected instants were worked out by hand from the zones' rules: Europe/Kyiv is +02:00 in winter and +03:00 from
// 2026-03-29 03:00 to 2026-10-25 04:00 local; America/New_York is -05:00, and -04:00 from 2026-03-08 02:00 to
// 2026-11-01 02:00 local. 2026-03-02 is a Monday.

const NINE_TO_FIVE: OpeningInterval[] = [{ start: '09:00', end: '17:00' }];
const ALL_DAY: OpeningInterval[] = [{ start: '00:00', end: '24:00' }];

function schedule(timeZone: string, days: Weekday[], intervals: OpeningInterval[], holidays: string[] = []): BusinessHours {
  return { timeZone, weekly: Object.fromEntries(days.map((day) => [day, intervals])), holidays };
}

const WEEKDAYS_ONLY: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri'];
const EVERY_DAY: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const kyivOffice = schedule('Europe/Kyiv', WEEKDAYS_ONLY, NINE_TO_FIVE);
const newYorkOffice = schedule('America/New_York', WEEKDAYS_ONLY, NINE_TO_FIVE);

const at = (iso: string) => new Date(iso);
const iso = (date: Date | null) => date?.toISOString() ?? null;

describe('isOpenAt', () => {
  it('treats a team without business hours as always open', () => {
    expect(isOpenAt(null, at('2026-03-07T03:00:00Z'))).toBe(true);
  });

  it('is open during a weekday interval in the team time zone', () => {
    expect(isOpenAt(kyivOffice, at('2026-03-04T10:00:00+02:00'))).toBe(true);
    expect(isOpenAt(kyivOffice, at('2026-03-04T09:00:00+02:00'))).toBe(true);
  });

  it('is closed before opening, from the closing minute on, and at weekends', () => {
    expect(isOpenAt(kyivOffice, at('2026-03-04T08:59:00+02:00'))).toBe(false);
    expect(isOpenAt(kyivOffice, at('2026-03-04T17:00:00+02:00'))).toBe(false);
    expect(isOpenAt(kyivOffice, at('2026-03-07T12:00:00+02:00'))).toBe(false);
  });

  it('judges the weekday by local time, not UTC', () => {
    // 23:30 UTC on Sunday is already Monday 08:30 in Asia/Tokyo.
    expect(isOpenAt(schedule('Asia/Tokyo', ['mon'], ALL_DAY), at('2026-03-01T23:30:00Z'))).toBe(true);
    expect(isOpenAt(schedule('Asia/Tokyo', ['sun'], ALL_DAY), at('2026-03-01T23:30:00Z'))).toBe(false);
  });

  it('closes the whole local day on a holiday', () => {
    const withHoliday = schedule('Europe/Kyiv', WEEKDAYS_ONLY, NINE_TO_FIVE, ['2026-03-09']);
    expect(isOpenAt(withHoliday, at('2026-03-09T12:00:00+02:00'))).toBe(false);
    expect(isOpenAt(withHoliday, at('2026-03-10T12:00:00+02:00'))).toBe(true);
  });

  it('stays open through midnight when intervals touch across it', () => {
    const nights: BusinessHours = { timeZone: 'Europe/Kyiv', weekly: { mon: [{ start: '22:00', end: '24:00' }], tue: [{ start: '00:00', end: '06:00' }] }, holidays: [] };
    expect(isOpenAt(nights, at('2026-03-02T23:59:00+02:00'))).toBe(true);
    expect(isOpenAt(nights, at('2026-03-03T00:00:00+02:00'))).toBe(true);
    expect(isOpenAt(nights, at('2026-03-03T06:00:00+02:00'))).toBe(false);
  });

  it('opens a repeated fall-back wall-clock time at its later, standard-time occurrence', () => {
    const earlySunday = schedule('Europe/Kyiv', ['sun'], [{ start: '03:30', end: '05:00' }]);
    expect(isOpenAt(earlySunday, at('2026-10-25T03:45:00+03:00'))).toBe(false);
    expect(isOpenAt(earlySunday, at('2026-10-25T03:45:00+02:00'))).toBe(true);
  });
});

describe('nextChange', () => {
  it('is the closing time while open', () => {
    expect(iso(nextChange(kyivOffice, at('2026-03-06T16:00:00+02:00')))).toBe('2026-03-06T15:00:00.000Z');
  });

  it('is the next opening while closed, skipping the weekend', () => {
    expect(iso(nextChange(kyivOffice, at('2026-03-06T18:00:00+02:00')))).toBe('2026-03-09T07:00:00.000Z');
  });

  it('skips a holiday when looking for the next opening', () => {
    const withHoliday = schedule('Europe/Kyiv', WEEKDAYS_ONLY, NINE_TO_FIVE, ['2026-03-09']);
    expect(iso(nextChange(withHoliday, at('2026-03-06T18:00:00+02:00')))).toBe('2026-03-10T07:00:00.000Z');
  });

  it('treats intervals touching at midnight as one open period', () => {
    const nights: BusinessHours = { timeZone: 'Europe/Kyiv', weekly: { mon: [{ start: '22:00', end: '24:00' }], tue: [{ start: '00:00', end: '06:00' }] }, holidays: [] };
    expect(iso(nextChange(nights, at('2026-03-02T12:00:00+02:00')))).toBe('2026-03-02T20:00:00.000Z');
    expect(iso(nextChange(nights, at('2026-03-02T22:30:00+02:00')))).toBe('2026-03-03T04:00:00.000Z');
  });

  it('is null when the team is always open or never open', () => {
    expect(nextChange(null, at('2026-03-04T10:00:00Z'))).toBeNull();
    expect(nextChange(schedule('Europe/Kyiv', EVERY_DAY, ALL_DAY), at('2026-03-04T10:00:00Z'))).toBeNull();
    expect(nextChange(schedule('Europe/Kyiv', [], []), at('2026-03-04T10:00:00Z'))).toBeNull();
  });

  it('finds the holiday that interrupts a round-the-clock schedule, even years ahead', () => {
    const soon = schedule('Europe/Kyiv', EVERY_DAY, ALL_DAY, ['2026-12-25']);
    const later = schedule('Europe/Kyiv', EVERY_DAY, ALL_DAY, ['2025-01-01', '2027-12-25']);
    expect(iso(nextChange(soon, at('2026-03-04T10:00:00Z')))).toBe('2026-12-24T22:00:00.000Z');
    expect(iso(nextChange(later, at('2026-03-04T10:00:00Z')))).toBe('2027-12-24T22:00:00.000Z');
  });

  it('is the end of a holiday that closes a round-the-clock schedule', () => {
    const closedToday = schedule('Europe/Kyiv', EVERY_DAY, ALL_DAY, ['2026-03-04']);
    expect(isOpenAt(closedToday, at('2026-03-04T10:00:00+02:00'))).toBe(false);
    expect(iso(nextChange(closedToday, at('2026-03-04T10:00:00+02:00')))).toBe('2026-03-04T22:00:00.000Z');
  });

  it('measures a round-the-clock day that loses an hour to DST', () => {
    const sundays = schedule('America/New_York', ['sun'], ALL_DAY);
    expect(iso(nextChange(sundays, at('2026-03-08T12:00:00-04:00')))).toBe('2026-03-09T04:00:00.000Z');
  });
});

describe('closedPeriodStart', () => {
  it('is null while open and for a team without business hours', () => {
    expect(closedPeriodStart(kyivOffice, at('2026-03-04T10:00:00+02:00'))).toBeNull();
    expect(closedPeriodStart(null, at('2026-03-07T10:00:00Z'))).toBeNull();
  });

  it('gives every instant of one weekend the same key, the Friday closing time', () => {
    const keys = ['2026-03-06T17:00:00+02:00', '2026-03-07T10:00:00+02:00', '2026-03-08T23:59:00+02:00', '2026-03-09T08:59:00+02:00'].map((instant) =>
      iso(closedPeriodStart(kyivOffice, at(instant))),
    );
    expect(new Set(keys)).toEqual(new Set(['2026-03-06T15:00:00.000Z']));
  });

  it('gives the next weekend a different key', () => {
    expect(iso(closedPeriodStart(kyivOffice, at('2026-03-14T10:00:00+02:00')))).toBe('2026-03-13T15:00:00.000Z');
  });

  it('gives each weeknight its own key', () => {
    expect(iso(closedPeriodStart(kyivOffice, at('2026-03-04T20:00:00+02:00')))).toBe('2026-03-04T15:00:00.000Z');
    expect(iso(closedPeriodStart(kyivOffice, at('2026-03-05T07:00:00+02:00')))).toBe('2026-03-04T15:00:00.000Z');
  });

  it('extends the closed period over a holiday', () => {
    const withHoliday = schedule('Europe/Kyiv', WEEKDAYS_ONLY, NINE_TO_FIVE, ['2026-03-09']);
    expect(iso(closedPeriodStart(withHoliday, at('2026-03-09T12:00:00+02:00')))).toBe('2026-03-06T15:00:00.000Z');
  });

  it('returns one fixed key for a schedule that never opens', () => {
    const never = schedule('Europe/Kyiv', [], []);
    expect(closedPeriodStart(never, at('2026-03-04T10:00:00Z'))).toEqual(NEVER_OPENED);
    expect(closedPeriodStart(never, at('2027-08-01T10:00:00Z'))).toEqual(NEVER_OPENED);
  });
});

describe('addBusinessMinutes', () => {
  it('adds plain minutes when there are no business hours', () => {
    expect(iso(addBusinessMinutes(null, at('2026-03-07T10:00:00Z'), 90))).toBe('2026-03-07T11:30:00.000Z');
  });

  it('counts within a single open interval', () => {
    expect(iso(addBusinessMinutes(kyivOffice, at('2026-03-04T10:00:00+02:00'), 90))).toBe('2026-03-04T09:30:00.000Z');
  });

  it('falls due at closing time rather than the next morning when the minutes run out exactly then', () => {
    expect(iso(addBusinessMinutes(kyivOffice, at('2026-03-04T16:00:00+02:00'), 60))).toBe('2026-03-04T15:00:00.000Z');
  });

  it('carries the remainder over the night', () => {
    expect(iso(addBusinessMinutes(kyivOffice, at('2026-03-04T16:30:00+02:00'), 60))).toBe('2026-03-05T07:30:00.000Z');
  });

  it('carries the remainder over the weekend', () => {
    expect(iso(addBusinessMinutes(kyivOffice, at('2026-03-06T16:00:00+02:00'), 120))).toBe('2026-03-09T08:00:00.000Z');
  });

  it('spans several business days', () => {
    // 3 × 8 h + 30 min from Thursday 10:00: the rest of Thursday (7 h), Friday (8 h), Monday (8 h), then Tuesday 10:30.
    expect(iso(addBusinessMinutes(kyivOffice, at('2026-03-05T10:00:00+02:00'), 3 * 8 * 60 + 30))).toBe('2026-03-10T08:30:00.000Z');
  });

  it('starts counting at the next opening when started in closed time', () => {
    expect(iso(addBusinessMinutes(kyivOffice, at('2026-03-07T12:00:00+02:00'), 30))).toBe('2026-03-09T07:30:00.000Z');
    expect(iso(addBusinessMinutes(kyivOffice, at('2026-03-04T06:00:00+02:00'), 30))).toBe('2026-03-04T07:30:00.000Z');
  });

  it('makes zero minutes fall due at the next opening when closed and at once when open', () => {
    expect(iso(addBusinessMinutes(kyivOffice, at('2026-03-07T12:00:00+02:00'), 0))).toBe('2026-03-09T07:00:00.000Z');
    expect(iso(addBusinessMinutes(kyivOffice, at('2026-03-04T10:00:00+02:00'), 0))).toBe('2026-03-04T08:00:00.000Z');
  });

  it('skips holidays', () => {
    const withHoliday = schedule('Europe/Kyiv', WEEKDAYS_ONLY, NINE_TO_FIVE, ['2026-03-09']);
    expect(iso(addBusinessMinutes(withHoliday, at('2026-03-06T16:00:00+02:00'), 120))).toBe('2026-03-10T08:00:00.000Z');
  });

  it('counts midnight-touching night shifts without a break', () => {
    const nights: BusinessHours = { timeZone: 'Europe/Kyiv', weekly: { mon: [{ start: '22:00', end: '24:00' }], tue: [{ start: '00:00', end: '06:00' }] }, holidays: [] };
    expect(iso(addBusinessMinutes(nights, at('2026-03-02T23:00:00+02:00'), 180))).toBe('2026-03-03T00:00:00.000Z');
  });

  it('rejects negative minutes and a schedule with no open time', () => {
    expect(() => addBusinessMinutes(kyivOffice, at('2026-03-04T10:00:00Z'), -1)).toThrow(RangeError);
    expect(() => addBusinessMinutes(schedule('Europe/Kyiv', [], []), at('2026-03-04T10:00:00Z'), 10)).toThrow(/no open time/);
  });

  it('gives up rather than loop when holidays close more than a year in a row', () => {
    const first = Date.UTC(2026, 2, 1);
    const holidays = Array.from({ length: 420 }, (_, day) => new Date(first + day * 86_400_000).toISOString().slice(0, 10));
    const closedForAYear = schedule('UTC', EVERY_DAY, NINE_TO_FIVE, holidays);
    expect(() => addBusinessMinutes(closedForAYear, at('2026-03-01T10:00:00Z'), 10)).toThrow(/no open time within 400 days/);
  });

  describe('across DST in Europe/Kyiv', () => {
    it('moves from winter to summer offset over the spring-forward weekend', () => {
      expect(iso(addBusinessMinutes(kyivOffice, at('2026-03-27T16:00:00+02:00'), 120))).toBe('2026-03-30T07:00:00.000Z');
    });

    it('moves from summer to winter offset over the fall-back weekend', () => {
      expect(iso(addBusinessMinutes(kyivOffice, at('2026-10-23T16:00:00+03:00'), 120))).toBe('2026-10-26T08:00:00.000Z');
    });

    it('gives a 09:00–17:00 day eight real hours on the spring-forward Sunday', () => {
      const daily = schedule('Europe/Kyiv', EVERY_DAY, NINE_TO_FIVE);
      expect(iso(addBusinessMinutes(daily, at('2026-03-28T16:00:00+02:00'), 120))).toBe('2026-03-29T07:00:00.000Z');
      expect(iso(addBusinessMinutes(daily, at('2026-03-29T09:00:00+03:00'), 480))).toBe('2026-03-29T14:00:00.000Z');
    });

    it('gives a round-the-clock day 23 hours of open time when the clocks spring forward', () => {
      const sundays = schedule('Europe/Kyiv', ['sun'], ALL_DAY);
      const sundayMidnight = at('2026-03-29T00:00:00+02:00');
      expect(iso(addBusinessMinutes(sundays, sundayMidnight, 23 * 60))).toBe('2026-03-29T21:00:00.000Z');
      expect(iso(addBusinessMinutes(sundays, sundayMidnight, 24 * 60))).toBe('2026-04-04T22:00:00.000Z');
    });

    it('gives a round-the-clock day 25 hours of open time when the clocks fall back', () => {
      const sundays = schedule('Europe/Kyiv', ['sun'], ALL_DAY);
      const sundayMidnight = at('2026-10-25T00:00:00+03:00');
      expect(iso(addBusinessMinutes(sundays, sundayMidnight, 24 * 60))).toBe('2026-10-25T21:00:00.000Z');
      expect(iso(addBusinessMinutes(sundays, sundayMidnight, 25 * 60))).toBe('2026-10-25T22:00:00.000Z');
      expect(iso(addBusinessMinutes(sundays, sundayMidnight, 26 * 60))).toBe('2026-10-31T23:00:00.000Z');
    });
  });

  describe('across DST in America/New_York', () => {
    it('moves from EST to EDT over the spring-forward weekend', () => {
      expect(iso(addBusinessMinutes(newYorkOffice, at('2026-03-06T16:00:00-05:00'), 120))).toBe('2026-03-09T14:00:00.000Z');
    });

    it('moves from EDT to EST over the fall-back weekend', () => {
      expect(iso(addBusinessMinutes(newYorkOffice, at('2026-10-30T16:00:00-04:00'), 120))).toBe('2026-11-02T15:00:00.000Z');
    });

    it('counts only the real hours of an interval that straddles the skipped hour', () => {
      // 01:00 EST to 04:00 EDT is two real hours, the third having been skipped.
      const earlySunday = schedule('America/New_York', ['sun'], [{ start: '01:00', end: '04:00' }]);
      expect(iso(addBusinessMinutes(earlySunday, at('2026-03-08T01:00:00-05:00'), 120))).toBe('2026-03-08T08:00:00.000Z');
      expect(iso(addBusinessMinutes(earlySunday, at('2026-03-08T01:00:00-05:00'), 121))).toBe('2026-03-15T05:01:00.000Z');
    });

    it('gives a round-the-clock day 25 hours of open time when the clocks fall back', () => {
      const sundays = schedule('America/New_York', ['sun'], ALL_DAY);
      expect(iso(addBusinessMinutes(sundays, at('2026-11-01T00:00:00-04:00'), 25 * 60))).toBe('2026-11-02T05:00:00.000Z');
    });
  });
});

describe('slaDueAt', () => {
  const businessTargets: SlaTargets = { firstResponseMinutes: 60, nextResponseMinutes: null, businessHoursOnly: true };

  it('counts only business minutes when the targets say so', () => {
    expect(iso(slaDueAt(kyivOffice, businessTargets, 'first_response', at('2026-03-06T16:30:00+02:00')))).toBe('2026-03-09T07:30:00.000Z');
  });

  it('counts wall-clock minutes when the targets ignore business hours', () => {
    const targets: SlaTargets = { ...businessTargets, businessHoursOnly: false };
    expect(iso(slaDueAt(kyivOffice, targets, 'first_response', at('2026-03-06T16:30:00+02:00')))).toBe('2026-03-06T15:30:00.000Z');
  });

  it('counts wall-clock minutes for a team without business hours', () => {
    expect(iso(slaDueAt(null, businessTargets, 'first_response', at('2026-03-07T10:00:00Z')))).toBe('2026-03-07T11:00:00.000Z');
  });

  it('has no due time for a target that is not set', () => {
    expect(slaDueAt(kyivOffice, businessTargets, 'next_response', at('2026-03-06T16:30:00+02:00'))).toBeNull();
  });

  it('uses the next-response target for next responses', () => {
    const targets: SlaTargets = { firstResponseMinutes: null, nextResponseMinutes: 15, businessHoursOnly: true };
    expect(iso(slaDueAt(kyivOffice, targets, 'next_response', at('2026-03-04T10:00:00+02:00')))).toBe('2026-03-04T08:15:00.000Z');
  });
});

describe('validateBusinessHours', () => {
  it('accepts a sound schedule, including touching intervals and a 24:00 end', () => {
    const hours: BusinessHours = {
      timeZone: 'Europe/Kyiv',
      weekly: { mon: [{ start: '09:00', end: '12:00' }, { start: '12:00', end: '17:00' }], fri: [{ start: '22:00', end: '24:00' }] },
      holidays: ['2026-01-01', '2026-12-25'],
    };
    expect(validateBusinessHours(hours)).toEqual([]);
  });

  it('reports an unknown time zone', () => {
    expect(validateBusinessHours({ ...kyivOffice, timeZone: 'Mars/Olympus' })).toEqual(['Unknown time zone "Mars/Olympus"; use an IANA name such as "Europe/Kyiv".']);
  });

  it('reports times that are not HH:mm', () => {
    const hours: BusinessHours = { timeZone: 'UTC', weekly: { tue: [{ start: '9:00', end: '25:00' }, { start: '24:00', end: '24:00' }] }, holidays: [] };
    expect(validateBusinessHours(hours)).toEqual([
      'tue: start "9:00" is not a time in HH:mm format.',
      'tue: end "25:00" is not a time in HH:mm format (or 24:00).',
      'tue: start "24:00" is not a time in HH:mm format.',
    ]);
  });

  it('reports an interval that does not start before it ends', () => {
    const hours: BusinessHours = { timeZone: 'UTC', weekly: { wed: [{ start: '17:00', end: '09:00' }, { start: '10:00', end: '10:00' }] }, holidays: [] };
    expect(validateBusinessHours(hours)).toEqual(['wed: 17:00–09:00 must start before it ends.', 'wed: 10:00–10:00 must start before it ends.']);
  });

  it('reports overlapping intervals on the same day', () => {
    const hours: BusinessHours = { timeZone: 'UTC', weekly: { thu: [{ start: '12:00', end: '18:00' }, { start: '09:00', end: '13:00' }] }, holidays: [] };
    expect(validateBusinessHours(hours)).toEqual(['thu: 09:00–13:00 overlaps 12:00–18:00.']);
  });

  it('reports holidays that are not real YYYY-MM-DD dates', () => {
    expect(validateBusinessHours({ ...kyivOffice, holidays: ['2026-02-30', '25.12.2026', '2026-12-25'] })).toEqual([
      'Holiday "2026-02-30" is not a valid date in YYYY-MM-DD format.',
      'Holiday "25.12.2026" is not a valid date in YYYY-MM-DD format.',
    ]);
  });

  it('reports an unknown weekday key', () => {
    const hours = { timeZone: 'UTC', weekly: { monday: NINE_TO_FIVE }, holidays: [] } as unknown as BusinessHours;
    expect(validateBusinessHours(hours)).toEqual(['Unknown weekday "monday"; use one of mon, tue, wed, thu, fri, sat, sun.']);
  });
});

describe('the next opening, for messages scheduled to go out when the team opens', () => {
  const weekdays = { timeZone: 'Europe/Kyiv', weekly: { mon: [{ start: '09:00', end: '17:00' }], tue: [{ start: '09:00', end: '17:00' }], wed: [{ start: '09:00', end: '17:00' }], thu: [{ start: '09:00', end: '17:00' }], fri: [{ start: '09:00', end: '17:00' }] }, holidays: [] };

  it('is now while the team is open, and without business hours', () => {
    const tuesdayNoon = new Date('2026-11-24T10:00:00Z');
    expect(nextOpening(weekdays, tuesdayNoon)).toEqual(tuesdayNoon);
    expect(nextOpening(null, tuesdayNoon)).toEqual(tuesdayNoon);
  });

  it('is Monday 09:00 local time on a Saturday night', () => {
    expect(nextOpening(weekdays, new Date('2026-11-28T20:00:00Z'))?.toISOString()).toBe('2026-11-30T07:00:00.000Z');
  });
});

describe('days left out of a schedule', () => {
  it('are closed, also when present as undefined properties of a validated request body', () => {
    const hours = { timeZone: 'Europe/Kyiv', weekly: { mon: [{ start: '09:00', end: '17:00' }], sat: undefined, sun: undefined }, holidays: [] } as unknown as BusinessHours;
    expect(validateBusinessHours(hours)).toEqual([]);
    expect(isOpenAt(hours, new Date('2026-11-28T10:00:00Z'))).toBe(false);
  });
});
