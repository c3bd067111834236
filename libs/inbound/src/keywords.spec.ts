import { DEFAULT_KEYWORDS } from '@backtalk/channels';
import { matchKeyword } from './keywords';

describe('matchKeyword', () => {
  it('recognises the standard opt-out words in any case and spacing', () => {
    expect(matchKeyword('stop', DEFAULT_KEYWORDS)).toEqual({ kind: 'optOut', keyword: 'STOP' });
    expect(matchKeyword('  Unsubscribe\n', DEFAULT_KEYWORDS)).toEqual({ kind: 'optOut', keyword: 'UNSUBSCRIBE' });
    expect(matchKeyword('Stop all', DEFAULT_KEYWORDS)).toEqual({ kind: 'optOut', keyword: 'STOPALL' });
    expect(matchKeyword('STOP!', DEFAULT_KEYWORDS)).toEqual({ kind: 'optOut', keyword: 'STOP' });
  });

  it('does not treat a sentence containing the word as a keyword', () => {
    expect(matchKeyword('please stop the delivery to my old address', DEFAULT_KEYWORDS)).toBeNull();
    expect(matchKeyword('STOP PLEASE', DEFAULT_KEYWORDS)).toBeNull();
  });

  it('recognises opt-in and help keywords', () => {
    expect(matchKeyword('Start', DEFAULT_KEYWORDS)).toEqual({ kind: 'optIn', keyword: 'START' });
    expect(matchKeyword('info', DEFAULT_KEYWORDS)).toEqual({ kind: 'help', keyword: 'INFO' });
  });

  it('recognises the Ukrainian defaults', () => {
    expect(matchKeyword('стоп', DEFAULT_KEYWORDS)).toEqual({ kind: 'optOut', keyword: 'СТОП' });
    expect(matchKeyword('Старт', DEFAULT_KEYWORDS)).toEqual({ kind: 'optIn', keyword: 'СТАРТ' });
    expect(matchKeyword('допомога', DEFAULT_KEYWORDS)).toEqual({ kind: 'help', keyword: 'ДОПОМОГА' });
  });

  it('uses the channel’s own lists', () => {
    const keywords = { optOut: ['ARRET'], optIn: ['REPRENDRE'], help: ['AIDE'] };
    expect(matchKeyword('arret', keywords)?.kind).toBe('optOut');
    expect(matchKeyword('stop', keywords)).toBeNull();
  });

  it('ignores an empty message', () => {
    expect(matchKeyword('   ', DEFAULT_KEYWORDS)).toBeNull();
  });
});
