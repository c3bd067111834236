import type { CannedAnswerView } from '@backtalk/contracts';
import {
  addExamples,
  addKeywords,
  addLanguage,
  changeDefaultLanguage,
  emptyFaqForm,
  examplesAdvice,
  faqFormFrom,
  formLanguages,
  removeLanguage,
  suggestShortcode,
  textIn,
  toCreateFaqRequest,
  toUpdateFaqRequest,
  validateFaqForm,
  variantErrors,
  withText,
} from './faq-form';

const orders: CannedAnswerView = {
  id: 'a1',
  title: 'Where is my order',
  body: 'Ваше замовлення в дорозі.',
  shortcode: 'order',
  language: 'uk',
  defaultLanguage: 'uk',
  variants: [
    { language: 'en', body: 'Your order is on its way.' },
    { language: 'uk', body: 'Ваше замовлення в дорозі.' },
  ],
  languages: ['en', 'uk'],
  tags: ['orders'],
  teamId: null,
  examples: ['Де моє замовлення?', 'where is my order'],
  keywords: ['замовлення'],
  autoReply: true,
  createdAt: '',
  updatedAt: '',
};

describe('addExamples', () => {
  it('adds one example per pasted line, tidying spaces and skipping blanks', () => {
    expect(addExamples([], ' Де моє   замовлення? \n\nde moye zamovlennya')).toEqual({ examples: ['Де моє замовлення?', 'de moye zamovlennya'], added: 2, duplicates: [] });
  });

  it('skips lines already among the examples, ignoring case', () => {
    expect(addExamples(['Where is my order'], 'WHERE IS MY ORDER\nstatus of my parcel')).toEqual({
      examples: ['Where is my order', 'status of my parcel'],
      added: 1,
      duplicates: ['WHERE IS MY ORDER'],
    });
  });
});

describe('addKeywords', () => {
  it('splits on commas and keeps each keyword once', () => {
    expect(addKeywords(['parcel'], 'Parcel, tracking , , посилка')).toEqual(['parcel', 'tracking', 'посилка']);
  });
});

describe('examplesAdvice', () => {
  it('explains what examples are for when there are none', () => {
    expect(examplesAdvice(0)).toMatch(/^Add customer questions/);
  });

  it('says that ten varied examples work far better than three while there are fewer', () => {
    expect(examplesAdvice(3)).toMatch(/^3 of 10 recommended\. Ten varied examples work far better than three/);
  });

  it('says nothing once there are enough', () => {
    expect(examplesAdvice(10)).toBeNull();
  });
});

describe('suggestShortcode', () => {
  it('turns a title into a typeable shortcode', () => {
    expect(suggestShortcode('Where is my order?')).toBe('where-is-my-order');
    expect(suggestShortcode('Café opening hours')).toBe('cafe-opening-hours');
  });

  it('gives nothing for a title with no Latin letters, so people choose one', () => {
    expect(suggestShortcode('Де моє замовлення')).toBe('');
  });
});

describe('validateFaqForm', () => {
  const valid = { ...emptyFaqForm(), title: 'Hours', shortcode: 'hours', body: 'We open at 9.' };

  it('accepts a plain canned answer without examples', () => {
    expect(validateFaqForm(valid)).toEqual({});
  });

  it('requires a title, a typeable shortcode and a body', () => {
    expect(validateFaqForm({ ...valid, title: ' ', shortcode: 'two words', body: '' })).toEqual({
      title: 'Enter a title.',
      shortcode: 'Use up to 40 letters, digits, - and _.',
      body: 'Enter the answer customers get.',
    });
  });

  it('names a variable the API does not know', () => {
    expect(validateFaqForm({ ...valid, body: 'Hi {{contact.firstname}}' }).body).toMatch(/^\{\{contact\.firstname\}\} is not a variable; use \{\{contact\.name\}\}/);
  });

  it('does not let an answer without examples auto-reply', () => {
    expect(validateFaqForm({ ...valid, body: 'Order {{contact.order_id}}' }, ['order_id'])).toEqual({});
    expect(validateFaqForm({ ...valid, body: 'Order {{contact.order_id}}' }).body).toMatch(/^\{\{contact\.order_id\}\} is not a variable/);
    expect(validateFaqForm({ ...valid, autoReply: true }).autoReply).toBe('Add examples first: without them no message can match this answer.');
  });
});

