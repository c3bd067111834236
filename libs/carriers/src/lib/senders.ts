import { Provider } from '@backtalk/contracts';
import { bandwidthSender } from './providers/bandwidth.send';
import { genericSender } from './providers/generic.send';
import { infobipSender } from './providers/infobip.send';
import { plivoSender } from './providers/plivo.send';
import { sinchSender } from './providers/sinch.send';
import { telnyxSender } from './providers/telnyx.send';
import { twilioSender } from './providers/twilio.send';
import { vonageSender } from './providers/vonage.send';
import { type CarrierSender } from './send';

const SENDERS: Readonly<Record<Provider, CarrierSender>> = {
  [Provider.Twilio]: twilioSender,
  [Provider.Infobip]: infobipSender,
  [Provider.Vonage]: vonageSender,
  [Provider.Telnyx]: telnyxSender,
  [Provider.Plivo]: plivoSender,
  [Provider.Sinch]: sinchSender,
  [Provider.Bandwidth]: bandwidthSender,
  [Provider.Generic]: genericSender,
};

export function senderFor(provider: Provider): CarrierSender {
  const sender = SENDERS[provider] as CarrierSender | undefined;
  // `provider` usually comes from a database column, which the type system cannot vouch for.
  if (!sender) throw new Error(`No carrier sender for provider "${String(provider)}"`);
  return sender;
}
