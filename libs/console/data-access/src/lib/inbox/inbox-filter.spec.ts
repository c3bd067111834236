import { ConversationPriority, ConversationStatus, Role } from '@backtalk/contracts';
import { at, agentViewer, BILLING, conversation, ME, SUPPORT } from './inbox.fixtures';
import {
  belongsToList,
  compareConversations,
  DEFAULT_FILTER,
  extraFilterCount,
  filterFromSavedView,
  filterFromSearchParams,
  filterToSearchParams,
  listKey,
  sameFilter,
  searchFor,
  toListQuery,
  toSavedViewFilters,
  withDayRange,
  withoutFilter,
  type InboxFilter,
} from './inbox-filter';

const filter = (overrides: Partial<InboxFilter> = {}): InboxFilter => ({ ...DEFAULT_FILTER, ...overrides });

describe('inbox filters in the address bar', () => {
  it('reads every part of a filter back from the parameters it was written to', () => {
    const original = filter({ view: 'team', teamId: SUPPORT, status: ConversationStatus.Snoozed, sort: 'waiting', q: 'refund' });

    expect(filterFromSearchParams(filterToSearchParams(original))).toEqual(original);
  });

  it('leaves defaults out of the address, so the plain inbox link has no parameters', () => {
    expect(filterToSearchParams(DEFAULT_FILTER).toString()).toBe('');
  });

  it('falls back to the default for unknown values instead of showing an empty list', () => {
    expect(filterFromSearchParams(new URLSearchParams('view=bogus&status=archived&sort=alpha'))).toEqual(DEFAULT_FILTER);
  });

  it('treats a team view without a team as the default view', () => {
    expect(filterFromSearchParams(new URLSearchParams('view=team')).view).toBe('mine');
  });

  it('writes a label filter as one parameter per label and reads it back', () => {
    const labelled = filter({ labelIds: ['refund', 'vip'] });
    expect(filterToSearchParams(labelled).toString()).toBe('label=refund&label=vip');
    expect(filterFromSearchParams(filterToSearchParams(labelled))).toEqual(labelled);
    expect(toListQuery(labelled, null, 50)).toMatchObject({ labelId: ['refund', 'vip'] });
  });

  it('trims the search text', () => {
    expect(filterFromSearchParams(new URLSearchParams('q=%20%2B380%20')).q).toBe('+380');
  });
});

describe('the label filter', () => {
  it('keeps a conversation with any of the labels and lets one that lost them leave the list', () => {
    const labelled = filter({ view: 'all', labelIds: ['vip', 'refund'] });
    expect(belongsToList(conversation('a', { labelIds: ['refund'] }), labelled, agentViewer)).toBe(true);
    expect(belongsToList(conversation('a', { labelIds: ['bug'] }), labelled, agentViewer)).toBe(false);
    expect(belongsToList(conversation('a', { labelIds: [] }), labelled, agentViewer)).toBe(false);
    expect(belongsToList(conversation('a', { labelIds: [] }), filter({ view: 'all' }), agentViewer)).toBe(true);
  });
});

describe('searching', () => {
  it('covers every status when a search starts, whichever status tab was open', () => {
    const searching = searchFor(filter({ status: ConversationStatus.Pending }), 'refund');
    expect(searching).toEqual(filter({ status: null, q: 'refund' }));
    expect(toListQuery(searching, null, 50)).not.toHaveProperty('status');
  });

  it('keeps a status the agent picked while changing the search text', () => {
    expect(searchFor(filter({ status: ConversationStatus.Resolved, q: 'refund' }), 'refund 42').status).toBe(ConversationStatus.Resolved);
  });

  it('returns to open conversations when the search is cleared', () => {
    expect(searchFor(filter({ status: null, q: 'refund' }), '')).toEqual(DEFAULT_FILTER);
  });

  it('reads a searched address without a status as every status, and writes it back without one', () => {
    const read = filterFromSearchParams(new URLSearchParams('q=refund'));
    expect(read.status).toBeNull();
    expect(filterToSearchParams(read).toString()).toBe('q=refund');
    expect(filterFromSearchParams(new URLSearchParams('q=refund&status=open')).status).toBe(ConversationStatus.Open);
  });

  it('keeps a conversation of any status in a search over every status, and gives that search its own list', () => {
    const anyStatus = filter({ view: 'all', status: null, q: 'refund' });
    expect(belongsToList(conversation('c1', { status: ConversationStatus.Resolved }), anyStatus, agentViewer)).toBe('unknown');
    expect(listKey(anyStatus)).not.toBe(listKey({ ...anyStatus, status: ConversationStatus.Open }));
  });
});

