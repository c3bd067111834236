import type { Provider } from '@backtalk/contracts';
import { useTranslation } from '@backtalk/console/i18n';
import { Button, cx, FieldShell, SelectField } from '@backtalk/console/ui';
import { translateAdmin } from '../../i18n';
import { withProviderTerms } from './provider-terms';
import { PROVIDER_SPECS, SIGNATURE_METHOD_LABELS, type SecretField, type SecretFieldSpec, type SignatureMethod, type TextSecretField } from './providers';

interface SecretInputProps {
  spec: SecretFieldSpec;
  value: string;
  /** Editing: the channel has a value for it, which is never shown. */
  isSet: boolean;
  cleared: boolean;
  error: string | undefined;
  onChange: (value: string) => void;
  onClearedChange: (cleared: boolean) => void;
}

function placeholderFor({ isSet, cleared }: Pick<SecretInputProps, 'isSet' | 'cleared'>): string | undefined {
  if (cleared) return translateAdmin('channels.secrets.removedOnSave');
  return isSet ? translateAdmin('channels.secrets.setKeep') : undefined;
}

function SecretInput({ spec, value, isSet, cleared, error, onChange, onClearedChange }: SecretInputProps) {
  const { t } = useTranslation('admin');
  return (
    <FieldShell label={withProviderTerms(spec.markedLabel)} hint={withProviderTerms(spec.hint)} error={error}>
      {(control) => (
        <div className="bt-input-row">
          <input
            className={cx('bt-input', !spec.concealed && 'bt-input--mono')}
            name={`secrets.${spec.field}`}
            // new-password keeps the browser from filling in the admin's own saved password.
            type={spec.concealed ? 'password' : 'text'}
            autoComplete={spec.concealed ? 'new-password' : 'off'}
            spellCheck={false}
            value={value}
            placeholder={placeholderFor({ isSet, cleared })}
            onChange={(event) => onChange(event.target.value)}
            {...control}
          />
          {isSet ? (
            <Button
              aria-label={cleared ? t('channels.secrets.keepNamed', { name: spec.label }) : t('channels.secrets.clearNamed', { name: spec.label })}
              onClick={() => onClearedChange(!cleared)}
            >
              {cleared ? t('channels.secrets.keep') : t('channels.secrets.clear')}
            </Button>
          ) : null}
        </div>
      )}
    </FieldShell>
  );
}

export interface SecretFieldsProps {
  provider: Provider;
  values: Partial<Record<TextSecretField, string>>;
  cleared: readonly TextSecretField[];
  editing: boolean;
  /** Which of the channel's secrets are set; empty when creating. */
  secretsSet: readonly SecretField[];
  signatureMethod: SignatureMethod | '';
  errorOf: (field: TextSecretField) => string | undefined;
  /** About the credentials as a whole, e.g. "must include authToken". */
  groupError: string | undefined;
  signatureMethodError: string | undefined;
  onChange: (field: TextSecretField, value: string) => void;
  onClearedChange: (field: TextSecretField, cleared: boolean) => void;
  onSignatureMethodChange: (method: SignatureMethod | '') => void;
}

/** The credentials the provider needs, write-only: what is set is never shown, only that it is. */
export function SecretFields(props: SecretFieldsProps) {
  const { t } = useTranslation('admin');
  const { provider, values, cleared, editing, secretsSet, signatureMethod, errorOf, groupError } = props;
  const spec = PROVIDER_SPECS[provider];
  const methodSet = secretsSet.includes('signatureMethod');
  const methodOptions = [
    { value: '' as const, label: methodSet ? t('channels.secrets.keepMethod') : SIGNATURE_METHOD_LABELS.md5hash },
    ...(Object.keys(SIGNATURE_METHOD_LABELS) as SignatureMethod[])
      .filter((method) => methodSet || method !== 'md5hash')
      .map((method) => ({ value: method, label: SIGNATURE_METHOD_LABELS[method] })),
  ];

  const required = spec.secrets.filter((secret) => secret.required);
  const forSending = spec.secrets.filter((secret) => !secret.required);
  const input = (secret: SecretFieldSpec) => (
    <SecretInput
      key={`${provider}-${secret.field}`}
      spec={secret}
      value={values[secret.field] ?? ''}
      isSet={secretsSet.includes(secret.field)}
      cleared={cleared.includes(secret.field)}
      error={errorOf(secret.field)}
      onChange={(value) => props.onChange(secret.field, value)}
      onClearedChange={(next) => props.onClearedChange(secret.field, next)}
    />
  );

  return (
    <fieldset className="bt-fieldset">
      <legend className="bt-fieldset__legend">{t('channels.secrets.legend', { provider: spec.label })}</legend>
      <p className="bt-fieldset__description">
        {editing
          ? t('channels.secrets.descriptionEditing')
          : t('channels.secrets.description', { provider: spec.inSentence })}
      </p>
      {groupError ? (
        <p className="bt-field__error" role="alert">
          {groupError}
        </p>
      ) : null}
      <div className="bt-form__row bt-form__row--pairs">
        {required.map(input)}
        {spec.signatureMethod ? (
          <SelectField
            label={t('channels.secrets.signatureMethod')}
            name="secrets.signatureMethod"
            options={methodOptions}
            value={signatureMethod}
            onChange={props.onSignatureMethodChange}
            error={props.signatureMethodError}
            hint={t('channels.secrets.signatureMethodHint')}
          />
        ) : null}
      </div>
      {forSending.length > 0 ? (
        <>
          <p className="bt-fieldset__subheading">
            {t('channels.secrets.forSending')} <span className="bt-muted">{t('channels.secrets.optionalForNow')}</span>
          </p>
          <div className="bt-form__row bt-form__row--pairs">{forSending.map(input)}</div>
        </>
      ) : null}
    </fieldset>
  );
}
