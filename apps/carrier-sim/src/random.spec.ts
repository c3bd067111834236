import { seededRandom } from './random';

describe('seededRandom', () => {
  it('repeats the same sequence for the same seed', () => {
    const first = seededRandom(42);
    const second = seededRandom(42);

    expect(Array.from({ length: 5 }, first)).toEqual(Array.from({ length: 5 }, second));
  });

  it('gives a different sequence for another seed', () => {
    expect(seededRandom(1)()).not.toBe(seededRandom(2)());
  });

  it('stays within [0, 1) and spreads evenly enough to draw failure rates', () => {
    const random = seededRandom(7);
    const draws = Array.from({ length: 10_000 }, random);

    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
    expect(draws.filter((draw) => draw < 0.25).length / draws.length).toBeCloseTo(0.25, 1);
  });
});
