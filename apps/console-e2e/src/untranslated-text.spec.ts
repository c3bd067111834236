import { expect, test } from '@playwright/test';
import { untranslatedWords } from './support/untranslated-text';

// The word logic of the untranslated-text scan, without a browser: what counts as English left on a Ukrainian screen.

const at = (text: string) => ({ text, where: 'p' });

test.describe('the untranslated-text scan', () => {
  test('reports each Latin word of two or more letters with the text it stood in', () => {
    expect(untranslatedWords([at('Зберегти draft зміни')])).toEqual([{ word: 'draft', text: 'Зберегти draft зміни', where: 'p' }]);
  });

  test('lets brands, formats, provider names, keywords and currency codes through', () => {
    expect(untranslatedWords([at('Backtalk: SMS через Twilio, CSV-файл, E.164, надішліть STOP · 0,0158 USD · GSM-7')])).toEqual([]);
  });

  test('ignores single letters and canned-answer variables', () => {
    expect(untranslatedWords([at('Вітаємо, {{contact.first_name}}! Формат: E')])).toEqual([]);
  });

  test('takes content marked as data out of interface text before reading it', () => {
    expect(untranslatedWords([at('Змінити: Where is my order')], ['Where is my order'])).toEqual([]);
    expect(untranslatedWords([at('Edit: Where is my order')], ['Where is my order']).map(({ word }) => word)).toEqual(['Edit']);
  });
});
