import { type WebhookRequest } from './carrier-adapter';
import { type OutboundSms } from './send';

// Builders shared by the provider specs; not exported from the library.

export function webhookRequest(init: {
  method?: 'GET' | 'POST';
  url: string;
  headers?: Record<string, string | undefined>;
  body?: string | Buffer;
  receivedAt?: Date;
}): WebhookRequest {
  return {
    method: init.method ?? 'POST',
    url: init.url,
    headers: init.headers ?? {},
    rawBody: Buffer.isBuffer(init.body) ? init.body : Buffer.from(init.body ?? '', 'utf8'),
    receivedAt: init.receivedAt ?? new Date('2024-01-01T00:00:00Z'),
  };
}

export const FORM = { 'content-type': 'application/x-www-form-urlencoded' } as const;
export const JSON_CONTENT = { 'content-type': 'application/json; charset=utf-8' } as const;

// The library's own encoders, so that specs build requests exactly as the senders do.
export { formBody } from './internal/params';
export { basicAuthHeader } from './internal/basic-auth';

/** A GSM-7 reply and a Cyrillic one (UCS-2 on the air), the two encodings every sender spec covers. */
export const GSM7_TEXT = 'Your order #1042 has shipped: track it at https://ex.am/p?q=1&r=2 (50% off next time!)';
export const CYRILLIC_TEXT = 'Привіт! Ваше замовлення №1042 відправлено.';

export function outboundSms(init: Partial<OutboundSms> = {}): OutboundSms {
  return {
    messageId: '0190a5f2-7c3e-7a41-9d2b-6f1e2a3b4c5d',
    from: '+15550001111',
    to: '+380501234567',
    text: GSM7_TEXT,
    statusCallbackUrl: 'https://backtalk.example.com/webhooks/ch_7Hq2/inbound',
    ...init,
  };
}
