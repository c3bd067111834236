import { optionalWholeNumber } from './numbers';

describe('optionalWholeNumber', () => {
  it('reads an empty field as none', () => {
    expect(optionalWholeNumber('  ', 0, 10)).toBeNull();
  });

  it('reads a whole number within bounds, zero included', () => {
    expect(optionalWholeNumber(' 7 ', 0, 10)).toBe(7);
    expect(optionalWholeNumber('0', 0, 10)).toBe(0);
  });

  it('refuses fractions, signs, words and numbers out of bounds', () => {
    expect(['2.5', '-1', '+3', 'three', '11', '1e1'].map((value) => optionalWholeNumber(value, 0, 10))).toEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
  });
});
