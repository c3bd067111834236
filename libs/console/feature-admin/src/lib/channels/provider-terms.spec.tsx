import { isValidElement, type ReactElement } from 'react';
import { withoutTermMarks, withProviderTerms } from './provider-terms';

describe('names from a provider’s console inside a sentence', () => {
  it('marks each term as untranslatable and keeps the words around it', () => {
    const parts = withProviderTerms('Знайдіть <term>Account SID</term> у <term>Twilio Console → Account info</term>.') as unknown[];
    const terms = parts.filter(isValidElement) as ReactElement<{ translate: string; children: string }>[];
    expect(terms.map((term) => [term.props.translate, term.props.children])).toEqual([
      ['no', 'Account SID'],
      ['no', 'Twilio Console → Account info'],
    ]);
    expect(parts.filter((part) => typeof part === 'string')).toEqual(['Знайдіть ', ' у ', '.']);
  });

  it('leaves a sentence without terms as it is, and reads marked sentences as plain text', () => {
    expect(withProviderTerms('Від 3 до 8 цифр.')).toBe('Від 3 до 8 цифр.');
    expect(withoutTermMarks('Токен автентифікації (<term>Auth token</term>)')).toBe('Токен автентифікації (Auth token)');
  });
});
