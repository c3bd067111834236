import type { RouteObject } from 'react-router-dom';
import { QueuesPage } from './QueuesPage';

/** Mount under the authenticated shell. Everyone sees the queues of their own teams; admins see every team's. */
export const queuesRoute: RouteObject = { path: 'queues', element: <QueuesPage /> };
