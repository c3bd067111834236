import { AccessPolicy, type UserActor } from '@backtalk/auth';
import { type ContactImportColumn, type ContactImportStatus, type ContactImportView, type StartContactImportRequest } from '@backtalk/contracts';
import { DomainError, QueueName } from '@backtalk/platform';
import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bull';
import { stringify } from 'csv-stringify';
import { DataSource } from 'typeorm';
import { ContactAttributesService } from '../contact-attributes.service';
import { csvRecords, guessMapping } from './contact-csv';

export const CONTACT_IMPORT_JOB = 'contact-import';
export interface ContactImportJobData {
  importId: string;
}

const SAMPLE_ROWS = 5;
const MAX_COLUMNS = 200;

interface ImportRow {
  id: string;
  team_id: string;
  channel_id: string;
  file_name: string;
  status: ContactImportStatus;
  headers: string[];
  mapping: ContactImportColumn[] | null;
  overwrite_names: boolean;
  total_rows: number;
  processed_rows: number;
  created_count: number;
  updated_count: number;
  duplicate_count: number;
  error_count: number;
  failure: string | null;
  created_by: string | null;
  created_at: Date;
  finished_at: Date | null;
  sample: string[][];
}

const COLUMNS = `i.id, i.team_id, i.channel_id, i.file_name, i.status, i.headers, i.mapping, i.overwrite_names, i.total_rows, i.processed_rows,
  i.created_count, i.updated_count, i.duplicate_count, i.error_count, i.failure, i.created_by, i.created_at, i.finished_at`;

/**
 * Contact imports as the API sees them: upload (the file is read once, to refuse a malformed one at once and to
 * show its header and first rows), the column mapping that starts the background job, progress, and the rows that
 * could not be imported. Imports belong to the channel's team: its admins and supervisors run them, its people see
 * them.
 */
