export * from './lib/rule-pattern';
