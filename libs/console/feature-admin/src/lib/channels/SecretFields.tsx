import type { Provider } from '@backtalk/contracts';
import { Button, cx, FieldShell, SelectField } from '@backtalk/console/ui';
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
  if (cleared) return 'Removed when you save';
  return isSet ? '•••• set — leave empty to keep' : undefined;
}

function SecretInput({ spec, value, isSet, cleared, error, onChange, onClearedChange }: SecretInputProps) {
  return (
    <FieldShell label={spec.label} hint={spec.hint} error={error}>
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
            <Button aria-label={`${cleared ? 'Keep' : 'Clear'} ${spec.label}`} onClick={() => onClearedChange(!cleared)}>
              {cleared ? 'Keep' : 'Clear'}
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
  const { provider, values, cleared, editing, secretsSet, signatureMethod, errorOf, groupError } = props;
  const spec = PROVIDER_SPECS[provider];
  const methodSet = secretsSet.includes('signatureMethod');
  const methodOptions = [
    { value: '' as const, label: methodSet ? 'Keep the current method' : SIGNATURE_METHOD_LABELS.md5hash },
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
      <legend className="bt-fieldset__legend">{spec.label} credentials</legend>
      <p className="bt-fieldset__description">
        {editing
          ? 'Stored encrypted and never shown again. Leave a field empty to keep what is set.'
          : `Stored encrypted and never shown again. Backtalk uses them to check that webhooks really come from ${spec.inSentence}.`}
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
            label="Signature method"
            name="secrets.signatureMethod"
            options={methodOptions}
            value={signatureMethod}
            onChange={props.onSignatureMethodChange}
            error={props.signatureMethodError}
            hint="As chosen next to the signature secret in the Vonage dashboard."
          />
        ) : null}
      </div>
      {forSending.length > 0 ? (
        <>
          <p className="bt-fieldset__subheading">
            For sending replies <span className="bt-muted">· optional for now</span>
          </p>
          <div className="bt-form__row bt-form__row--pairs">{forSending.map(input)}</div>
        </>
      ) : null}
    </fieldset>
  );
}
