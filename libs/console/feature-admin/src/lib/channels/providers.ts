import { Provider, SenderType, type ChannelSecretsInput } from '@backtalk/contracts';
import { translateAdmin as t } from '../../i18n';
import { withoutTermMarks } from './provider-terms';

export type SecretField = keyof ChannelSecretsInput;
/** Every secret but the Vonage signature method, which is a choice, not something to paste. */
export type TextSecretField = Exclude<SecretField, 'signatureMethod'>;
export type SignatureMethod = NonNullable<ChannelSecretsInput['signatureMethod']>;

export interface SecretFieldSpec {
  field: TextSecretField;
  label: string;
  /** The label with the provider console's own words marked `<term>` (see provider-terms). */
  markedLabel: string;
  /** Where to find it (or what to do with it), in a few words; the provider console's own words marked `<term>`. */
  hint: string;
  /** Needed to verify the provider's webhooks: the API refuses a channel without it. The others are for sending. */
  required: boolean;
  /** A credential, typed as dots; identifiers such as an account SID are shown as typed. */
  concealed: boolean;
}

export interface ProviderSpec {
  /** "Twilio", as in lists and badges. */
  label: string;
  /** In the provider menu, where "Generic" alone would say little. */
  optionLabel: string;
  /** Within a sentence: "webhooks from Twilio", "webhooks from your provider". */
  inSentence: string;
  /** Completes "Paste this URL in …"; the provider console's own name marked `<term>`. */
  console: string;
  /** Required fields first: they are what the channel needs today; the rest are for sending replies. */
  secrets: readonly SecretFieldSpec[];
  /** Vonage lets people choose how webhooks are signed. */
  signatureMethod?: boolean;
}

/** How the generic provider signs requests; a format, the same in every language. */
const SIGNATURE_HEADER_FORMAT = 'X-Backtalk-Signature: t=<unix>,v1=<hex>';

/** A secret whose label and hint are read in the console's language when looked up. */
function secret(provider: Provider, field: TextSecretField, required: boolean, concealed: boolean): SecretFieldSpec {
  return {
    field,
    required,
    concealed,
    get label() {
      return withoutTermMarks(this.markedLabel);
    },
    get markedLabel() {
      return t(`channels.providers.${provider}.secrets.${field}.label`);
    },
    get hint() {
      return t(`channels.providers.${provider}.secrets.${field}.hint`, { header: SIGNATURE_HEADER_FORMAT });
    },
  };
}

/** A provider whose sentences are read in the console's language; `brand` names it, unless it has no brand (generic). */
function provider(id: Provider, brand: string | null, secrets: readonly SecretFieldSpec[], extra: Pick<ProviderSpec, 'signatureMethod'> = {}): ProviderSpec {
  return {
    ...extra,
    secrets,
    get label() {
      return brand ?? t(`channels.providers.${id}.label`);
    },
    get optionLabel() {
      return brand ?? t(`channels.providers.${id}.optionLabel`);
    },
    get inSentence() {
      return brand ?? t(`channels.providers.${id}.inSentence`);
    },
    get console() {
      return t(`channels.providers.${id}.console`);
    },
  };
}

export const PROVIDER_SPECS: Readonly<Record<Provider, ProviderSpec>> = {
  [Provider.Twilio]: provider(Provider.Twilio, 'Twilio', [secret(Provider.Twilio, 'authToken', true, true), secret(Provider.Twilio, 'accountSid', false, false)]),
  [Provider.Infobip]: provider(Provider.Infobip, 'Infobip', [
    secret(Provider.Infobip, 'basicAuthUsername', true, false),
    secret(Provider.Infobip, 'basicAuthPassword', true, true),
    secret(Provider.Infobip, 'apiKey', false, true),
    secret(Provider.Infobip, 'baseUrl', false, false),
  ]),
  [Provider.Vonage]: provider(
    Provider.Vonage,
    'Vonage',
    [secret(Provider.Vonage, 'signatureSecret', true, true), secret(Provider.Vonage, 'apiKey', false, false), secret(Provider.Vonage, 'apiSecret', false, true)],
    { signatureMethod: true },
  ),
  [Provider.Telnyx]: provider(Provider.Telnyx, 'Telnyx', [secret(Provider.Telnyx, 'publicKey', true, false), secret(Provider.Telnyx, 'apiKey', false, true)]),
  [Provider.Plivo]: provider(Provider.Plivo, 'Plivo', [secret(Provider.Plivo, 'authToken', true, true), secret(Provider.Plivo, 'accountSid', false, false)]),
  [Provider.Sinch]: provider(Provider.Sinch, 'Sinch', [
    secret(Provider.Sinch, 'signatureSecret', true, true),
    secret(Provider.Sinch, 'servicePlanId', false, false),
    secret(Provider.Sinch, 'apiKey', false, true),
  ]),
  [Provider.Bandwidth]: provider(Provider.Bandwidth, 'Bandwidth', [
    secret(Provider.Bandwidth, 'basicAuthUsername', true, false),
    secret(Provider.Bandwidth, 'basicAuthPassword', true, true),
    secret(Provider.Bandwidth, 'accountSid', false, false),
    secret(Provider.Bandwidth, 'apiKey', false, false),
    secret(Provider.Bandwidth, 'apiSecret', false, true),
    secret(Provider.Bandwidth, 'applicationId', false, false),
  ]),
  [Provider.Generic]: provider(Provider.Generic, null, [secret(Provider.Generic, 'signatureSecret', true, true)]),
};

