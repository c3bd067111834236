import { percentile, trendPer10Rounds } from './bench-support';

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

describe('percentile', () => {
  const oneToTwenty = Array.from({ length: 20 }, (_, index) => index + 1);

  it('takes the p95 of 20 timings as the 19th, not the slowest', () => {
    expect(percentile(oneToTwenty, 95)).toBe(19);
  });

  it('takes the median of 20 timings as the 10th and the p99 of 1,000 as the 990th', () => {
    expect(percentile(oneToTwenty, 50)).toBe(10);
    expect(percentile(Array.from({ length: 1000 }, (_, index) => index + 1), 99)).toBe(990);
  });

  it('takes p100 as the slowest and any percentile of one timing as that timing', () => {
    expect(percentile(oneToTwenty, 100)).toBe(20);
    expect(percentile([42], 1)).toBe(42);
    expect(percentile([42], 99)).toBe(42);
  });

  it('answers 0 for no timings', () => {
    expect(percentile([], 95)).toBe(0);
  });
});
