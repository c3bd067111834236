import { ConversationStatus, MessageDirection, MessageKind, MessageStatus, type RealtimeEvent } from '@backtalk/contracts';
import { DEFAULT_FILTER, listKey, type InboxFilter } from './inbox-filter';
import { agentViewer, at, conversation, ME, message } from './inbox.fixtures';
import {
  compareMessages,
  contactUpdated,
  conversationForgotten,
  conversationRead,
  conversationsUpserted,
  conversationUpserted,
  initialInboxState,
  listFailed,
  listPageLoaded,
  listRequested,
  messageUpserted,
  realtimeEventApplied,
  threadPageLoaded,
  type InboxState,
} from './inbox.reducers';

const all: InboxFilter = { ...DEFAULT_FILTER, view: 'all' };
const mine: InboxFilter = { ...DEFAULT_FILTER, view: 'mine' };
const idsOf = (state: InboxState, filter: InboxFilter) => state.lists[listKey(filter)]?.ids;

function withList(filter: InboxFilter, items: ReturnType<typeof conversation>[], nextCursor: string | null = null): InboxState {
  return listPageLoaded(initialInboxState, filter, { items, nextCursor }, true);
}

describe('conversation lists', () => {
  it('marks a list loading, then stores its first page in the API’s order', () => {
    const loading = listRequested(initialInboxState, all);
    const state = listPageLoaded(loading, all, { items: [conversation('b', { lastMessageAt: at(5) }), conversation('a', { lastMessageAt: at(1) })], nextCursor: 'p2' }, true);

    expect(loading.lists[listKey(all)]).toMatchObject({ loading: true, loaded: false });
    expect(state.lists[listKey(all)]).toMatchObject({ ids: ['b', 'a'], nextCursor: 'p2', loading: false, loaded: true });
    expect(state.conversations.get('a')?.id).toBe('a');
  });

  it('appends a next page without repeating a conversation that moved between pages', () => {
    const first = withList(all, [conversation('c', { lastMessageAt: at(9) }), conversation('b', { lastMessageAt: at(5) })], 'p2');
    const state = listPageLoaded(first, all, { items: [conversation('b', { lastMessageAt: at(5) }), conversation('a', { lastMessageAt: at(1) })], nextCursor: null }, false);

    expect(idsOf(state, all)).toEqual(['c', 'b', 'a']);
    expect(state.lists[listKey(all)].nextCursor).toBeNull();
  });

  it('keeps the loaded ids and says what went wrong when a page fails', () => {
    const state = listFailed(listRequested(withList(all, [conversation('a')]), all), all, 'Offline');

    expect(state.lists[listKey(all)]).toMatchObject({ ids: ['a'], loading: false, error: 'Offline' });
  });

  it('does not let an older copy in a late page undo a newer change', () => {
    const state = conversationUpserted(withList(all, [conversation('a')]), conversation('a', { unreadCount: 2, updatedAt: at(30) }), agentViewer);
    const stale = listPageLoaded(state, all, { items: [conversation('a', { unreadCount: 0, updatedAt: at(10) })], nextCursor: null }, true);

    expect(stale.conversations.get('a')?.unreadCount).toBe(2);
  });
});

