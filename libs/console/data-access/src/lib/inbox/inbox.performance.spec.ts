import { DEFAULT_FILTER, listKey, type InboxFilter } from './inbox-filter';
import { agentViewer, conversation, SUPPORT } from './inbox.fixtures';
import { ConversationStatus, type RealtimeEvent } from '@backtalk/contracts';
import { conversationUpserted, initialInboxState, listPageLoaded, realtimeEventsApplied, type InboxState } from './inbox.reducers';

// The inbox must stay smooth with 10,000 conversations: paging through all of them and applying events to the loaded
// list must take milliseconds, not seconds. The bounds are loose (shared CI machines); a quadratic slip breaks them.

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
  it('page through all 10,000 conversations in well under a second', () => {
    const started = performance.now();
    const state = loadEverything();

    expect(state.lists[listKey(all)].ids).toHaveLength(TOTAL);
    expect(performance.now() - started).toBeLessThan(1_500);
  });

  it('apply each live update to the fully loaded list in a few milliseconds', () => {
    let state = loadEverything();
    const started = performance.now();
    for (let i = 0; i < 500; i++) {
      const n = 1 + ((i * 37) % TOTAL);
      state = conversationUpserted(state, conversation(id(n), { lastMessageAt: iso(TOTAL + i + 1), updatedAt: iso(TOTAL + i + 1) }), agentViewer);
    }

    expect(state.lists[listKey(all)].ids[0]).toBe(id(1 + ((499 * 37) % TOTAL)));
    expect((performance.now() - started) / 500).toBeLessThan(8);
  });

  it('apply a replay of 2,000 events after a reconnect as one batch in well under a second', () => {
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
    const started = performance.now();

    const next = realtimeEventsApplied(state, events, agentViewer);

    expect(next.lists[listKey(all)].ids[0]).toBe(id(1 + ((1_999 * 7) % TOTAL)));
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
