export * from './lib/matcher';
