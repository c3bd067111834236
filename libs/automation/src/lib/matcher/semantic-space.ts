import { choleskyInPlace, dot, forwardSubstitute, normalize } from './linear-algebra';
import { type Rows, refinePrototypes } from './prototype-refinement';

/** How the sentence-embedding side of a FAQ library compares a message with each FAQ. */
export interface SemanticScores {
  /** Cosine with the FAQ's mean example embedding, as the encoder made them: a good sign of whether a message is about the FAQ at all. */
  raw: Float64Array;
  /** The same after whitening by the spread within FAQs: tells apart neighbouring FAQs better. */
  whitened: Float64Array;
  /**
   * Whitened embedding against prototypes refined by logistic regression on the library's examples (see
   * `refinePrototypes`): ranks FAQs best. Absent in leave-one-out scores, since the refinement has seen every example.
   */
  refined?: Float64Array;
  /**
   * Whitened cosine with the FAQ's closest example: an FAQ whose examples ask two different things has a mean that
   * resembles neither, while a message close to one of them is still found. 0 for an FAQ without embedded examples.
   */
  nearest: Float64Array;
}

export interface ProjectedEmbedding {
  raw: Float64Array;
  whitened: Float64Array;
}

/** Whitening needs enough examples within FAQs to say which directions vary inside one FAQ. */
const MIN_FAQS_FOR_WHITENING = 5;
const MIN_WITHIN_FAQ_DEGREES_OF_FREEDOM = 10;
const MIN_SHRINKAGE = 0.1;

/**
 * Sentence embeddings of a library's examples, seen two ways. Whitening is shrinkage linear discriminant analysis:
 * directions in which examples of the same FAQ differ (wording, length) are scaled down, directions that separate
 * FAQs up. Its covariance is shrunk towards the identity, the more so the fewer examples there are, so that a small
 * library degrades gracefully to plain centred cosine. In the whitened space each FAQ's mean direction is then
 * refined by logistic regression on the examples (`refinePrototypes`), which on the benchmark's validation splits
 * ranks the right FAQ first about one point more often than the means alone.
 */
export class SemanticSpace {
  readonly dimension: number;
  private readonly mean: Float64Array;
  private readonly whitener: Float64Array | null;
  private readonly rawSums: Float64Array[];
  private readonly whitenedSums: Float64Array[];
  private readonly rawSquaredNorms: Float64Array;
  private readonly whitenedSquaredNorms: Float64Array;
  private readonly refined: { prototypes: Rows; biases: Float64Array; faqs: Int32Array } | null;
  /** Whitened examples packed row after row, each row's FAQ, and the row of each input example (-1 without an embedding). */
  private readonly packedExamples: { rows: Float64Array; faqs: Int32Array; positions: Int32Array };
  /** Every example as compared with FAQs (null where it had no embedding), in input order, for leave-one-out scores. */
  private readonly examples: Array<ProjectedEmbedding | null>;