describe('conversationUpserted', () => {
  it('moves a conversation with a new message to the top of a list sorted by activity', () => {
    const state = withList(all, [conversation('b', { lastMessageAt: at(5) }), conversation('a', { lastMessageAt: at(1) })]);

    const next = conversationUpserted(state, conversation('a', { lastMessageAt: at(20), updatedAt: at(20) }), agentViewer);

    expect(idsOf(next, all)).toEqual(['a', 'b']);
  });

  it('adds a new conversation to every list it belongs to and no other', () => {
    const state = listPageLoaded(withList(all, []), mine, { items: [], nextCursor: null }, true);

    const next = conversationUpserted(state, conversation('new', { updatedAt: at(20) }), agentViewer);

    expect(idsOf(next, all)).toEqual(['new']);
    expect(idsOf(next, mine)).toEqual([]);
  });

  it('moves a conversation into Mine and out of Unassigned when I take it', () => {
    const unassigned: InboxFilter = { ...DEFAULT_FILTER, view: 'unassigned' };
    let state = withList(unassigned, [conversation('a')]);
    state = listPageLoaded(state, mine, { items: [], nextCursor: null }, true);

    const next = conversationUpserted(state, conversation('a', { assigneeId: ME, updatedAt: at(20) }), agentViewer);

    expect(idsOf(next, unassigned)).toEqual([]);
    expect(idsOf(next, mine)).toEqual(['a']);
  });

  it('takes a resolved conversation out of the Open tab', () => {
    const next = conversationUpserted(withList(all, [conversation('a')]), conversation('a', { status: ConversationStatus.Resolved, updatedAt: at(20) }), agentViewer);

    expect(idsOf(next, all)).toEqual([]);
  });

  it('leaves a conversation that sorts after a partly loaded list to the next page', () => {
    const state = withList(all, [conversation('b', { lastMessageAt: at(5) })], 'p2');

    const next = conversationUpserted(state, conversation('old', { lastMessageAt: at(1), updatedAt: at(20) }), agentViewer);

    expect(idsOf(next, all)).toEqual(['b']);
  });

  it('adds it at the end of a fully loaded list', () => {
    const state = withList(all, [conversation('b', { lastMessageAt: at(5) })]);

    const next = conversationUpserted(state, conversation('old', { lastMessageAt: at(1), updatedAt: at(20) }), agentViewer);

    expect(idsOf(next, all)).toEqual(['b', 'old']);
  });

  it('updates a conversation already in a search list but does not add new ones to it', () => {
    const search: InboxFilter = { ...all, q: 'refund' };
    const state = withList(search, [conversation('a')]);

    const next = conversationUpserted(conversationUpserted(state, conversation('a', { unreadCount: 1, updatedAt: at(20) }), agentViewer), conversation('z', { updatedAt: at(20) }), agentViewer);

    expect(idsOf(next, search)).toEqual(['a']);
    expect(next.conversations.get('a')?.unreadCount).toBe(1);
  });

  it('ignores a copy older than the one it has and returns the same state', () => {
    const state = conversationUpserted(withList(all, [conversation('a')]), conversation('a', { updatedAt: at(30) }), agentViewer);

    expect(conversationUpserted(state, conversation('a', { status: ConversationStatus.Resolved, updatedAt: at(20) }), agentViewer)).toBe(state);
  });
});

describe('conversationsUpserted', () => {
  it('places a whole batch in one go: moved up, added, kept, left to the next page, removed', () => {
    const unassigned: InboxFilter = { ...DEFAULT_FILTER, view: 'unassigned' };
    let state = withList(all, [conversation('a', { lastMessageAt: at(9) }), conversation('b', { lastMessageAt: at(5) }), conversation('c', { lastMessageAt: at(2) })], 'p2');
    state = listPageLoaded(state, unassigned, { items: [conversation('b', { lastMessageAt: at(5) })], nextCursor: null }, true);
    const batch = [
      conversation('c', { lastMessageAt: at(20), updatedAt: at(20) }),
      conversation('new', { lastMessageAt: at(15), updatedAt: at(15) }),
      conversation('b', { assigneeId: ME, lastMessageAt: at(5), updatedAt: at(20) }),
      conversation('old', { lastMessageAt: at(1), updatedAt: at(20) }),
      conversation('a', { status: ConversationStatus.Resolved, updatedAt: at(20) }),
    ];

    const together = conversationsUpserted(state, batch, agentViewer);

    expect(idsOf(together, all)).toEqual(['c', 'new', 'b']);
    expect(idsOf(together, unassigned)).toEqual(['c', 'new', 'old']);
  });
});

