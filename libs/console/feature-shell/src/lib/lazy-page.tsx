import { useTranslation } from '@backtalk/console/i18n';
import { LoadingState } from '@backtalk/console/ui';
import { lazy, Suspense, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import type { DataRouter } from 'react-router-dom';

/** A lazy page that can also be asked to fetch its code ahead of being shown. */
export type LazyPage = LazyExoticComponent<ComponentType> & { preload: () => Promise<ComponentType> };

/**
 * A page whose code loads the first time it is shown, so the inbox's first load does not carry every screen. Its
 * library's messages are registered with the library's routes, before anything renders, so the page never shows a key.
 * Give the route `handle: { preload: Page.preload }` so a console opened at that page fetches it while signing in.
 */
export function lazyPage(load: () => Promise<ComponentType>): LazyPage {
  let loading: Promise<ComponentType> | undefined;
  const preload = () => {
    // A failed fetch (offline) is tried again the next time rather than remembered.
    loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    return loading;
  };
  return Object.assign(
    lazy(async () => ({ default: await preload() })),
    { preload },
  );
}

/**
 * Starts fetching the code of the lazy pages the address opens, before the session check and the shell render: that
 * check takes a round trip, and the page's code need not wait for it.
 */
export function preloadMatchedPages(router: DataRouter): void {
  for (const match of router.state.matches) void (match.route.handle as { preload?: () => Promise<unknown> } | undefined)?.preload?.().catch(() => undefined);
}

/** Said while a page's code arrives; it only shows after a moment, so a page that loads at once does not flicker. */
export function PageLoading() {
  const { t } = useTranslation('shell');
  return (
    <div className="bt-page-loading">
      <LoadingState label={t('pageLoading')} />
    </div>
  );
}

/**
 * Where a lazy page appears. Moving between pages the router keeps the page on screen until the next one's code is
 * in (a transition), so this shows only when a lazy page is the first one opened.
 */
export function PageSuspense({ children }: { children: ReactNode }) {
  return <Suspense fallback={<PageLoading />}>{children}</Suspense>;
}
