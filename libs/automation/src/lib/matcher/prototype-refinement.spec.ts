import { DEFAULT_REFINEMENT, type Rows, refinePrototypes, rivalsOf } from './prototype-refinement';

function rows(vectors: number[][]): Rows {
  const dimension = vectors[0].length;
  const values = new Float64Array(vectors.length * dimension);
  vectors.forEach((vector, row) => values.set(vector, row * dimension));
  return { count: vectors.length, dimension, values };
}

function unit(vector: number[]): number[] {
  const norm = Math.hypot(...vector);
  return vector.map((value) => value / norm);
}

/** FAQ 0 has an example (0.6, 0.8) that lies nearer FAQ 1's mean direction than its own: nearest-mean matching gets it wrong. */
const EXAMPLES = rows([[1, 0], [1, 0], [1, 0], [0.6, 0.8], [0, 1], [0, 1], [0, 1]]);
const FAQ_OF_EXAMPLE = Int32Array.from([0, 0, 0, 0, 1, 1, 1]);
const MEANS = rows([unit([3.6, 0.8]), [0, 1]]);

function bestFaq(prototypes: Rows, biases: Float64Array, example: number[]): number {
  const scores = Array.from({ length: prototypes.count }, (_, faq) => biases[faq] + prototypes.values[faq * 2] * example[0] + prototypes.values[faq * 2 + 1] * example[1]);
  return scores.indexOf(Math.max(...scores));
}

describe('refinePrototypes', () => {
  it('moves the prototypes so that an example misplaced by nearest-mean matching goes to its own FAQ', () => {
    expect(bestFaq(MEANS, new Float64Array(2), [0.6, 0.8])).toBe(1);
    const { prototypes, biases } = refinePrototypes(EXAMPLES, FAQ_OF_EXAMPLE, MEANS);
    expect(bestFaq(prototypes, biases, [0.6, 0.8])).toBe(0);
    expect(bestFaq(prototypes, biases, [1, 0])).toBe(0);
    expect(bestFaq(prototypes, biases, [0, 1])).toBe(1);
  });

  it('returns the starting prototypes and no bias when given no steps to take', () => {
    const { prototypes, biases } = refinePrototypes(EXAMPLES, FAQ_OF_EXAMPLE, MEANS, { ...DEFAULT_REFINEMENT, iterations: 0 });
    expect(Array.from(prototypes.values)).toEqual(Array.from(MEANS.values));
    expect(Array.from(biases)).toEqual([0, 0]);
  });

  it('leaves a library of one FAQ alone, as nothing is to be told apart', () => {
    const { prototypes } = refinePrototypes(rows([[1, 0]]), Int32Array.from([0]), rows([[1, 0]]));
    expect(Array.from(prototypes.values)).toEqual([1, 0]);
  });
});

describe('rivalsOf', () => {
  it("lists an example's own FAQ first, then the FAQs nearest to it", () => {
    const prototypes = rows([[1, 0], [0, 1], [0.8, 0.6], [-1, 0]]);
    const rivals = rivalsOf(rows([[0, 1]]), Int32Array.from([3]), prototypes, 3);
    expect(Array.from(rivals)).toEqual([3, 1, 2]);
  });
});
