import { Provider, SenderType, type ChannelSecretsInput } from '@backtalk/contracts';

export type SecretField = keyof ChannelSecretsInput;
/** Every secret but the Vonage signature method, which is a choice, not something to paste. */
export type TextSecretField = Exclude<SecretField, 'signatureMethod'>;
export type SignatureMethod = NonNullable<ChannelSecretsInput['signatureMethod']>;

export interface SecretFieldSpec {
  field: TextSecretField;
  label: string;
  /** Where to find it (or what to do with it), in a few words. */
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
  /** Completes "Paste this URL in …". */
  console: string;
  /** Required fields first: they are what the channel needs today; the rest are for sending replies. */
  secrets: readonly SecretFieldSpec[];
  /** Vonage lets people choose how webhooks are signed. */
  signatureMethod?: boolean;
}

export const PROVIDER_SPECS: Readonly<Record<Provider, ProviderSpec>> = {
  [Provider.Twilio]: {
    label: 'Twilio',
    optionLabel: 'Twilio',
    inSentence: 'Twilio',
    console: "Twilio's console",
    secrets: [
      { field: 'authToken', label: 'Auth token', hint: 'Twilio Console → Account → API keys & tokens.', required: true, concealed: true },
      { field: 'accountSid', label: 'Account SID', hint: 'Twilio Console → Account info; starts with AC.', required: false, concealed: false },
    ],
  },
  [Provider.Infobip]: {
    label: 'Infobip',
    optionLabel: 'Infobip',
    inSentence: 'Infobip',
    console: "Infobip's portal",
    secrets: [
      {
        field: 'basicAuthUsername',
        label: 'Webhook username',
        hint: 'Make one up and enter the same in Infobip’s webhook settings; Infobip sends it with every webhook.',
        required: true,
        concealed: false,
      },
      { field: 'basicAuthPassword', label: 'Webhook password', hint: 'A long random one, entered in Infobip too.', required: true, concealed: true },
      { field: 'apiKey', label: 'API key', hint: 'Infobip portal → Developer tools → API keys.', required: false, concealed: true },
      { field: 'baseUrl', label: 'Base URL', hint: 'Your personal API address, like xxxxx.api.infobip.com.', required: false, concealed: false },
    ],
  },
  [Provider.Vonage]: {
    label: 'Vonage',
    optionLabel: 'Vonage',
    inSentence: 'Vonage',
    console: "Vonage's API dashboard",
    signatureMethod: true,
    secrets: [
      { field: 'signatureSecret', label: 'Signature secret', hint: 'Vonage API Dashboard → API settings → signed webhooks.', required: true, concealed: true },
      { field: 'apiKey', label: 'API key', hint: 'Vonage API Dashboard, on the home page.', required: false, concealed: false },
      { field: 'apiSecret', label: 'API secret', hint: 'Next to the API key.', required: false, concealed: true },
    ],
  },
  [Provider.Telnyx]: {
    label: 'Telnyx',
    optionLabel: 'Telnyx',
    inSentence: 'Telnyx',
    console: "Telnyx's Mission Control portal",
    secrets: [
      { field: 'publicKey', label: 'Public key', hint: 'Mission Control → Keys & Credentials → Public key.', required: true, concealed: false },
      { field: 'apiKey', label: 'API key', hint: 'Mission Control → Keys & Credentials → API keys.', required: false, concealed: true },
    ],
  },
  [Provider.Plivo]: {
    label: 'Plivo',
    optionLabel: 'Plivo',
    inSentence: 'Plivo',
    console: "Plivo's console",
    secrets: [
      { field: 'authToken', label: 'Auth token', hint: 'Plivo Console → Overview → Account.', required: true, concealed: true },
      { field: 'accountSid', label: 'Auth ID', hint: 'Next to the auth token.', required: false, concealed: false },
    ],
  },
  [Provider.Sinch]: {
    label: 'Sinch',
    optionLabel: 'Sinch',
    inSentence: 'Sinch',
    console: "Sinch's dashboard",
    secrets: [
      { field: 'signatureSecret', label: 'Signature secret', hint: 'Sinch dashboard → SMS → APIs → your service plan → callback signing.', required: true, concealed: true },
      { field: 'servicePlanId', label: 'Service plan ID', hint: 'Sinch dashboard → SMS → APIs.', required: false, concealed: false },
      { field: 'apiKey', label: 'API token', hint: 'Next to the service plan ID.', required: false, concealed: true },
    ],
  },
  [Provider.Bandwidth]: {
    label: 'Bandwidth',
    optionLabel: 'Bandwidth',
    inSentence: 'Bandwidth',
    console: "Bandwidth's dashboard",
    secrets: [
      {
        field: 'basicAuthUsername',
        label: 'Callback username',
        hint: 'Make one up and set the same as the callback credentials of your Bandwidth application.',
        required: true,
        concealed: false,
      },
      { field: 'basicAuthPassword', label: 'Callback password', hint: 'A long random one, set on the application too.', required: true, concealed: true },
      { field: 'accountSid', label: 'Account ID', hint: 'Bandwidth dashboard → Account.', required: false, concealed: false },
      { field: 'apiKey', label: 'API username', hint: 'A Bandwidth API user.', required: false, concealed: false },
      { field: 'apiSecret', label: 'API password', hint: 'That API user’s password.', required: false, concealed: true },
      { field: 'applicationId', label: 'Application ID', hint: 'Bandwidth dashboard → Applications.', required: false, concealed: false },
    ],
  },
  [Provider.Generic]: {
    label: 'Generic webhook',
    optionLabel: 'Other (Backtalk signed webhook)',
    inSentence: 'your provider',
    console: "your provider's settings",
    secrets: [
      {
        field: 'signatureSecret',
        label: 'Signing secret',
        hint: 'Shared with your provider, which signs each request with HMAC-SHA256: X-Backtalk-Signature: t=<unix>,v1=<hex>.',
        required: true,
        concealed: true,
      },
    ],
  },
};

