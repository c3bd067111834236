export * from './lib/matcher';
export * from './lib/canned-answers';
export * from './lib/rules';
