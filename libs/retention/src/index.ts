export * from './retention.module';
export * from './retention.processor';
export * from './retention.service';