  /** `faqOfExample[i]` is the FAQ of `embeddings[i]`; `null` embeddings (a language the encoder does not know) are left out of every mean. */
  constructor(
    embeddings: Array<Float32Array | null>,
    private readonly faqOfExample: Int32Array,
    faqCount: number,
  ) {
    const present = embeddings.flatMap((embedding, index) => (embedding ? [{ embedding: normalize(Float64Array.from(embedding)), faq: faqOfExample[index] }] : []));
    if (present.length === 0) throw new Error('no example has an embedding');
    this.dimension = present[0].embedding.length;
    const dimension = this.dimension;

    const faqMeans = Array.from({ length: faqCount }, () => new Float64Array(dimension));
    const faqSizes = new Int32Array(faqCount);
    this.mean = new Float64Array(dimension);
    for (const { embedding, faq } of present) {
      faqSizes[faq]++;
      for (let index = 0; index < dimension; index++) {
        faqMeans[faq][index] += embedding[index];
        this.mean[index] += embedding[index];
      }
    }
    for (let index = 0; index < dimension; index++) this.mean[index] /= present.length;
    faqMeans.forEach((faqMean, faq) => faqSizes[faq] > 0 && faqMean.forEach((value, index) => (faqMean[index] = value / faqSizes[faq])));

    const faqsWithExamples = faqSizes.filter((size) => size > 0).length;
    const degreesOfFreedom = present.length - faqsWithExamples;
    this.whitener =
      faqsWithExamples >= MIN_FAQS_FOR_WHITENING && degreesOfFreedom >= MIN_WITHIN_FAQ_DEGREES_OF_FREEDOM
        ? withinFaqWhitener(present, faqMeans, dimension, Math.max(MIN_SHRINKAGE, dimension / (dimension + degreesOfFreedom)))
        : null;

    this.rawSums = Array.from({ length: faqCount }, () => new Float64Array(dimension));
    this.whitenedSums = Array.from({ length: faqCount }, () => new Float64Array(dimension));
    this.examples = embeddings.map((embedding) => (embedding ? this.project(embedding) : null));
    this.examples.forEach((example, position) => {
      if (!example) return;
      const faq = faqOfExample[position];
      for (let index = 0; index < dimension; index++) {
        this.rawSums[faq][index] += example.raw[index];
        this.whitenedSums[faq][index] += example.whitened[index];
      }
    });
    this.rawSquaredNorms = Float64Array.from(this.rawSums, (sum) => dot(sum, sum));
    this.whitenedSquaredNorms = Float64Array.from(this.whitenedSums, (sum) => dot(sum, sum));
    this.packedExamples = this.packExamples();
    this.refined = this.refine(faqOfExample);
  }

  project(embedding: ArrayLike<number>): ProjectedEmbedding {
    return this.projectNormalized(normalize(Float64Array.from(embedding)));
  }

  /** Cosines of a message's embedding with every FAQ's mean, its refined prototype and its closest example. */
  scores(embedding: ProjectedEmbedding): SemanticScores {
    return this.score(embedding, null);
  }

  /**
   * Example `index` scored as a message the library has never seen: taken out of its FAQ's mean and out of the
   * closest-example search. Undefined for an example without an embedding.
   */
  leaveOneOutScores(index: number): SemanticScores | undefined {
    const example = this.examples[index];
    return example ? this.score(example, index) : undefined;
  }

  private score(embedding: ProjectedEmbedding, leftOut: number | null): SemanticScores {
    const without = leftOut === null ? undefined : { example: this.examples[leftOut]!, faq: this.faqOfExample[leftOut] };
    const scores: SemanticScores = {
      raw: cosines(embedding.raw, this.rawSums, this.rawSquaredNorms, without && { vector: without.example.raw, faq: without.faq }),
      whitened: cosines(embedding.whitened, this.whitenedSums, this.whitenedSquaredNorms, without && { vector: without.example.whitened, faq: without.faq }),
      nearest: this.nearestExamples(embedding.whitened, leftOut === null ? -1 : this.packedExamples.positions[leftOut]),
    };
    if (this.refined && !without) {
      // FAQs without any embedded example keep their centroid cosine (0): the refinement knows nothing about them.
      const refined = Float64Array.from(scores.whitened);
      const { prototypes, biases, faqs } = this.refined;
      faqs.forEach((faq, position) => {
        refined[faq] = biases[position] + dot(embedding.whitened, prototypes.values.subarray(position * this.dimension, (position + 1) * this.dimension));
      });
      scores.refined = refined;
    }
    return scores;
  }

  private packExamples(): { rows: Float64Array; faqs: Int32Array; positions: Int32Array } {
    const positions = new Int32Array(this.examples.length).fill(-1);
    const present = this.examples.flatMap((example, index) => (example ? [{ example, index }] : []));
    const rows = new Float64Array(present.length * this.dimension);
    present.forEach(({ example, index }, row) => {
      rows.set(example.whitened, row * this.dimension);
      positions[index] = row;
    });
    return { rows, faqs: Int32Array.from(present, ({ index }) => this.faqOfExample[index]), positions };
  }

