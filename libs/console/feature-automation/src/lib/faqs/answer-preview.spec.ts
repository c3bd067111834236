import { sampleValues, segmentRisk, unknownVariables, variablesIn } from './answer-preview';

const channel = { pricePerSegment: 0.01, smartEncoding: false };
const values = sampleValues('Andriy Agent', { name: 'Support desk', helpText: 'Reply STOP to opt out.' });

describe('variablesIn and unknownVariables', () => {
  it('lists each variable once, in order, and spots the ones the API does not know', () => {
    const body = 'Hi {{contact.first_name}}, {{ agent.name }} here. {{contact.first_name}} {{contact.firstname}}';
    expect(variablesIn(body)).toEqual(['contact.first_name', 'agent.name', 'contact.firstname']);
    expect(unknownVariables(body)).toEqual(['contact.firstname']);
  });
});

describe('segmentRisk', () => {
  it('counts encoding, segments and cost of the answer as the sample customer gets it', () => {
    const risk = segmentRisk('Hi {{contact.first_name}}, your refund is on its way.', values, channel);
    expect(risk.preview.text).toBe('Hi Iryna, your refund is on its way.');
    expect(risk.preview.encoding).toBe('GSM-7');
    expect(risk.preview.segments).toBe(1);
    expect(risk.preview.estimatedCost).toBeCloseTo(0.01);
  });

  it('says nothing when the answer has no variables', () => {
    expect(segmentRisk('We open at 9:00.', values, channel)).toMatchObject({ worstSegments: null, warning: null });
  });

  it('says nothing when even a long Cyrillic name keeps the answer in one segment', () => {
    expect(segmentRisk('Hi {{contact.first_name}}, your refund is on its way.', values, channel).warning).toBeNull();
  });

  it('warns that a Cyrillic name can turn a plain answer near the limit into Unicode', () => {
    const body = `${'a'.repeat(140)} {{contact.first_name}}`;
    const risk = segmentRisk(body, values, channel);
    expect(risk.preview.segments).toBe(1);
    expect(risk.worstSegments).toBe(3);
    expect(risk.warning).toBe('A name written in Cyrillic in {{contact.first_name}} turns this answer into Unicode: up to 3 segments instead of 1.');
  });

  it('warns that a longer value can push a Unicode answer over a segment boundary', () => {
    const body = `${'ж'.repeat(60)} {{contact.first_name}}`;
    const risk = segmentRisk(body, values, channel);
    expect(risk.preview.segments).toBe(1);
    expect(risk.warning).toBe('With longer values in {{contact.first_name}} (up to 20 characters each) this answer takes 2 segments instead of 1.');
  });

  it('takes a channel value longer than the allowance as it is', () => {
    const longHelp = sampleValues('Andriy Agent', { name: 'Support desk', helpText: 'h'.repeat(60) });
    const risk = segmentRisk(`${'a'.repeat(90)} {{channel.help_text}}`, longHelp, channel);
    expect(risk.preview.segments).toBe(1);
    expect(risk.worstSegments).toBe(1);
    expect(risk.warning).toBeNull();
  });
});
