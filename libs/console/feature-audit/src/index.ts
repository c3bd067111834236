import './i18n';
export { auditSettingsRoutes } from './lib/audit.routes';
