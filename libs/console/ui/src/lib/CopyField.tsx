import { useTranslation } from '@backtalk/console/i18n';
import { useRef, useState, type ReactNode } from 'react';
import { Button } from './Button';
import { copyText } from './copy';
import { FieldShell } from './fields';

export interface CopyFieldProps {
  label: string;
  value: string;
  hint?: ReactNode;
  /** The button's visible text, e.g. "Copy key". */
  copyLabel?: string;
  /** Names the button for screen readers when several copy buttons share a page; include the visible text. */
  copyAccessibleName?: string;
  /** Focus the copy button when a dialog opens, since copying is the one thing to do there. */
  autoFocusCopy?: boolean;
  /** Wraps a long value, such as a URL, so all of it can be read before copying. */
  multiline?: boolean;
  onCopied?: () => void;
}

type CopyState = 'idle' | 'copied' | 'failed';

/** A read-only value, such as a key or a URL, with a button that copies it. */
export function CopyField({
  label,
  value,
  hint,
  copyLabel,
  copyAccessibleName,
  autoFocusCopy = false,
  multiline = false,
  onCopied,
}: CopyFieldProps) {
  const { t } = useTranslation('ui');
  const input = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const [state, setState] = useState<CopyState>('idle');

  const copy = async () => {
    if (await copyText(value)) {
      setState('copied');
      onCopied?.();
    } else {
      // Selecting the text still lets people copy by hand.
      input.current?.select();
      setState('failed');
    }
  };

  return (
    <FieldShell
      label={label}
      hint={state === 'failed' ? t('copy.blocked') : hint}
    >
      {(control) => (
        <div className="bt-input-row">
          {multiline ? (
            <textarea
              ref={input}
              className="bt-input bt-input--mono bt-input--multiline bt-copy-field__value"
              rows={2}
              value={value}
              readOnly
              spellCheck={false}
              onFocus={(event) => event.currentTarget.select()}
              {...control}
            />
          ) : (
            <input
              ref={input}
              className="bt-input bt-input--mono"
              value={value}
              readOnly
              spellCheck={false}
              onFocus={(event) => event.currentTarget.select()}
              {...control}
            />
          )}
          <Button
            icon={state === 'copied' ? 'check' : 'copy'}
            aria-label={copyAccessibleName}
            data-autofocus={autoFocusCopy || undefined}
            onClick={() => void copy()}
          >
            {state === 'copied' ? t('copy.copied') : (copyLabel ?? t('copy.copy'))}
          </Button>
        </div>
      )}
    </FieldShell>
  );
}
