import { LexicalExamples, type SparseVector } from './lexical';

const vector = (entries: Array<[id: number, weight: number]>): SparseVector => {
  const norm = Math.sqrt(entries.reduce((sum, [, weight]) => sum + weight * weight, 0));
  return { ids: Int32Array.from(entries, ([id]) => id), weights: Float64Array.from(entries, ([, weight]) => weight / norm) };
};

describe('LexicalExamples', () => {
  // FAQ 0 has two unrelated ways of asking; FAQ 1 one example that shares a little with both.
  const examples = [vector([[0, 1]]), vector([[1, 1]]), vector([[0, 1], [1, 1], [2, 1]])];
  const index = new LexicalExamples(examples, Int32Array.from([0, 0, 1]));

  it('scores each FAQ by its closest example rather than by all of its examples together', () => {
    const scores = index.nearest(vector([[0, 1]]), new Float64Array(2));
    expect(scores[0]).toBeCloseTo(1);
    expect(scores[1]).toBeCloseTo(1 / Math.sqrt(3));
  });

  it('leaves the excluded example out, as if the library had never seen it', () => {
    const scores = index.nearest(vector([[0, 1]]), new Float64Array(2), 0);
    expect(scores[0]).toBe(0);
  });

  it('scores an FAQ that shares no feature with the message 0', () => {
    expect(index.nearest(vector([[7, 1]]), new Float64Array(2))).toEqual(new Float64Array(2));
  });
});
