import { DEFAULT_RATE_PER_SECOND, ErrorCode, PROVIDERS, type ChannelView, type TeamView } from '@backtalk/contracts';
import { describeError, isApiError, toFormErrors, useCreateChannel, useToastActions, useUpdateChannel } from '@backtalk/console/data-access';
import {
  Banner,
  Button,
  Checkbox,
  CopyField,
  Dialog,
  DialogFooter,
  Disclosure,
  SelectField,
  TextAreaField,
  TextField,
} from '@backtalk/console/ui';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useFormState } from '../shared';
import {
  CHANNEL_SERVER_FIELDS,
  channelFieldErrors,
  channelFormFrom,
  countryName,
  currencyOptions,
  defaultCountry,
  emptyChannelForm,
  hasAdvancedError,
  secretErrorKey,
  toCreateChannelRequest,
  toUpdateChannelRequest,
  validateChannelForm,
  withProvider,
  type ChannelFormErrorKey,
  type ChannelFormErrors,
  type ChannelFormValues,
} from './channel-form';
import { PROVIDER_SPECS, providerAnswersKeywords, SENDER_HELP, SENDER_TYPE_LABELS, senderTypesFor } from './providers';
import { SecretFields } from './SecretFields';

const PROVIDER_OPTIONS = PROVIDERS.map((provider) => ({ value: provider, label: PROVIDER_SPECS[provider].optionLabel }));
const currencies = currencyOptions();

function browserLanguages(): readonly string[] {
  return navigator.languages?.length ? navigator.languages : [navigator.language];
}

/** What the API said, placed next to the fields; a clash can only be the sender, so it goes there too. */
function serverErrorsOf(error: unknown): { fields: ChannelFormErrors; form: string | null } {
  if (isApiError(error) && error.code === ErrorCode.Conflict) return { fields: { sender: describeError(error) }, form: null };
  const server = toFormErrors(error, CHANNEL_SERVER_FIELDS);
  return { fields: channelFieldErrors(server.fields), form: server.form };
}

interface ChannelFormProps {
  /** null creates a new channel. */
  channel: ChannelView | null;
  teams: readonly TeamView[];
  onCreated: (channel: ChannelView) => void;
  onDone: () => void;
}

