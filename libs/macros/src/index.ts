export * from './lib/bulk-actions.service';
export * from './lib/macro.entity';
export * from './lib/macro-rules';
export * from './lib/macro-runner.service';
export * from './lib/macros.module';
export * from './lib/macros.service';
