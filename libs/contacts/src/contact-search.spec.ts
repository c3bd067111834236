import { decodeContactCursor, encodeContactCursor } from './contact-search';

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
