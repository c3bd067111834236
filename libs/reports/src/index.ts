export * from './reports.module';
export * from './reports.service';
export * from './csv/report-csv';
export { ReportRollupsService } from './rollups/report-rollups';
export { ReportFactsService } from './facts/report-facts.service';
export { ReportsWorkerModule } from './rollups/reports-worker.module';
