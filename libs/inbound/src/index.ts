export * from './concat-assembler.service';
export * from './delivery-reports.service';
export * from './inbound-message.service';
export * from './inbound.module';
export * from './keywords';
export * from './public-url';
export * from './webhook-endpoint';
export * from './webhook-ingestion.service';
