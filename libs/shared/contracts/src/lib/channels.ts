/** Providers Backtalk speaks to. `generic` is Backtalk's own signed JSON format for any other aggregator. */
export enum Provider {
  Twilio = 'twilio',
  Infobip = 'infobip',
  Vonage = 'vonage',
  Telnyx = 'telnyx',
  Plivo = 'plivo',
  Sinch = 'sinch',
  Bandwidth = 'bandwidth',
  Generic = 'generic',
}

export const PROVIDERS: readonly Provider[] = Object.values(Provider);

export enum SenderType {
  LongCode = 'long_code',
  TollFree = 'toll_free',
  ShortCode = 'short_code',
  Alphanumeric = 'alphanumeric',
  /** A Twilio Messaging Service: a pool of numbers behind one webhook. */
  MessagingService = 'messaging_service',
}

/** Default sending rate, in message segments per second, by sender type (carriers reference, section 12). */
export const DEFAULT_RATE_PER_SECOND: Readonly<Record<SenderType, number>> = {
  [SenderType.LongCode]: 1,
  [SenderType.TollFree]: 3,
  [SenderType.ShortCode]: 100,
  [SenderType.Alphanumeric]: 10,
  [SenderType.MessagingService]: 1,
};

export interface ChannelKeywords {
  optOut: string[];
  optIn: string[];
  help: string[];
}

/** Replies sent when a keyword changes consent; null = send none (e.g. the provider already sends its own). */
export interface ChannelConfirmations {
  optOut: string | null;
  optIn: string | null;
  /** Answer HELP keywords with the channel's help text. */
  help: boolean;
}

/** What a channel's provider needs. Write-only over the API: reads return only which fields are set. */
export interface ChannelSecretsInput {
  accountSid?: string;
  authToken?: string;
  apiKey?: string;
  apiSecret?: string;
  signatureSecret?: string;
  signatureMethod?: 'md5hash' | 'md5' | 'sha1' | 'sha256' | 'sha512';
  publicKey?: string;
  basicAuthUsername?: string;
  basicAuthPassword?: string;
  baseUrl?: string;
  servicePlanId?: string;
  applicationId?: string;
}

export interface ChannelView {
  id: string;
  teamId: string;
  name: string;
  provider: Provider;
  sender: string;
  senderType: SenderType;
  country: string;
  helpText: string;
  keywords: ChannelKeywords;
  confirmations: ChannelConfirmations;
  reopenWindowMinutes: number;
  ratePerSecond: number;
  /** In `currency`, per message segment; what the composer's estimate and the reports' costs are counted from. */
  pricePerSegment: number;
  /** ISO 4217 code of `pricePerSegment` (and of the costs of this channel's messages in the reports). */
  currency: string;
  active: boolean;
  /** Replies have look-alike characters (curly quotes, long dashes) replaced so they stay GSM-7. */
  smartEncoding: boolean;
  /** The names of the secret fields that are set; their values are never returned. */
  secretsSet: Array<keyof ChannelSecretsInput>;
  /** The URL to paste into the provider's console, for inbound messages and delivery reports alike. */
  webhookUrl: string;
  createdAt: string;
}

export interface CreateChannelRequest {
  teamId: string;
  name: string;
  provider: Provider;
  sender: string;
  senderType: SenderType;
  country: string;
  secrets: ChannelSecretsInput;
  helpText?: string;
  keywords?: Partial<ChannelKeywords>;
  confirmations?: Partial<ChannelConfirmations>;
  reopenWindowMinutes?: number;
  ratePerSecond?: number;
  pricePerSegment?: number;
  /**
   * ISO 4217 code of the price, default DEFAULT_CURRENCY. Past messages keep their cost as a number, so changing it
   * later counts their cost in the new currency too.
   */
  currency?: string;
  smartEncoding?: boolean;
}

export type UpdateChannelRequest = Partial<Omit<CreateChannelRequest, 'provider'>> & { active?: boolean };
