export * from './audit.module';
export * from './audit.service';
export * from './audit-chain';
export * from './audit-hash';
export * from './audit-origin';
export * from './audit-diff';
