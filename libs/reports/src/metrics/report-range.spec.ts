import { ErrorCode } from '@backtalk/contracts';
import { DomainError } from '@backtalk/platform';
import { daysOf, previousRange, resolveRange } from './report-range';

describe('report ranges', () => {
  it('lists every local day the range touches, in the report’s time zone', () => {
    // 22:00 UTC on the 1st is already the 2nd in Kyiv (UTC+2 in winter).
    const range = resolveRange('2026-03-01T22:00:00.000Z', '2026-03-04T00:00:00.000Z', 'Europe/Kyiv');
    expect(daysOf(range)).toEqual(['2026-03-02', '2026-03-03', '2026-03-04']);
    expect(daysOf(resolveRange('2026-03-01T22:00:00.000Z', '2026-03-04T00:00:00.000Z'))).toEqual(['2026-03-01', '2026-03-02', '2026-03-03']);
  });

  it('keeps one entry per calendar day across a daylight-saving change', () => {
    // New York springs forward on 8 March 2026: that local day is 23 hours long.
    const range = resolveRange('2026-03-07T05:00:00.000Z', '2026-03-10T04:00:00.000Z', 'America/New_York');
    expect(daysOf(range)).toEqual(['2026-03-07', '2026-03-08', '2026-03-09']);
  });

  it('compares with the period of equal length that ends where the range starts', () => {
    const previous = previousRange(resolveRange('2026-03-08T00:00:00.000Z', '2026-03-15T00:00:00.000Z'));
    expect([previous.from.toISOString(), previous.to.toISOString()]).toEqual(['2026-03-01T00:00:00.000Z', '2026-03-08T00:00:00.000Z']);
  });

  it('refuses a range that ends before it starts or is longer than 366 days', () => {
    for (const [from, to] of [
      ['2026-03-08T00:00:00.000Z', '2026-03-08T00:00:00.000Z'],
      ['2025-01-01T00:00:00.000Z', '2026-01-03T00:00:00.000Z'],
    ]) {
      const error = (() => {
        try {
          resolveRange(from, to);
        } catch (thrown) {
          return thrown;
        }
        return undefined;
      })();
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe(ErrorCode.ValidationFailed);
    }
  });
});
