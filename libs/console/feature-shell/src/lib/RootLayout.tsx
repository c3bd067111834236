import { useTranslation } from '@backtalk/console/i18n';
import { useConnectionStatus, useToastActions, useToasts } from '@backtalk/console/data-access';
import { Spinner, Toasts } from '@backtalk/console/ui';
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

/** Wraps every route, the login page included: the connection banner and toasts belong everywhere. */
export function RootLayout() {
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
