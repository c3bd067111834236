import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/**
 * Memory a report query may sort and hash in before spilling to disk. PostgreSQL's 4 MB default sends a 30-day
 * grouping of a busy install to temporary files, several times slower; the raise applies to report queries only.
 */
export const REPORT_WORK_MEM = '64MB';

/** Runs report queries read-only, each in its own short transaction with the memory report aggregations need. */
@Injectable()
export class ReportDatabase {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async query<T>(sql: string, parameters: unknown[] = []): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query('BEGIN READ ONLY');
      await runner.query(`SET LOCAL work_mem = '${REPORT_WORK_MEM}'`);
      const rows = (await runner.query(sql, parameters)) as T;
      await runner.query('COMMIT');
      return rows;
    } catch (error) {
      await runner.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }
}
