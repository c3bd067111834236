import {
  type ContactAttributeValue,
  type ContactAttributeValues,
  type ContactAttributeView,
  contactAttributeValueProblem,
  isWebLink,
} from '@backtalk/contracts';
import { useTranslation } from '@backtalk/console/i18n';
import { useId, useState } from 'react';
import { Icon } from './Icon';
import { Switch } from './Switch';
import './contact-attributes.css';

export interface ContactAttributeFieldsProps {
  attributes: readonly ContactAttributeView[];
  values: ContactAttributeValues;
  /** Saves one value (null clears it); a rejection's message is shown at the field. */
  onSave: (key: string, value: ContactAttributeValue | null) => Promise<unknown>;
  disabled?: boolean;
}

const INPUT_TYPE = { text: 'text', number: 'text', date: 'date', link: 'url' } as const;

/** What the person typed as the attribute's value: '' clears it; a number field's text becomes a number. */
function parse(attribute: ContactAttributeView, draft: string): { value: ContactAttributeValue | null } | { problem: string } {
  const text = draft.trim();
  if (text === '') return { value: null };
  const value: ContactAttributeValue = attribute.type === 'number' ? Number(text.replace(',', '.')) : text;
  const problem = contactAttributeValueProblem(attribute, value);
  return problem ? { problem } : { value };
}

const shown = (value: ContactAttributeValue | undefined): string => (value === undefined || typeof value === 'boolean' ? '' : String(value));

function AttributeField({ attribute, value, onSave, disabled }: { attribute: ContactAttributeView; value: ContactAttributeValue | undefined } & Pick<ContactAttributeFieldsProps, 'onSave' | 'disabled'>) {
  const { t } = useTranslation('ui');
  const id = useId();
  const [draft, setDraft] = useState(shown(value));
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  // A value saved elsewhere (another agent, the other pane) replaces the field's text, adjusted while rendering.
  const [seen, setSeen] = useState(value);
  if (seen !== value) {
    setSeen(value);
    setDraft(shown(value));
  }

  const save = async (next: ContactAttributeValue | null) => {
    if (next === (value ?? null)) return;
    setSaving(true);
    setError(null);
    try {
      await onSave(attribute.key, next);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : t('attributes.notSaved'));
    } finally {
      setSaving(false);
    }
  };
  const commit = () => {
    const parsed = parse(attribute, draft);
    if ('problem' in parsed) {
      setError(parsed.problem);
      return;
    }
    void save(parsed.value);
  };
  const messageId = `${id}-message`;
  const describedBy = error ? messageId : undefined;

  let control;
  if (attribute.type === 'boolean') {
    control = (
      <span className="bt-attribute__switch">
        <Switch id={id} checked={value === true} disabled={disabled || saving} onChange={(checked) => void save(checked)} aria-describedby={describedBy} />
        <span aria-hidden="true">{value === undefined ? t('attributes.notSet') : value ? t('attributes.yes') : t('attributes.no')}</span>
      </span>
    );
  } else if (attribute.type === 'list') {
    control = (
      <select id={id} className="bt-input bt-select" value={typeof value === 'string' ? value : ''} disabled={disabled || saving} aria-describedby={describedBy} onChange={(event) => void save(event.target.value || null)}>
        <option value="">{t('attributes.notSet')}</option>
        {attribute.choices.map((choice) => (
          <option key={choice} value={choice} translate="no">
            {choice}
          </option>
        ))}
      </select>
    );
  } else {
    control = (
      <span className="bt-attribute__input">
        <input
          id={id}
          className="bt-input"
          type={INPUT_TYPE[attribute.type]}
          inputMode={attribute.type === 'number' ? 'decimal' : undefined}
          value={draft}
          placeholder={attribute.type === 'link' ? 'https://…' : t('attributes.notSet')}
          disabled={disabled || saving}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          onChange={(event) => {
            setDraft(event.target.value);
            setError(null);
          }}
          onBlur={commit}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              commit();
            } else if (event.key === 'Escape' && draft !== shown(value)) {
              event.stopPropagation();
              setDraft(shown(value));
              setError(null);
            }
          }}
        />
        {attribute.type === 'link' && typeof value === 'string' && isWebLink(value) ? (
          <a className="bt-attribute__open" href={value} target="_blank" rel="noopener noreferrer" title={t('attributes.open', { label: attribute.label })} aria-label={t('attributes.open', { label: attribute.label })}>
            <Icon name="link" size={14} />
          </a>
        ) : null}
      </span>
    );
  }

  return (
    <div className="bt-attribute">
      <label htmlFor={id} className="bt-attribute__label" translate="no">
        {attribute.label}
      </label>
      <div className="bt-attribute__control">
        {control}
        {error ? (
          <p id={messageId} className="bt-field__error" role="alert">
            {error}
          </p>
        ) : null}
      </div>
    </div>
  );
}

/**
 * A contact's custom attributes, each edited where it is shown: text, numbers, dates and links save on Enter or when
 * the field is left (emptied, the value is cleared; Escape puts the saved value back), a list on choosing, yes/no on
 * switching. A value its type refuses is named at the field and never sent.
 */
export function ContactAttributeFields({ attributes, values, onSave, disabled }: ContactAttributeFieldsProps) {
  return (
    <div className="bt-attributes">
      {attributes.map((attribute) => (
        <AttributeField key={attribute.id} attribute={attribute} value={values[attribute.key]} onSave={onSave} disabled={disabled} />
      ))}
    </div>
  );
}
