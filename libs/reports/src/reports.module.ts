import { AuditModule } from '@backtalk/audit';
import { Module } from '@nestjs/common';
import { ReportsController } from './reports.controller';
import { QualityReportsService } from './quality-reports.service';
import { ReportsService } from './reports.service';
import { ReportFactsService } from './facts/report-facts.service';
import { ReportDatabase } from './report-database';
import { ReportRollupsService } from './rollups/report-rollups';

/** Read-only reports over the product's tables, for the console's Reports area and for BI tools. */
@Module({
  imports: [AuditModule],
  controllers: [ReportsController],
  providers: [ReportDatabase, ReportsService, QualityReportsService, ReportRollupsService, ReportFactsService],
  exports: [ReportsService, QualityReportsService, ReportRollupsService, ReportFactsService],
})
export class ReportsModule {}
