export * from './auto-reply-safety';
export * from './automation.module';
export * from './automation.processor';
export * from './automation.service';
export * from './rule-evaluation';
export * from './rule-validation';
export * from './rules.service';
