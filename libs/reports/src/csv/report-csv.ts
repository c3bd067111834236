import { stringify } from 'csv-stringify/sync';

export const CSV_HEADER = ['table', 'row', 'name', 'column', 'value'] as const;

type Cell = string | number | null;

/** Fields that say which row of a table an entry is, rather than being one of its numbers. */
const ROW_KEYS = ['day', 'weekday', 'hour', 'id', 'userId', 'faqId', 'conversationId', 'errorCode'];
const NAME_KEYS = ['name', 'question', 'reason'];
/** Not numbers of the report: where and how it was asked. */
const SKIPPED = new Set(['range', 'previousRange']);

/**
 * A report as one long table (table, row, name, column, value): the same numbers as the JSON, in a shape every BI tool
 * can pivot, whatever the report. `metrics.x.value` becomes (metrics, x, , value); `byTeam[i].inboundMessages` becomes
 * (byTeam, <team id>, <team name>, inboundMessages).
 */
export function reportRows(report: object): Cell[][] {
  const rows: Cell[][] = [];
  for (const [key, value] of Object.entries(report)) {
    if (SKIPPED.has(key) || value === undefined) continue;
    if (Array.isArray(value)) {
      value.forEach((entry: Record<string, unknown>, index) => {
        const row = ROW_KEYS.filter((rowKey) => rowKey in entry).map((rowKey) => String(entry[rowKey] ?? ''));
        const nameKey = NAME_KEYS.find((candidate) => candidate in entry);
        const label = row.length > 0 ? row.join(' ') : String(index + 1);
        for (const [column, cell] of leaves(entry)) {
          if (ROW_KEYS.includes(column) || column === nameKey) continue;
          rows.push([key, label, nameKey ? String(entry[nameKey] ?? '') : '', column, cell]);
        }
      });
    } else if (value !== null && typeof value === 'object') {
      for (const [path, cell] of leaves(value as Record<string, unknown>)) {
        const [row, ...column] = path.split('.');
        rows.push([key, row, '', column.join('.') || 'value', cell]);
      }
    } else {
      rows.push([key, '', '', 'value', typeof value === 'number' ? value : String(value)]);
    }
  }
  return rows;
}

function leaves(object: Record<string, unknown>, prefix = ''): Array<[string, Cell]> {
  return Object.entries(object).flatMap(([key, value]): Array<[string, Cell]> => {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) return leaves(value as Record<string, unknown>, path);
    if (value === undefined || Array.isArray(value)) return [];
    return [[path, typeof value === 'number' || value === null ? value : String(value)]];
  });
}

/**
 * CSV text of a report. csv-stringify does the quoting (commas, quotes, line breaks in customers' comments), and
 * `escape_formulas` prefixes cells starting with = + - @ (and tab/CR) with a quote so a spreadsheet opening the
 * export shows a customer's "=HYPERLINK(...)" as text instead of running it.
 */
export function reportCsv(report: object): string {
  return stringify(reportRows(report), { header: true, columns: [...CSV_HEADER], escape_formulas: true, cast: { number: (value) => String(value) } });
}