  /** Highest whitened cosine with any example of each FAQ, leaving out packed row `skipped` (-1: none). */
  private nearestExamples(whitened: Float64Array, skipped: number): Float64Array {
    const { rows, faqs } = this.packedExamples;
    const dimension = this.dimension;
    const nearest = new Float64Array(this.rawSums.length).fill(Number.NEGATIVE_INFINITY);
    // One contiguous loop over packed rows: this runs for every message and, in calibration, for every example.
    for (let row = 0; row < faqs.length; row++) {
      if (row === skipped) continue;
      let similarity = 0;
      const start = row * dimension;
      for (let index = 0; index < dimension; index++) similarity += whitened[index] * rows[start + index];
      if (similarity > nearest[faqs[row]]) nearest[faqs[row]] = similarity;
    }
    return nearest.map((similarity) => (similarity === Number.NEGATIVE_INFINITY ? 0 : similarity));
  }

  /** Refined prototypes of the FAQs that have embedded examples; null when fewer than two do, as nothing separates one FAQ from none. */
  private refine(faqOfExample: Int32Array): { prototypes: Rows; biases: Float64Array; faqs: Int32Array } | null {
    const faqs = Int32Array.from(Array.from(this.whitenedSquaredNorms).flatMap((squaredNorm, faq) => (squaredNorm > 1e-12 ? [faq] : [])));
    if (faqs.length < 2) return null;
    const positionOfFaq = new Map(Array.from(faqs, (faq, position) => [faq, position]));
    const present = this.examples.flatMap((example, index) => (example ? [{ vector: example.whitened, position: positionOfFaq.get(faqOfExample[index])! }] : []));
    const examples: Rows = { count: present.length, dimension: this.dimension, values: new Float64Array(present.length * this.dimension) };
    present.forEach(({ vector }, row) => examples.values.set(vector, row * this.dimension));
    const prototypes: Rows = { count: faqs.length, dimension: this.dimension, values: new Float64Array(faqs.length * this.dimension) };
    faqs.forEach((faq, position) => prototypes.values.set(normalize(Float64Array.from(this.whitenedSums[faq])), position * this.dimension));
    return { ...refinePrototypes(examples, Int32Array.from(present, ({ position }) => position), prototypes), faqs };
  }

  private projectNormalized(embedding: Float64Array): ProjectedEmbedding {
    const centred = Float64Array.from(embedding, (value, index) => value - this.mean[index]);
    const whitened = this.whitener ? forwardSubstitute(this.whitener, this.dimension, centred, new Float64Array(this.dimension)) : centred;
    return { raw: embedding, whitened: normalize(whitened) };
  }
}

function cosines(vector: Float64Array, sums: Float64Array[], squaredNorms: Float64Array, without?: { vector: Float64Array; faq: number }): Float64Array {
  const result = new Float64Array(sums.length);
  sums.forEach((sum, faq) => {
    let product = dot(vector, sum);
    let squaredNorm = squaredNorms[faq];
    if (without && without.faq === faq) {
      const overlap = dot(without.vector, sum);
      product -= dot(vector, without.vector);
      squaredNorm += dot(without.vector, without.vector) - 2 * overlap;
    }
    result[faq] = squaredNorm > 1e-12 ? product / Math.sqrt(squaredNorm) : 0;
  });
  return result;
}

/** Cholesky factor of the shrunk within-FAQ covariance; solving with it whitens a centred embedding. */
function withinFaqWhitener(examples: Array<{ embedding: Float64Array; faq: number }>, faqMeans: Float64Array[], dimension: number, shrinkage: number): Float64Array {
  const covariance = new Float64Array(dimension * dimension);
  const residual = new Float64Array(dimension);
  for (const { embedding, faq } of examples) {
    for (let index = 0; index < dimension; index++) residual[index] = embedding[index] - faqMeans[faq][index];
    // Lower triangle only: the matrix is symmetric and Cholesky reads no more.
    for (let row = 0; row < dimension; row++) {
      const value = residual[row];
      if (value === 0) continue;
      const rowStart = row * dimension;
      for (let column = 0; column <= row; column++) covariance[rowStart + column] += value * residual[column];
    }
  }
  let trace = 0;
  for (let index = 0; index < dimension; index++) trace += covariance[index * dimension + index];
  const isotropic = (shrinkage * trace) / (dimension * examples.length);
  for (let row = 0; row < dimension; row++) {
    const rowStart = row * dimension;
    for (let column = 0; column <= row; column++) covariance[rowStart + column] *= (1 - shrinkage) / examples.length;
    covariance[rowStart + row] += isotropic;
  }
  return choleskyInPlace(covariance, dimension);
}
