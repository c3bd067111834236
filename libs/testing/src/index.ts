export * from './cleanup';
export * from './test-app';
export * from './test-environment';
export * from './carrier-webhooks';
export * from './tcp-proxy';
export * from './redis-server';
export * from './fake-aggregator';
export * from './eventually';
