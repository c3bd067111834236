import { useTranslation } from '@backtalk/console/i18n';
import { useEffect } from 'react';
import { cx } from './cx';
import { Icon } from './Icon';
import './toasts.css';

export interface ToastItem {
  id: string;
  tone: 'success' | 'info' | 'danger';
  message: string;
}

const VISIBLE_MS = 5_000;

function ToastMessage({ toast, onDismiss }: { toast: ToastItem; onDismiss: (id: string) => void }) {
  const { t } = useTranslation('ui');
  useEffect(() => {
    const timer = setTimeout(() => onDismiss(toast.id), VISIBLE_MS);
    return () => clearTimeout(timer);
  }, [toast.id, onDismiss]);

  return (
    <div className={cx('bt-toast', `bt-toast--${toast.tone}`)}>
      <Icon name={toast.tone === 'danger' ? 'alert' : toast.tone === 'success' ? 'check' : 'info'} className="bt-toast__icon" />
      <span className="bt-toast__message">{toast.message}</span>
      <button type="button" className="bt-toast__dismiss" aria-label={t('toasts.dismiss')} onClick={() => onDismiss(toast.id)}>
        <Icon name="close" size={14} />
      </button>
    </div>
  );
}

/** The live region is always rendered, so screen readers announce toasts added to it. */
export function Toasts({ toasts, onDismiss }: { toasts: readonly ToastItem[]; onDismiss: (id: string) => void }) {
  const { t } = useTranslation('ui');
  return (
    <div className="bt-toasts" role="status" aria-live="polite" aria-label={t('toasts.region')}>
      {toasts.map((toast) => (
        <ToastMessage key={toast.id} toast={toast} onDismiss={onDismiss} />
      ))}
    </div>
  );
}
