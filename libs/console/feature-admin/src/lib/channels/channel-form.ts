import {
  currencyCodes,
  DEFAULT_CURRENCY,
  isCurrencyCode,
  Provider,
  SenderType,
  type ChannelKeywords,
  type ChannelSecretsInput,
  type ChannelView,
  type CreateChannelRequest,
  type UpdateChannelRequest,
} from '@backtalk/contracts';
import { currentLanguage, formatNumber } from '@backtalk/console/i18n';
import { translateAdmin as t } from '../../i18n';
import { PROVIDER_SPECS, providerAnswersKeywords, senderTypesFor, type SecretField, type SignatureMethod, type TextSecretField } from './providers';

export interface ChannelFormValues {
  name: string;
  teamId: string;
  provider: Provider;
  senderType: SenderType;
  sender: string;
  country: string;
  /** What was typed; empty means "none" when creating and "keep" when editing. */
  secrets: Partial<Record<TextSecretField, string>>;
  /** '' keeps the current method (or the provider's default). */
  signatureMethod: SignatureMethod | '';
  /** Editing only: set secrets the admin chose to remove. */
  clearedSecrets: TextSecretField[];
  active: boolean;
  helpText: string;
  reopenWindowMinutes: string;
  ratePerSecond: string;
  pricePerSegment: string;
  /** ISO 4217 code the price is in. */
  currency: string;
  smartEncoding: boolean;
  optOutKeywords: string;
  optInKeywords: string;
  helpKeywords: string;
  optOutReply: string;
  optInReply: string;
  helpReply: boolean;
}

export type SecretErrorKey = `secret.${TextSecretField}`;
/** Errors are keyed by field, and by secret for the credentials. */
export type ChannelFormErrorKey = Exclude<keyof ChannelFormValues, 'secrets' | 'clearedSecrets'> | 'secrets' | SecretErrorKey;
export type ChannelFormErrors = Partial<Record<ChannelFormErrorKey, string>>;

export const secretErrorKey = (field: TextSecretField): SecretErrorKey => `secret.${field}`;

/** The API's names for what the form shows, dotted for nested fields, and where the form shows them. */
const SERVER_FIELDS: Readonly<Record<string, ChannelFormErrorKey>> = {
  name: 'name',
  teamId: 'teamId',
  provider: 'provider',
  sender: 'sender',
  senderType: 'senderType',
  country: 'country',
  secrets: 'secrets',
  'secrets.signatureMethod': 'signatureMethod',
  helpText: 'helpText',
  'keywords.optOut': 'optOutKeywords',
  'keywords.optIn': 'optInKeywords',
  'keywords.help': 'helpKeywords',
  'confirmations.optOut': 'optOutReply',
  'confirmations.optIn': 'optInReply',
  'confirmations.help': 'helpReply',
  reopenWindowMinutes: 'reopenWindowMinutes',
  ratePerSecond: 'ratePerSecond',
  pricePerSegment: 'pricePerSegment',
  currency: 'currency',
  active: 'active',
};

const TEXT_SECRET_FIELDS: readonly TextSecretField[] = [
  'accountSid',
  'authToken',
  'apiKey',
  'apiSecret',
  'signatureSecret',
  'publicKey',
  'basicAuthUsername',
  'basicAuthPassword',
  'baseUrl',
  'servicePlanId',
  'applicationId',
];

/** Every field name the API may report an error for; pass to toFormErrors. */
export const CHANNEL_SERVER_FIELDS: readonly string[] = [...Object.keys(SERVER_FIELDS), ...TEXT_SECRET_FIELDS.map((field) => `secrets.${field}`)];

/** "sender must be a phone number" → "Must be a phone number": shown under its field, the name is already there. */
function withoutFieldName(field: string, message: string): string {
  const name = field.slice(field.lastIndexOf('.') + 1);
  if (!message.startsWith(`${name} `)) return message;
  const rest = message.slice(name.length + 1);
  return rest.charAt(0).toUpperCase() + rest.slice(1);
}

/** Moves the API's field errors to the form's keys. */
export function channelFieldErrors(serverFields: Readonly<Record<string, string>>): ChannelFormErrors {
  const errors: ChannelFormErrors = {};
  for (const [field, message] of Object.entries(serverFields)) {
    const secret = TEXT_SECRET_FIELDS.find((name) => field === `secrets.${name}`);
    const key = secret ? secretErrorKey(secret) : SERVER_FIELDS[field];
    if (key) errors[key] = withoutFieldName(field, message);
  }
  return errors;
}

