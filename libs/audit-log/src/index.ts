export * from './audit-log.module';
export * from './audit-log.service';
