import { setImmediate } from 'node:timers/promises';
import { type ContactAttributeValue, type ContactAttributeView, type ContactImportColumn } from '@backtalk/contracts';
import { ConsentService } from '@backtalk/conversations';
import { isCountryCode } from '@backtalk/phone';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { ContactAttributesService } from '../contact-attributes.service';
import { csvRecords, type ImportRow, readRow } from './contact-csv';

/** Rows written per transaction: large enough for set-based SQL to pay off, small enough for progress to move. */
export const IMPORT_CHUNK_ROWS = 1000;
/**
 * Reading a number costs about 0.1 ms (more on a loaded machine), and the parser hands over a whole slice of the file
 * without a pause: a chunk read in one go held the event loop for 100 ms and more, which the API's requests waited
 * out where the import runs in the API process. Between these many rows, they get their turn.
 */
const ROWS_BETWEEN_YIELDS = 50;
const MAX_NOTE_LENGTH = 4000;
/** Where each type's values are stored (see the contact-attributes migration's CHECK), and how text becomes one. */
const ATTRIBUTE_COLUMNS: Record<ContactAttributeView['type'], { name: string; cast: string }> = {
  text: { name: 'text_value', cast: 'text' },
  link: { name: 'text_value', cast: 'text' },
  number: { name: 'number_value', cast: 'numeric' },
  date: { name: 'date_value', cast: 'date' },
  boolean: { name: 'boolean_value', cast: 'boolean' },
  list: { name: 'choice_value', cast: 'text' },
};

interface Job {
  id: string;
  team_id: string;
  channel_id: string;
  created_by: string | null;
  status: string;
  mapping: ContactImportColumn[];
  overwrite_names: boolean;
  content: string | null;
  processed_rows: number;
  country: string;
}

/**
 * Imports a file in chunks, each in one transaction with the import's progress, so a worker that dies mid-file
 * resumes after the last committed chunk. Duplicates by number merge: a number seen earlier in the file or already a
 * contact keeps its contact, its empty name is filled (a non-empty one replaced only when the import says so), the
 * notes are added to the team's, and an opt-out is recorded in the consent ledger as the import's. Attribute values
 * follow the file: a non-empty cell replaces the contact's value (a later row's over an earlier one's), an empty cell
 * leaves it.
 */
