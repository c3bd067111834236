export * from './presence/presence.module';
export * from './presence/presence.service';
export * from './realtime.module';
