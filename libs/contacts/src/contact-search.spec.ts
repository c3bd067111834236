import { contactSearch, decodeContactCursor, encodeContactCursor } from './contact-search';

describe('contactSearch', () => {
  it('reads a national number in the countries of the viewer’s channels and keeps its digits for partial matches', () => {
    expect(contactSearch('050 123 45 67', ['UA'])).toEqual({ numbers: ['+380501234567'], fragment: '0501234567' });
    const search = contactSearch('(415) 555-0100', ['US', 'UA']);
    expect(search?.numbers).toContain('+14155550100');
    expect(search?.fragment).toBe('4155550100');
  });

  it('reads an international number without needing a country', () => {
    expect(contactSearch('+380 50 123 4567', [])).toEqual({ numbers: ['+380501234567'], fragment: '380501234567' });
  });

  it('searches names as typed and ignores an empty box', () => {
    expect(contactSearch('  Olena K ', ['UA'])).toEqual({ numbers: [], fragment: 'Olena K' });
    expect(contactSearch('   ', ['UA'])).toBeNull();
  });

  it('finds no full number in a few digits but still matches them inside numbers', () => {
    expect(contactSearch('5550', ['US'])).toEqual({ numbers: [], fragment: '5550' });
  });
});

describe('contact cursors', () => {
  it('come back as they were written, for the sort they were written for', () => {
    const cursor = { sort: 'name' as const, name: 'Olena', id: '6f1c7f64-8a43-4c9e-9f6b-1d2f3e4a5b6c' };
    expect(decodeContactCursor(encodeContactCursor(cursor), 'name')).toEqual(cursor);
  });

  it('are refused for another sort or when tampered with', () => {
    const cursor = encodeContactCursor({ sort: 'created', at: '2026-12-01T00:00:00.000Z', id: '6f1c7f64-8a43-4c9e-9f6b-1d2f3e4a5b6c' });
    expect(() => decodeContactCursor(cursor, 'last_contact')).toThrow('page cursor is malformed');
    expect(() => decodeContactCursor('not-a-cursor', 'created')).toThrow('page cursor is malformed');
  });
});
