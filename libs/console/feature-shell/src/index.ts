import './i18n';
export { AppShell, type ShellRouteHandle } from './lib/AppShell';
export { RealtimeStatusIndicator } from './lib/RealtimeStatusIndicator';
export { NotFoundPage } from './lib/pages';
export { RootLayout } from './lib/RootLayout';
