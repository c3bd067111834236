export { inboxRoute } from './lib/inbox.routes';
export { InboxEffects } from './lib/alerts/InboxEffects';
