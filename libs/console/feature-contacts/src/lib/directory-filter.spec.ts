import { setConsoleLanguage } from '@backtalk/console/i18n';
import '../i18n';
import { describeAttributeFilter, describeLastContact, directoryQuery, EMPTY_FILTER, filterFromSearchParams, filterToSearchParams, isFiltered } from './directory-filter';

const TEAM = '6f1d3f0e-8c1b-4a55-9d7e-0b7a3a9f2c11';

describe('the directory filter in the address bar', () => {
  it('survives a round trip through the query string', () => {
    const filter = { ...EMPTY_FILTER, q: 'olena', teamId: TEAM, consent: 'opted_out' as const, from: '2026-11-01', to: '2026-11-30', sort: 'name' as const };
    expect(filterFromSearchParams(filterToSearchParams(filter))).toEqual(filter);
  });

  it('leaves the defaults out of the address', () => {
    expect(filterToSearchParams(EMPTY_FILTER).toString()).toBe('');
  });

  it('reads a hand-edited address as the whole directory rather than failing', () => {
    expect(filterFromSearchParams(new URLSearchParams('team=nope&consent=maybe&from=yesterday&sort=random'))).toEqual(EMPTY_FILTER);
  });

  it('asks the API for whole local days, the last day included', () => {
    const query = directoryQuery({ ...EMPTY_FILTER, from: '2026-11-01', to: '2026-11-30' });
    expect(query.lastContactFrom).toBe(new Date(2026, 10, 1).toISOString());
    expect(query.lastContactTo).toBe(new Date(2026, 11, 1).toISOString());
    expect(directoryQuery(EMPTY_FILTER)).toEqual({ sort: 'last_contact' });
  });

  it('counts a search or any filter, but not the order, as narrowing the directory', () => {
    expect(isFiltered(EMPTY_FILTER)).toBe(false);
    expect(isFiltered({ ...EMPTY_FILTER, sort: 'name' })).toBe(false);
    expect(isFiltered({ ...EMPTY_FILTER, to: '2026-11-30' })).toBe(true);
  });

  it('names a range, an open end, or a single day', () => {
    expect(describeLastContact(null, null)).toBeNull();
    expect(describeLastContact('2026-11-01', null)).toMatch(/^Last contact since .*2026$/);
    expect(describeLastContact(null, '2026-11-30')).toMatch(/^Last contact until /);
    expect(describeLastContact('2026-11-30', '2026-11-30')).toMatch(/^Last contact on /);
  });
});

describe('filtering the directory by a contact attribute', () => {
  const plan = { id: 'a1', key: 'plan', label: 'Plan', type: 'list' as const, choices: ['Gold'], position: 0, createdAt: '', updatedAt: '' };
  const vip = { ...plan, id: 'a2', key: 'vip', label: 'VIP', type: 'boolean' as const, choices: [] };

  it('keeps key:value in the address and asks the API for it', () => {
    const filter = { ...EMPTY_FILTER, attribute: 'plan:Gold' };
    expect(filterToSearchParams(filter).toString()).toBe('attr=plan%3AGold');
    expect(filterFromSearchParams(filterToSearchParams(filter))).toEqual(filter);
    expect(directoryQuery(filter).attribute).toEqual(['plan:Gold']);
    expect(isFiltered(filter)).toBe(true);
  });

  it('ignores an address value that cannot be a filter', () => {
    expect(filterFromSearchParams(new URLSearchParams('attr=Plan Gold')).attribute).toBeNull();
    expect(filterFromSearchParams(new URLSearchParams('attr=plan:')).attribute).toBeNull();
  });

  it('names the attribute on the chip, yes/no in words, and a key nobody defines as typed', () => {
    expect(describeAttributeFilter('plan:Gold', [plan, vip])).toBe('Plan: Gold');
    expect(describeAttributeFilter('vip:true', [plan, vip])).toBe('VIP: yes');
    expect(describeAttributeFilter('order_id:A-1', [plan, vip])).toBe('order_id: A-1');
  });
});

describe('the directory chips in Ukrainian', () => {
  beforeEach(() => setConsoleLanguage('uk'));
  afterEach(() => setConsoleLanguage('en'));

  it('names the range with Ukrainian month names and the yes/no of an attribute in Ukrainian', () => {
    expect(describeLastContact('2026-11-01', null)).toBe('Останнє звернення з 1 лист. 2026 р.');
    expect(describeAttributeFilter('vip:false', [{ id: 'a2', key: 'vip', label: 'VIP', type: 'boolean', choices: [], position: 0, createdAt: '', updatedAt: '' }])).toBe('VIP: ні');
  });
});
