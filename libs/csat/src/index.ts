export * from './lib/csat.module';
export * from './lib/csat.processor';
export * from './lib/csat-settings.service';
export * from './lib/csat-survey.service';
export * from './lib/rating-parser';
