import { Provider } from '@backtalk/contracts';
import { FieldReader, InvalidInput, isRecord } from './validation';

const SIMULATED_PROVIDERS = [Provider.Twilio, Provider.Infobip, Provider.Generic] as const;
export type SimulatedProvider = (typeof SIMULATED_PROVIDERS)[number];

interface NumberBase {
  /** `provider:sender`: one sender may exist at two providers. */
  id: string;
  /** What Backtalk's channel sends from: E.164, short code, alphanumeric sender or Twilio Messaging Service SID. */
  sender: string;
  /** The channel's name, so people can say "Support" instead of the number. */
  name: string | null;
  /** The channel's webhook URL: inbound messages go there, and it is the URL Twilio signatures cover. */
  inboundWebhookUrl: string;
}

// Credential names are those of Backtalk's channel secrets (ChannelSecretsInput), so a channel's secrets can be
// registered as they are.
export interface TwilioNumber extends NumberBase {
  provider: Provider.Twilio;
  credentials: { accountSid: string; authToken: string };
}

export interface InfobipNumber extends NumberBase {
  provider: Provider.Infobip;
  /** `apiKey` authenticates Backtalk's sends; the Basic credentials are what Backtalk checks on our webhooks. */
  credentials: { apiKey: string; basicAuthUsername: string; basicAuthPassword: string };
}

/** Backtalk's own format: one secret signs Backtalk's sends and the simulator's webhooks alike. */
export interface GenericNumber extends NumberBase {
  provider: Provider.Generic;
  credentials: { signatureSecret: string };
}

export type SimNumber = TwilioNumber | InfobipNumber | GenericNumber;

const REGISTRATION_FIELDS = ['provider', 'sender', 'name', 'inboundWebhookUrl', 'credentials'];

/**
 * `PUT /sim/api/numbers` and SIM_NUMBERS_FILE: one registration, an array of them, or `{ "numbers": [...] }`.
 * Credential fields a provider does not use are ignored, so a channel's whole secrets object can be passed.
 * @throws InvalidInput listing every problem
 */
export function parseNumberRegistrations(body: unknown): SimNumber[] {
  const items = Array.isArray(body) ? body : isRecord(body) && Array.isArray(body['numbers']) ? body['numbers'] : [body];
  if (items.length === 0) throw new InvalidInput(['no numbers given']);
  const problems: string[] = [];
  const numbers: SimNumber[] = [];
  items.forEach((item, index) => {
    const context = items.length > 1 || Array.isArray(body) ? `numbers[${index}]` : '';
    const parsed = parseRegistration(item, context);
    if (parsed instanceof InvalidInput) problems.push(...parsed.problems);
    else numbers.push(parsed);
  });
  if (problems.length > 0) throw new InvalidInput(problems);
  return numbers;
}

function parseRegistration(item: unknown, context: string): SimNumber | InvalidInput {
  if (!isRecord(item)) return new InvalidInput([`${context || 'the body'} must be a JSON object`]);
  const fields = new FieldReader(item, context);
  fields.rejectUnknown(REGISTRATION_FIELDS);
  const provider = fields.oneOf('provider', SIMULATED_PROVIDERS);
  if (!fields.has('provider')) fields.problem(`${prefix(context)}provider is required (one of ${SIMULATED_PROVIDERS.join(', ')})`);
  const sender = fields.string('sender', { required: true, maxLength: 64 });
  const name = fields.string('name', { maxLength: 200 }) ?? null;
  const inboundWebhookUrl = fields.string('inboundWebhookUrl', { required: true, maxLength: 2000 });
  if (inboundWebhookUrl !== undefined && !isHttpUrl(inboundWebhookUrl)) fields.problem(`${prefix(context)}inboundWebhookUrl must be an http:// or https:// URL`);

  const rawCredentials = item['credentials'];
  const credentials = new FieldReader(isRecord(rawCredentials) ? rawCredentials : {}, `${prefix(context)}credentials`);
  if (!isRecord(rawCredentials)) fields.problem(`${prefix(context)}credentials must be an object`);

  let number: SimNumber | undefined;
  if (provider === Provider.Twilio && sender && inboundWebhookUrl) {
    const accountSid = credentials.string('accountSid', { required: true, maxLength: 64 });
    const authToken = credentials.string('authToken', { required: true, maxLength: 200 });
    if (accountSid && authToken) number = { id: numberId(provider, sender), provider, sender, name, inboundWebhookUrl, credentials: { accountSid, authToken } };
  } else if (provider === Provider.Infobip && sender && inboundWebhookUrl) {
    const apiKey = credentials.string('apiKey', { required: true, maxLength: 200 });
    // Backtalk refuses Infobip webhooks without Basic credentials, so a number without them could never report.
    const basicAuthUsername = credentials.string('basicAuthUsername', { required: true, maxLength: 200 });
    const basicAuthPassword = credentials.string('basicAuthPassword', { required: true, maxLength: 200 });
    if (apiKey && basicAuthUsername && basicAuthPassword) {
      number = { id: numberId(provider, sender), provider, sender, name, inboundWebhookUrl, credentials: { apiKey, basicAuthUsername, basicAuthPassword } };
    }
  } else if (provider === Provider.Generic && sender && inboundWebhookUrl) {
    const signatureSecret = credentials.string('signatureSecret', { required: true, maxLength: 200 });
    if (signatureSecret) number = { id: numberId(provider, sender), provider, sender, name, inboundWebhookUrl, credentials: { signatureSecret } };
  }

  const problems = [...fields.problems, ...credentials.problems];
  if (problems.length > 0 || !number) return new InvalidInput(problems.length > 0 ? problems : [`${context || 'the number'} is incomplete`]);
  return number;
}

