import { DEFAULT_FILTER, listKey, type InboxFilter } from './inbox-filter';
import { agentViewer, conversation, SUPPORT } from './inbox.fixtures';
import { ConversationStatus, type RealtimeEvent } from '@backtalk/contracts';
import { conversationUpserted, initialInboxState, listPageLoaded, realtimeEventsApplied, type InboxState } from './inbox.reducers';

// The inbox at 10,000 loaded conversations keeps every one and its order through paging, live updates and a replay.
// How long that takes is measured by `npm run bench:inbox-reducers` (at 10,000 and 20,000, with the growth ratio), not
// here: a time limit in a test fails on a busy machine and proves nothing on a fast one.

const all: InboxFilter = { ...DEFAULT_FILTER, view: 'all' };
const TOTAL = 10_000;
const PAGE = 50;
const iso = (n: number) => new Date(Date.UTC(2025, 0, 1) + n * 1_000).toISOString();
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function loadEverything(): InboxState {
  let state = initialInboxState;
  for (let page = 0; page < TOTAL / PAGE; page++) {
    const items = Array.from({ length: PAGE }, (_, i) => {
      const n = TOTAL - (page * PAGE + i);
      return conversation(id(n), { lastMessageAt: iso(n), updatedAt: iso(n) });
    });
    state = listPageLoaded(state, all, { items, nextCursor: page < TOTAL / PAGE - 1 ? `p${page + 1}` : null }, page === 0);
  }
  return state;
}

describe('inbox reducers at 10,000 conversations', () => {
  it('paging through all 10,000 conversations keeps every one, newest first', () => {
    const ids = loadEverything().lists[listKey(all)].ids;

    expect(ids).toHaveLength(TOTAL);
    expect(ids[0]).toBe(id(TOTAL));
    expect(ids[TOTAL - 1]).toBe(id(1));
  });

  it('each live update moves its conversation to the top of the fully loaded list and loses none', () => {
    let state = loadEverything();
    for (let i = 0; i < 500; i++) {
      const n = 1 + ((i * 37) % TOTAL);
      state = conversationUpserted(state, conversation(id(n), { lastMessageAt: iso(TOTAL + i + 1), updatedAt: iso(TOTAL + i + 1) }), agentViewer);
    }

    expect(state.lists[listKey(all)].ids[0]).toBe(id(1 + ((499 * 37) % TOTAL)));
    expect(state.lists[listKey(all)].ids[1]).toBe(id(1 + ((498 * 37) % TOTAL)));
    expect(state.lists[listKey(all)].ids).toHaveLength(TOTAL);
  });

  it('a replay of 2,000 events after a reconnect applies as one batch, the last event on top and none lost', () => {
    const state = loadEverything();
    const events = Array.from({ length: 2_000 }, (_, i): RealtimeEvent => {
      const n = 1 + ((i * 7) % TOTAL);
      const at = iso(TOTAL + i + 1);
      return {
        seq: i + 1,
        type: 'conversation.updated',
        teamId: SUPPORT,
        conversationId: id(n),
        payload: { conversationId: id(n), status: ConversationStatus.Open, previousStatus: ConversationStatus.Open, reason: 'message' },
        createdAt: at,
        conversation: conversation(id(n), { lastMessageAt: at, updatedAt: at }),
      };
    });
    const next = realtimeEventsApplied(state, events, agentViewer);

    expect(next.lists[listKey(all)].ids[0]).toBe(id(1 + ((1_999 * 7) % TOTAL)));
    expect(next.lists[listKey(all)].ids).toHaveLength(TOTAL);
  });
});
