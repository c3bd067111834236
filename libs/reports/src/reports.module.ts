import { Module } from '@nestjs/common';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';
import { ReportRollupsService } from './rollups/report-rollups';

/** Read-only reports over the product's tables, for the console's Reports area and for BI tools. */
@Module({
  controllers: [ReportsController],
  providers: [ReportsService, ReportRollupsService],
  exports: [ReportsService, ReportRollupsService],
})
export class ReportsModule {}