function prefix(context: string): string {
  return context ? `${context}.` : '';
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

export function numberId(provider: SimulatedProvider, sender: string): string {
  return `${provider}:${comparableAddress(sender)}`;
}

/**
 * Providers and people write the same sender differently: Infobip drops the plus, people add spaces; a Messaging
 * Service SID or an alphanumeric sender may come in any case.
 */
export function comparableAddress(address: string): string {
  return address.replace(/[\s().-]/g, '').replace(/^\+/, '').toLowerCase();
}

/** Numbers as others may see them: the secrets stay in the simulator. */
export function publicView(number: SimNumber): Omit<SimNumber, 'credentials'> & { credentials: Record<string, string> } {
  return { ...number, credentials: visibleCredentials(number) };
}

function visibleCredentials(number: SimNumber): Record<string, string> {
  switch (number.provider) {
    case Provider.Twilio:
      return { accountSid: number.credentials.accountSid, authToken: '[set]' };
    case Provider.Infobip:
      return { apiKey: `${number.credentials.apiKey.slice(0, 4)}…`, basicAuthUsername: number.credentials.basicAuthUsername, basicAuthPassword: '[set]' };
    case Provider.Generic:
      return { signatureSecret: '[set]' };
  }
}

/** Nothing, or more than one number, matches what someone typed. */
export class UnknownNumber extends Error {
  override readonly name = 'UnknownNumber';
}

export class NumberRegistry {
  private readonly numbers = new Map<string, SimNumber>();

  constructor(initial: readonly SimNumber[] = []) {
    this.register(initial);
  }

  /** Adds or replaces (same provider and sender) each number. */
  register(numbers: readonly SimNumber[]): void {
    for (const number of numbers) this.numbers.set(number.id, number);
  }

  remove(id: string): boolean {
    return this.numbers.delete(id);
  }

  list(): SimNumber[] {
    return [...this.numbers.values()];
  }

  get(id: string): SimNumber | undefined {
    return this.numbers.get(id);
  }

  /**
   * The number someone means by its id, sender or channel name.
   * @throws UnknownNumber when nothing or more than one number matches, naming the candidates
   */
  resolve(reference: string): SimNumber {
    const wanted = reference.trim();
    const byId = this.byId(wanted);
    if (byId) return byId;
    const address = comparableAddress(wanted);
    const matches = this.list().filter((number) => comparableAddress(number.sender) === address || number.name?.toLowerCase() === wanted.toLowerCase());
    if (matches.length === 1) return matches[0];
    const known = this.list()
      .map((number) => (number.name ? `${number.sender} (${number.name})` : number.sender))
      .join(', ');
    if (matches.length === 0) throw new UnknownNumber(`no registered number matches "${reference}"; registered: ${known || 'none'}`);
    throw new UnknownNumber(`"${reference}" matches several numbers (${matches.map((number) => number.id).join(', ')}); use one of those ids`);
  }

  private byId(reference: string): SimNumber | undefined {
    const separator = reference.indexOf(':');
    const provider = SIMULATED_PROVIDERS.find((candidate) => candidate === reference.slice(0, separator).toLowerCase());
    return provider && separator > 0 ? this.numbers.get(numberId(provider, reference.slice(separator + 1))) : undefined;
  }

  twilioNumbers(accountSid: string, authToken: string): TwilioNumber[] {
    return this.list().filter(
      (number): number is TwilioNumber => number.provider === Provider.Twilio && number.credentials.accountSid === accountSid && number.credentials.authToken === authToken,
    );
  }

  infobipNumbers(apiKey: string): InfobipNumber[] {
    return this.list().filter((number): number is InfobipNumber => number.provider === Provider.Infobip && number.credentials.apiKey === apiKey);
  }

  genericNumbers(sender: string): GenericNumber[] {
    const address = comparableAddress(sender);
    return this.list().filter((number): number is GenericNumber => number.provider === Provider.Generic && comparableAddress(number.sender) === address);
  }
}
