import type { ContactAttributeView, ContactImportColumn } from '@backtalk/contracts';
import { csvRecords, detectDelimiter, guessMapping, readRow } from './contact-csv';

const records = async (content: string) => {
  const all = [];
  for await (const record of csvRecords(content)) all.push(record);
  return all;
};

describe('reading a CSV of contacts', () => {
  it('finds the delimiter a spreadsheet in the user’s locale wrote', () => {
    expect(detectDelimiter('name,phone\n')).toBe(',');
    expect(detectDelimiter('name;phone;notes\n"a,b";1;2')).toBe(';');
    expect(detectDelimiter('name\tphone')).toBe('\t');
  });

  it('reports each record at the line it starts on, across quoted line breaks, a byte-order mark and blank lines', async () => {
    expect(await records('\ufeffname,notes\n"Olena","line one\nline two"\n\nPetro,x\n')).toEqual([
      { line: 1, cells: ['name', 'notes'] },
      { line: 2, cells: ['Olena', 'line one\nline two'] },
      { line: 5, cells: ['Petro', 'x'] },
    ]);
  });

  it('refuses a quote that never closes', async () => {
    await expect(records('name,phone\n"Olena,+380501234567\n')).rejects.toThrow(/quote/i);
  });

  it('guesses the columns from their headers and leaves the rest unmapped', () => {
    expect(guessMapping(['First name', 'Last name', 'Mobile', 'Phone (work)', 'SMS opt-out', 'Comments', 'Order id'])).toEqual([
      { column: 0, field: 'name' },
      { column: 1, field: 'name' },
      { column: 2, field: 'phone' },
      { column: 4, field: 'consent' },
      { column: 5, field: 'notes' },
    ]);
  });
});

describe('reading a row through the mapping', () => {
  const mapping = [
    { column: 0, field: 'name' as const },
    { column: 1, field: 'name' as const },
    { column: 2, field: 'phone' as const },
    { column: 3, field: 'consent' as const },
  ];
  const row = (...cells: string[]) => readRow({ line: 7, cells }, mapping, 'UA');

  it('normalises a national number with the channel’s country and joins the name columns', () => {
    expect(row('Olena', 'Kovalenko', '050 123 45 67', '')).toEqual({ line: 7, phone: '+380501234567', name: 'Olena Kovalenko', notes: '', optedOut: false, attributes: {} });
  });

  it('takes an opt-out only when the consent column states one, and calls any other value an error', () => {
    expect(row('', '', '+14155550100', 'Unsubscribed')).toMatchObject({ optedOut: true });
    expect(row('', '', '+14155550100', 'subscribed')).toMatchObject({ optedOut: false });
    expect(row('', '', '+14155550100', 'maybe')).toMatchObject({ line: 7, error: expect.stringContaining('maybe') });
  });

  it('reports a missing or unreadable number with the text as written', () => {
    expect(row('Olena', '', '', '')).toEqual({ line: 7, error: 'no phone number', raw: '' });
    expect(row('Olena', '', 'call me', '')).toEqual({ line: 7, error: 'not a phone number (national numbers are read as UA)', raw: 'call me' });
  });
});

describe('reading attribute columns', () => {
  const attribute = (key: string, type: ContactAttributeView['type'], choices: string[] = []): ContactAttributeView => ({ id: key, key, label: key.replace('_', ' '), type, choices, position: 0, createdAt: '', updatedAt: '' });
  const attributes = new Map(
    [attribute('tier', 'list', ['Bronze', 'Gold']), attribute('spend', 'number'), attribute('vip', 'boolean'), attribute('since', 'date'), attribute('order_id', 'text')].map((entry) => [entry.key, entry]),
  );
  const mapping: ContactImportColumn[] = [
    { column: 0, field: 'phone' },
    { column: 1, field: 'attribute', attributeKey: 'tier' },
    { column: 2, field: 'attribute', attributeKey: 'spend' },
    { column: 3, field: 'attribute', attributeKey: 'vip' },
    { column: 4, field: 'attribute', attributeKey: 'since' },
    { column: 5, field: 'attribute', attributeKey: 'order_id' },
  ];
  const row = (...cells: string[]) => readRow({ line: 3, cells }, mapping, 'UA', attributes);

  it('reads values as spreadsheets write them: a choice in any case, a decimal comma, так/ні, and leaves empty cells out', () => {
    expect(row('+380501234567', 'gold', '1 234,5', 'так', '2025-03-01', ' A-17 ')).toMatchObject({ attributes: { tier: 'Gold', spend: 1234.5, vip: true, since: '2025-03-01', order_id: 'A-17' } });
    expect(row('+380501234567', '', '', '', '', '')).toMatchObject({ attributes: {} });
  });

  it('turns a value the attribute refuses into the row’s error, in the editor’s words', () => {
    expect(row('+380501234567', 'Platinum', '', '', '', '')).toEqual({ line: 3, raw: '+380501234567', error: '“Platinum”: tier must be one of “Bronze”, “Gold”.' });
    expect(row('+380501234567', '', '', '', '01.03.2025', '')).toMatchObject({ error: '“01.03.2025”: since must be a date (YYYY-MM-DD).' });
    expect(row('+380501234567', '', '12 apples', '', '', '')).toMatchObject({ error: expect.stringContaining('spend must be a number') });
  });
});
