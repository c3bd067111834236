export { queuesRoute } from './lib/queues.routes';
