export * from './consent.service';
export * from './contacts.service';
export * from './conversation-views';
export * from './conversations.module';
export * from './conversations.service';
export * from './entities';
export * from './message-status';
export * from './threading.service';
