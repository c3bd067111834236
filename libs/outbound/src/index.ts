export * from './message-status-writer';
export * from './outbound-messages.service';
export * from './outbound-queue';
export * from './outbound.module';
export * from './outbox-sweeper';
export * from './send.service';
export * from './replies.service';
export * from './send-rate-limiter';