function ChannelForm({ channel, teams, onCreated, onDone }: ChannelFormProps) {
  const form = useFormState<ChannelFormValues, ChannelFormErrorKey>(() =>
    channel ? channelFormFrom(channel) : emptyChannelForm({ country: defaultCountry(browserLanguages()), teamId: teams.length === 1 ? teams[0]?.id : undefined }),
  );
  const create = useCreateChannel();
  const update = useUpdateChannel();
  const { toastShown } = useToastActions();
  const mutation = channel ? update : create;
  const server = serverErrorsOf(mutation.error);
  const error = (key: ChannelFormErrorKey) => form.errors[key] ?? server.fields[key];
  const [advancedOpen, setAdvancedOpen] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);

  const { values } = form;
  const spec = PROVIDER_SPECS[values.provider];
  const secretsSet = channel?.secretsSet ?? [];
  const senderHelp = SENDER_HELP[values.senderType];
  const country = countryName(values.country);
  const twilioAnswers = providerAnswersKeywords(values.provider);

  // The form is long: after a failed attempt, take people to the first thing to fix.
  useEffect(() => {
    if (attempt === 0 && !mutation.error) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [attempt, mutation.error]);

  const onError = (failure: unknown) => {
    if (hasAdvancedError(serverErrorsOf(failure).fields)) setAdvancedOpen(true);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = validateChannelForm(values, secretsSet);
    if (hasAdvancedError(found)) setAdvancedOpen(true);
    setAttempt((count) => count + 1);
    form.submitWith(
      () => found,
      (valid) => {
        if (!channel) {
          create.mutate(toCreateChannelRequest(valid), { onSuccess: onCreated, onError });
          return;
        }
        const changes = toUpdateChannelRequest(channel, valid);
        if (Object.keys(changes).length === 0) return onDone();
        update.mutate(
          { id: channel.id, changes },
          {
            onSuccess: (updated) => {
              toastShown('success', `Channel ${updated.name} saved.`);
              onDone();
            },
            onError,
          },
        );
      },
    );
  };

  const changeProvider = (provider: ChannelFormValues['provider']) => {
    for (const secret of spec.secrets) form.clearError(secretErrorKey(secret.field));
    form.clearError('secrets');
    form.setValues((current) => withProvider(current, provider));
  };

  const teamOptions = [{ value: '', label: 'Choose a team' }, ...teams.map((team) => ({ value: team.id, label: team.name }))];
  const senderTypeOptions = senderTypesFor(values.provider).map((type) => ({ value: type, label: SENDER_TYPE_LABELS[type] }));

  return (
    <form ref={formRef} className="bt-form" onSubmit={submit} noValidate>
      <div className="bt-form__row bt-form__row--pairs">
        <TextField
          label="Name"
          name="name"
          autoComplete="off"
          placeholder="e.g. Support line US"
          value={values.name}
          onChange={(e) => form.setField('name', e.target.value)}
          error={error('name')}
        />
        <SelectField
          label="Team"
          name="teamId"
          options={teamOptions}
          value={values.teamId}
          onChange={(teamId) => form.setField('teamId', teamId)}
          error={error('teamId')}
          hint={teams.length === 0 ? 'There are no teams yet. Create one under Teams first.' : 'Its inbox receives what customers send.'}
        />
      </div>
      <div className="bt-form__row bt-form__row--pairs">
        {channel ? (
          <TextField label="Provider" name="provider" value={spec.label} readOnly hint="Can't be changed. Create another channel to move the number." />
        ) : (
          <SelectField label="Provider" name="provider" options={PROVIDER_OPTIONS} value={values.provider} onChange={changeProvider} error={error('provider')} />
        )}
        <SelectField
          label="Sender type"
          name="senderType"
          options={senderTypeOptions}
          value={values.senderType}
          onChange={(senderType) => form.setField('senderType', senderType)}
          error={error('senderType')}
        />
      </div>
      <div className="bt-form__row bt-form__row--sender">
        <TextField
          label="Sender"
          name="sender"
          autoComplete="off"
          spellCheck={false}
          placeholder={senderHelp.placeholder}
          value={values.sender}
          onChange={(e) => form.setField('sender', e.target.value)}
          error={error('sender')}
          hint={senderHelp.hint}
        />
        <TextField
          label="Country"
          name="country"
          autoComplete="off"
          maxLength={2}
          spellCheck={false}
          value={values.country}
          onChange={(e) => form.setField('country', e.target.value.toUpperCase())}
          error={error('country')}
          hint={country ?? 'Two letters, like US or GB.'}
        />
      </div>
      {channel ? (
        <Checkbox
          label="Active"
          description="Untick it when the number is no longer in use. Its conversations and history stay."
          checked={values.active}
          onChange={(e) => form.setField('active', e.target.checked)}
        />
      ) : null}

      <SecretFields
        provider={values.provider}
        values={values.secrets}
        cleared={values.clearedSecrets}
        editing={channel !== null}
        secretsSet={secretsSet}
        signatureMethod={values.signatureMethod}
        errorOf={(field) => error(secretErrorKey(field))}
        groupError={error('secrets')}
        signatureMethodError={error('signatureMethod')}
        onChange={(field, value) => {
          form.setField('secrets', { ...values.secrets, [field]: value });
          form.clearError(secretErrorKey(field));
        }}
        onClearedChange={(field, cleared) => {
          form.setField('clearedSecrets', cleared ? [...values.clearedSecrets, field] : values.clearedSecrets.filter((name) => name !== field));
          form.clearError(secretErrorKey(field));
        }}
        onSignatureMethodChange={(method) => form.setField('signatureMethod', method)}
      />

      <Disclosure summary="Advanced" description="Help text, keywords, automatic replies, limits" open={advancedOpen} onOpenChange={setAdvancedOpen}>
        <TextAreaField
          label="Help text"
          name="helpText"
          rows={2}
          value={values.helpText}
          onChange={(e) => form.setField('helpText', e.target.value)}
          error={error('helpText')}
          hint="Sent in answer to HELP. Say who you are and how to reach you, e.g. “Acme support: acme.com/help. Reply STOP to opt out.”"
        />
        <div className="bt-form__row">
          <TextField
            label="Reopen window (minutes)"
            name="reopenWindowMinutes"
            inputMode="numeric"
            value={values.reopenWindowMinutes}
            onChange={(e) => form.setField('reopenWindowMinutes', e.target.value)}
            error={error('reopenWindowMinutes')}
            hint="A reply this soon after resolving reopens the conversation. 1440 = 24 h."
          />
          <TextField
            label="Rate (segments/second)"
            name="ratePerSecond"
            inputMode="decimal"
            placeholder={String(DEFAULT_RATE_PER_SECOND[values.senderType])}
            value={values.ratePerSecond}
            onChange={(e) => form.setField('ratePerSecond', e.target.value)}
            error={error('ratePerSecond')}
            hint={`Default for this sender type: ${DEFAULT_RATE_PER_SECOND[values.senderType]}.`}
          />
        </div>
        <div className="bt-form__row bt-form__row--pairs">
          <TextField
            label="Price per segment"
            name="pricePerSegment"
            inputMode="decimal"
            placeholder="e.g. 0.0079"
            value={values.pricePerSegment}
            onChange={(e) => form.setField('pricePerSegment', e.target.value)}
            error={error('pricePerSegment')}
            hint="What the provider charges, for the composer’s estimate and cost reports."
          />
          <SelectField
            label="Currency"
            name="currency"
            options={currencies}
            value={values.currency}
            onChange={(currency) => form.setField('currency', currency)}
            error={error('currency')}
            hint={channel ? 'Past costs keep their amounts: a change counts them in the new currency too.' : 'The one the provider bills in.'}
          />
        </div>
        <Checkbox
          label="Smart encoding"
          description="Replace look-alike characters in replies (curly quotes, long dashes, non-breaking spaces) so they stay GSM-7: up to 160 characters a segment instead of 70."
          checked={values.smartEncoding}
          onChange={(e) => form.setField('smartEncoding', e.target.checked)}
        />
        <fieldset className="bt-fieldset bt-fieldset--minor">
          <legend className="bt-fieldset__legend">Keywords</legend>
          <p className="bt-fieldset__description">
            Comma-separated. A message that is exactly one of them, in any letter case, counts.{' '}
            {channel ? 'An emptied list is left as it was.' : 'Leave a list empty to keep the defaults.'}
          </p>
          <TextAreaField
            label="Opt-out keywords"
            name="keywords.optOut"
            rows={2}
            placeholder="STOP, UNSUBSCRIBE, …"
            value={values.optOutKeywords}
            onChange={(e) => form.setField('optOutKeywords', e.target.value)}
            error={error('optOutKeywords')}
          />
          <div className="bt-form__row bt-form__row--pairs">
            <TextAreaField
              label="Opt-in keywords"
              name="keywords.optIn"
              rows={2}
              placeholder="START, UNSTOP, …"
              value={values.optInKeywords}
              onChange={(e) => form.setField('optInKeywords', e.target.value)}
              error={error('optInKeywords')}
            />
            <TextAreaField
              label="Help keywords"
              name="keywords.help"
              rows={2}
              placeholder="HELP, INFO, …"
              value={values.helpKeywords}
              onChange={(e) => form.setField('helpKeywords', e.target.value)}
              error={error('helpKeywords')}
            />
          </div>
        </fieldset>
        <fieldset className="bt-fieldset bt-fieldset--minor">
          <legend className="bt-fieldset__legend">Confirmations</legend>
          <p className="bt-fieldset__description">
            {twilioAnswers
              ? 'Twilio sends its own by default, so Backtalk sends none unless you write one here.'
              : channel
                ? 'Leave a reply empty to send none.'
                : 'Leave a reply empty for Backtalk’s standard wording.'}
          </p>
          <div className="bt-form__row bt-form__row--pairs">
            <TextAreaField
              label="Opt-out reply"
              name="confirmations.optOut"
              rows={2}
              value={values.optOutReply}
              onChange={(e) => form.setField('optOutReply', e.target.value)}
              error={error('optOutReply')}
            />
            <TextAreaField
              label="Opt-in reply"
              name="confirmations.optIn"
              rows={2}
              value={values.optInReply}
              onChange={(e) => form.setField('optInReply', e.target.value)}
              error={error('optInReply')}
            />
          </div>
          <Checkbox
            label="Answer HELP with the help text"
            checked={values.helpReply}
            onChange={(e) => form.setField('helpReply', e.target.checked)}
          />
        </fieldset>
      </Disclosure>

      {/* Next to the buttons: at the top of a long form it would be scrolled out of sight. */}
      {server.form ? <Banner tone="danger">{server.form}</Banner> : null}
      <DialogFooter>
        <Button onClick={onDone}>Cancel</Button>
        <Button type="submit" variant="primary" pending={mutation.isPending}>
          {channel ? 'Save' : 'Create channel'}
        </Button>
      </DialogFooter>
    </form>
  );
}