describe('threads', () => {
  const thread = (state: InboxState) => state.threads['c1'];

  it('stores the newest page oldest first and remembers where older messages start', () => {
    const state = threadPageLoaded(initialInboxState, 'c1', { items: [message('m1', { sentAt: at(1) }), message('m2', { sentAt: at(2) })], nextCursor: 'older' }, false);

    expect(thread(state)).toMatchObject({ ids: ['m1', 'm2'], olderCursor: 'older', loaded: true });
  });

  it('puts an older page in front and moves the cursor further back', () => {
    const newest = threadPageLoaded(initialInboxState, 'c1', { items: [message('m3', { sentAt: at(3) })], nextCursor: 'p2' }, false);

    const state = threadPageLoaded(newest, 'c1', { items: [message('m1', { sentAt: at(1) }), message('m2', { sentAt: at(2) })], nextCursor: null }, true);

    expect(thread(state)).toMatchObject({ ids: ['m1', 'm2', 'm3'], olderCursor: null });
  });

  it('takes a message whose content was erased over the copy on screen, and never lets a stale copy bring the text back', () => {
    const erased = { body: '', media: [], removed: { body: true, media: true, by: 'erasure' as const } };
    let state = threadPageLoaded(initialInboxState, 'c1', { items: [message('m1', { sentAt: at(1), body: 'My address is Khreshchatyk 1' })], nextCursor: null }, false);

    state = threadPageLoaded(state, 'c1', { items: [message('m1', { sentAt: at(1), ...erased })], nextCursor: null }, false);
    expect(state.messages['m1']).toMatchObject(erased);

    state = messageUpserted(state, message('m1', { sentAt: at(1), body: 'My address is Khreshchatyk 1', status: MessageStatus.Delivered }));
    expect(state.messages['m1']).toMatchObject({ ...erased, status: MessageStatus.Delivered });
  });

  it('keeps messages that arrived by event when the newest page is fetched again', () => {
    let state = threadPageLoaded(initialInboxState, 'c1', { items: [message('m1', { sentAt: at(1) })], nextCursor: 'p2' }, false);
    state = messageUpserted(state, message('m9', { sentAt: at(9) }));

    state = threadPageLoaded(state, 'c1', { items: [message('m1', { sentAt: at(1) })], nextCursor: 'p2' }, false);

    expect(thread(state)).toMatchObject({ ids: ['m1', 'm9'], olderCursor: 'p2' });
  });

  it('shows a message once however many times it arrives', () => {
    let state = threadPageLoaded(initialInboxState, 'c1', { items: [], nextCursor: null }, false);
    for (let i = 0; i < 3; i++) state = messageUpserted(state, message('m1'));

    expect(thread(state).ids).toEqual(['m1']);
  });

  it('places messages that arrive out of order by the time they were sent', () => {
    let state = threadPageLoaded(initialInboxState, 'c1', { items: [], nextCursor: null }, false);
    for (const minute of [3, 1, 2]) state = messageUpserted(state, message(`m${minute}`, { sentAt: at(minute) }));

    expect(thread(state).ids).toEqual(['m1', 'm2', 'm3']);
  });

  it('never moves a delivered message back to sent when a late report arrives', () => {
    const outbound = { direction: MessageDirection.Outbound, kind: MessageKind.Agent };
    let state = threadPageLoaded(initialInboxState, 'c1', { items: [message('m1', { ...outbound, status: MessageStatus.Delivered })], nextCursor: null }, false);

    state = messageUpserted(state, message('m1', { ...outbound, status: MessageStatus.Sent }));

    expect(state.messages['m1'].status).toBe(MessageStatus.Delivered);
  });

  it('moves a message forward from queued to delivered', () => {
    let state = threadPageLoaded(initialInboxState, 'c1', { items: [message('m1', { status: MessageStatus.Queued })], nextCursor: null }, false);

    state = messageUpserted(state, message('m1', { status: MessageStatus.Delivered }));

    expect(state.messages['m1'].status).toBe(MessageStatus.Delivered);
  });

  it('does not keep messages for threads nobody has opened', () => {
    expect(messageUpserted(initialInboxState, message('m1'))).toBe(initialInboxState);
  });

  it('moves the tick of the list’s last-message summary forward when that message is delivered', () => {
    const last = { id: 'm1', direction: MessageDirection.Outbound, kind: MessageKind.Agent, body: 'Hi', status: MessageStatus.Sent, sentAt: at(1) };
    const state = withList(all, [conversation('c1', { lastMessage: last })]);

    const delivered = messageUpserted(state, message('m1', { conversationId: 'c1', status: MessageStatus.Delivered }));
    const late = messageUpserted(delivered, message('m1', { conversationId: 'c1', status: MessageStatus.Sent }));

    expect(delivered.conversations.get('c1')?.lastMessage?.status).toBe(MessageStatus.Delivered);
    expect(late).toBe(delivered);
  });

  it('orders messages sent at the same moment by creation, then id', () => {
    const a = message('b', { createdAt: at(1) });
    const b = message('a', { createdAt: at(2) });
    const c = message('c', { createdAt: at(2) });

    expect([c, b, a].sort(compareMessages).map((m) => m.id)).toEqual(['b', 'a', 'c']);
  });
});