/** Technical names that read the same in every language, but for Vonage's default. */
export const SIGNATURE_METHOD_LABELS: Readonly<Record<SignatureMethod, string>> = {
  get md5hash() {
    return t('channels.signatureMethodDefault');
  },
  md5: 'HMAC-MD5',
  sha1: 'HMAC-SHA1',
  sha256: 'HMAC-SHA256',
  sha512: 'HMAC-SHA512',
};

/** For secrets a provider does not list (set through the API, say): still worth naming. */
const fallbackSecretLabel = (field: SecretField) => t(`channels.secretNames.${field}`);

/** What the provider calls the field, its own console's words marked `<term>`: Plivo's "account SID" is its <term>Auth ID</term>. */
export function markedSecretLabel(provider: Provider, field: SecretField): string {
  return PROVIDER_SPECS[provider].secrets.find((spec) => spec.field === field)?.markedLabel ?? fallbackSecretLabel(field);
}

/** What the provider calls the field: Plivo's "account SID" is its Auth ID. */
export const secretLabel = (provider: Provider, field: SecretField): string => withoutTermMarks(markedSecretLabel(provider, field));

/** Which secrets a channel has, in the order its provider lists them. */
export function orderedSecretsSet(provider: Provider, secretsSet: readonly SecretField[]): SecretField[] {
  const order: SecretField[] = [...PROVIDER_SPECS[provider].secrets.map((spec) => spec.field), 'signatureMethod'];
  const rank = (field: SecretField) => (order.includes(field) ? order.indexOf(field) : order.length);
  return [...secretsSet].sort((a, b) => rank(a) - rank(b));
}

/** Read in the console's language when looked up. */
export const SENDER_TYPE_LABELS = {} as Readonly<Record<SenderType, string>>;
/** For tight places such as a table cell. */
export const SENDER_TYPE_SHORT_LABELS = {} as Readonly<Record<SenderType, string>>;
const SENDER_PLACEHOLDERS: Readonly<Record<SenderType, string>> = {
  [SenderType.LongCode]: '+14155550123',
  [SenderType.TollFree]: '+18885550123',
  [SenderType.ShortCode]: '12345',
  [SenderType.Alphanumeric]: 'ACME',
  [SenderType.MessagingService]: 'MG…',
};
export const SENDER_HELP = {} as Readonly<Record<SenderType, { placeholder: string; hint: string }>>;
for (const type of Object.values(SenderType)) {
  Object.defineProperty(SENDER_TYPE_LABELS, type, { enumerable: true, get: () => t(`channels.senderTypes.${type}.label`) });
  Object.defineProperty(SENDER_TYPE_SHORT_LABELS, type, { enumerable: true, get: () => t(`channels.senderTypes.${type}.short`) });
  Object.defineProperty(SENDER_HELP, type, {
    enumerable: true,
    get: () => ({ placeholder: SENDER_PLACEHOLDERS[type], hint: t(`channels.senderTypes.${type}.hint`, { example: SENDER_PLACEHOLDERS[type] }) }),
  });
}

/** Messaging Services are a Twilio feature; every provider has the other kinds. */
export function senderTypesFor(provider: Provider): SenderType[] {
  return Object.values(SenderType).filter((type) => type !== SenderType.MessagingService || provider === Provider.Twilio);
}

export function isPhoneSender(senderType: SenderType): boolean {
  return senderType === SenderType.LongCode || senderType === SenderType.TollFree;
}

/** Phone numbers read better grouped (`+1 415 555 0123`); short codes and sender IDs are shown as they are. */
export function formatSender(channel: { sender: string; senderType: SenderType }, formatPhone: (e164: string) => string): string {
  return isPhoneSender(channel.senderType) ? formatPhone(channel.sender) : channel.sender;
}

/**
 * Twilio answers STOP, START and HELP itself unless told otherwise, so Backtalk stays quiet there by default;
 * everywhere else the helpdesk has to answer.
 */
export function providerAnswersKeywords(provider: Provider): boolean {
  return provider === Provider.Twilio;
}
