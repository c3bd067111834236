export * from './lib/business-hours';
