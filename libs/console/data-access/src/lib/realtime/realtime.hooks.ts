import { useEffect } from 'react';
import { useSessionStatus, useSessionStore } from '../session/session.store';
import { currentAvailability, presenceToAnnounce, restoreAvailability, subscribeToAvailability } from './availability';
import { realtimeSetPresence, realtimeTokenRefreshed, startRealtime, stopRealtime } from './realtime.connection';
import { realtimeActions, useRealtimeStore } from './realtime.store';

const SIGNAL_SWEEP_MS = 1_000;

function announcePresence(): void {
  realtimeSetPresence(presenceToAnnounce(currentAvailability(), document.visibilityState === 'visible'));
}

/** One socket per signed-in session: opened on sign-in, closed on sign-out, handed every renewed token. */
export function useRealtimeLifecycle(): void {
  const status = useSessionStatus();

  useEffect(() => {
    if (status === 'authenticated') {
      const userId = useSessionStore.getState().user?.id;
      if (userId) restoreAvailability(userId);
      startRealtime();
      announcePresence();
    } else if (status === 'anonymous') {
      stopRealtime();
    }
  }, [status]);

  useEffect(
    () =>
      useSessionStore.subscribe((state, previous) => {
        if (state.accessToken && previous.accessToken && state.accessToken !== previous.accessToken) realtimeTokenRefreshed(state.accessToken);
      }),
    [],
  );

  useEffect(() => {
    const offline = () => realtimeActions().browserWentOffline();
    window.addEventListener('offline', offline);
    return () => window.removeEventListener('offline', offline);
  }, []);

  useEffect(() => {
    document.addEventListener('visibilitychange', announcePresence);
    const unsubscribe = subscribeToAvailability(announcePresence);
    return () => {
      document.removeEventListener('visibilitychange', announcePresence);
      unsubscribe();
    };
  }, []);

  // Typing and viewing signals fade when their sender goes quiet; sweep only while some are shown.
  const hasSignals = useRealtimeStore((s) => Object.keys(s.typing).length > 0 || Object.keys(s.viewing).length > 0);
  useEffect(() => {
    if (!hasSignals) return;
    const timer = setInterval(() => realtimeActions().signalsExpired(), SIGNAL_SWEEP_MS);
    return () => clearInterval(timer);
  }, [hasSignals]);
}
