import './i18n';
export { AppShell, type ShellRouteHandle } from './lib/AppShell';
export { lazyPage, PageLoading, PageSuspense, preloadMatchedPages, type LazyPage } from './lib/lazy-page';
export { RealtimeStatusIndicator } from './lib/RealtimeStatusIndicator';
export { NotFoundPage } from './lib/pages';
export { RootLayout } from './lib/RootLayout';
