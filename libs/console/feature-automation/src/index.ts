import './i18n';

export { automationSettingsRoutes } from './lib/automation.routes';
