import { isOpenAt } from '@backtalk/business-hours';
import type { BusinessHours } from '@backtalk/contracts';
import { businessSeconds, durationStats, measureTimeline, type TimelineEvent } from './timeline';

const at = (time: string) => new Date(`2026-03-02T${time}:00.000Z`);
const event = (time: string, type: TimelineEvent['type']): TimelineEvent => ({ at: at(time), type });

describe('speed metrics over a conversation’s timeline', () => {
  it('counts the first response to the first reply, automatic or human, and the human answer after an auto-reply as a next response only when the customer wrote again', () => {
    const measures = measureTimeline([
      event('09:00', 'created'),
      event('09:00', 'customer'),
      event('09:01', 'reply'), // the FAQ auto-reply
      event('09:02', 'reply'), // an agent adds to it: nobody was waiting
      event('09:10', 'customer'),
      event('09:11', 'customer'),
      event('09:25', 'reply'),
    ]);
    expect(measures.firstResponse).toEqual({ start: at('09:00'), seconds: 60 });
    expect(measures.nextResponses).toEqual([{ start: at('09:10'), seconds: 15 * 60 }]);
  });

  it('gives a conversation resolved, reopened twice and resolved each time three resolution times, each from its own start', () => {
    const measures = measureTimeline([
      event('08:00', 'created'),
      event('08:00', 'customer'),
      event('08:05', 'reply'),
      event('08:30', 'resolved'),
      event('10:00', 'reopened'),
      event('10:00', 'customer'),
      event('10:20', 'reply'),
      event('11:00', 'resolved'),
      event('12:00', 'reopened'),
      event('12:15', 'resolved'),
    ]);
    expect(measures.resolutions.map((one) => one.seconds / 60)).toEqual([30, 60, 15]);
    expect(measures.firstResponse?.seconds).toBe(5 * 60);
    expect(measures.nextResponses.map((one) => one.seconds / 60)).toEqual([20]);
  });

  it('starts the first response at the customer’s first message when a notification began the conversation', () => {
    const measures = measureTimeline([event('07:00', 'created'), event('07:30', 'customer'), event('07:34', 'reply')]);
    expect(measures.firstResponse).toEqual({ start: at('07:30'), seconds: 4 * 60 });
  });

  it('counts only open hours in business time, and calendar time without business hours', () => {
    // Open 09:00–17:00 UTC on weekdays; 2 March 2026 is a Monday.
    const hours: BusinessHours = { timeZone: 'UTC', weekly: { mon: [{ start: '09:00', end: '17:00' }], tue: [{ start: '09:00', end: '17:00' }] }, holidays: [] };
    const timeline = [event('16:30', 'customer'), { at: new Date('2026-03-03T09:15:00.000Z'), type: 'reply' as const }];
    expect(measureTimeline(timeline, businessSeconds(hours)).firstResponse?.seconds).toBe(45 * 60);
    expect(measureTimeline(timeline, businessSeconds(null)).firstResponse?.seconds).toBe((16 * 60 + 45) * 60);
    // Written and answered while closed: no business time passed.
    expect(measureTimeline([event('18:00', 'customer'), event('19:00', 'reply')], businessSeconds(hours)).firstResponse?.seconds).toBe(0);
  });

  it('reports the median and 90th percentile, interpolated between ranks, and nothing over no values', () => {
    expect(durationStats([30, 120, 180, 720])).toEqual({ count: 4, median: 150, p90: 558 });
    expect(durationStats([])).toEqual({ count: 0, median: null, p90: null });
  });
});

describe('business time over many waits', () => {
  const kyiv: BusinessHours = {
    timeZone: 'Europe/Kyiv',
    weekly: { mon: [{ start: '09:00', end: '13:00' }, { start: '14:00', end: '18:00' }], tue: [{ start: '09:00', end: '18:00' }], wed: [{ start: '09:00', end: '18:00' }], thu: [{ start: '22:00', end: '24:00' }], fri: [{ start: '00:00', end: '02:00' }], sat: [], sun: [] },
    holidays: ['2026-03-25'],
  };
  /** Quarter hour by quarter hour: slow, obviously right for instants on quarter hours (the schedule changes on them). */
  const QUARTER = 15 * 60_000;
  const byQuarterHour = (start: Date, end: Date) => {
    let open = 0;
    for (let at = start.getTime(); at < end.getTime(); at += QUARTER) if (isOpenAt(kyiv, new Date(at))) open += QUARTER / 1000;
    return open;
  };

  it('sums the same open seconds as walking the schedule quarter hour by quarter hour, across a holiday and a daylight-saving change, whatever order the waits come in', () => {
    const elapsed = businessSeconds(kyiv);
    let seed = 7;
    const random = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
    const base = Date.parse('2026-03-16T00:00:00Z');
    for (let index = 0; index < 40; index++) {
      const start = new Date(base + Math.floor(random() * 30 * 24 * 4) * QUARTER);
      const end = new Date(start.getTime() + Math.floor(random() * 4 * 24 * 4) * QUARTER);
      expect([start.toISOString(), elapsed(start, end)]).toEqual([start.toISOString(), byQuarterHour(start, end)]);
    }
  });
});
