export * from './reports.module';
export * from './reports.service';
export * from './metrics/definitions';
export * from './csv/report-csv';
