import { guessCyrillicLanguage, phoneticKey, stem, words } from './text';

describe('text normalisation', () => {
  it('gives a Cyrillic word and its usual Latin transliterations the same phonetic key', () => {
    expect(new Set(['моє', 'moye', 'moie', 'moje'].map(phoneticKey)).size).toBe(1);
    expect(new Set(['замовлення', 'zamovlennya', 'zamovlennia', 'zamovlenya'].map(phoneticKey)).size).toBe(1);
    expect(new Set(['щоденний', 'shchodennyi', 'schodennyj'].map(phoneticKey)).size).toBe(1);
    expect(new Set(['заказ', 'zakaz'].map(phoneticKey)).size).toBe(1);
  });

  it('keeps different words apart after phonetic folding', () => {
    expect(phoneticKey('замовлення')).not.toBe(phoneticKey('оплата'));
    expect(phoneticKey('card')).not.toBe(phoneticKey('cart'));
  });

  it('reduces Ukrainian, Russian and English word forms to one stem', () => {
    expect(stem('замовленням', 'uk')).toBe(stem('замовлення', 'uk'));
    expect(stem('заказы', 'ru')).toBe(stem('заказа', 'ru'));
    expect(stem('charges', 'en')).toBe(stem('charged', 'en'));
  });

  it('keeps the apostrophe of a Ukrainian word inside the word', () => {
    expect(words("Пам'ять телефону, don't")).toEqual(['память', 'телефону', 'dont']);
  });

  it('tells Ukrainian from Russian the way routing does, by letters and by words only one of them has', () => {
    expect(guessCyrillicLanguage('Де моє замовлення?', 'ru')).toBe('uk');
    expect(guessCyrillicLanguage('Когда будет доставлен мой заказ? Объясните', 'uk')).toBe('ru');
    expect(guessCyrillicLanguage('где заказ', 'uk')).toBe('ru');
  });

  it('falls back to the library’s language when a message tells neither', () => {
    expect(guessCyrillicLanguage('доставка', 'ru')).toBe('ru');
    expect(guessCyrillicLanguage('доставка', 'uk')).toBe('uk');
  });
});
