import { trendPer10Rounds } from './bench-support';

describe('trendPer10Rounds', () => {
  it('reads a flat series as no trend', () => {
    expect(trendPer10Rounds([100, 100, 100, 100])).toBe(0);
  });

  it('reads a rate falling by 1 of a mean of 100 each round as 10% lower every 10 rounds', () => {
    expect(trendPer10Rounds([101.5, 100.5, 99.5, 98.5])).toBeCloseTo(-0.1, 10);
  });

  it('reads noise around a level as a small trend rather than the spread between rounds', () => {
    expect(Math.abs(trendPer10Rounds([90, 110, 90, 110, 90, 110, 90, 110, 90, 110]))).toBeLessThan(0.07);
  });

  it('reports no trend for a single round', () => {
    expect(trendPer10Rounds([1234])).toBe(0);
  });
});
