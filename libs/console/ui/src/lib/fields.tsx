import { useTranslation } from '@backtalk/console/i18n';
import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';
import { cx } from './cx';
import './fields.css';

export interface FieldLabelling {
  label: ReactNode;
  /** Shown under the control and read with it by screen readers. */
  hint?: ReactNode;
  /** Replaces the hint while present; marks the control invalid. */
  error?: string | null;
  /** Hides the label visually but keeps it for screen readers, e.g. for a table search box. */
  hideLabel?: boolean;
}

export interface ControlAttributes {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

/** Label, hint and error around a custom control; spread `control` onto the element the label names. */
export function FieldShell({
  label,
  hint,
  error,
  hideLabel,
  id,
  className,
  children,
}: FieldLabelling & { id?: string; className?: string; children: (control: ControlAttributes) => ReactNode }) {
  const generated = useId();
  const controlId = id ?? generated;
  const messageId = `${controlId}-message`;
  const message = error || hint;
  return (
    <div className={cx('bt-field', className)}>
      <label htmlFor={controlId} className={cx('bt-field__label', hideLabel && 'bt-sr-only')}>
        {label}
      </label>
      {children({ id: controlId, 'aria-invalid': error ? true : undefined, 'aria-describedby': message ? messageId : undefined })}
      {message ? (
        <p id={messageId} className={error ? 'bt-field__error' : 'bt-field__hint'}>
          {message}
        </p>
      ) : null}
    </div>
  );
}

export interface TextFieldProps extends FieldLabelling, Omit<InputHTMLAttributes<HTMLInputElement>, 'className'> {
  className?: string;
}

export function TextField({ label, hint, error, hideLabel, id, className, ...input }: TextFieldProps) {
  return (
    <FieldShell label={label} hint={hint} error={error} hideLabel={hideLabel} id={id} className={className}>
      {(control) => <input className="bt-input" {...control} {...input} />}
    </FieldShell>
  );
}

export interface TextAreaFieldProps extends FieldLabelling, Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'className'> {
  className?: string;
}

export function TextAreaField({ label, hint, error, hideLabel, id, className, rows = 3, ...textarea }: TextAreaFieldProps) {
  return (
    <FieldShell label={label} hint={hint} error={error} hideLabel={hideLabel} id={id} className={className}>
      {(control) => <textarea className="bt-input bt-input--multiline" rows={rows} {...control} {...textarea} />}
    </FieldShell>
  );
}

export interface SelectOption<V extends string = string> {
  value: V;
  label: string;
  /** The label is a record's own name (a team, a person, an FAQ), which no translation should touch. */
  isData?: boolean;
}

export interface SelectFieldProps<V extends string>
  extends FieldLabelling,
    Omit<SelectHTMLAttributes<HTMLSelectElement>, 'className' | 'value' | 'onChange'> {
  className?: string;
  options: readonly SelectOption<V>[];
  value: V;
  onChange: (value: V) => void;
}

export function SelectField<V extends string>({
  label,
  hint,
  error,
  hideLabel,
  id,
  className,
  options,
  value,
  onChange,
  ...select
}: SelectFieldProps<V>) {
  return (
    <FieldShell label={label} hint={hint} error={error} hideLabel={hideLabel} id={id} className={className}>
      {(control) => (
        <select
          className="bt-input bt-select"
          value={value}
          onChange={(event) => onChange(event.target.value as V)}
          {...control}
          {...select}
        >
          {options.map((option) => (
            <option key={option.value} value={option.value} translate={option.isData ? 'no' : undefined}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </FieldShell>
  );
}

export interface CheckboxProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'className'> {
  label: ReactNode;
  description?: ReactNode;
  className?: string;
}

export function Checkbox({ label, description, className, ...input }: CheckboxProps) {
  return (
    <label className={cx('bt-checkbox', className)}>
      <input type="checkbox" className="bt-checkbox__input" {...input} />
      <span className="bt-checkbox__text">
        <span className="bt-checkbox__label">{label}</span>
        {description ? <span className="bt-checkbox__description">{description}</span> : null}
      </span>
    </label>
  );
}

export interface CheckboxOption<V extends string = string> {
  value: V;
  label: string;
  description?: string;
  disabled?: boolean;
}

export interface CheckboxGroupProps<V extends string> {
  legend: string;
  options: readonly CheckboxOption<V>[];
  value: readonly V[];
  onChange: (value: V[]) => void;
  hint?: ReactNode;
  error?: string | null;
  /** Said instead of an empty box when there is nothing to choose from. */
  emptyText?: string;
  disabled?: boolean;
}

/** A multi-select as a list of checkboxes: every option is visible and reachable with Tab and Space. */
export function CheckboxGroup<V extends string>({
  legend,
  options,
  value,
  onChange,
  hint,
  error,
  emptyText,
  disabled = false,
}: CheckboxGroupProps<V>) {
  const { t } = useTranslation('ui');
  const messageId = useId();
  const message = error || hint;
  const toggle = (option: V, checked: boolean) =>
    onChange(checked ? [...value, option] : value.filter((selected) => selected !== option));

  return (
    <fieldset className="bt-field bt-checkbox-group" aria-describedby={message ? messageId : undefined} disabled={disabled}>
      <legend className="bt-field__label">{legend}</legend>
      {options.length === 0 ? (
        <p className="bt-checkbox-group__empty">{emptyText ?? t('fields.nothingToChoose')}</p>
      ) : (
        <div className="bt-checkbox-group__options">
          {options.map((option) => (
            <Checkbox
              key={option.value}
              label={option.label}
              description={option.description}
              checked={value.includes(option.value)}
              disabled={option.disabled}
              onChange={(event) => toggle(option.value, event.target.checked)}
            />
          ))}
        </div>
      )}
      {message ? (
        <p id={messageId} className={error ? 'bt-field__error' : 'bt-field__hint'}>
          {message}
        </p>
      ) : null}
    </fieldset>
  );
}