/** Fields under "Advanced": it opens by itself when one of them has an error. */
export const ADVANCED_FIELDS: readonly ChannelFormErrorKey[] = [
  'helpText',
  'reopenWindowMinutes',
  'ratePerSecond',
  'pricePerSegment',
  'currency',
  'optOutKeywords',
  'optInKeywords',
  'helpKeywords',
  'optOutReply',
  'optInReply',
  'helpReply',
];

export const hasAdvancedError = (errors: ChannelFormErrors): boolean => ADVANCED_FIELDS.some((field) => Boolean(errors[field]));

export const DEFAULT_REOPEN_WINDOW_MINUTES = 24 * 60;
const MAX_REOPEN_WINDOW_MINUTES = 525_600;
const MAX_RATE_PER_SECOND = 10_000;
const MAX_PRICE_PER_SEGMENT = 100;
const MAX_KEYWORDS = 40;
const MAX_KEYWORD_LENGTH = 40;
const MAX_REPLY_LENGTH = 480;

const KEYWORD_FIELDS: ReadonlyArray<[keyof ChannelKeywords, 'optOutKeywords' | 'optInKeywords' | 'helpKeywords']> = [
  ['optOut', 'optOutKeywords'],
  ['optIn', 'optInKeywords'],
  ['help', 'helpKeywords'],
];

/**
 * The region of the first browser language that names one (`uk` → UA, `en-GB` → GB), else US: the country that
 * national-format numbers are read in, so a sensible guess saves a correction.
 */
export function defaultCountry(languages: readonly string[]): string {
  for (const tag of languages) {
    try {
      const region = new Intl.Locale(tag).maximize().region;
      if (region && /^[A-Z]{2}$/.test(region)) return region;
    } catch {
      // Not a valid language tag: try the next one.
    }
  }
  return 'US';
}

/** "United States" for US; null for anything that is not a two-letter region. */
export function countryName(code: string, locale: string = currentLanguage()): string | null {
  const upper = code.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(upper)) return null;
  try {
    const name = new Intl.DisplayNames(locale, { type: 'region' }).of(upper);
    return name && name !== upper ? name : null;
  } catch {
    return null;
  }
}

/** "STOP, Unsubscribe,stop" → ["STOP", "Unsubscribe"]: commas or new lines separate; case-insensitive duplicates go. */
export function parseKeywords(text: string): string[] {
  const seen = new Set<string>();
  const keywords: string[] = [];
  for (const part of text.split(/[,\n]/)) {
    const keyword = part.trim().replace(/\s+/g, ' ');
    const key = keyword.toLocaleUpperCase();
    if (!keyword || seen.has(key)) continue;
    seen.add(key);
    keywords.push(keyword);
  }
  return keywords;
}

export const formatKeywords = (keywords: readonly string[]): string => keywords.join(', ');

/** '' → undefined (not given); "0,5" reads as 0.5 for people whose decimal separator is a comma; junk → NaN. */
/** Every currency the runtime knows, "UAH · Ukrainian Hryvnia", by code; the names in the console's language. */
export function currencyOptions(locale: string = currentLanguage()): Array<{ value: string; label: string }> {
  const names = new Intl.DisplayNames(locale, { type: 'currency', fallback: 'code' });
  return currencyCodes().map((code) => {
    const name = names.of(code);
    return { value: code, label: name && name !== code ? `${code} · ${name}` : code };
  });
}

