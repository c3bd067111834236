import { Module } from '@nestjs/common';
import { ReportsController } from './reports.controller';
import { QualityReportsService } from './quality-reports.service';
import { ReportsService } from './reports.service';
import { ReportRollupsService } from './rollups/report-rollups';

/** Read-only reports over the product's tables, for the console's Reports area and for BI tools. */
@Module({
  controllers: [ReportsController],
  providers: [ReportsService, QualityReportsService, ReportRollupsService],
  exports: [ReportsService, QualityReportsService, ReportRollupsService],
})
export class ReportsModule {}
