import { ActivityType, type ActivityView, type RealtimeEvent } from '@backtalk/contracts';
import { agentViewer, at } from './inbox.fixtures';
import { activityAdded, activityLoaded, initialInboxState, realtimeEventsApplied, threadRequested } from './inbox.reducers';

function line(id: string, minute: number, type = ActivityType.Resolved, conversationId = 'c1'): ActivityView {
  return { id, conversationId, type, actor: { kind: 'user', id: 'u1', name: 'Maria Agent' }, data: {}, occurredAt: at(minute) };
}

let seq = 0;
function activityEvent(activity: ActivityView): RealtimeEvent {
  return { seq: ++seq, type: 'conversation.activity', teamId: 't1', conversationId: activity.conversationId, payload: { activity }, createdAt: activity.occurredAt };
}

const ids = (lines: readonly ActivityView[] | undefined) => lines?.map((entry) => entry.id);
const opened = threadRequested(initialInboxState, 'c1');

describe('activity lines in the inbox store', () => {
  it('stores a thread’s lines from the API in time order', () => {
    const state = activityLoaded(opened, 'c1', [line('b', 5), line('a', 1)]);

    expect(ids(state.activity['c1'])).toEqual(['a', 'b']);
  });

  it('adds a live line to an opened thread, and ignores the same line again after a reconnect replay', () => {
    const live = realtimeEventsApplied(activityLoaded(opened, 'c1', [line('a', 1)]), [activityEvent(line('b', 2))], agentViewer);
    const replayed = realtimeEventsApplied(live, [activityEvent(line('a', 1)), activityEvent(line('b', 2)), activityEvent(line('c', 3))], agentViewer);

    expect(ids(live.activity['c1'])).toEqual(['a', 'b']);
    expect(ids(replayed.activity['c1'])).toEqual(['a', 'b', 'c']);
  });

  it('changes nothing when a line it already holds comes again', () => {
    const state = activityLoaded(opened, 'c1', [line('a', 1)]);

    expect(activityAdded(state, line('a', 1))).toBe(state);
  });

  it('keeps lines that arrived live while the thread’s lines were being fetched', () => {
    const live = activityAdded(opened, line('late', 9));
    const state = activityLoaded(live, 'c1', [line('a', 1), line('b', 2)]);

    expect(ids(state.activity['c1'])).toEqual(['a', 'b', 'late']);
  });

  it('keeps the order lines of one instant came in, which is the order they were written', () => {
    const state = activityLoaded(opened, 'c1', [line('first', 4), line('second', 4)]);
    const live = activityAdded(state, line('third', 4));

    expect(ids(live.activity['c1'])).toEqual(['first', 'second', 'third']);
  });

  it('does not keep lines of a thread nobody opened: opening it loads them whole', () => {
    const state = activityAdded(initialInboxState, line('a', 1, ActivityType.Snoozed, 'elsewhere'));

    expect(state).toBe(initialInboxState);
  });
});
