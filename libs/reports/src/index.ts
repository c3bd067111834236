export * from './reports.module';
export * from './reports.service';
export * from './metrics/definitions';
export * from './csv/report-csv';
export { ReportRollupsService } from './rollups/report-rollups';
export { ReportsWorkerModule } from './rollups/reports-worker.module';
