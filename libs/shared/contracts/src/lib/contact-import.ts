/**
 * What a CSV column is imported as. A list of `{ column, field }` rather than one slot per field, so that fields
 * beyond the contact's own (custom attributes) can be added as new kinds of entry.
 */
export type ContactImportField = 'phone' | 'name' | 'consent' | 'notes';
export const CONTACT_IMPORT_FIELDS: readonly ContactImportField[] = ['phone', 'name', 'consent', 'notes'];

/**
 * One column of the file and what it fills: a field of the contact itself, or (`field: 'attribute'`) the custom
 * attribute with `attributeKey`, whose values are checked as the attribute editor checks them.
 */
export type ContactImportColumn = { column: number; field: ContactImportField } | { column: number; field: 'attribute'; attributeKey: string };

export type ContactImportStatus = 'uploaded' | 'queued' | 'running' | 'done' | 'failed';

/** The largest CSV file an import accepts (about 100,000 rows of a typical CRM export). */
export const CONTACT_IMPORT_MAX_BYTES = 20 * 1024 * 1024;

/**
 * `POST /api/contacts/imports?channelId=…&fileName=…` with the file as a `text/csv` body: the channel's team sees the
 * contacts, its country reads national numbers, and an opt-out in the file is its consent. Answers the headers and
 * the first rows so the columns can be mapped; `POST /api/contacts/imports/:id/start` then imports in the background.
 */
export interface ContactImportView {
  id: string;
  teamId: string;
  channelId: string;
  fileName: string;
  status: ContactImportStatus;
  headers: string[];
  /** Up to five rows after the header, as text, for the mapping step. */
  sample: string[][];
  /** A mapping guessed from the header names; the one used once the import started. */
  mapping: ContactImportColumn[];
  overwriteNames: boolean;
  totalRows: number;
  processedRows: number;
  /** New contacts. */
  created: number;
  /** Rows whose number was already a contact before the import (its empty name filled, notes added, opt-out kept). */
  updated: number;
  /** Rows whose number appeared earlier in the file, merged into that row's contact. */
  duplicates: number;
  /** Rows not imported; `GET /api/contacts/imports/:id/errors` lists them as CSV. */
  errors: number;
  failure: string | null;
  createdBy: string | null;
  createdAt: string;
  finishedAt: string | null;
}

export interface StartContactImportRequest {
  mapping: ContactImportColumn[];
  /** Replace a contact's non-empty name with the file's; off, only empty names are filled. */
  overwriteNames?: boolean;
}
