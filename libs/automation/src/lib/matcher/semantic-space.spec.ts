import { SemanticSpace } from './semantic-space';

/** Deterministic pseudo-random embeddings: each FAQ a direction of its own, each example that direction plus noise. */
function library(faqCount: number, examplesPerFaq: number, dimension: number): { embeddings: Float32Array[]; faqOfExample: Int32Array } {
  let seed = 7;
  const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1;
  const directions = Array.from({ length: faqCount }, () => Array.from({ length: dimension }, random));
  const embeddings: Float32Array[] = [];
  const faqOfExample: number[] = [];
  directions.forEach((direction, faq) => {
    for (let example = 0; example < examplesPerFaq; example++) {
      embeddings.push(Float32Array.from(direction, (value) => value + 0.6 * random()));
      faqOfExample.push(faq);
    }
  });
  return { embeddings, faqOfExample: Int32Array.from(faqOfExample) };
}

describe('SemanticSpace', () => {
  const { embeddings, faqOfExample } = library(6, 4, 8);

  it('scores a message against refined prototypes, ranking the FAQ of a known example first', () => {
    const space = new SemanticSpace(embeddings, faqOfExample, 6);
    const scores = space.scores(space.project(embeddings[5]));
    expect(scores.refined).toBeDefined();
    expect(Array.from(scores.refined!).indexOf(Math.max(...scores.refined!))).toBe(faqOfExample[5]);
  });

  it('leaves refined scores out of leave-one-out scores, since the refinement has seen the example', () => {
    const space = new SemanticSpace(embeddings, faqOfExample, 6);
    expect(space.leaveOneOutScores(5)!.refined).toBeUndefined();
  });

  it('keeps a score of 0 for an FAQ none of whose examples has an embedding', () => {
    const space = new SemanticSpace([...embeddings, null], Int32Array.from([...faqOfExample, 6]), 7);
    expect(space.scores(space.project(embeddings[0])).refined![6]).toBe(0);
  });

  it('scores an FAQ by its closest example, which is the message itself unless left out', () => {
    const space = new SemanticSpace(embeddings, faqOfExample, 6);
    const faq = faqOfExample[5];
    expect(space.scores(space.project(embeddings[5])).nearest[faq]).toBeCloseTo(1);
    expect(space.leaveOneOutScores(5)!.nearest[faq]).toBeLessThan(0.999);
  });
});
