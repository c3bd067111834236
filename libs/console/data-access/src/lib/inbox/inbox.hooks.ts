import { useEffect } from 'react';
import { useRealtimeStore } from '../realtime/realtime.store';
import { listKey, type InboxFilter } from './inbox-filter';
import { loadConversationList, loadThread, useInboxStore } from './inbox.store';

const isLive = () => useRealtimeStore.getState().status === 'live';

/**
 * Loads a list when it is first shown. A list already loaded is kept current by events, so it is fetched again only
 * when events may have been missed (not live right now).
 */
export function useConversationListLoader(filter: InboxFilter): void {
  const key = listKey(filter);
  useEffect(() => {
    const list = useInboxStore.getState().lists[key];
    if (!list?.loaded || !isLive()) void loadConversationList(filter, true);
    // The key covers every field of the filter.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
}

/** Loads a thread when it is opened, on the same terms as lists. */
export function useThreadLoader(conversationId: string | null): void {
  useEffect(() => {
    if (!conversationId) return;
    const thread = useInboxStore.getState().threads[conversationId];
    if (!thread?.loaded || !isLive()) void loadThread(conversationId);
  }, [conversationId]);
}
