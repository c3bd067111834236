import type { RealtimeEvent } from '@backtalk/contracts';
import {
  DEFAULT_FILTER,
  loadConversationList,
  subscribeToInboxEvents,
  useSignedInUser,
  useUnreadForMe,
  viewerOf,
  type InboxViewer,
} from '@backtalk/console/data-access';
import { useTitleBadge } from '@backtalk/console/ui';
import { useEffect } from 'react';
import { useNavigate } from 'react-router-dom';
import { useInboxUi } from '../inbox-ui.store';
import { loadPhone } from '../phone';
import { notificationSupport, useAlertPreferences } from './alert-preferences';
import { alertsFor, summarise } from './alert-rules';
import { playChime } from './chime';

/** A chime and a desktop notification, as the agent chose, for the events worth one. */
function announce(events: readonly RealtimeEvent[], viewer: InboxViewer, open: (conversationId: string) => void): void {
  const alert = summarise(
    alertsFor(events, { viewer, openConversationId: useInboxUi.getState().openConversationId, visible: document.visibilityState === 'visible' }),
  );
  if (!alert) return;
  const preferences = useAlertPreferences.getState();
  if (preferences.sound) playChime();
  if (preferences.desktop && notificationSupport() === 'granted') {
    // One notification per conversation: a newer message replaces the older one instead of stacking.
    const notification = new Notification(alert.title, { body: alert.body, tag: `backtalk-${alert.conversationId}` });
    notification.onclick = () => {
      window.focus();
      open(alert.conversationId);
      notification.close();
    };
  }
}

/**
 * What the inbox does in the background on every page: the unread count in the tab title, and a desktop notification
 * or a chime for new customer messages in Mine and Unassigned. Mount once inside the signed-in layout.
 */
export function InboxEffects() {
  const user = useSignedInUser();
  const unread = useUnreadForMe();
  const navigate = useNavigate();
  useTitleBadge(unread);

  // The title counts what waits in Mine and Unassigned: keep their first pages loaded (and, through events, current)
  // on every page of the console, not only after someone opened those views.
  useEffect(() => {
    void loadConversationList({ ...DEFAULT_FILTER, view: 'mine' }, true);
    void loadConversationList({ ...DEFAULT_FILTER, view: 'unassigned' }, true);
  }, [user.id]);

  useEffect(
    () =>
      subscribeToInboxEvents((events, source) => {
        // The first catch-up after opening the console is history, not news.
        if (source === 'first_sync') return;
        // Numbers in alerts are written for people: wait for the formatter (fetched once, after the first paint).
        void loadPhone()
          .catch(() => undefined)
          .then(() => announce(events, viewerOf(user), (conversationId) => navigate(`/inbox/${conversationId}`)));
      }),
    [user, navigate],
  );

  return null;
}
