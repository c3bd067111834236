import { type ChannelSecretsInput, Provider } from '@backtalk/contracts';

/** What each provider needs to verify its webhooks; without these a channel would have to accept forged requests. */
export const REQUIRED_SECRETS: Readonly<Record<Provider, ReadonlyArray<keyof ChannelSecretsInput>>> = {
  [Provider.Twilio]: ['authToken'],
  [Provider.Plivo]: ['authToken'],
  [Provider.Vonage]: ['signatureSecret'],
  [Provider.Sinch]: ['signatureSecret'],
  [Provider.Telnyx]: ['publicKey'],
  [Provider.Infobip]: ['basicAuthUsername', 'basicAuthPassword'],
  [Provider.Bandwidth]: ['basicAuthUsername', 'basicAuthPassword'],
  [Provider.Generic]: ['signatureSecret'],
};

export function missingSecrets(provider: Provider, secrets: ChannelSecretsInput): Array<keyof ChannelSecretsInput> {
  return REQUIRED_SECRETS[provider].filter((field) => !secrets[field]);
}

/** Applies an update: a field given as an empty string is removed, an absent field is kept. */
export function mergeSecrets(current: ChannelSecretsInput, changes: ChannelSecretsInput): ChannelSecretsInput {
  const merged: Record<string, string> = { ...(current as Record<string, string>) };
  for (const [field, value] of Object.entries(changes) as Array<[string, string | undefined]>) {
    if (value === undefined) continue;
    if (value === '') delete merged[field];
    else merged[field] = value;
  }
  return merged as ChannelSecretsInput;
}
