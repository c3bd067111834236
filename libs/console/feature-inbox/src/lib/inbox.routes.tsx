import type { ShellRouteHandle } from '@backtalk/console/feature-shell';
import type { RouteObject } from 'react-router-dom';
import { InboxPage } from './InboxPage';
import { InboxViewsNav } from './views/InboxViewsNav';
import { SavedViewsNav } from './views/SavedViewsNav';

const handle: ShellRouteHandle = {
  flush: true,
  sidebar: () => (
    <>
      <InboxViewsNav />
      <SavedViewsNav />
    </>
  ),
};

/**
 * Mount under the authenticated shell: `/inbox`, `/inbox/:conversationId` and its contact screen
 * (`/inbox/:conversationId/contact`, a screen of its own on phones and a drawer on tablets) are one route, so opening a
 * conversation keeps the list (and its scroll position) as it is. The filter lives in the query string.
 */
export const inboxRoute: RouteObject = { path: 'inbox/:conversationId?/:pane?', handle, element: <InboxPage /> };