describe('other changes', () => {
  it('shows a contact’s new name in every conversation with them', () => {
    const state = withList(all, [conversation('a', { contact: { id: 'k1', phone: '+1', name: '', notes: '' } }), conversation('b')]);

    const next = contactUpdated(state, { id: 'k1', phone: '+1', name: 'Olena', notes: 'VIP' });

    expect(next.conversations.get('a')?.contact.name).toBe('Olena');
    expect(next.conversations.get('b')).toBe(state.conversations.get('b'));
  });

  it('takes a conversation I can no longer see out of every list', () => {
    const state = listPageLoaded(withList(all, [conversation('a'), conversation('b')]), mine, { items: [], nextCursor: null }, true);

    const next = conversationForgotten(state, 'a');

    expect(idsOf(next, all)).toEqual(['b']);
    expect(next.conversations.get('a')).toBeUndefined();
    expect(next.lists[listKey(mine)]).toBe(state.lists[listKey(mine)]);
  });

  it('clears the unread count as soon as a conversation is opened', () => {
    const state = withList(all, [conversation('a', { unreadCount: 3 })]);

    const read = conversationRead(state, 'a');

    expect(read.conversations.get('a')?.unreadCount).toBe(0);
    expect(conversationRead(read, 'a')).toBe(read);
  });
});

describe('realtimeEventApplied', () => {
  const event = (seq: number): RealtimeEvent => ({
    seq,
    type: 'message.received',
    teamId: 'team-support',
    conversationId: 'c1',
    payload: { messageId: 'm1', conversationId: 'c1', channelId: 'channel-1', contactId: 'k1' },
    createdAt: at(5),
    conversation: conversation('c1', { unreadCount: 1, lastMessageAt: at(5), updatedAt: at(5) }),
    message: message('m1', { sentAt: at(5) }),
  });

  it('adds the message to its open thread and the conversation to the lists', () => {
    let state = withList(all, []);
    state = threadPageLoaded(state, 'c1', { items: [], nextCursor: null }, false);

    const next = realtimeEventApplied(state, event(1), agentViewer);

    expect(idsOf(next, all)).toEqual(['c1']);
    expect(next.threads['c1'].ids).toEqual(['m1']);
  });

  it('is harmless to apply twice', () => {
    let state = withList(all, []);
    state = threadPageLoaded(state, 'c1', { items: [], nextCursor: null }, false);
    const once = realtimeEventApplied(state, event(1), agentViewer);

    expect(realtimeEventApplied(once, event(1), agentViewer)).toBe(once);
  });
});