describe('list keys and queries', () => {
  it('gives different searches and sorts their own lists', () => {
    expect(listKey(filter({ q: 'a' }))).not.toBe(listKey(filter({ q: 'b' })));
    expect(listKey(filter({ sort: 'waiting' }))).not.toBe(listKey(filter()));
    expect(listKey(filter({ labelIds: ['vip'] }))).not.toBe(listKey(filter()));
    expect(listKey(filter({ labelIds: ['vip', 'refund'] }))).toBe(listKey(filter({ labelIds: ['refund', 'vip'] })));
    expect(listKey(filter({ labelIds: [] }))).toBe(listKey(filter()));
  });

  it('asks the API for a team only in the team view, and sends the cursor and search only when there are some', () => {
    expect(toListQuery(filter({ teamId: SUPPORT }), null, 50)).toEqual({ view: 'mine', status: 'open', sort: 'recent', limit: 50 });
    expect(toListQuery(filter({ view: 'team', teamId: SUPPORT, q: 'x' }), 'next', 50)).toEqual({
      view: 'team',
      teamId: SUPPORT,
      status: 'open',
      sort: 'recent',
      q: 'x',
      cursor: 'next',
      limit: 50,
    });
  });
});

describe('belongsToList', () => {
  it('puts a conversation assigned to me in Mine, and one assigned to someone else not', () => {
    expect(belongsToList(conversation('c1', { assigneeId: ME }), filter({ view: 'mine' }), agentViewer)).toBe(true);
    expect(belongsToList(conversation('c1', { assigneeId: 'someone' }), filter({ view: 'mine' }), agentViewer)).toBe(false);
  });

  it('puts an unassigned conversation of my team in Unassigned', () => {
    expect(belongsToList(conversation('c1'), filter({ view: 'unassigned' }), agentViewer)).toBe(true);
  });

  it('keeps another team’s conversations out of every list of an agent', () => {
    const billing = conversation('c1', { teamId: BILLING });

    expect(belongsToList(billing, filter({ view: 'unassigned' }), agentViewer)).toBe(false);
    expect(belongsToList(billing, filter({ view: 'all' }), agentViewer)).toBe(false);
  });

  it('shows an agent another team’s conversation that is assigned to them, as the API does', () => {
    expect(belongsToList(conversation('c1', { teamId: BILLING, assigneeId: ME }), filter({ view: 'all' }), agentViewer)).toBe(true);
  });

  it('lets an admin see every team', () => {
    const admin = { userId: 'admin', role: Role.Admin, teamIds: [] };

    expect(belongsToList(conversation('c1', { teamId: BILLING }), filter({ view: 'unassigned' }), admin)).toBe(true);
  });

  it('drops a conversation whose status is not the list’s', () => {
    expect(belongsToList(conversation('c1', { status: ConversationStatus.Resolved }), filter({ view: 'all' }), agentViewer)).toBe(false);
  });

  it('cannot tell whether a conversation matches a search, since the API also searches message texts', () => {
    expect(belongsToList(conversation('c1'), filter({ view: 'all', q: 'refund' }), agentViewer)).toBe('unknown');
  });
});

