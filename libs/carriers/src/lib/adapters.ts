import { Provider } from '@backtalk/contracts';
import { type CarrierAdapter } from './carrier-adapter';
import { bandwidthAdapter } from './providers/bandwidth';
import { genericAdapter } from './providers/generic';
import { infobipAdapter } from './providers/infobip';
import { plivoAdapter } from './providers/plivo';
import { sinchAdapter } from './providers/sinch';
import { telnyxAdapter } from './providers/telnyx';
import { twilioAdapter } from './providers/twilio';
import { vonageAdapter } from './providers/vonage';

const ADAPTERS: Readonly<Record<Provider, CarrierAdapter>> = {
  [Provider.Twilio]: twilioAdapter,
  [Provider.Infobip]: infobipAdapter,
  [Provider.Vonage]: vonageAdapter,
  [Provider.Telnyx]: telnyxAdapter,
  [Provider.Plivo]: plivoAdapter,
  [Provider.Sinch]: sinchAdapter,
  [Provider.Bandwidth]: bandwidthAdapter,
  [Provider.Generic]: genericAdapter,
};

export function adapterFor(kind: Provider): CarrierAdapter {
  const adapter = ADAPTERS[kind] as CarrierAdapter | undefined;
  // `kind` usually comes from a database column, which the type system cannot vouch for.
  if (!adapter) throw new Error(`No carrier adapter for provider "${String(kind)}"`);
  return adapter;
}
