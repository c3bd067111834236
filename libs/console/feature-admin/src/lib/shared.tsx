import { describeError, useToastActions } from '@backtalk/console/data-access';
import { useTranslation } from '@backtalk/console/i18n';
import { Banner, Button, ConfirmDialog, Icon, LoadingState } from '@backtalk/console/ui';
import { useState, type ReactNode } from 'react';
import './form-footer.css';

/**
 * Form values plus the errors found before submitting; editing a field clears its error. Errors are keyed by field,
 * or by `E` when a form reports errors for parts of a field too (e.g. one entry of a nested object).
 */
export function useFormState<V extends object, E extends PropertyKey = keyof V>(initial: () => V) {
  const [values, setValues] = useState<V>(initial);
  const [errors, setErrors] = useState<Partial<Record<E, string>>>({});

  const clearError = (key: E | keyof V) => setErrors((current) => ({ ...current, [key]: undefined }));

  const setField = <K extends keyof V>(field: K, value: V[K]) => {
    setValues((current) => ({ ...current, [field]: value }));
    clearError(field);
  };

  /** Runs `onValid` only when `validate` finds nothing; shows what it found otherwise. */
  const submitWith = (validate: (values: V) => Partial<Record<E, string>>, onValid: (values: V) => void) => {
    const found = validate(values);
    setErrors(found);
    if (Object.values(found).every((message) => !message)) onValid(values);
  };

  return { values, setValues, errors, setField, clearError, submitWith };
}

/**
 * Either the noun for both texts ("users", as in "Loading users…" and "Couldn't load users.") or, in a translated
 * screen, both whole sentences, since the noun takes a different form in each sentence in Ukrainian.
 */
type QueryStateTexts = { what: string; loadingLabel?: never; errorTitle?: never } | { what?: never; loadingLabel: string; errorTitle: string };

export type QueryStateProps = QueryStateTexts & {
  isPending: boolean;
  error: unknown;
  onRetry: () => void;
  children: ReactNode;
};

/** The loading and failure states every list page shares. */
export function QueryState({ what, loadingLabel, errorTitle, isPending, error, onRetry, children }: QueryStateProps) {
  const { t } = useTranslation('admin');
  if (error) {
    return (
      <Banner
        tone="danger"
        title={errorTitle ?? t('shared.couldNotLoad', { what })}
        action={
          <Button size="sm" onClick={onRetry}>
            {t('shared.tryAgain')}
          </Button>
        }
      >
        {describeError(error)}
      </Banner>
    );
  }
  if (isPending) return <LoadingState label={loadingLabel ?? t('shared.loading', { what })} />;
  return <>{children}</>;
}

export interface FormFooterProps {
  /** The server's complaint about the form as a whole, if any. */
  error?: ReactNode;
  dirty: boolean;
  /** A form for something that doesn't exist yet has nothing saved to compare with. */
  isNew?: boolean;
  /** The buttons and links, in reading order. */
  children: ReactNode;
}

/** Sticks to the bottom of the scrolling page so saving never needs a scroll past a long form. */
export function FormFooter({ error, dirty, isNew = false, children }: FormFooterProps) {
  const { t } = useTranslation('admin');
  return (
    <div className="bt-form-footer">
      {error ? (
        <Banner tone="danger" className="bt-form-footer__error">
          {error}
        </Banner>
      ) : null}
      <span className="bt-form-footer__state">
        {isNew ? (
          t('shared.notSavedYet')
        ) : dirty ? (
          <>
            <Icon name="edit" size={13} /> {t('shared.unsavedChanges')}
          </>
        ) : (
          t('shared.allSaved')
        )}
      </span>
      {children}
    </div>
  );
}

/** The part of a react-query delete mutation that `DeleteDialog` uses; typed loosely so any delete-by-id hook fits. */
export interface DeleteMutation {
  mutate: (id: string, options: { onSuccess: () => void }) => void;
  reset: () => void;
  isPending: boolean;
  error: unknown;
}

export interface DeleteDialogProps<T extends { id: string }> {
  /** What to delete; null keeps the dialog closed. */
  item: T | null;
  title: string;
  confirmLabel: string;
  mutation: DeleteMutation;
  deletedMessage: (item: T) => string;
  onClose: () => void;
  /** What deleting it takes with it. */
  children: ReactNode;
}

/** Confirms deleting or revoking one item, then says so in a toast; the mutation's error stays in the dialog so it can be retried. */
export function DeleteDialog<T extends { id: string }>({ item, title, confirmLabel, mutation, deletedMessage, onClose, children }: DeleteDialogProps<T>) {
  const { toastShown } = useToastActions();
  // A failed attempt's error would otherwise greet the next item the dialog opens for.
  const close = () => {
    mutation.reset();
    onClose();
  };
  return (
    <ConfirmDialog
      open={item !== null}
      title={title}
      confirmLabel={confirmLabel}
      pending={mutation.isPending}
      error={mutation.error ? describeError(mutation.error) : null}
      onClose={close}
      onConfirm={() =>
        item &&
        mutation.mutate(item.id, {
          onSuccess: () => {
            toastShown('success', deletedMessage(item));
            close();
          },
        })
      }
    >
      {children}
    </ConfirmDialog>
  );
}
