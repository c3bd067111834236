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
import { Trans, useConsoleLanguage, useTranslation } from '@backtalk/console/i18n';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
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
import { withProviderTerms } from './provider-terms';
import { PROVIDER_SPECS, providerAnswersKeywords, SENDER_HELP, SENDER_TYPE_LABELS, senderTypesFor } from './providers';
import { SecretFields } from './SecretFields';

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
  const { t } = useTranslation('admin');
  const language = useConsoleLanguage();
  const currencies = useMemo(() => currencyOptions(language), [language]);
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
  const country = countryName(values.country, language);
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
              toastShown('success', t('channels.form.saved', { name: updated.name }));
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

  const teamOptions = [{ value: '', label: t('channels.form.chooseTeam') }, ...teams.map((team) => ({ value: team.id, label: team.name, isData: true }))];
  const senderTypeOptions = senderTypesFor(values.provider).map((type) => ({ value: type, label: SENDER_TYPE_LABELS[type] }));

  return (
    <form ref={formRef} className="bt-form" onSubmit={submit} noValidate>
      <div className="bt-form__row bt-form__row--pairs">
        <TextField
          label={t('channels.form.name')}
          name="name"
          autoComplete="off"
          placeholder={t('channels.form.namePlaceholder')}
          value={values.name}
          onChange={(e) => form.setField('name', e.target.value)}
          error={error('name')}
        />
        <SelectField
          label={t('channels.columns.team')}
          name="teamId"
          options={teamOptions}
          value={values.teamId}
          onChange={(teamId) => form.setField('teamId', teamId)}
          error={error('teamId')}
          hint={teams.length === 0 ? t('channels.form.noTeams') : t('channels.form.teamHint')}
        />
      </div>
      <div className="bt-form__row bt-form__row--pairs">
        {channel ? (
          <TextField label={t('channels.columns.provider')} name="provider" value={spec.label} readOnly hint={t('channels.form.providerFixed')} />
        ) : (
          <SelectField
            label={t('channels.columns.provider')}
            name="provider"
            options={PROVIDERS.map((provider) => ({ value: provider, label: PROVIDER_SPECS[provider].optionLabel }))} value={values.provider} onChange={changeProvider} error={error('provider')} />
        )}
        <SelectField
          label={t('channels.form.senderType')}
          name="senderType"
          options={senderTypeOptions}
          value={values.senderType}
          onChange={(senderType) => form.setField('senderType', senderType)}
          error={error('senderType')}
        />
      </div>
      <div className="bt-form__row bt-form__row--sender">
        <TextField
          label={t('channels.columns.sender')}
          name="sender"
          autoComplete="off"
          spellCheck={false}
          placeholder={senderHelp.placeholder}
          value={values.sender}
          onChange={(e) => form.setField('sender', e.target.value)}
          error={error('sender')}
          hint={withProviderTerms(senderHelp.hint)}
        />
        <TextField
          label={t('channels.form.country')}
          name="country"
          autoComplete="off"
          maxLength={2}
          spellCheck={false}
          value={values.country}
          onChange={(e) => form.setField('country', e.target.value.toUpperCase())}
          error={error('country')}
          hint={country ?? t('channels.form.countryHint')}
        />
      </div>
      {channel ? (
        <Checkbox
          label={t('shared.active')}
          description={t('channels.form.activeHint')}
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

      <Disclosure summary={t('channels.form.advanced')} description={t('channels.form.advancedHint')} open={advancedOpen} onOpenChange={setAdvancedOpen}>
        <TextAreaField
          label={t('channels.form.helpText')}
          name="helpText"
          rows={2}
          value={values.helpText}
          onChange={(e) => form.setField('helpText', e.target.value)}
          error={error('helpText')}
          hint={<Trans t={t} i18nKey="channels.form.helpTextHint" components={{ example: <span translate="no" /> }} />}
        />
        <div className="bt-form__row">
          <TextField
            label={t('channels.form.reopenWindow')}
            name="reopenWindowMinutes"
            inputMode="numeric"
            value={values.reopenWindowMinutes}
            onChange={(e) => form.setField('reopenWindowMinutes', e.target.value)}
            error={error('reopenWindowMinutes')}
            hint={t('channels.form.reopenWindowHint')}
          />
          <TextField
            label={t('channels.form.rate')}
            name="ratePerSecond"
            inputMode="decimal"
            placeholder={String(DEFAULT_RATE_PER_SECOND[values.senderType])}
            value={values.ratePerSecond}
            onChange={(e) => form.setField('ratePerSecond', e.target.value)}
            error={error('ratePerSecond')}
            hint={t('channels.form.rateHint', { rate: DEFAULT_RATE_PER_SECOND[values.senderType] })}
          />
        </div>
        <div className="bt-form__row bt-form__row--pairs">
          <TextField
            label={t('channels.form.price')}
            name="pricePerSegment"
            inputMode="decimal"
            placeholder={t('channels.form.pricePlaceholder')}
            value={values.pricePerSegment}
            onChange={(e) => form.setField('pricePerSegment', e.target.value)}
            error={error('pricePerSegment')}
            hint={t('channels.form.priceHint')}
          />
          <SelectField
            label={t('channels.form.currency')}
            name="currency"
            options={currencies}
            value={values.currency}
            onChange={(currency) => form.setField('currency', currency)}
            error={error('currency')}
            hint={channel ? t('channels.form.currencyChangeHint') : t('channels.form.currencyHint')}
          />
        </div>
        <Checkbox
          label={t('channels.form.smartEncoding')}
          description={t('channels.form.smartEncodingHint')}
          checked={values.smartEncoding}
          onChange={(e) => form.setField('smartEncoding', e.target.checked)}
        />
        <fieldset className="bt-fieldset bt-fieldset--minor">
          <legend className="bt-fieldset__legend">{t('channels.form.keywords')}</legend>
          <p className="bt-fieldset__description">
            {channel ? t('channels.form.keywordsHintEditing') : t('channels.form.keywordsHint')}
          </p>
          <TextAreaField
            label={t('channels.form.optOutKeywords')}
            name="keywords.optOut"
            rows={2}
            placeholder="STOP, UNSUBSCRIBE, …"
            value={values.optOutKeywords}
            onChange={(e) => form.setField('optOutKeywords', e.target.value)}
            error={error('optOutKeywords')}
          />
          <div className="bt-form__row bt-form__row--pairs">
            <TextAreaField
              label={t('channels.form.optInKeywords')}
              name="keywords.optIn"
              rows={2}
              placeholder="START, UNSTOP, …"
              value={values.optInKeywords}
              onChange={(e) => form.setField('optInKeywords', e.target.value)}
              error={error('optInKeywords')}
            />
            <TextAreaField
              label={t('channels.form.helpKeywords')}
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
          <legend className="bt-fieldset__legend">{t('channels.form.confirmations')}</legend>
          <p className="bt-fieldset__description">
            {twilioAnswers
              ? t('channels.form.confirmationsTwilio')
              : channel
                ? t('channels.form.confirmationsEditing')
                : t('channels.form.confirmationsNew')}
          </p>
          <div className="bt-form__row bt-form__row--pairs">
            <TextAreaField
              label={t('channels.form.optOutReply')}
              name="confirmations.optOut"
              rows={2}
              value={values.optOutReply}
              onChange={(e) => form.setField('optOutReply', e.target.value)}
              error={error('optOutReply')}
            />
            <TextAreaField
              label={t('channels.form.optInReply')}
              name="confirmations.optIn"
              rows={2}
              value={values.optInReply}
              onChange={(e) => form.setField('optInReply', e.target.value)}
              error={error('optInReply')}
            />
          </div>
          <Checkbox
            label={t('channels.form.helpReply')}
            checked={values.helpReply}
            onChange={(e) => form.setField('helpReply', e.target.checked)}
          />
        </fieldset>
      </Disclosure>

      {/* Next to the buttons: at the top of a long form it would be scrolled out of sight. */}
      {server.form ? <Banner tone="danger">{server.form}</Banner> : null}
      <DialogFooter>
        <Button onClick={onDone}>{t('shared.cancel')}</Button>
        <Button type="submit" variant="primary" pending={mutation.isPending}>
          {channel ? t('shared.save') : t('channels.create')}
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
  const { t } = useTranslation('admin');
  const channel = target === 'new' ? null : target;
  return (
    <Dialog
      open={target !== null}
      onClose={onClose}
      size="lg"
      title={channel ? t('shared.editNamed', { name: channel.name }) : t('channels.create')}
      description={channel ? undefined : t('channels.form.description')}
    >
      {target !== null ? <ChannelForm channel={channel} teams={teams} onCreated={onCreated} onDone={onClose} /> : null}
    </Dialog>
  );
}

/** Shown once a channel exists: without its webhook URL in the provider's console, no message arrives. */
export function ChannelCreatedDialog({ channel, onClose }: { channel: ChannelView | null; onClose: () => void }) {
  const { t } = useTranslation('admin');
  const { toastShown } = useToastActions();
  const spec = channel ? PROVIDER_SPECS[channel.provider] : null;
  return (
    <Dialog open={channel !== null} onClose={onClose} title={t('channels.created.title', { name: channel?.name ?? '' })}>
      {channel && spec ? (
        <div className="bt-form">
          <p className="bt-lead">{withProviderTerms(t('channels.created.paste', { console: spec.console }))}</p>
          <CopyField
            label={t('channels.columns.webhook')}
            value={channel.webhookUrl}
            multiline
            copyLabel={t('channels.created.copy')}
            copyAccessibleName={t('channels.copyWebhookFor', { name: channel.name })}
            autoFocusCopy
            onCopied={() => toastShown('success', t('channels.webhookCopied'))}
            hint={t('channels.created.hint')}
          />
          <DialogFooter>
            <Button variant="primary" onClick={onClose}>
              {t('shared.done')}
            </Button>
          </DialogFooter>
        </div>
      ) : null}
    </Dialog>
  );
}