describe('compareConversations', () => {
  const ids = (list: ReturnType<typeof conversation>[], sort: 'recent' | 'waiting') => [...list].sort(compareConversations(sort)).map((c) => c.id);

  it('orders by latest activity first, breaking ties by id as the API does', () => {
    const list = [conversation('a', { lastMessageAt: at(1) }), conversation('b', { lastMessageAt: at(5) }), conversation('c', { lastMessageAt: at(5) })];

    expect(ids(list, 'recent')).toEqual(['c', 'b', 'a']);
  });

  it('orders by longest waiting first and puts conversations nobody waits on last', () => {
    const list = [
      conversation('a', { waitingSince: null }),
      conversation('b', { waitingSince: at(9) }),
      conversation('c', { waitingSince: at(2) }),
    ];

    expect(ids(list, 'waiting')).toEqual(['c', 'b', 'a']);
  });
});

describe('the filter menu’s filters', () => {
  const CHANNEL = '0b7e3c2a-1d4f-4c5e-9a8b-7c6d5e4f3a2b';
  const AGENT = '1c8f4d3b-2e5a-4d6f-8b9c-8d7e6f5a4b3c';
  const everything = filter({
    view: 'all',
    labelIds: ['vip'],
    channelId: CHANNEL,
    assigneeId: AGENT,
    priorities: [ConversationPriority.Urgent, ConversationPriority.High],
    languages: ['uk'],
    sla: 'breached',
    optedOut: false,
    unread: true,
    created: { from: '2025-01-01', to: '2025-01-31' },
    active: { from: '2025-02-01' },
  });

  it('survives a round trip through the address bar, lists in one order', () => {
    expect(filterFromSearchParams(filterToSearchParams(everything))).toEqual({ ...everything, priorities: [ConversationPriority.High, ConversationPriority.Urgent] });
  });

  it('writes readable parameters: days as days and yes/no for switches', () => {
    const params = filterToSearchParams(filter({ unread: true, optedOut: false, created: { from: '2025-01-01' } }));
    expect(params.toString()).toBe('optedOut=no&unread=yes&createdFrom=2025-01-01');
  });

  it('drops values it cannot use from a hand-edited address instead of asking the API for an error', () => {
    const parsed = filterFromSearchParams(new URLSearchParams('channel=nope&priority=huge&priority=low&language=xx&sla=late&unread=maybe&createdFrom=yesterday'));
    expect(parsed).toEqual({ ...DEFAULT_FILTER, priorities: [ConversationPriority.Low] });
  });

  it('asks the API for whole local days: the end of a range is the start of the next day', () => {
    const query = toListQuery(filter({ created: { from: '2025-01-01', to: '2025-01-31' } }), null, 50);
    expect(query.createdFrom).toBe(new Date(2025, 0, 1).toISOString());
    expect(query.createdTo).toBe(new Date(2025, 1, 1).toISOString());
  });

  it('keys two filters picked in a different order as one list', () => {
    expect(listKey(filter({ priorities: [ConversationPriority.Low, ConversationPriority.High] }))).toBe(listKey(filter({ priorities: [ConversationPriority.High, ConversationPriority.Low] })));
    expect(listKey(filter({ unread: true }))).not.toBe(listKey(filter({ unread: false })));
  });

  it('counts and removes extra filters one at a time', () => {
    expect(extraFilterCount(everything)).toBe(10);
    expect(extraFilterCount(withoutFilter(everything, 'created'))).toBe(9);
    expect(withoutFilter(everything, 'created').created).toBeUndefined();
  });

  it('opens a saved view as the same filter it was saved from', () => {
    const saved = toSavedViewFilters(everything);
    expect(saved).toMatchObject({ view: 'all', labelId: ['vip'], priority: ['high', 'urgent'], unread: true, optedOut: false, sla: 'breached' });
    expect(sameFilter(filterFromSavedView(saved), everything)).toBe(true);
  });

  it('lets a conversation leave the list once it no longer matches', () => {
    const unreadUrgent = filter({ view: 'all', unread: true, priorities: [ConversationPriority.Urgent] });
    expect(belongsToList(conversation('a', { unreadCount: 2, priority: ConversationPriority.Urgent }), unreadUrgent, agentViewer)).toBe(true);
    expect(belongsToList(conversation('a', { unreadCount: 0, priority: ConversationPriority.Urgent }), unreadUrgent, agentViewer)).toBe(false);
    expect(belongsToList(conversation('a', { unreadCount: 2, priority: ConversationPriority.Low }), unreadUrgent, agentViewer)).toBe(false);
  });

  it('sets a custom range of days picked in the dialog, replacing a preset, and removes it when both ends are cleared', () => {
    const lastWeek = filter({ view: 'all', active: { from: '2025-03-04' } });
    const custom = withDayRange(lastWeek, 'active', { from: '2025-02-10', to: '2025-02-20' });
    expect(custom.active).toEqual({ from: '2025-02-10', to: '2025-02-20' });
    expect(extraFilterCount(custom)).toBe(1);
    expect(withDayRange(custom, 'active', { from: '', to: '' })).not.toHaveProperty('active');
    expect(withDayRange(custom, 'created', { to: '2025-01-31' })).toMatchObject({ active: { from: '2025-02-10', to: '2025-02-20' }, created: { to: '2025-01-31' } });
  });

  it('puts the ends of a range in order, from the dialog or a hand-edited address alike', () => {
    expect(withDayRange(filter(), 'created', { from: '2025-02-20', to: '2025-02-10' }).created).toEqual({ from: '2025-02-10', to: '2025-02-20' });
    expect(filterFromSearchParams(new URLSearchParams('activeFrom=2025-02-20&activeTo=2025-02-10')).active).toEqual({ from: '2025-02-10', to: '2025-02-20' });
  });

  it('keeps a custom range in the address, the API query and a saved view, as the same whole days', () => {
    const custom = withDayRange(withDayRange(filter({ view: 'all' }), 'active', { from: '2025-02-10', to: '2025-02-20' }), 'created', { from: '2025-01-05' });
    expect(filterToSearchParams(custom).toString()).toBe('view=all&createdFrom=2025-01-05&activeFrom=2025-02-10&activeTo=2025-02-20');
    expect(sameFilter(filterFromSearchParams(filterToSearchParams(custom)), custom)).toBe(true);
    const saved = toSavedViewFilters(custom);
    expect(saved).toMatchObject({ activeFrom: new Date(2025, 1, 10).toISOString(), activeTo: new Date(2025, 1, 21).toISOString(), createdFrom: new Date(2025, 0, 5).toISOString() });
    expect(saved).not.toHaveProperty('createdTo');
    expect(filterFromSavedView(saved)).toMatchObject({ active: { from: '2025-02-10', to: '2025-02-20' }, created: { from: '2025-01-05' } });
  });

  it('shows a conversation last active on either end day of a custom range and drops one active the day after', () => {
    const custom = withDayRange(filter({ view: 'all' }), 'active', { from: '2025-02-10', to: '2025-02-20' });
    const activeAt = (date: Date) => conversation('a', { lastMessageAt: date.toISOString() });
    expect(belongsToList(activeAt(new Date(2025, 1, 10, 0, 0)), custom, agentViewer)).toBe(true);
    expect(belongsToList(activeAt(new Date(2025, 1, 20, 23, 59)), custom, agentViewer)).toBe(true);
    expect(belongsToList(activeAt(new Date(2025, 1, 21, 0, 0)), custom, agentViewer)).toBe(false);
    expect(belongsToList(activeAt(new Date(2025, 1, 9, 23, 59)), custom, agentViewer)).toBe(false);
  });

  it('leaves an SLA filter to the API, since the clock alone moves a conversation in or out', () => {
    expect(belongsToList(conversation('a'), filter({ view: 'all', sla: 'at_risk' }), agentViewer)).toBe('unknown');
  });
});
