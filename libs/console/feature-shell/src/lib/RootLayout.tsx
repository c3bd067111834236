import { useTranslation } from '@backtalk/console/i18n';
import { useConnectionStatus, useToastActions, useToasts } from '@backtalk/console/data-access';
import { Spinner, Toasts } from '@backtalk/console/ui';
import { useEffect } from 'react';
import { Outlet } from 'react-router-dom';
import './shell.css';

export function ConnectionBanner() {
  const status = useConnectionStatus();
  const { t } = useTranslation('shell');
  if (status === 'connected') return null;
  return (
    <div className="bt-connection-banner" role="alert">
      <Spinner size="sm" />
      {t('connectionLost')}
    </div>
  );
}

function ToastRegion() {
  const toasts = useToasts();
  const { toastDismissed } = useToastActions();
  return <Toasts toasts={toasts} onDismiss={toastDismissed} />;
}

/**
 * Browsers that lay the on-screen keyboard over the page instead of resizing it (Safari on iOS ignores
 * `interactive-widget=resizes-content`) still report the visible height: the console takes that height, so the
 * composer and its Send button stay above the keyboard. Skipped while pinch-zoomed, when the visible part is smaller
 * on purpose.
 */
function useVisibleHeight() {
  useEffect(() => {
    const viewport = window.visualViewport;
    if (!viewport) return;
    const root = document.documentElement;
    const follow = () => {
      if (Math.abs(viewport.scale - 1) < 0.01) root.style.setProperty('--bt-visible-height', `${viewport.height}px`);
      else root.style.removeProperty('--bt-visible-height');
    };
    follow();
    viewport.addEventListener('resize', follow);
    return () => {
      viewport.removeEventListener('resize', follow);
      root.style.removeProperty('--bt-visible-height');
    };
  }, []);
}

/** Wraps every route, the login page included: the connection banner and toasts belong everywhere. */
export function RootLayout() {
  useVisibleHeight();
  return (
    <div className="bt-root">
      <ConnectionBanner />
      <div className="bt-root__content">
        <Outlet />
      </div>
      <ToastRegion />
    </div>
  );
}
