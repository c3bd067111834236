import { lazyPage } from '@backtalk/console/feature-shell';
import type { RouteObject } from 'react-router-dom';

const QueuesPage = lazyPage(async () => (await import('./QueuesPage')).QueuesPage);

/** Mount under the authenticated shell. Everyone sees the queues of their own teams; admins see every team's. */
export const queuesRoute: RouteObject = { path: 'queues', handle: { preload: QueuesPage.preload }, element: <QueuesPage /> };