export const SIGNATURE_METHOD_LABELS: Readonly<Record<SignatureMethod, string>> = {
  md5hash: 'MD5 hash (Vonage default)',
  md5: 'HMAC-MD5',
  sha1: 'HMAC-SHA1',
  sha256: 'HMAC-SHA256',
  sha512: 'HMAC-SHA512',
};

/** For secrets a provider does not list (set through the API, say): still worth naming. */
const FALLBACK_SECRET_LABELS: Readonly<Record<SecretField, string>> = {
  accountSid: 'Account SID',
  authToken: 'Auth token',
  apiKey: 'API key',
  apiSecret: 'API secret',
  signatureSecret: 'Signature secret',
  signatureMethod: 'Signature method',
  publicKey: 'Public key',
  basicAuthUsername: 'Username',
  basicAuthPassword: 'Password',
  baseUrl: 'Base URL',
  servicePlanId: 'Service plan ID',
  applicationId: 'Application ID',
};

/** What the provider calls the field: Plivo's "account SID" is its Auth ID. */
export function secretLabel(provider: Provider, field: SecretField): string {
  return PROVIDER_SPECS[provider].secrets.find((spec) => spec.field === field)?.label ?? FALLBACK_SECRET_LABELS[field];
}

/** Which secrets a channel has, in the order its provider lists them. */
export function orderedSecretsSet(provider: Provider, secretsSet: readonly SecretField[]): SecretField[] {
  const order: SecretField[] = [...PROVIDER_SPECS[provider].secrets.map((spec) => spec.field), 'signatureMethod'];
  const rank = (field: SecretField) => (order.includes(field) ? order.indexOf(field) : order.length);
  return [...secretsSet].sort((a, b) => rank(a) - rank(b));
}

export const SENDER_TYPE_LABELS: Readonly<Record<SenderType, string>> = {
  [SenderType.LongCode]: 'Phone number (long code)',
  [SenderType.TollFree]: 'Toll-free number',
  [SenderType.ShortCode]: 'Short code',
  [SenderType.Alphanumeric]: 'Alphanumeric sender ID',
  [SenderType.MessagingService]: 'Twilio Messaging Service',
};

/** For tight places such as a table cell. */
export const SENDER_TYPE_SHORT_LABELS: Readonly<Record<SenderType, string>> = {
  [SenderType.LongCode]: 'Long code',
  [SenderType.TollFree]: 'Toll-free',
  [SenderType.ShortCode]: 'Short code',
  [SenderType.Alphanumeric]: 'Sender ID',
  [SenderType.MessagingService]: 'Messaging Service',
};

export const SENDER_HELP: Readonly<Record<SenderType, { placeholder: string; hint: string }>> = {
  [SenderType.LongCode]: { placeholder: '+14155550123', hint: 'With the country code, like +14155550123, or in national format for the country.' },
  [SenderType.TollFree]: { placeholder: '+18885550123', hint: 'With the country code, like +18885550123, or in national format for the country.' },
  [SenderType.ShortCode]: { placeholder: '12345', hint: '3 to 8 digits.' },
  [SenderType.Alphanumeric]: { placeholder: 'ACME', hint: 'Up to 11 letters, digits or spaces, as customers see it.' },
  [SenderType.MessagingService]: { placeholder: 'MG…', hint: 'The Messaging Service SID: MG and 32 more characters, from Twilio Console → Messaging → Services.' },
};

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
