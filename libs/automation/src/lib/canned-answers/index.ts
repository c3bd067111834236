export * from './canned-answer.entity';
export * from './canned-answers.module';
export * from './canned-answers.service';
