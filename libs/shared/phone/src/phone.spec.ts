import { formatPhone, phoneSearch, toE164 } from './index';

describe('toE164', () => {
  it('keeps a number that is already E.164', () => {
    expect(toE164('+380501234567')).toBe('+380501234567');
  });

  it('adds the plus that carriers such as Vonage leave out', () => {
    expect(toE164('14843472194')).toBe('+14843472194');
    expect(toE164('380501234567', 'US')).toBe('+380501234567');
  });

  it('reads a national-format number in the channel’s country', () => {
    expect(toE164('050 123 45 67', 'UA')).toBe('+380501234567');
    expect(toE164('(415) 867-5309', 'US')).toBe('+14158675309');
  });

  it('accepts the 00 international prefix', () => {
    expect(toE164('00380501234567')).toBe('+380501234567');
  });

  it('returns null for text that is not a phone number', () => {
    expect(toE164('hello')).toBeNull();
    expect(toE164('')).toBeNull();
    expect(toE164('12')).toBeNull();
  });

  it('gives the same answer when a number is normalised again, from its cache, for each country apart', () => {
    for (let round = 0; round < 2; round++) {
      expect(toE164('hello')).toBeNull();
      expect(toE164('0501234567', 'UA')).toBe('+380501234567');
      expect(toE164('0501234567', 'GB')).toBe('+44501234567');
    }
  });
});

describe('formatPhone', () => {
  it('formats an E.164 number for people', () => {
    expect(formatPhone('+380501234567')).toBe('+380 50 123 4567');
  });
});

describe('phoneSearch', () => {
  it('reads a national number in the countries of the viewer’s channels and keeps its digits for partial matches', () => {
    expect(phoneSearch('050 123 45 67', ['UA'])).toEqual({ numbers: ['+380501234567'], fragment: '0501234567' });
    const search = phoneSearch('(415) 555-0100', ['US', 'UA']);
    expect(search?.numbers).toContain('+14155550100');
    expect(search?.fragment).toBe('4155550100');
  });

  it('reads an international number without needing a country', () => {
    expect(phoneSearch('+380 50 123 4567', [])).toEqual({ numbers: ['+380501234567'], fragment: '380501234567' });
  });

  it('searches names as typed and ignores an empty box', () => {
    expect(phoneSearch('  Olena K ', ['UA'])).toEqual({ numbers: [], fragment: 'Olena K' });
    expect(phoneSearch('   ', ['UA'])).toBeNull();
  });

  it('finds no full number in a few digits but still matches them inside numbers', () => {
    expect(phoneSearch('5550', ['US'])).toEqual({ numbers: [], fragment: '5550' });
  });
});
