export { AppShell } from './lib/AppShell';
export { ContactsPage, InboxPage, NotFoundPage, ReportsPage } from './lib/pages';
export { RootLayout } from './lib/RootLayout';
