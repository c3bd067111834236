import { formatDateTime, initialsOf, summarizeList } from './format';

describe('formatDateTime', () => {
  it('shows the fallback for a missing or unreadable date', () => {
    expect(formatDateTime(null)).toBe('—');
    expect(formatDateTime(null, 'Never')).toBe('Never');
    expect(formatDateTime('not a date', 'Never')).toBe('Never');
  });

  it('formats a real date into text that includes the year', () => {
    expect(formatDateTime('2025-03-04T10:20:00Z')).toContain('2025');
  });
});

describe('initialsOf', () => {
  it('takes the first letters of the first and last words', () => {
    expect(initialsOf('Ada King Lovelace')).toBe('AL');
  });

  it('uses one letter for a single word and a placeholder for an empty name', () => {
    expect(initialsOf('  grace ')).toBe('G');
    expect(initialsOf('')).toBe('?');
  });
});

describe('summarizeList', () => {
  it('lists short lists in full', () => {
    expect(summarizeList(['Support', 'Billing'])).toBe('Support, Billing');
  });

  it('counts what it leaves out of long lists', () => {
    expect(summarizeList(['A', 'B', 'C', 'D', 'E'])).toBe('A, B, C and 2 more');
  });
});
