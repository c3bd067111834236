export {
  type CarrierAdapter,
  type ChannelSecrets,
  type DeliveryReport,
  DeliveryStatus,
  ErrorCategory,
  type InboundSms,
  type ProviderError,
  type Verification,
  type VonageSignatureMethod,
  type WebhookEvents,
  type WebhookRequest,
  WebhookParseError,
} from './lib/carrier-adapter';
export { adapterFor } from './lib/adapters';
export { acceptsContentType, checkWebhookEvents, mediaTypeOf, WEBHOOK_LIMITS } from './lib/webhook-input';
export { GENERIC_SIGNATURE_HEADER, signGenericWebhook } from './lib/providers/generic';
export { basicAuthHeader } from './lib/internal/basic-auth';
export { type FormParams, plivoV2Signature, plivoV3Signature, sinchSignature, telnyxSignature, twilioSignature, vonageSignature } from './lib/signing';
export {
  type CarrierSender,
  type HttpRequestSpec,
  type LookupOutcome,
  type OutboundSms,
  SendConfigurationError,
  type SendCredentials,
  type SendOutcome,
} from './lib/send';
export { senderFor } from './lib/senders';
