import './i18n';
export { queuesRoute } from './lib/queues.routes';
