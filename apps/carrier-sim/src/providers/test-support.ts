import { Provider } from '@backtalk/contracts';
import { type GenericNumber, type InfobipNumber, numberId, type TwilioNumber } from '../numbers';
import { type InboundRecord, type SendRecord } from '../traffic';

// Shared by the provider specs: a channel of each provider and the records the simulator keeps.

export const TWILIO_NUMBER: TwilioNumber = {
  id: numberId(Provider.Twilio, '+15005550006'),
  provider: Provider.Twilio,
  sender: '+15005550006',
  name: 'Support',
  inboundWebhookUrl: 'https://backtalk.example.com/api/webhooks/twilio/0190a5f2-7c3e-7a41-9d2b-6f1e2a3b4c5d',
  credentials: { accountSid: 'ACsim00000000000000000000000000001', authToken: 'sim-token' },
};

export const INFOBIP_NUMBER: InfobipNumber = {
  id: numberId(Provider.Infobip, '+380441234567'),
  provider: Provider.Infobip,
  sender: '+380441234567',
  name: 'Billing',
  inboundWebhookUrl: 'https://backtalk.example.com/api/webhooks/infobip/0190a5f2-7c3e-7a41-9d2b-6f1e2a3b4c5e',
  credentials: { apiKey: 'key', basicAuthUsername: 'backtalk', basicAuthPassword: 'пароль' },
};

export const GENERIC_NUMBER: GenericNumber = {
  id: numberId(Provider.Generic, '+15550001111'),
  provider: Provider.Generic,
  sender: '+15550001111',
  name: 'Aggregator',
  inboundWebhookUrl: 'https://backtalk.example.com/api/webhooks/generic/0190a5f2-7c3e-7a41-9d2b-6f1e2a3b4c5f',
  credentials: { signatureSecret: 'whsec_sim' },
};

export function sendRecord(overrides: Partial<SendRecord> = {}): SendRecord {
  return {
    id: 'SM0123456789abcdef0123456789abcdef',
    provider: Provider.Twilio,
    numberId: TWILIO_NUMBER.id,
    channel: 'Support',
    from: TWILIO_NUMBER.sender,
    to: '+380501234567',
    phone: '+380501234567',
    text: 'Ваше замовлення відправлено',
    segments: 1,
    receivedAt: '2026-11-25T10:00:00.000Z',
    attempt: 1,
    clientReference: null,
    batchId: null,
    callbackData: null,
    statusCallbackUrl: TWILIO_NUMBER.inboundWebhookUrl,
    answered: true,
    status: 'queued',
    errorCode: null,
    reports: [],
    ...overrides,
  };
}

export function inboundRecord(overrides: Partial<InboundRecord> = {}): InboundRecord {
  return {
    id: 'SMfedcba9876543210fedcba9876543210',
    provider: Provider.Twilio,
    numberId: TWILIO_NUMBER.id,
    channel: 'Support',
    phone: '+380501234567',
    to: TWILIO_NUMBER.sender,
    text: 'Де моє замовлення?',
    segments: 1,
    sentAt: '2026-11-25T10:01:00.000Z',
    webhookUrl: TWILIO_NUMBER.inboundWebhookUrl,
    backtalkStatus: null,
    error: null,
    ...overrides,
  };
}
