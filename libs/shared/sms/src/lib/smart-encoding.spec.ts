import { isGsm7Text } from './gsm7';
import { smartEncode } from './smart-encoding';

describe('smartEncode', () => {
  it.each([
    ['It’s “ok”', 'It\'s "ok"'],
    ['«Bonjour»', '"Bonjour"'],
    ['9–5 — or later', '9-5 - or later'],
    ['Wait…', 'Wait...'],
    ['10\u00a0000', '10 000'],
    ['narrow\u202fspace and\tTAB', 'narrow space and TAB'],
    ['zero\u200bwidth', 'zerowidth'],
    ['ＦＵＬＬ！', 'FULL!'],
    ['½ price', '1/2 price'],
    ['`code`', "'code'"],
  ])('turns %j into %j', (input, expected) => {
    expect(smartEncode(input)).toBe(expected);
    expect(isGsm7Text(smartEncode(input))).toBe(true);
  });

  it('keeps letters of other scripts and emoji untouched', () => {
    expect(smartEncode('Привіт 👋 café')).toBe('Привіт 👋 café');
  });

  it('leaves a fullwidth character alone when its ASCII twin is not GSM-7 either', () => {
    expect(smartEncode('｀')).toBe('｀');
  });
});
