import { setConsoleLanguage } from '@backtalk/console/i18n';
import '../../i18n';
import { describeHold, holdData, holdKindLabel } from './automation-holds';

describe('automation holds in the console’s words', () => {
  afterEach(() => setConsoleLanguage('en'));

  it('names a report row by the hold’s kind, and rows without one as such', () => {
    expect(holdKindLabel('asked_for_person')).toBe('Customer asked for a person');
    expect(holdKindLabel(null, { unrecorded: true })).toBe('No reason recorded');
    expect(holdKindLabel('from_the_future')).toBe('Other reason');
    setConsoleLanguage('uk');
    expect(holdKindLabel('no_faq_match')).toBe('Немає впевненої відповіді FAQ');
  });

  it('quotes names, titles and rule names from the hold as data', () => {
    expect(holdData({ kind: 'faq_not_autonomous', title: 'Refunds' })).toEqual(['Refunds']);
    expect(holdData({ kind: 'answer_missing', ruleName: 'Night replies' })).toEqual(['Night replies']);
    expect(holdData({ kind: 'took', name: null })).toEqual([]);
  });

  it('words a missing canned answer with the rule’s name when it is known', () => {
    expect(describeHold({ kind: 'answer_missing', ruleName: 'Night replies' })).toBe('the canned answer of “Night replies” no longer exists');
    setConsoleLanguage('uk');
    expect(describeHold({ kind: 'answer_missing' })).toBe('шаблону відповіді, який вказано в правилі, більше немає');
  });
});