describe('toCreateFaqRequest and toUpdateFaqRequest', () => {
  it('sends English as the default language, no other texts, an empty scope as null and tags as a list', () => {
    expect(toCreateFaqRequest({ ...emptyFaqForm(), title: ' Hours ', shortcode: 'hours', body: 'Open 9–18', tags: 'info, hours, info' })).toEqual({
      title: 'Hours',
      shortcode: 'hours',
      body: 'Open 9–18',
      defaultLanguage: 'en',
      variants: [],
      teamId: null,
      tags: ['info', 'hours'],
      examples: [],
      keywords: [],
      autoReply: false,
    });
  });

  it('sends nothing when nothing changed', () => {
    expect(toUpdateFaqRequest(orders, faqFormFrom(orders))).toEqual({});
  });

  it('sends only the examples when only they changed', () => {
    const values = faqFormFrom(orders);
    expect(toUpdateFaqRequest(orders, { ...values, examples: [...values.examples, 'коли приїде посилка'] })).toEqual({
      examples: ['Де моє замовлення?', 'where is my order', 'коли приїде посилка'],
    });
  });

  it('sends a switched-off auto-reply on its own', () => {
    expect(toUpdateFaqRequest(orders, { ...faqFormFrom(orders), autoReply: false })).toEqual({ autoReply: false });
  });

  it('sends only the default text when only it changed', () => {
    expect(toUpdateFaqRequest(orders, withText(faqFormFrom(orders), 'uk', 'Посилка вже їде.'))).toEqual({ body: 'Посилка вже їде.' });
  });

  it('sends the default language, its text and every other text together when a language changed', () => {
    const values = addLanguage(faqFormFrom(orders), 'ru');
    expect(toUpdateFaqRequest(orders, withText(values, 'ru', 'Ваш заказ в пути.'))).toEqual({
      defaultLanguage: 'uk',
      body: 'Ваше замовлення в дорозі.',
      variants: [
        { language: 'en', body: 'Your order is on its way.' },
        { language: 'ru', body: 'Ваш заказ в пути.' },
      ],
    });
    expect(toUpdateFaqRequest(orders, removeLanguage(faqFormFrom(orders), 'en'))).toEqual({ defaultLanguage: 'uk', body: 'Ваше замовлення в дорозі.', variants: [] });
  });
});

describe('an answer’s texts by language', () => {
  it('reads the default language’s text from the body and the others from the variants', () => {
    const values = faqFormFrom(orders);
    expect(values.defaultLanguage).toBe('uk');
    expect(values.variants).toEqual({ en: 'Your order is on its way.' });
    expect(formLanguages(values)).toEqual(['uk', 'en']);
    expect(textIn(values, 'en')).toBe('Your order is on its way.');
    expect(textIn(values, 'ru')).toBe('');
  });

  it('treats an answer saved before languages existed as English only', () => {
    const values = faqFormFrom({ ...orders, language: null, defaultLanguage: undefined, variants: undefined, languages: undefined });
    expect(formLanguages(values)).toEqual(['en']);
  });

  it('swaps the texts when another language with a text becomes the default', () => {
    const values = changeDefaultLanguage(faqFormFrom(orders), 'en');
    expect(values.defaultLanguage).toBe('en');
    expect(values.body).toBe('Your order is on its way.');
    expect(values.variants).toEqual({ uk: 'Ваше замовлення в дорозі.' });
  });

  it('relabels the default text when the new default language has no text yet', () => {
    const values = changeDefaultLanguage({ ...emptyFaqForm(), body: 'Ваше замовлення в дорозі.' }, 'uk');
    expect(values.defaultLanguage).toBe('uk');
    expect(values.body).toBe('Ваше замовлення в дорозі.');
    expect(formLanguages(values)).toEqual(['uk']);
  });

  it('never removes the default language’s text', () => {
    const values = faqFormFrom(orders);
    expect(removeLanguage(values, 'uk')).toBe(values);
  });

  it('checks every language’s text with the same rules, and blocks saving over another language’s problem', () => {
    const values = withText(addLanguage(faqFormFrom(orders), 'ru'), 'en', 'Hi {{contact.firstname}}');
    expect(variantErrors(values)).toEqual({
      en: expect.stringMatching(/^\{\{contact\.firstname\}\} is not a variable/),
      ru: 'Enter the answer customers get.',
    });
    const errors = validateFaqForm({ ...values, title: 'Orders', shortcode: 'orders' });
    expect(errors.body).toBeUndefined();
    expect(errors.variants).toBe('The texts in 2 other languages need fixing.');
  });
});