@Injectable()
export class ContactImportRunner {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly consent: ConsentService,
    private readonly attributes: ContactAttributesService,
  ) {}

  async run(importId: string): Promise<void> {
    // An UPDATE answers [rows, count] through TypeORM.
    const [[job]] = await this.dataSource.query<[Job[], number]>(
      `UPDATE contact_import i SET status = 'running', started_at = coalesce(i.started_at, now()) FROM channel ch
       WHERE i.id = $1 AND ch.id = i.channel_id AND i.status IN ('queued', 'running')
       RETURNING i.id, i.team_id, i.channel_id, i.created_by, i.status, i.mapping, i.overwrite_names, i.content, i.processed_rows, ch.country`,
      [importId],
    );
    if (!job?.content) return;
    const country = isCountryCode(job.country) ? job.country : undefined;
    const attributes = job.mapping.some((entry) => entry.field === 'attribute') ? await this.attributes.byKey() : new Map<string, ContactAttributeView>();
    // Numbers already imported by an earlier run of this job, so their repeats later in the file count as duplicates.
    const seen = new Set<string>();
    let chunk: ImportRow[] = [];
    const resumeAfter = job.processed_rows;
    // Records read so far, the header first: data row n (from 1) is record n.
    let records = 0;
    for await (const record of csvRecords(job.content)) {
      if (records++ === 0) continue;
      if (records % ROWS_BETWEEN_YIELDS === 0) await setImmediate();
      const row = readRow(record, job.mapping, country, attributes);
      if (records - 1 <= resumeAfter) {
        if ('phone' in row) seen.add(row.phone);
        continue;
      }
      chunk.push(row);
      if (chunk.length === IMPORT_CHUNK_ROWS) {
        await this.write(job, chunk, seen, attributes);
        chunk = [];
      }
    }
    await this.write(job, chunk, seen, attributes);
    await this.dataSource.query(`UPDATE contact_import SET status = 'done', content = NULL, finished_at = now() WHERE id = $1`, [importId]);
  }

  /** After the last attempt: the file is dropped, what was imported stays, and the reason is shown. */
  async fail(importId: string, reason: string): Promise<void> {
    await this.dataSource.query(`UPDATE contact_import SET status = 'failed', content = NULL, finished_at = now(), failure = $2 WHERE id = $1 AND status IN ('queued', 'running')`, [
      importId,
      reason.slice(0, 500),
    ]);
  }

  private async write(job: Job, rows: ImportRow[], seen: Set<string>, attributes: ReadonlyMap<string, ContactAttributeView>): Promise<void> {
    if (rows.length === 0) return;
    await this.dataSource.transaction(async (manager) => {
      const valid = rows.filter((row) => 'phone' in row);
      const errors = rows.filter((row) => 'error' in row);
      // One entry per number: ON CONFLICT cannot touch a row twice in one statement.
      const merged = new Map<string, { name: string; notes: string[]; optedOut: boolean; repeats: boolean; attributes: Record<string, ContactAttributeValue> }>();
      let duplicates = 0;
      for (const row of valid) {
        const repeat = seen.has(row.phone);
        if (repeat) duplicates += 1;
        seen.add(row.phone);
        const entry = merged.get(row.phone);
        if (!entry) {
          merged.set(row.phone, { name: row.name, notes: row.notes ? [row.notes] : [], optedOut: row.optedOut, repeats: repeat, attributes: { ...row.attributes } });
          continue;
        }
        if (row.name && (!entry.name || job.overwrite_names)) entry.name = row.name;
        if (row.notes && !entry.notes.includes(row.notes)) entry.notes.push(row.notes);
        entry.optedOut ||= row.optedOut;
        Object.assign(entry.attributes, row.attributes);
      }
      const phones = [...merged.keys()];
      const contacts = phones.length === 0 ? [] : await manager.query<Array<{ id: string; phone: string; inserted: boolean }>>(
        `INSERT INTO contact (phone, name) SELECT * FROM unnest($1::varchar[], $2::varchar[])
         ON CONFLICT (phone) DO UPDATE SET
           name = CASE WHEN EXCLUDED.name <> '' AND (contact.name = '' OR $3) THEN EXCLUDED.name ELSE contact.name END,
           updated_at = CASE WHEN EXCLUDED.name <> '' AND (contact.name = '' OR $3) AND EXCLUDED.name <> contact.name THEN now() ELSE contact.updated_at END
         RETURNING id, phone, (xmax = 0) AS inserted`,
        [phones, phones.map((phone) => merged.get(phone)!.name), job.overwrite_names],
      );
      await this.consent.inheritOptOuts(manager, contacts.filter((contact) => contact.inserted));
      let created = 0;
      let updated = 0;
      for (const contact of contacts) {
        if (merged.get(contact.phone)!.repeats) continue;
        if (contact.inserted) created += 1;
        else updated += 1;
      }
      const ids = contacts.map((contact) => contact.id);
      // Seen in the team from now on, unless it already was: an older presence keeps its real last contact.
      await manager.query(
        `INSERT INTO contact_presence (contact_id, team_id, channel_id, first_contact_at, last_contact_at)
         SELECT u.id, $2, $3, now(), now() FROM unnest($1::uuid[]) AS u(id)
         WHERE NOT EXISTS (SELECT 1 FROM contact_presence p WHERE p.contact_id = u.id AND p.team_id = $2)
         ON CONFLICT DO NOTHING`,
        [ids, job.team_id, job.channel_id],
      );
      const notes = contacts.map((contact) => ({ id: contact.id, body: merged.get(contact.phone)!.notes.join('\n').slice(0, MAX_NOTE_LENGTH) })).filter((note) => note.body);
      if (notes.length > 0) {
        await manager.query(
          `INSERT INTO contact_note (contact_id, team_id, body, updated_by) SELECT n.contact_id, $3::uuid, n.body, $4::uuid FROM unnest($1::uuid[], $2::text[]) AS n(contact_id, body)
           ON CONFLICT (contact_id, team_id) DO UPDATE SET
             body = CASE WHEN strpos(contact_note.body, EXCLUDED.body) > 0 THEN contact_note.body ELSE left(contact_note.body || E'\\n' || EXCLUDED.body, ${MAX_NOTE_LENGTH}) END,
             updated_by = EXCLUDED.updated_by, updated_at = now()`,
          [notes.map((note) => note.id), notes.map((note) => note.body), job.team_id, job.created_by],
        );
      }
      await this.writeAttributes(manager, job, contacts.map((contact) => ({ id: contact.id, values: merged.get(contact.phone)!.attributes })), attributes);
      for (const contact of contacts) {
        if (merged.get(contact.phone)!.optedOut) await this.optOut(manager, job, contact.id);
      }
      if (errors.length > 0) {
        await manager.query(`INSERT INTO contact_import_error (import_id, line, phone, reason) SELECT $1, * FROM unnest($2::int[], $3::varchar[], $4::varchar[])`, [
          job.id,
          errors.map((row) => row.line),
          errors.map((row) => row.raw.slice(0, 200)),
          errors.map((row) => row.error.slice(0, 300)),
        ]);
      }
      await manager.query(
        `UPDATE contact_import SET processed_rows = processed_rows + $2, created_count = created_count + $3, updated_count = updated_count + $4,
           duplicate_count = duplicate_count + $5, error_count = error_count + $6 WHERE id = $1`,
        [job.id, rows.length, created, updated, duplicates, errors.length],
      );
    });
    job.processed_rows += rows.length;
  }

  /** One statement per attribute in the chunk; a value already stored is replaced, as the editor replaces it. */
  private async writeAttributes(manager: EntityManager, job: Job, contacts: ReadonlyArray<{ id: string; values: Record<string, ContactAttributeValue> }>, attributes: ReadonlyMap<string, ContactAttributeView>): Promise<void> {
    for (const attribute of attributes.values()) {
      const holders = contacts.filter((contact) => contact.values[attribute.key] !== undefined);
      if (holders.length === 0) continue;
      const column = ATTRIBUTE_COLUMNS[attribute.type];
      await manager.query(
        `INSERT INTO contact_attribute_value (contact_id, attribute_id, attribute_type, ${column.name}, updated_by)
         SELECT v.contact_id, $3::uuid, $4, v.value::${column.cast}, $5::uuid FROM unnest($1::uuid[], $2::text[]) AS v(contact_id, value)
         ON CONFLICT (contact_id, attribute_id) DO UPDATE SET ${column.name} = EXCLUDED.${column.name}, updated_by = EXCLUDED.updated_by, updated_at = now()`,
        [holders.map((contact) => contact.id), holders.map((contact) => String(contact.values[attribute.key])), attribute.id, attribute.type, job.created_by],
      );
    }
  }

  /** A repeated opt-out is not recorded again: re-importing the same file must not grow the ledger. */
  private async optOut(manager: EntityManager, job: Job, contactId: string): Promise<void> {
    if (await this.consent.isOptedOut(manager, contactId, job.channel_id)) return;
    await this.consent.record(manager, { contactId, channelId: job.channel_id, optedOut: true, source: 'import', actorUserId: job.created_by });
  }
}
