import { splitData } from './data-in-text';

describe('names quoted in a sentence', () => {
  it('cuts the sentence where it quotes a name', () => {
    expect(splitData('Maria Agent resolved the conversation', ['Maria Agent'])).toEqual([
      { text: 'Maria Agent', isData: true },
      { text: ' resolved the conversation', isData: false },
    ]);
  });

  it('marks every quote, the longest name winning where one holds another', () => {
    expect(splitData('Labels “VIP” and “VIP customers” added by Maria Agent', ['VIP', 'VIP customers', 'Maria', 'Maria Agent'])).toEqual([
      { text: 'Labels “', isData: false },
      { text: 'VIP', isData: true },
      { text: '” and “', isData: false },
      { text: 'VIP customers', isData: true },
      { text: '” added by ', isData: false },
      { text: 'Maria Agent', isData: true },
    ]);
  });

  it('leaves a sentence that quotes nothing whole, and ignores empty names', () => {
    expect(splitData('Snooze ended', ['', ' ', 'Olena'])).toEqual([{ text: 'Snooze ended', isData: false }]);
  });
});
