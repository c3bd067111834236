import { describeError } from '@backtalk/console/data-access';
import { Banner, Button, LoadingState } from '@backtalk/console/ui';
import { useState, type ReactNode } from 'react';

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

export interface QueryStateProps {
  /** "users", as in "Loading users…" and "Couldn't load users." */
  what: string;
  isPending: boolean;
  error: unknown;
  onRetry: () => void;
  children: ReactNode;
}

/** The loading and failure states every list page shares. */
export function QueryState({ what, isPending, error, onRetry, children }: QueryStateProps) {
  if (error) {
    return (
      <Banner
        tone="danger"
        title={`Couldn't load ${what}.`}
        action={
          <Button size="sm" onClick={onRetry}>
            Try again
          </Button>
        }
      >
        {describeError(error)}
      </Banner>
    );
  }
  if (isPending) return <LoadingState label={`Loading ${what}…`} />;
  return <>{children}</>;
}
