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
    expect(row('Olena', 'Kovalenko', '050 123 45 67', '')).toEqual({ line: 7, phone: '+380501234567', name: 'Olena Kovalenko', notes: '', optedOut: false });
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
