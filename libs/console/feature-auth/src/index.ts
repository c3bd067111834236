import './i18n';
export { LoginPage } from './lib/LoginPage';
export { RequireAuth, RequireRole, type RequireRoleProps } from './lib/guards';
