import { analyseReply, describeCharacter, formatCost, highlightRuns, newIdempotencyKey } from './composer-analysis';

describe('analyseReply', () => {
  it('counts a plain reply as one GSM-7 segment and prices it', () => {
    const analysis = analyseReply('Your order left our warehouse today.', 0.0079);

    expect(analysis).toMatchObject({ encoding: 'GSM-7', segments: 1, estimatedCost: 0.0079, fixedText: null, irreplaceable: [] });
  });

  it('turns one curly apostrophe into UCS-2 and offers the plain text that fixes it', () => {
    const text = `We’ve ${'x'.repeat(140)}`;
    const analysis = analyseReply(text, 0.01);

    expect(analysis.encoding).toBe('UCS-2');
    expect(analysis.segments).toBe(3);
    expect(analysis.fixedText).toBe(`We've ${'x'.repeat(140)}`);
    expect(analyseReply(analysis.fixedText ?? '', 0.01).segments).toBe(1);
  });

  it('lists characters nothing can replace, such as emoji and Cyrillic, separately', () => {
    const analysis = analyseReply('Дякуємо 👍 — ok', null);

    expect(analysis.irreplaceable).toEqual(expect.arrayContaining(['Д', '👍']));
    expect(analysis.irreplaceable).not.toContain('—');
    expect(analysis.fixedText).toBe('Дякуємо 👍 - ok');
  });

  it('counts what will be sent when the channel replaces look-alikes itself, and lists what it will replace', () => {
    const analysis = analyseReply(`We’ve ${'x'.repeat(140)}`, 0.01, true);

    expect(analysis).toMatchObject({ encoding: 'GSM-7', segments: 1, fixedText: null, autoReplaced: [{ from: '’', to: "'" }] });
  });

  it('shows no cost when the channel has no price', () => {
    expect(analyseReply('Hi', 0).estimatedCost).toBeNull();
    expect(analyseReply('Hi', null).estimatedCost).toBeNull();
  });

  it('counts nothing for an empty reply', () => {
    expect(analyseReply('', 0.01)).toMatchObject({ segments: 0, estimatedCost: 0 });
  });
});

describe('highlightRuns', () => {
  it('splits the text where UCS-2 characters start and stop', () => {
    expect(highlightRuns('It’s “ok”')).toEqual([
      { text: 'It', flagged: false },
      { text: '’', flagged: true },
      { text: 's ', flagged: false },
      { text: '“', flagged: true },
      { text: 'ok', flagged: false },
      { text: '”', flagged: true },
    ]);
  });

  it('flags only the given characters when asked', () => {
    expect(highlightRuns('It’s 👍', new Set(['👍']))).toEqual([
      { text: 'It’s ', flagged: false },
      { text: '👍', flagged: true },
    ]);
  });

  it('keeps line breaks unflagged', () => {
    expect(highlightRuns('a\nb')).toEqual([{ text: 'a\nb', flagged: false }]);
  });
});

describe('describeCharacter', () => {
  it('names the usual look-alikes with their code point', () => {
    expect(describeCharacter('’')).toBe('curly apostrophe (U+2019)');
    expect(describeCharacter('Ж')).toBe('U+0416');
  });
});

describe('formatCost', () => {
  it('shows a reply’s cost in its channel’s currency, to a hundredth of a cent', () => {
    expect(formatCost(0.0158, 'USD', 'en-US')).toBe('$0.0158');
    expect(formatCost(3.7, 'UAH', 'en-US')).toBe('₴3.70');
    expect(formatCost(0.0158, undefined, 'en-US')).toBe('0.0158');
  });
});

describe('newIdempotencyKey', () => {
  it('uses randomUUID when the browser offers it', () => {
    expect(newIdempotencyKey({ randomUUID: () => 'uuid-1' } as unknown as Crypto)).toBe('uuid-1');
  });

  it('falls back to random bytes outside a secure context', () => {
    const random = { getRandomValues: (array: Uint8Array) => array.fill(171) } as unknown as Crypto;

    expect(newIdempotencyKey(random)).toBe('ab'.repeat(16));
  });
});
