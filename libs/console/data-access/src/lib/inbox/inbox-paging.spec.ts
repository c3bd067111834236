import type { ConversationView } from '@backtalk/contracts';
import { compareConversations, DEFAULT_FILTER, listKey, type InboxFilter } from './inbox-filter';
import { agentViewer, conversation } from './inbox.fixtures';
import { conversationUpserted, initialInboxState, listPageLoaded, type InboxState } from './inbox.reducers';

// A page is merged into the loaded list rather than the whole list sorted again; these runs check that the merge
// always gives what sorting everything would, while live updates move conversations between pages.

const PAGE = 20;
const iso = (second: number) => new Date(Date.UTC(2025, 0, 1) + second * 1_000).toISOString();

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let value = seed;
  return () => {
    value = (value * 1_103_515_245 + 12_345) % 2_147_483_648;
    return value / 2_147_483_648;
  };
}

function fullSort(ids: readonly string[], conversations: ReadonlyMap<string, ConversationView>, filter: InboxFilter): string[] {
  return [...new Set(ids)]
    .map((id) => conversations.get(id) as ConversationView)
    .sort(compareConversations(filter.sort))
    .map((c) => c.id);
}

/**
 * Pages through a server's conversations by keyset (after the last one served, in the server's order at that
 * moment), with live updates and a page of another list arriving in between, checking every merged page.
 */
function pageThroughWithUpdates(filter: InboxFilter, seed: number): { state: InboxState; pages: number } {
  const next = random(seed);
  const compare = compareConversations(filter.sort);
  const server = new Map<string, ConversationView>();
  for (let n = 0; n < 300; n++) {
    const id = `c-${String(n).padStart(3, '0')}`;
    // Equal times on purpose: the id decides between them.
    const second = Math.floor(next() * 120);
    server.set(id, conversation(id, { lastMessageAt: iso(second), waitingSince: next() < 0.2 ? null : iso(second), updatedAt: iso(second) }));
  }
  let clock = 1_000;
  const touch = (id: string): ConversationView => {
    clock += 1;
    const moved = { ...(server.get(id) as ConversationView), lastMessageAt: iso(clock), waitingSince: next() < 0.5 ? iso(clock - Math.floor(next() * 2_000)) : null, updatedAt: iso(clock) };
    server.set(id, moved);
    return moved;
  };
  const ids = [...server.keys()];
  const key = listKey(filter);
  const other: InboxFilter = { ...filter, view: filter.view === 'all' ? 'unassigned' : 'all' };

  let state = initialInboxState;
  let last: ConversationView | null = null;
  let pages = 0;
  for (;;) {
    const ordered = [...server.values()].sort(compare);
    const start: number = last ? ordered.findIndex((c) => compare(c, last as ConversationView) > 0) : 0;
    const items: ConversationView[] = start < 0 ? [] : ordered.slice(start, start + PAGE);
    const done = start < 0 || start + PAGE >= ordered.length;
    const before = state.lists[key]?.ids ?? [];
    state = listPageLoaded(state, filter, { items, nextCursor: done ? null : `p${pages + 1}` }, pages === 0);
    pages += 1;
    expect(state.lists[key].ids).toEqual(fullSort([...before, ...items.map((c) => c.id)], state.conversations, filter));
    if (done) break;
    last = items[items.length - 1];

    for (let update = Math.floor(next() * 4); update > 0; update--) state = conversationUpserted(state, touch(ids[Math.floor(next() * ids.length)]), agentViewer);
    // Another list's page brings a newer copy of a conversation this list may hold.
    if (next() < 0.3) state = listPageLoaded(state, other, { items: [touch(ids[Math.floor(next() * ids.length)])], nextCursor: null }, true);
  }
  return { state, pages };
}

describe('paging through a conversation list', () => {
  it.each([
    ['newest first', { ...DEFAULT_FILTER, view: 'all' } as InboxFilter],
    ['longest waiting first', { ...DEFAULT_FILTER, view: 'all', sort: 'waiting' } as InboxFilter],
  ])('orders the list %s exactly as sorting all of it would, page after page, with live updates in between', (_name, filter) => {
    for (const seed of [1, 7, 42, 2025]) {
      const { state, pages } = pageThroughWithUpdates(filter, seed);
      const ids = state.lists[listKey(filter)].ids;
      expect(pages).toBeGreaterThan(10);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toEqual(fullSort(ids, state.conversations, filter));
    }
  });

  it('moves a conversation a page brings again from its old place to where the page’s newer copy sorts', () => {
    const all: InboxFilter = { ...DEFAULT_FILTER, view: 'all' };
    const first = listPageLoaded(initialInboxState, all, { items: [conversation('c', { lastMessageAt: iso(30), updatedAt: iso(30) }), conversation('b', { lastMessageAt: iso(20), updatedAt: iso(20) })], nextCursor: 'p2' }, true);
    const second = listPageLoaded(
      first,
      all,
      { items: [conversation('a', { lastMessageAt: iso(10), updatedAt: iso(10) }), conversation('c', { lastMessageAt: iso(5), updatedAt: iso(40) })], nextCursor: null },
      false,
    );

    expect(second.lists[listKey(all)].ids).toEqual(['b', 'a', 'c']);
  });
});
