import { type RoutingLanguage } from '@backtalk/contracts';
import { detectLanguage } from './detect-language';

// Realistic customer texts, punctuation and typos included. Each row names why it should be recognised, so a
// failure points at the signal that broke.

const UKRAINIAN: Array<[string, string]> = [
  ['Де моє замовлення?', 'function words and є'],
  ['Коли буде доставка', 'коли, буде'],
  ['Дякую!', 'a single distinctive word'],
  ['Привіт', 'a single і'],
  ['Не працює', 'є in працює'],
  ['Хочу скасувати замовлення', 'замовлення, скасувати'],
  ['Чи можна змінити адресу доставки?', 'чи, можна, змінити'],
  ['Добрий день, скільки коштує доставка?', 'добрий plus і and є'],
  ['я ще не отримав посилку', 'ще, отримав, посилку'],
  ["П'ять днів чекаю", 'the apostrophe Ukrainian writes instead of ъ'],
  ['Будь ласка передзвоніть мені', 'ласка and і'],
  ['Добре, дякую, все прийшло', 'добре, дякую, прийшло'],
  ['Де посилка? Нова пошта каже що вже на відділенні', 'де, пошта, що, вже and і'],
  ['Привiт, де замовлення', 'Latin i typed inside a Cyrillic word'],
];

const RUSSIAN: Array<[string, string]> = [
  ['Где мой заказ?', 'где, мой, заказ'],
  ['Когда будет доставка', 'когда'],
  ['Спасибо!', 'a single distinctive word'],
  ['Привет', 'a single distinctive word'],
  ['Не работает', 'работает'],
  ['Хочу отменить заказ', 'отменить, заказ'],
  ['Можно поменять адрес доставки?', 'можно, поменять, адрес'],
  ['Добрый день, сколько стоит доставка?', 'ы, сколько, стоит'],
  ['я еще не получил посылку', 'еще, получил, ы'],
  ['Здравствуйте, это ваш курьер?', 'здравствуйте and э'],
  ['Пожалуйста перезвоните мне', 'пожалуйста, мне'],
  ['Хорошо, спасибо, все пришло', 'хорошо, спасибо, пришло'],
  ['Где мой заказ, я в Київ переехал', 'Russian words outweigh one Ukrainian place name'],
  ['Ещё жду', 'ё'],
];

const ENGLISH: Array<[string, string]> = [
  ['Where is my order?', 'where, is, my, order'],
  ["hi, my package hasn't arrived yet", 'contractions and common words'],
  ['Thanks!', 'a single common word'],
  ['Can I change the delivery address?', 'can, i, change, the'],
  ['please call me back', 'please, call, me, back'],
  ['STOP', 'the opt-out keyword, in capitals'],
  ['I didn’t get a refund', 'a typographic apostrophe'],
  ['Order A12345 still not delivered', 'an order code next to English words'],
];

const TRANSLITERATED: Array<[string, RoutingLanguage, string]> = [
  ['de moye zamovlennya', 'uk', 'de, moye, zamovlennya'],
  ['dyakuyu', 'uk', 'a single strong Ukrainian word'],
  ['koly bude dostavka?', 'uk', 'koly'],
  ['gde moy zakaz', 'ru', 'gde, moy, zakaz'],
  ['spasibo', 'ru', 'a single strong Russian word'],
  ['kogda budet dostavka', 'ru', 'kogda'],
];

const AMBIGUOUS: Array<[string, string]> = [
  ['', 'nothing at all'],
  ['   ', 'only spaces'],
  ['ok', 'understood everywhere'],
  ['OK', 'understood everywhere, in capitals'],
  ['Ок', 'the Cyrillic spelling is shared by both languages'],
  ['Так', 'yes in Ukrainian, so in Russian'],
  ['Доброго дня', 'valid in both Ukrainian and Russian'],
  ['12345', 'digits only'],
  ['👍', 'an emoji only'],
  ['?!', 'punctuation only'],
  ['+380 67 123 45 67', 'a phone number'],
  ['ТТН 20450000123456', 'a tracking code'],
  ['Bonjour', 'a language routing does not know'],
  ['el estado de mi pedido', 'Spanish that shares one weak word with transliterated Ukrainian'],
  ['de', 'one weak transliterated word'],
];

describe('detectLanguage', () => {
  it.each(UKRAINIAN)('recognises Ukrainian in %j (%s)', (text) => {
    expect(detectLanguage(text)).toBe('uk');
  });

  it.each(RUSSIAN)('recognises Russian in %j (%s)', (text) => {
    expect(detectLanguage(text)).toBe('ru');
  });

  it.each(ENGLISH)('recognises English in %j (%s)', (text) => {
    expect(detectLanguage(text)).toBe('en');
  });

  it.each(TRANSLITERATED)('recognises romanised %j as %s (%s)', (text, language) => {
    expect(detectLanguage(text)).toBe(language);
  });

  it.each(AMBIGUOUS)('declines to guess for %j (%s)', (text) => {
    expect(detectLanguage(text)).toBeNull();
  });

  it('judges a mixed-script message by the script most of its words are in', () => {
    expect(detectLanguage('Где мой заказ? Order A1')).toBe('ru');
    expect(detectLanguage('Where is my order? Дякую')).toBe('en');
  });

  it('falls back to the other script when the main one gives no signal', () => {
    expect(detectLanguage('Ок ок ок, thanks')).toBe('en');
  });

  it('is not fooled by Russian letters in a message that is clearly Ukrainian otherwise', () => {
    expect(detectLanguage('Де моє замовлення, вже тиждень чекаю, ёлки')).toBe('uk');
  });
});
