export { type Calibration } from './calibration';
export { buildFaqIndex, FaqIndex, type FaqDefinition, type FaqIndexOptions, type FaqIndexStats, type FaqMatch, type MatchOptions } from './faq-index';
export { loadUseLiteEncoder, type SentenceEncoder } from './sentence-encoder';
export { type MatcherLanguage } from './text';
export { chooseThreshold, type ThresholdChoice, type ThresholdSample } from './threshold';
