import { useTranslation } from '@backtalk/console/i18n';
import { LoadingState } from '@backtalk/console/ui';
import { lazy, Suspense, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';

/**
 * A page whose code loads the first time it is shown, so the inbox's first load does not carry every screen. Its
 * library's messages are registered with the library's routes, before anything renders, so the page never shows a key.
 */
export function lazyPage(load: () => Promise<ComponentType>): LazyExoticComponent<ComponentType> {
  return lazy(async () => ({ default: await load() }));
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
