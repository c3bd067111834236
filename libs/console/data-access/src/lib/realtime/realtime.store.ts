import type { PresenceView, RealtimeEvent, TypingSignal, ViewingSignal } from '@backtalk/contracts';
import { create } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import * as reducers from './realtime.reducers';
import type { ActivitySignal, RealtimeState, RealtimeStatus } from './realtime.reducers';

interface RealtimeActions {
  connectStarted: () => void;
  socketConnected: () => void;
  socketDisconnected: () => void;
  connectFailed: () => void;
  browserWentOffline: () => void;
  resumed: (latestSeq: number) => void;
  resynced: (latestSeq: number) => void;
  eventsApplied: (events: readonly RealtimeEvent[]) => void;
  typingSignalled: (signal: TypingSignal, selfId: string) => void;
  viewingSignalled: (signal: ViewingSignal, selfId: string) => void;
  signalsExpired: () => void;
  presenceChanged: (presence: PresenceView) => void;
  realtimeStopped: () => void;
}

export const useRealtimeStore = create<RealtimeState & { actions: RealtimeActions }>()((set) => ({
  ...reducers.initialRealtimeState,
  actions: {
    connectStarted: () => set(reducers.connectStarted),
    socketConnected: () => set(reducers.socketConnected),
    socketDisconnected: () => set(reducers.socketDisconnected),
    connectFailed: () => set(reducers.connectFailed),
    browserWentOffline: () => set(reducers.browserWentOffline),
    resumed: (latestSeq) => set((s) => reducers.resumed(s, latestSeq)),
    resynced: (latestSeq) => set((s) => reducers.resynced(s, latestSeq)),
    eventsApplied: (events) => set((s) => reducers.eventsApplied(s, events)),
    typingSignalled: (signal, selfId) => set((s) => reducers.typingSignalled(s, signal, selfId, Date.now())),
    viewingSignalled: (signal, selfId) => set((s) => reducers.viewingSignalled(s, signal, selfId, Date.now())),
    signalsExpired: () => set((s) => reducers.signalsExpired(s, Date.now())),
    presenceChanged: (presence) => set((s) => reducers.presenceChanged(s, presence)),
    realtimeStopped: () => set(reducers.realtimeStopped()),
  },
}));

export const realtimeActions = (): RealtimeActions => useRealtimeStore.getState().actions;

const NOBODY: ActivitySignal[] = [];

export const useRealtimeStatus = (): RealtimeStatus => useRealtimeStore((s) => s.status);

/** Other agents typing in a conversation, by name. */
export const useTypingAgents = (conversationId: string | null | undefined): ActivitySignal[] =>
  useRealtimeStore(useShallow((s) => (conversationId && s.typing[conversationId] ? Object.values(s.typing[conversationId]) : NOBODY)));

/** Other agents with a conversation open. */
export const useViewingAgents = (conversationId: string | null | undefined): ActivitySignal[] =>
  useRealtimeStore(useShallow((s) => (conversationId && s.viewing[conversationId] ? Object.values(s.viewing[conversationId]) : NOBODY)));

/** Everyone's presence by user id, for lists of agents. */
export const usePresences = (): Record<string, PresenceView> => useRealtimeStore((s) => s.presence);

export const usePresence = (userId: string | null | undefined): PresenceView | undefined =>
  useRealtimeStore((s) => (userId ? s.presence[userId] : undefined));
