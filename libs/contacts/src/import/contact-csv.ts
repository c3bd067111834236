import { Readable } from 'node:stream';
import { setImmediate } from 'node:timers/promises';
import { type ContactAttributeValue, type ContactAttributeView, contactAttributeValueProblem, type ContactImportColumn, type ContactImportField } from '@backtalk/contracts';
import { type CountryCode, toE164 } from '@backtalk/phone';
import { parse } from 'csv-parse';

/** One record of the file with the line it starts on (a quoted field can span lines). */
export interface CsvRecord {
  line: number;
  cells: string[];
}

/**
 * Fed to the parser in slices with a turn of the event loop before each: a stream's own hand-offs are microtasks and
 * next ticks, which never let a request in, so a 5 MB file read in one go held the API for seconds during an upload.
 */
const SLICE = 64 * 1024;

/**
 * The file's delimiter, read from its header line: CRMs in much of Europe export with `;` (where `,` is the decimal
 * mark) and some with tabs.
 */
export function detectDelimiter(content: string): string {
  const firstLine = content.slice(0, content.search(/\r?\n|$/));
  const counts = [',', ';', '\t'].map((delimiter) => ({ delimiter, count: firstLine.split(delimiter).length - 1 }));
  return counts.reduce((best, next) => (next.count > best.count ? next : best)).delimiter;
}

/**
 * The file's records, the header first, streamed through csv-parse: quoted fields, escaped quotes, line breaks in
 * quotes, a byte-order mark and rows with more or fewer cells than the header are all read as a spreadsheet writes
 * them; a quote that never closes throws with the line it opened on.
 */
export async function* csvRecords(content: string): AsyncGenerator<CsvRecord> {
  const parser = parse({ delimiter: detectDelimiter(content), bom: true, relax_column_count: true, skip_empty_lines: true, info: true });
  const slices = Readable.from((async function* () {
    for (let start = 0; start < content.length; start += SLICE) {
      await setImmediate();
      yield content.slice(start, start + SLICE);
    }
  })());
  for await (const { record, info } of slices.pipe(parser) as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    // info.lines is the line the record ends on; a record spanning lines is reported where it started.
    yield { line: info.lines - countLineBreaks(record), cells: record };
  }
}

function countLineBreaks(cells: readonly string[]): number {
  let breaks = 0;
  for (const cell of cells) for (const char of cell) if (char === '\n') breaks += 1;
  return breaks;
}

const GUESSES: Array<[RegExp, ContactImportField]> = [
  [/phone|mobile|msisdn|cell|number|tel|телефон|номер/i, 'phone'],
  [/consent|opt|subscri|unsubscri|sms.?status|marketing/i, 'consent'],
  [/note|comment|remark|description/i, 'notes'],
  [/name|contact|customer|ім.я|имя/i, 'name'],
];

/** Columns mapped from their header names; the person importing corrects it before starting. */
export function guessMapping(headers: readonly string[]): ContactImportColumn[] {
  const mapping: ContactImportColumn[] = [];
  headers.forEach((header, column) => {
    const field = GUESSES.find(([pattern]) => pattern.test(header))?.[1];
    if (!field) return;
    // One phone column: the first that looks like one.
    if (field === 'phone' && mapping.some((entry) => entry.field === 'phone')) return;
    mapping.push({ column, field });
  });
  return mapping;
}

const OPTED_OUT = new Set(['opted_out', 'opted out', 'opted-out', 'opt_out', 'opt out', 'opt-out', 'optout', 'unsubscribed', 'stop', 'stopped', 'no', 'n', 'false', '0']);
const NOT_OPTED_OUT = new Set(['', 'opted_in', 'opted in', 'opted-in', 'opt_in', 'opt in', 'opt-in', 'optin', 'subscribed', 'yes', 'y', 'true', '1']);

/** A row ready to be written, or why it cannot be. */
export type ImportRow = { line: number; phone: string; name: string; notes: string; optedOut: boolean; attributes: Record<string, ContactAttributeValue> } | { line: number; error: string; raw: string };

const YES = new Set(['yes', 'y', 'true', '1', 'так', 'да']);
const NO = new Set(['no', 'n', 'false', '0', 'ні', 'нет']);

/**
 * A cell's text as the attribute's value, read the way spreadsheets write it (a decimal comma, yes/no or 1/0, a choice
 * in any case); what it cannot be read as is passed on as text, for the editor's rule to name the problem.
 */
export function attributeValueFromCell(attribute: Pick<ContactAttributeView, 'type' | 'choices'>, text: string): unknown {
  switch (attribute.type) {
    case 'number': {
      const compact = text.replace(/[\s\u00a0]/g, '');
      const number = /^-?\d+(,\d+)?$/.test(compact) ? Number(compact.replace(',', '.')) : Number(compact);
      return compact !== '' && Number.isFinite(number) ? number : text;
    }
    case 'boolean':
      return YES.has(text.toLowerCase()) ? true : NO.has(text.toLowerCase()) ? false : text;
    case 'list':
      return attribute.choices.find((choice) => choice.toLowerCase() === text.toLowerCase()) ?? text;
    default:
      return text;
  }
}

export const MAX_NAME_LENGTH = 120;

/**
 * One record read through the mapping. Consent is only ever an opt-out: a file saying "subscribed" is not the
 * customer's own consent, and must not undo a STOP they sent; a value that is neither is an error rather than a guess.
 */
export function readRow(
  record: CsvRecord,
  mapping: readonly ContactImportColumn[],
  country: CountryCode | undefined,
  attributes: ReadonlyMap<string, ContactAttributeView> = new Map(),
): ImportRow {
  const cells = (field: ContactImportField) => mapping.filter((entry) => entry.field === field).map((entry) => (record.cells[entry.column] ?? '').trim());
  const raw = cells('phone')[0] ?? '';
  if (!raw) return { line: record.line, error: 'no phone number', raw };
  const phone = toE164(raw, country);
  if (!phone) return { line: record.line, error: `not a phone number${country ? ` (national numbers are read as ${country})` : ''}`, raw };
  const name = cells('name').filter(Boolean).join(' ').replace(/\s+/g, ' ');
  if (name.length > MAX_NAME_LENGTH) return { line: record.line, error: `the name is longer than ${MAX_NAME_LENGTH} characters`, raw };
  let optedOut = false;
  for (const value of cells('consent')) {
    const normalized = value.toLowerCase();
    if (OPTED_OUT.has(normalized)) optedOut = true;
    else if (!NOT_OPTED_OUT.has(normalized)) return { line: record.line, error: `consent “${value.slice(0, 40)}” is neither an opt-out (opted_out, unsubscribed, stop, no) nor an opt-in`, raw };
  }
  const values: Record<string, ContactAttributeValue> = {};
  for (const entry of mapping) {
    if (entry.field !== 'attribute') continue;
    const attribute = attributes.get(entry.attributeKey);
    const text = (record.cells[entry.column] ?? '').trim();
    // An empty cell leaves the contact's value as it is; an attribute deleted since the mapping was chosen is skipped.
    if (!attribute || text === '') continue;
    const value = attributeValueFromCell(attribute, text);
    const problem = contactAttributeValueProblem(attribute, value);
    if (problem) return { line: record.line, error: `“${text.slice(0, 40)}”: ${problem}`, raw };
    values[attribute.key] = typeof value === 'string' ? value.trim() : (value as ContactAttributeValue);
  }
  return { line: record.line, phone, name, notes: cells('notes').filter(Boolean).join('\n'), optedOut, attributes: values };
}
