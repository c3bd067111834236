export * from './lib/conversation-labels.service';
export * from './lib/label.entity';
export * from './lib/label-rules';
export * from './lib/labels.module';
export * from './lib/labels.service';