export interface ChannelFormDialogProps {
  /** 'new' to create, a channel to edit, null when closed. */
  target: ChannelView | 'new' | null;
  teams: readonly TeamView[];
  onCreated: (channel: ChannelView) => void;
  onClose: () => void;
}

export function ChannelFormDialog({ target, teams, onCreated, onClose }: ChannelFormDialogProps) {
  const channel = target === 'new' ? null : target;
  return (
    <Dialog
      open={target !== null}
      onClose={onClose}
      size="lg"
      title={channel ? `Edit ${channel.name}` : 'Create channel'}
      description={channel ? undefined : 'Connect a number or sender ID you have at an SMS provider.'}
    >
      {target !== null ? <ChannelForm channel={channel} teams={teams} onCreated={onCreated} onDone={onClose} /> : null}
    </Dialog>
  );
}

/** Shown once a channel exists: without its webhook URL in the provider's console, no message arrives. */
export function ChannelCreatedDialog({ channel, onClose }: { channel: ChannelView | null; onClose: () => void }) {
  const { toastShown } = useToastActions();
  const spec = channel ? PROVIDER_SPECS[channel.provider] : null;
  return (
    <Dialog open={channel !== null} onClose={onClose} title={`Channel “${channel?.name ?? ''}” created`}>
      {channel && spec ? (
        <div className="bt-form">
          <p className="bt-lead">Paste this URL in {spec.console} as the inbound message and status callback URL.</p>
          <CopyField
            label="Webhook URL"
            value={channel.webhookUrl}
            multiline
            copyLabel="Copy URL"
            copyAccessibleName={`Copy webhook URL for ${channel.name}`}
            autoFocusCopy
            onCopied={() => toastShown('success', 'Webhook URL copied')}
            hint="You can copy it again at any time from the list of channels."
          />
          <DialogFooter>
            <Button variant="primary" onClick={onClose}>
              Done
            </Button>
          </DialogFooter>
        </div>
      ) : null}
    </Dialog>
  );
}