@Injectable()
export class ContactImportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QueueName.ContactImport) private readonly queue: Queue<ContactImportJobData>,
    private readonly attributes: ContactAttributesService,
  ) {}

  async upload(actor: UserActor, channelId: string, fileName: string, content: unknown): Promise<ContactImportView> {
    const channel = await this.manageableChannel(actor, channelId);
    if (typeof content !== 'string') throw DomainError.validation('Invalid request: send the CSV file as the body, with Content-Type: text/csv', [{ field: 'body', messages: ['body must be a CSV file (text/csv)'] }]);
    let headers: string[] | null = null;
    const sample: string[][] = [];
    let rows = 0;
    try {
      for await (const record of csvRecords(content)) {
        if (headers === null) headers = record.cells.map((cell) => cell.trim());
        else if (rows++ < SAMPLE_ROWS) sample.push(record.cells);
      }
    } catch (error) {
      throw DomainError.validation(`Invalid request: the file is not readable as CSV: ${(error as Error).message}`, [{ field: 'body', messages: ['body must be a CSV file'] }]);
    }
    if (!headers || rows === 0) throw DomainError.validation('Invalid request: the file has no rows under its header', [{ field: 'body', messages: ['body must have a header row and at least one row'] }]);
    if (headers.length > MAX_COLUMNS) throw DomainError.validation(`Invalid request: the file has more than ${MAX_COLUMNS} columns`, [{ field: 'body', messages: [`at most ${MAX_COLUMNS} columns`] }]);
    const [{ id }] = await this.dataSource.query<Array<{ id: string }>>(
      `INSERT INTO contact_import (team_id, channel_id, created_by, file_name, headers, content, total_rows) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [channel.team_id, channelId, actor.userId, fileName.slice(0, 200), JSON.stringify(headers), content, rows],
    );
    return { ...(await this.get(actor, id)), sample };
  }

  async start(actor: UserActor, importId: string, request: StartContactImportRequest): Promise<ContactImportView> {
    const phones = request.mapping.filter((entry) => entry.field === 'phone');
    if (phones.length !== 1) throw DomainError.validation('Invalid request: map exactly one column to the phone number', [{ field: 'mapping', messages: ['exactly one column must be the phone number'] }]);
    const current = await this.get(actor, importId);
    if (!AccessPolicy.canManageTeam(actor, current.teamId)) throw DomainError.forbidden('Only an admin or a supervisor of the team imports contacts');
    if (request.mapping.some((entry) => entry.column >= current.headers.length)) throw DomainError.validation('Invalid request: the mapping names a column the file does not have', [{ field: 'mapping', messages: [`columns are 0 to ${current.headers.length - 1}`] }]);
    if (new Set(request.mapping.map((entry) => entry.column)).size !== request.mapping.length) throw DomainError.validation('Invalid request: a column is mapped twice', [{ field: 'mapping', messages: ['each column maps to one field'] }]);
    await this.checkAttributeColumns(request.mapping);
    // An UPDATE answers [rows, count] through TypeORM.
    const [started] = await this.dataSource.query<[Array<{ id: string }>, number]>(
      `UPDATE contact_import SET status = 'queued', mapping = $2, overwrite_names = $3 WHERE id = $1 AND status = 'uploaded' RETURNING id`,
      [importId, JSON.stringify(request.mapping), request.overwriteNames ?? false],
    );
    if (started.length === 0) throw DomainError.conflict('This import has already started');
    // One job per import (its id as the job's), so a repeated start cannot run the file twice.
    await this.queue.add(CONTACT_IMPORT_JOB, { importId }, { jobId: importId, attempts: 5, backoff: { type: 'exponential', delay: 5000 }, removeOnComplete: 100, removeOnFail: 100 });
    return this.get(actor, importId);
  }

  async get(actor: UserActor, importId: string): Promise<ContactImportView> {
    const condition = AccessPolicy.visibleTeamsCondition(actor, 'i.team_id', 2);
    const [row] = await this.dataSource.query<ImportRow[]>(`SELECT ${COLUMNS}, '[]'::jsonb AS sample FROM contact_import i WHERE i.id = $1 AND ${condition.sql}`, [importId, ...condition.parameters]);
    if (!row) throw DomainError.notFound('Import');
    return toView(row);
  }

  /** The rows that were not imported, as CSV: the line in the file, the number as written, and why. */
  async errorsCsv(actor: UserActor, importId: string): Promise<NodeJS.ReadableStream> {
    await this.get(actor, importId);
    const rows = await this.dataSource.query<Array<{ line: number; phone: string; reason: string }>>(`SELECT line, phone, reason FROM contact_import_error WHERE import_id = $1 ORDER BY line`, [importId]);
    const csv = stringify({ header: true, columns: ['line', 'phone', 'reason'] });
    for (const row of rows) csv.write([row.line, row.phone, row.reason]);
    csv.end();
    return csv;
  }

  /** Each attribute column names an attribute that exists, and no attribute is filled from two columns. */
  private async checkAttributeColumns(mapping: readonly ContactImportColumn[]): Promise<void> {
    const keys = mapping.flatMap((entry) => (entry.field === 'attribute' ? [entry.attributeKey] : []));
    if (keys.length === 0) return;
    const definitions = await this.attributes.byKey();
    const unknown = keys.filter((key) => !definitions.has(key));
    if (unknown.length > 0) throw DomainError.validation(`Invalid request: no contact attribute has the key ${unknown.map((key) => `“${key}”`).join(', ')}`, [{ field: 'mapping', messages: ['attributeKey must be an existing contact attribute'] }]);
    if (new Set(keys).size !== keys.length) throw DomainError.validation('Invalid request: an attribute is mapped from two columns', [{ field: 'mapping', messages: ['each attribute is filled from one column'] }]);
  }

  private async manageableChannel(actor: UserActor, channelId: string): Promise<{ team_id: string }> {
    const condition = AccessPolicy.visibleTeamsCondition(actor, 'team_id', 2);
    const [channel] = await this.dataSource.query<Array<{ team_id: string }>>(`SELECT team_id FROM channel WHERE id = $1 AND ${condition.sql}`, [channelId, ...condition.parameters]);
    if (!channel) throw DomainError.notFound('Channel');
    if (!AccessPolicy.canManageTeam(actor, channel.team_id)) throw DomainError.forbidden('Only an admin or a supervisor of the team imports contacts');
    return channel;
  }
}

function toView(row: ImportRow): ContactImportView {
  return {
    id: row.id,
    teamId: row.team_id,
    channelId: row.channel_id,
    fileName: row.file_name,
    status: row.status,
    headers: row.headers,
    sample: row.sample,
    mapping: row.mapping ?? guessMapping(row.headers),
    overwriteNames: row.overwrite_names,
    totalRows: row.total_rows,
    processedRows: row.processed_rows,
    created: row.created_count,
    updated: row.updated_count,
    duplicates: row.duplicate_count,
    errors: row.error_count,
    failure: row.failure,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    finishedAt: row.finished_at?.toISOString() ?? null,
  };
}
