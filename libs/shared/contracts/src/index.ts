export * from './lib/errors';
export * from './lib/roles';
export * from './lib/auth';
export * from './lib/users';
export * from './lib/teams';
export * from './lib/api-keys';
export * from './lib/health';
