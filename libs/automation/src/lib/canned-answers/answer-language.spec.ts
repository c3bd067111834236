import { answerVariants, chooseAnswerVariant, fallbackSentence } from './answer-language';

const ukAndEn = [
  { language: 'en' as const, body: 'Your order ships in 2 days.' },
  { language: 'uk' as const, body: 'Ваше замовлення відправимо за 2 дні.' },
];

describe('chooseAnswerVariant', () => {
  it('answers in the detected language when the answer has it', () => {
    expect(chooseAnswerVariant({ variants: ukAndEn, defaultLanguage: 'en', contactLanguage: null, conversationLanguage: 'uk' })).toEqual({
      chosenLanguage: 'uk',
      wantedLanguage: 'uk',
      wantedFrom: 'conversation',
      fallback: false,
      body: 'Ваше замовлення відправимо за 2 дні.',
    });
  });

  it('uses the default language and says it fell back when the customer’s language has no text', () => {
    expect(chooseAnswerVariant({ variants: ukAndEn, defaultLanguage: 'en', contactLanguage: null, conversationLanguage: 'ru' })).toEqual({
      chosenLanguage: 'en',
      wantedLanguage: 'ru',
      wantedFrom: 'conversation',
      fallback: true,
      body: 'Your order ships in 2 days.',
    });
  });

  it('lets the contact’s own language win over the detected one', () => {
    const choice = chooseAnswerVariant({ variants: ukAndEn, defaultLanguage: 'en', contactLanguage: 'uk', conversationLanguage: 'en' });
    expect(choice).toMatchObject({ chosenLanguage: 'uk', wantedFrom: 'contact', fallback: false });
  });

  it('reports a fallback from the contact’s language when the answer lacks it', () => {
    const choice = chooseAnswerVariant({ variants: ukAndEn, defaultLanguage: 'uk', contactLanguage: 'ru', conversationLanguage: 'en' });
    expect(choice).toMatchObject({ chosenLanguage: 'uk', wantedLanguage: 'ru', wantedFrom: 'contact', fallback: true });
  });

  it('uses the default without calling it a fallback when no language is known', () => {
    const choice = chooseAnswerVariant({ variants: ukAndEn, defaultLanguage: 'uk', contactLanguage: null, conversationLanguage: null });
    expect(choice).toEqual({ chosenLanguage: 'uk', wantedLanguage: null, wantedFrom: null, fallback: false, body: 'Ваше замовлення відправимо за 2 дні.' });
  });

  it('is no fallback when the wanted language is the default one', () => {
    expect(chooseAnswerVariant({ variants: ukAndEn, defaultLanguage: 'en', contactLanguage: null, conversationLanguage: 'en' }).fallback).toBe(false);
  });
});

describe('answerVariants', () => {
  it('lists the default text with the others in the supported languages’ order, the body winning over a stray default-language variant', () => {
    expect(answerVariants('uk', 'Привіт', [{ language: 'ru', body: 'Привет' }, { language: 'uk', body: 'stale' }, { language: 'en', body: 'Hi' }])).toEqual([
      { language: 'en', body: 'Hi' },
      { language: 'uk', body: 'Привіт' },
      { language: 'ru', body: 'Привет' },
    ]);
  });
});

describe('fallbackSentence', () => {
  it('names the language used and the one missing', () => {
    expect(fallbackSentence({ chosenLanguage: 'en', wantedLanguage: 'ru' })).toBe('answered in English: no Russian version');
  });
});
