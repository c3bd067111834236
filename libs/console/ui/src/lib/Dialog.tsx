import { useTranslation } from '@backtalk/console/i18n';
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { Button } from './Button';
import { cx } from './cx';
import { Icon } from './Icon';
import './dialog.css';

const FIRST_FIELD =
  'input:not([type=hidden]):not([disabled]):not([readonly]), select:not([disabled]), textarea:not([disabled]):not([readonly])';

export interface DialogProps {
  open: boolean;
  onClose: () => void;
  title: string;
  description?: ReactNode;
  size?: 'sm' | 'md' | 'lg';
  /** Rendered only while open, so forms inside start fresh every time. */
  children: ReactNode;
}

/**
 * Browsers make the page behind a modal inert, but tools that read the accessibility tree
 * (older screen readers, test locators) still see it, so "Create user" would match both the
 * page button and the dialog's. Hiding the other top-level nodes removes that ambiguity.
 */
function hidePageBehind(dialog: HTMLElement): () => void {
  const hidden = [...document.body.children].filter((node) => node !== dialog && !node.hasAttribute('aria-hidden'));
  hidden.forEach((node) => node.setAttribute('aria-hidden', 'true'));
  return () => hidden.forEach((node) => node.removeAttribute('aria-hidden'));
}

/**
 * A modal on the native <dialog>: showModal() makes the rest of the page inert (focus stays
 * inside), Esc closes it, and the browser returns focus to whatever opened it. It is rendered
 * at the end of <body> so the page behind can be hidden from assistive technology as a whole.
 */
export function Dialog({ open, onClose, title, description, size = 'md', children }: DialogProps) {
  const { t } = useTranslation('ui');
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      // The close button comes first in the DOM; people want to start typing in the form.
      const target = dialog.querySelector<HTMLElement>('[data-autofocus]') ?? dialog.querySelector<HTMLElement>(FIRST_FIELD);
      target?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);

  useEffect(() => {
    const dialog = ref.current;
    if (!open || !dialog) return;
    return hidePageBehind(dialog);
  }, [open]);

  return createPortal(
    <dialog
      ref={ref}
      className={cx('bt-dialog', `bt-dialog--${size}`)}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      onCancel={(event) => {
        // React state decides whether the dialog is open; Esc only asks.
        event.preventDefault();
        onClose();
      }}
    >
      {open ? (
        <div className="bt-dialog__frame">
          <header className="bt-dialog__header">
            <div>
              <h2 id={titleId} className="bt-dialog__title">
                {title}
              </h2>
              {description ? (
                <p id={descriptionId} className="bt-dialog__description">
                  {description}
                </p>
              ) : null}
            </div>
            <button type="button" className="bt-dialog__close" aria-label={t('dialog.close')} onClick={onClose}>
              <Icon name="close" />
            </button>
          </header>
          <div className="bt-dialog__body">{children}</div>
        </div>
      ) : null}
    </dialog>,
    document.body,
  );
}

export function DialogFooter({ children }: { children: ReactNode }) {
  return <div className="bt-dialog__footer">{children}</div>;
}

export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  tone?: 'primary' | 'danger';
  pending?: boolean;
  error?: string | null;
  onConfirm: () => void;
  onClose: () => void;
}

export function ConfirmDialog({ open, title, children, confirmLabel, tone = 'danger', pending, error, onConfirm, onClose }: ConfirmDialogProps) {
  const { t } = useTranslation('ui');
  return (
    <Dialog open={open} onClose={onClose} title={title} size="sm">
      <div className="bt-confirm">
        <div className="bt-confirm__body">{children}</div>
        {error ? (
          <p className="bt-field__error" role="alert">
            {error}
          </p>
        ) : null}
        <DialogFooter>
          <Button onClick={onClose}>{t('dialog.cancel')}</Button>
          <Button variant={tone} pending={pending} onClick={onConfirm} data-autofocus>
            {confirmLabel}
          </Button>
        </DialogFooter>
      </div>
    </Dialog>
  );
}
