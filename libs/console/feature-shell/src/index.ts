export { AppShell, type ShellRouteHandle } from './lib/AppShell';
export { RealtimeStatusIndicator } from './lib/RealtimeStatusIndicator';
export { ContactsPage, NotFoundPage } from './lib/pages';
export { RootLayout } from './lib/RootLayout';
