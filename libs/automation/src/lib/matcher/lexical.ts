import { type MatcherLanguage, phoneticKey, stem, words } from './text';

/** A sparse vector: ascending feature ids with their weights. */
export interface SparseVector {
  ids: Int32Array;
  weights: Float64Array;
}

const CHARACTER_NGRAM_SIZES = [3, 4, 5];

/**
 * The lexical features of a message and how often each occurs: word stems (endings of Ukrainian and Russian words
 * vary a lot), and character 3- to 5-grams of each word's phonetic key, which survive SMS typos, abbreviations such
 * as "pls" next to "please", and Latin transliteration of Cyrillic.
 */
export function lexicalFeatures(text: string, language: MatcherLanguage): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (feature: string) => counts.set(feature, (counts.get(feature) ?? 0) + 1);
  for (const word of words(text)) {
    add(`w:${stem(word, language)}`);
    const padded = `<${phoneticKey(word)}>`;
    for (const size of CHARACTER_NGRAM_SIZES) {
      for (let start = 0; start + size <= padded.length; start++) add(`c:${padded.slice(start, start + size)}`);
    }
  }
  return counts;
}

/** TF-IDF weights learned from the examples of one FAQ library: sub-linear term frequency, smoothed inverse document frequency. */
export class TfIdfModel {
  private readonly featureIds = new Map<string, number>();
  private readonly inverseDocumentFrequency: Float64Array;

  constructor(documents: Array<Map<string, number>>) {
    const documentFrequency: number[] = [];
    for (const document of documents) {
      for (const feature of document.keys()) {
        let id = this.featureIds.get(feature);
        if (id === undefined) {
          id = this.featureIds.size;
          this.featureIds.set(feature, id);
          documentFrequency.push(0);
        }
        documentFrequency[id]++;
      }
    }
    this.inverseDocumentFrequency = Float64Array.from(documentFrequency, (frequency) => Math.log((1 + documents.length) / (1 + frequency)) + 1);
  }

  get featureCount(): number {
    return this.featureIds.size;
  }

  /** Unit-length TF-IDF vector of a document; features the library has never seen carry no evidence and are left out. */
  vectorize(document: Map<string, number>): SparseVector {
    const entries: Array<[number, number]> = [];
    for (const [feature, count] of document) {
      const id = this.featureIds.get(feature);
      if (id !== undefined) entries.push([id, (1 + Math.log(count)) * this.inverseDocumentFrequency[id]]);
    }
    entries.sort((a, b) => a[0] - b[0]);
    let squaredNorm = 0;
    for (const [, weight] of entries) squaredNorm += weight * weight;
    const norm = Math.sqrt(squaredNorm) || 1;
    return { ids: Int32Array.from(entries, ([id]) => id), weights: Float64Array.from(entries, ([, weight]) => weight / norm) };
  }
}

/**
 * Sum of the example vectors of each FAQ, kept unnormalised so that one example can be taken out again (for
 * leave-one-out calibration), with an inverted index from feature to the FAQs that have it for fast scoring.
 */
export class LexicalCentroids {
  private readonly postings = new Map<number, Array<[faq: number, weight: number]>>();
  readonly squaredNorms: Float64Array;

  constructor(vectors: SparseVector[], faqOfVector: Int32Array, faqCount: number) {
    const sums = Array.from({ length: faqCount }, () => new Map<number, number>());
    vectors.forEach((vector, index) => {
      const sum = sums[faqOfVector[index]];
      vector.ids.forEach((id, position) => sum.set(id, (sum.get(id) ?? 0) + vector.weights[position]));
    });
    this.squaredNorms = new Float64Array(faqCount);
    sums.forEach((sum, faq) => {
      for (const [id, weight] of sum) {
        this.squaredNorms[faq] += weight * weight;
        let posting = this.postings.get(id);
        if (!posting) this.postings.set(id, (posting = []));
        posting.push([faq, weight]);
      }
    });
  }

  /** Dot product of a vector with every FAQ's unnormalised sum. */
  dotWithSums(vector: SparseVector, into: Float64Array): Float64Array {
    into.fill(0);
    vector.ids.forEach((id, position) => {
      const weight = vector.weights[position];
      for (const [faq, sumWeight] of this.postings.get(id) ?? []) into[faq] += weight * sumWeight;
    });
    return into;
  }
}

/**
 * The example vectors themselves, with an inverted index from feature to the examples that have it: a message that
 * repeats one example nearly word for word should count for that example's FAQ even when the FAQ's other examples,
 * and so its centroid, word the question differently.
 */
export class LexicalExamples {
  private readonly postings = new Map<number, Array<[example: number, weight: number]>>();
  private readonly products: Float64Array;

  constructor(
    vectors: SparseVector[],
    private readonly faqOfVector: Int32Array,
  ) {
    this.products = new Float64Array(vectors.length);
    vectors.forEach((vector, example) => {
      vector.ids.forEach((id, position) => {
        let posting = this.postings.get(id);
        if (!posting) this.postings.set(id, (posting = []));
        posting.push([example, vector.weights[position]]);
      });
    });
  }

  /**
   * Cosine of a unit vector with the closest example of each FAQ, leaving out example `excluded`. TF-IDF weights are
   * never negative, so an FAQ with no example sharing a feature scores 0.
   */
  nearest(vector: SparseVector, into: Float64Array, excluded?: number): Float64Array {
    this.products.fill(0);
    vector.ids.forEach((id, position) => {
      const weight = vector.weights[position];
      for (const [example, exampleWeight] of this.postings.get(id) ?? []) this.products[example] += weight * exampleWeight;
    });
    into.fill(0);
    this.products.forEach((product, example) => {
      const faq = this.faqOfVector[example];
      if (example !== excluded && product > into[faq]) into[faq] = product;
    });
    return into;
  }
}
