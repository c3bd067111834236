export { automationSettingsRoutes } from './lib/automation.routes';