export function parseNumber(text: string): number | undefined {
  const trimmed = text.trim().replace(',', '.');
  if (!trimmed) return undefined;
  return /^[+-]?(\d+\.?\d*|\.\d+)$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

export function emptyChannelForm(options: { country: string; teamId?: string; provider?: Provider }): ChannelFormValues {
  const provider = options.provider ?? Provider.Twilio;
  return {
    name: '',
    teamId: options.teamId ?? '',
    provider,
    senderType: SenderType.LongCode,
    sender: '',
    country: options.country,
    secrets: {},
    signatureMethod: '',
    clearedSecrets: [],
    active: true,
    helpText: '',
    reopenWindowMinutes: String(DEFAULT_REOPEN_WINDOW_MINUTES),
    ratePerSecond: '',
    pricePerSegment: '',
    currency: DEFAULT_CURRENCY,
    smartEncoding: false,
    optOutKeywords: '',
    optInKeywords: '',
    helpKeywords: '',
    optOutReply: '',
    optInReply: '',
    helpReply: !providerAnswersKeywords(provider),
  };
}

/**
 * Switching provider while creating: credentials mean something else at the next provider, so they start over, as do
 * the sender type (if the new provider lacks it) and whether HELP is answered (which follows the provider's default).
 */
export function withProvider(values: ChannelFormValues, provider: Provider): ChannelFormValues {
  return {
    ...values,
    provider,
    senderType: senderTypesFor(provider).includes(values.senderType) ? values.senderType : SenderType.LongCode,
    secrets: {},
    signatureMethod: '',
    helpReply: !providerAnswersKeywords(provider),
  };
}

export function channelFormFrom(channel: ChannelView): ChannelFormValues {
  return {
    name: channel.name,
    teamId: channel.teamId,
    provider: channel.provider,
    senderType: channel.senderType,
    sender: channel.sender,
    country: channel.country,
    secrets: {},
    signatureMethod: '',
    clearedSecrets: [],
    active: channel.active,
    helpText: channel.helpText,
    reopenWindowMinutes: String(channel.reopenWindowMinutes),
    ratePerSecond: String(channel.ratePerSecond),
    pricePerSegment: String(channel.pricePerSegment),
    currency: channel.currency,
    smartEncoding: channel.smartEncoding,
    optOutKeywords: formatKeywords(channel.keywords.optOut),
    optInKeywords: formatKeywords(channel.keywords.optIn),
    helpKeywords: formatKeywords(channel.keywords.help),
    optOutReply: channel.confirmations.optOut ?? '',
    optInReply: channel.confirmations.optIn ?? '',
    helpReply: channel.confirmations.help,
  };
}

function numberError(text: string, { min, max, integer, example }: { min: number; max: number; integer?: boolean; example: string }): string | undefined {
  const value = parseNumber(text);
  if (value === undefined) return undefined;
  if (Number.isNaN(value) || (integer && !Number.isInteger(value))) return t(integer ? 'channels.problems.wholeNumber' : 'channels.problems.number', { example });
  if (value < min || value > max) return t('channels.problems.range', { min: formatNumber(min), max: formatNumber(max) });
  return undefined;
}

function keywordsError(text: string): string | undefined {
  const keywords = parseKeywords(text);
  if (keywords.length > MAX_KEYWORDS) return t('channels.problems.tooManyKeywords', { max: MAX_KEYWORDS });
  const long = keywords.find((keyword) => keyword.length > MAX_KEYWORD_LENGTH);
  return long ? t('channels.problems.keywordTooLong', { keyword: `${long.slice(0, 12)}…`, max: MAX_KEYWORD_LENGTH }) : undefined;
}

/**
 * `secretsSet` is the channel's when editing: a required secret that is set may be left empty (it is kept), but not
 * cleared without a replacement.
 */
export function validateChannelForm(values: ChannelFormValues, secretsSet: readonly SecretField[] = []): ChannelFormErrors {
  const errors: ChannelFormErrors = {};
  const spec = PROVIDER_SPECS[values.provider];
  if (!values.name.trim()) errors.name = t('channels.problems.name');
  if (!values.teamId) errors.teamId = t('channels.problems.team');
  if (!values.sender.trim()) errors.sender = values.senderType === SenderType.Alphanumeric ? t('channels.problems.senderId') : t('channels.problems.phoneNumber');
  if (!/^[A-Za-z]{2}$/.test(values.country.trim())) errors.country = t('channels.problems.country');

  for (const secret of spec.secrets) {
    if (!secret.required || values.secrets[secret.field]?.trim()) continue;
    const kept = secretsSet.includes(secret.field) && !values.clearedSecrets.includes(secret.field);
    if (!kept) errors[secretErrorKey(secret.field)] = t('channels.problems.secretRequired', { provider: spec.inSentence });
  }

  const reopen = numberError(values.reopenWindowMinutes, { min: 0, max: MAX_REOPEN_WINDOW_MINUTES, integer: true, example: '1440' });
  if (reopen) errors.reopenWindowMinutes = reopen;
  const rate = numberError(values.ratePerSecond, { min: 0.01, max: MAX_RATE_PER_SECOND, example: '1' });
  if (rate) errors.ratePerSecond = rate;
  const price = numberError(values.pricePerSegment, { min: 0, max: MAX_PRICE_PER_SEGMENT, example: '0.0079' });
  if (price) errors.pricePerSegment = price;
  if (!isCurrencyCode(values.currency)) errors.currency = t('channels.problems.currency');

  for (const [, field] of KEYWORD_FIELDS) {
    const message = keywordsError(values[field]);
    if (message) errors[field] = message;
  }
  for (const field of ['optOutReply', 'optInReply'] as const) {
    if (values[field].trim().length > MAX_REPLY_LENGTH) errors[field] = t('routing.problems.outOfOfficeTooLong', { max: MAX_REPLY_LENGTH });
  }
  return errors;
}

/** Only the lists that were filled in: an empty one keeps the defaults (or, when editing, the current list). */
function keywordLists(values: ChannelFormValues): Partial<ChannelKeywords> {
  const lists: Partial<ChannelKeywords> = {};
  for (const [kind, field] of KEYWORD_FIELDS) {
    const keywords = parseKeywords(values[field]);
    if (keywords.length > 0) lists[kind] = keywords;
  }
  return lists;
}

/** The provider's fields that were filled in, trimmed; a pasted token often brings a space or a line break along. */
function typedSecrets(values: ChannelFormValues): ChannelSecretsInput {
  const secrets: ChannelSecretsInput = {};
  const spec = PROVIDER_SPECS[values.provider];
  for (const { field } of spec.secrets) {
    const value = values.secrets[field]?.trim();
    if (value) secrets[field] = value;
  }
  if (spec.signatureMethod && values.signatureMethod) secrets.signatureMethod = values.signatureMethod;
  return secrets;
}

export function toCreateChannelRequest(values: ChannelFormValues): CreateChannelRequest {
  const request: CreateChannelRequest = {
    teamId: values.teamId,
    name: values.name.trim(),
    provider: values.provider,
    sender: values.sender.trim(),
    senderType: values.senderType,
    country: values.country.trim().toUpperCase(),
    secrets: typedSecrets(values),
  };
  const helpText = values.helpText.trim();
  if (helpText) request.helpText = helpText;
  const keywords = keywordLists(values);
  if (Object.keys(keywords).length > 0) request.keywords = keywords;
  // Empty replies leave the provider's defaults; whether HELP is answered is always said, as the form shows it.
  const optOut = values.optOutReply.trim();
  const optIn = values.optInReply.trim();
  request.confirmations = { help: values.helpReply, ...(optOut ? { optOut } : {}), ...(optIn ? { optIn } : {}) };
  const reopen = parseNumber(values.reopenWindowMinutes);
  if (reopen !== undefined) request.reopenWindowMinutes = reopen;
  const rate = parseNumber(values.ratePerSecond);
  if (rate !== undefined) request.ratePerSecond = rate;
  const price = parseNumber(values.pricePerSegment);
  if (price !== undefined) request.pricePerSegment = price;
  request.currency = values.currency;
  if (values.smartEncoding) request.smartEncoding = true;
  return request;
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((item, index) => item === b[index]);

/**
 * Only what changed, so an edit cannot overwrite a concurrent change to another field. Secrets: a typed value
 * replaces, a cleared one is sent as '' (removed), anything else is left out (kept).
 */
export function toUpdateChannelRequest(original: ChannelView, values: ChannelFormValues): UpdateChannelRequest {
  const changes: UpdateChannelRequest = {};
  const name = values.name.trim();
  if (name !== original.name) changes.name = name;
  if (values.teamId !== original.teamId) changes.teamId = values.teamId;
  const sender = values.sender.trim();
  if (sender !== original.sender) changes.sender = sender;
  if (values.senderType !== original.senderType) changes.senderType = values.senderType;
  const country = values.country.trim().toUpperCase();
  if (country !== original.country) changes.country = country;
  if (values.active !== original.active) changes.active = values.active;

  const secrets = typedSecrets(values);
  for (const field of values.clearedSecrets) {
    if (!(field in secrets) && original.secretsSet.includes(field)) secrets[field] = '';
  }
  if (Object.keys(secrets).length > 0) changes.secrets = secrets;

  const helpText = values.helpText.trim();
  if (helpText !== original.helpText) changes.helpText = helpText;

  const keywords = Object.fromEntries(
    Object.entries(keywordLists(values)).filter(([kind, list]) => !sameList(list, original.keywords[kind as keyof ChannelKeywords])),
  ) as Partial<ChannelKeywords>;
  if (Object.keys(keywords).length > 0) changes.keywords = keywords;

  const confirmations: UpdateChannelRequest['confirmations'] = {};
  // An emptied reply means "send none".
  const optOut = values.optOutReply.trim() || null;
  const optIn = values.optInReply.trim() || null;
  if (optOut !== original.confirmations.optOut) confirmations.optOut = optOut;
  if (optIn !== original.confirmations.optIn) confirmations.optIn = optIn;
  if (values.helpReply !== original.confirmations.help) confirmations.help = values.helpReply;
  if (Object.keys(confirmations).length > 0) changes.confirmations = confirmations;

  const reopen = parseNumber(values.reopenWindowMinutes);
  if (reopen !== undefined && reopen !== original.reopenWindowMinutes) changes.reopenWindowMinutes = reopen;
  const rate = parseNumber(values.ratePerSecond);
  if (rate !== undefined && rate !== original.ratePerSecond) changes.ratePerSecond = rate;
  const price = parseNumber(values.pricePerSegment);
  if (price !== undefined && price !== original.pricePerSegment) changes.pricePerSegment = price;
  if (values.currency !== original.currency) changes.currency = values.currency;
  if (values.smartEncoding !== original.smartEncoding) changes.smartEncoding = values.smartEncoding;
  return changes;
}
