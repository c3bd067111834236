import { analyseSms } from './analyse-sms';

// Expected counts follow 3GPP TS 23.038/23.040 as summarised in shared/reference/carriers.md §10; each vector there
// was checked against sms-segments-calculator 1.3.0 (TwilioDevEd/message-segment-calculator).

describe('analyseSms', () => {
  describe('GSM-7 text', () => {
    it.each([
      [160, 1],
      [161, 2],
      [306, 2],
      [307, 3],
    ])('splits %i plain characters into %i segment(s)', (length, segments) => {
      const analysis = analyseSms('a'.repeat(length));

      expect(analysis.encoding).toBe('GSM-7');
      expect(analysis.segments).toBe(segments);
      expect(analysis.unitsUsed).toBe(length);
    });

    it('reports the room left in a single segment and in the last part of a split one', () => {
      expect(analyseSms('a'.repeat(150))).toMatchObject({ unitsPerSegment: 160, unitsLeftInSegment: 10 });
      expect(analyseSms('a'.repeat(161))).toMatchObject({ unitsPerSegment: 153, unitsLeftInSegment: 145 });
      expect(analyseSms('a'.repeat(306))).toMatchObject({ unitsPerSegment: 153, unitsLeftInSegment: 0 });
    });

    it.each(['€', '^', '{', '}', '[', ']', '~', '\\', '|'])('charges two septets for the extension character %s', (char) => {
      const analysis = analyseSms(`a${char}`);

      expect(analysis.encoding).toBe('GSM-7');
      expect(analysis.unitsUsed).toBe(3);
      expect(analysis.characters).toBe(2);
    });

    it('fits 80 euro signs in one segment and needs a second for the 81st', () => {
      expect(analyseSms('€'.repeat(80)).segments).toBe(1);
      expect(analyseSms('€'.repeat(81)).segments).toBe(2);
    });

    it('moves an extension pair to the next part instead of splitting it', () => {
      const nearBoundary = analyseSms(`${'a'.repeat(152)}€${'a'.repeat(10)}`);
      expect(nearBoundary.segments).toBe(2);
      // The septet left free at the end of part one is lost, so part two holds the euro sign and ten letters.
      expect(nearBoundary.unitsLeftInSegment).toBe(153 - 12);

      // 306 septets would fit two parts exactly if the pair could be split; it cannot, so a third part is needed.
      expect(analyseSms(`${'a'.repeat(152)}€${'a'.repeat(152)}`).segments).toBe(3);
    });

    it('treats the Greek capitals of the GSM table as GSM-7', () => {
      expect(analyseSms('ΔΦΓΛΩΠΨΣΘΞ').encoding).toBe('GSM-7');
    });

    it('counts an empty text as no segment at all', () => {
      expect(analyseSms('')).toMatchObject({ segments: 0, unitsUsed: 0, unitsLeftInSegment: 160, characters: 0 });
    });

    it('counts a CR LF line break as one character a person sees but two septets sent', () => {
      expect(analyseSms('Hi\r\nthere')).toMatchObject({ characters: 8, unitsUsed: 9 });
      expect(analyseSms('Hi\nthere\r')).toMatchObject({ characters: 9, unitsUsed: 9 });
    });
  });

  describe('UCS-2 text', () => {
    it('switches the whole message to UCS-2 for a single Cyrillic letter', () => {
      const analysis = analyseSms('Hello, П');

      expect(analysis.encoding).toBe('UCS-2');
      expect(analysis.nonGsmCharacters).toEqual(['П']);
      expect(analysis.unitsPerSegment).toBe(70);
    });

    it.each([
      ['П', 70, 1],
      ['П', 71, 2],
      ['ї', 134, 2],
      ['ї', 135, 3],
    ])('splits %s repeated %i times into %i segment(s)', (char, count, segments) => {
      expect(analyseSms(char.repeat(count)).segments).toBe(segments);
    });

    it('counts an emoji as two units', () => {
      expect(analyseSms('👍'.repeat(35))).toMatchObject({ segments: 1, unitsUsed: 70, characters: 35 });
      expect(analyseSms('👍'.repeat(36))).toMatchObject({ segments: 2, unitsUsed: 72 });
    });

    it('never splits an emoji across two parts', () => {
      const analysis = analyseSms(`${'П'.repeat(66)}👍${'П'.repeat(3)}`);

      expect(analysis.segments).toBe(2);
      expect(analysis.unitsLeftInSegment).toBe(67 - 5);
    });

    it('counts an emoji with a skin tone as one character of four units', () => {
      expect(analyseSms('👍🏽')).toMatchObject({ characters: 1, unitsUsed: 4 });
    });

    it('lists each character that forces UCS-2 once, in order of appearance', () => {
      expect(analyseSms('Привіт').nonGsmCharacters).toEqual(['П', 'р', 'и', 'в', 'і', 'т']);
      expect(analyseSms('ok ok 👍 👍').nonGsmCharacters).toEqual(['👍']);
    });
  });

  describe('smart encoding', () => {
    const curly = 'It’s “ok”';

    it('leaves curly quotes as UCS-2 when it is off but offers their GSM-7 stand-ins', () => {
      const analysis = analyseSms(curly);

      expect(analysis.encoding).toBe('UCS-2');
      expect(analysis.text).toBe(curly);
      expect(analysis.replacements).toEqual([
        { from: '’', to: "'" },
        { from: '“', to: '"' },
        { from: '”', to: '"' },
      ]);
    });

    it('sends curly quotes as GSM-7 when it is on', () => {
      const analysis = analyseSms(curly, { smartEncoding: true });

      expect(analysis.encoding).toBe('GSM-7');
      expect(analysis.text).toBe('It\'s "ok"');
      expect(analysis.nonGsmCharacters).toEqual([]);
      expect(analysis.replacements).toEqual([]);
    });

    it('keeps Ukrainian text in UCS-2 because letters are never transliterated', () => {
      const analysis = analyseSms('Привіт', { smartEncoding: true });

      expect(analysis.encoding).toBe('UCS-2');
      expect(analysis.text).toBe('Привіт');
      expect(analysis.replacements).toEqual([]);
    });

    it('offers no stand-in for a character that has none', () => {
      expect(analyseSms('П’').replacements).toEqual([{ from: '’', to: "'" }]);
    });
  });
});
