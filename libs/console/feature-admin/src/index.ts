export { settingsRoute } from './lib/settings.routes';
