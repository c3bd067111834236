import { Role, type TeamView, type UserView } from '@backtalk/contracts';
import { indexById, matchesSearch, memberCandidates, sameIds, teamNamesOf } from './directory';

const team = (id: string, name: string): TeamView => ({ id, name, description: '', memberIds: [], createdAt: '' });
const user = (id: string, overrides: Partial<UserView> = {}): UserView => ({
  id,
  email: `${id}@example.com`,
  name: `User ${id}`,
  role: Role.Agent,
  active: true,
  teamIds: [],
  createdAt: '',
  locale: null,
  ...overrides,
});

describe('teamNamesOf', () => {
  it('names the teams the viewer can see, alphabetically', () => {
    const teams = indexById([team('t1', 'Support'), team('t2', 'Billing')]);

    expect(teamNamesOf(['t1', 't2'], teams)).toEqual({ names: ['Billing', 'Support'], hiddenCount: 0 });
  });

  it('counts the teams it cannot name instead of dropping them silently', () => {
    expect(teamNamesOf(['t1', 'elsewhere'], indexById([team('t1', 'Support')]))).toEqual({ names: ['Support'], hiddenCount: 1 });
  });
});

describe('matchesSearch', () => {
  const ada = user('ada', { name: 'Ada Lovelace', email: 'ada@analytical.org' });

  it('matches on name or email, ignoring case and surrounding spaces', () => {
    expect(matchesSearch(ada, ' LOVE ')).toBe(true);
    expect(matchesSearch(ada, 'analytical')).toBe(true);
    expect(matchesSearch(ada, 'grace')).toBe(false);
  });

  it('matches everyone when the search is empty', () => {
    expect(matchesSearch(ada, '  ')).toBe(true);
  });
});

describe('memberCandidates', () => {
  it('offers active users and keeps deactivated users who are already members', () => {
    const users = [user('a'), user('b', { active: false }), user('c', { active: false })];

    expect(memberCandidates(users, ['b']).map((u) => u.id)).toEqual(['a', 'b']);
  });
});

describe('sameIds', () => {
  it('ignores order but not additions or removals', () => {
    expect(sameIds(['a', 'b'], ['b', 'a'])).toBe(true);
    expect(sameIds(['a'], ['a', 'b'])).toBe(false);
    expect(sameIds(['a', 'b'], ['a', 'c'])).toBe(false);
  });
});
