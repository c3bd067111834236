import { maxLength } from 'class-validator';
import { lengthCheck, MAX_MESSAGE_LENGTH, messageLength } from './message-length';

describe('messageLength', () => {
  it.each([
    ['plain text', 'Your order left today.'],
    ['an emoji made of a surrogate pair', 'Thanks 🙂'],
    ['an emoji with a presentation selector', 'Love it ❤️'],
    ['Cyrillic', 'Де моє замовлення?'],
  ])('counts %s exactly as the API’s length check does, so the console and the server agree on the limit', (_, text) => {
    const length = messageLength(text);
    expect(maxLength(text, length)).toBe(true);
    expect(maxLength(text, length - 1)).toBe(false);
  });
});

describe('lengthCheck', () => {
  it('stays quiet while the reply is well under the limit', () => {
    expect(lengthCheck('a'.repeat(1439))).toEqual({ length: 1439, max: MAX_MESSAGE_LENGTH, level: 'ok', over: 0 });
  });

  it('warns from 90 % of the limit, while the reply can still be sent', () => {
    expect(lengthCheck('a'.repeat(1440))).toMatchObject({ level: 'near', over: 0 });
    expect(lengthCheck('a'.repeat(MAX_MESSAGE_LENGTH))).toMatchObject({ level: 'near', over: 0 });
  });

  it('says how many characters to cut once the reply is over the limit', () => {
    expect(lengthCheck('a'.repeat(MAX_MESSAGE_LENGTH + 42))).toMatchObject({ length: 1642, level: 'over', over: 42 });
  });

  it('counts an emoji as one character, not two', () => {
    expect(lengthCheck(`${'a'.repeat(MAX_MESSAGE_LENGTH - 1)}🙂`)).toMatchObject({ length: MAX_MESSAGE_LENGTH, level: 'near' });
  });
});
