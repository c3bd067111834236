import { randomUUID } from 'node:crypto';
import { type ChannelSecretsInput, Provider, SenderType } from '@backtalk/contracts';
import {
  basicAuthJson,
  type FormParams,
  genericSigned,
  plivoV2,
  type SignedWebhook,
  sinchSigned,
  telnyxKeys,
  telnyxSigned,
  twilioForm,
  vonageGet,
} from '@backtalk/testing';

export interface InboundFixture {
  id: string;
  from: string;
  to: string;
  text: string;
  /** Seconds since the epoch; providers that carry a timestamp get it. */
  at?: number;
}

export interface ReportFixture {
  id: string;
  to: string;
  from: string;
}

export interface ProviderFixture {
  provider: Provider;
  sender: string;
  senderType: SenderType;
  country: string;
  secrets: ChannelSecretsInput;
  /** The documented inbound payload for this provider, signed. */
  inbound(path: string, message: InboundFixture): SignedWebhook;
  /** A final "delivered" report. */
  delivered(path: string, report: ReportFixture): SignedWebhook;
  /** A report that ranks below delivered (or, where the provider has none, another final one). */
  earlier(path: string, report: ReportFixture): SignedWebhook;
  /** The same request with a signature made with the wrong secret. */
  forged(path: string, message: InboundFixture): SignedWebhook;
}

export const PUBLIC_BASE_URL = 'https://backtalk.test';
const iso = (seconds?: number) => new Date((seconds ?? Date.now() / 1000) * 1000).toISOString();
const plain = (number: string) => number.replace(/^\+/, '');

const twilioInbound = (message: InboundFixture): FormParams => [
  ['ToCountry', 'US'],
  ['ToState', 'CA'],
  ['SmsMessageSid', message.id],
  ['NumMedia', '0'],
  ['ToCity', ''],
  ['FromZip', ''],
  ['SmsSid', message.id],
  ['FromState', ''],
  ['SmsStatus', 'received'],
  ['FromCity', ''],
  ['Body', message.text],
  ['FromCountry', 'UA'],
  ['To', message.to],
  ['MessagingServiceSid', ''],
  ['ToZip', ''],
  ['NumSegments', '1'],
  ['MessageSid', message.id],
  ['AccountSid', 'AC0123456789abcdef0123456789abcdef'],
  ['From', message.from],
  ['ApiVersion', '2010-04-01'],
];

const twilioStatus = (report: ReportFixture, status: string): FormParams => [
  ['SmsSid', report.id],
  ['SmsStatus', status],
  ['MessageStatus', status],
  ['To', report.to],
  ['MessageSid', report.id],
  ['AccountSid', 'AC0123456789abcdef0123456789abcdef'],
  ['From', report.from],
  ['ApiVersion', '2010-04-01'],
];

const vonageInbound = (message: InboundFixture) => ({
  msisdn: plain(message.from),
  to: plain(message.to),
  messageId: message.id,
  text: message.text,
  type: 'text',
  keyword: message.text.split(/\s+/)[0].toUpperCase(),
  'api-key': 'abcd1234',
  'message-timestamp': iso(message.at).replace('T', ' ').slice(0, 19),
  timestamp: String(Math.floor(Date.now() / 1000)),
  nonce: randomUUID(),
});

const vonageReport = (report: ReportFixture, status: string) => ({
  msisdn: plain(report.to),
  to: plain(report.from),
  'network-code': '25501',
  messageId: report.id,
  price: '0.03330000',
  status,
  scts: '2611250210',
  'err-code': '0',
  'api-key': 'abcd1234',
  'message-timestamp': iso().replace('T', ' ').slice(0, 19),
  timestamp: String(Math.floor(Date.now() / 1000)),
  nonce: randomUUID(),
});

const infobipReport = (report: ReportFixture, group: { groupId: number; groupName: string; id: number; name: string; description: string }) => ({
  results: [
    {
      bulkId: 'BULK-1',
      messageId: report.id,
      to: plain(report.to),
      sentAt: iso(),
      doneAt: iso(),
      smsCount: 1,
      price: { pricePerMessage: 0.01, currency: 'EUR' },
      status: group,
      error: { groupId: 0, groupName: 'OK', id: 0, name: 'NO_ERROR', description: 'No Error', permanent: false },
    },
  ],
});

const telnyx = telnyxKeys();
const otherTelnyx = telnyxKeys();
const telnyxInbound = (message: InboundFixture) => ({
  data: {
    event_type: 'message.received',
    id: randomUUID(),
    occurred_at: iso(message.at),
    payload: {
      cc: [],
      completed_at: null,
      cost: null,
      direction: 'inbound',
      encoding: 'GSM-7',
      errors: [],
      from: { carrier: 'T-Mobile USA', line_type: 'long_code', phone_number: message.from },
      id: message.id,
      media: [],
      messaging_profile_id: '740572b6-099c-44a1-89b9-6c92163bc68d',
      parts: 1,
      received_at: iso(message.at),
      record_type: 'message',
      sent_at: null,
      tags: [],
      text: message.text,
      to: [{ carrier: 'Telnyx', line_type: 'Wireless', phone_number: message.to, status: 'webhook_delivered' }],
      type: 'SMS',
      valid_until: null,
      webhook_failover_url: null,
      webhook_url: 'https://backtalk.test/api/webhooks',
    },
    record_type: 'event',
  },
  meta: { attempt: 1, delivered_to: 'https://backtalk.test/api/webhooks' },
});
const telnyxReport = (report: ReportFixture, eventType: string, status: string) => ({
  data: {
    event_type: eventType,
    id: randomUUID(),
    occurred_at: iso(),
    payload: {
      direction: 'outbound',
      from: { phone_number: report.from },
      id: report.id,
      parts: 1,
      record_type: 'message',
      text: '',
      to: [{ phone_number: report.to, status }],
      type: 'SMS',
      errors: [],
      completed_at: iso(),
      sent_at: iso(),
    },
    record_type: 'event',
  },
  meta: { attempt: 1, delivered_to: 'https://backtalk.test/api/webhooks' },
});

const plivoInbound = (message: InboundFixture): FormParams => [
  ['From', plain(message.from)],
  ['To', plain(message.to)],
  ['Text', message.text],
  ['Type', 'sms'],
  ['MessageUUID', message.id],
  ['Units', '1'],
  ['TotalRate', '0'],
  ['TotalAmount', '0'],
  ['MessageIntent', ''],
  ['PowerpackUUID', ''],
];
const plivoReport = (report: ReportFixture, status: string): FormParams => [
  ['MessageUUID', report.id],
  ['To', plain(report.to)],
  ['From', plain(report.from)],
  ['Type', 'sms'],
  ['Status', status],
  ['Units', '1'],
  ['TotalRate', '0.0035'],
  ['TotalAmount', '0.0035'],
  ['MCC', '255'],
  ['MNC', '01'],
  ['ErrorCode', ''],
  ['Sequence', status === 'delivered' ? '3' : '2'],
];

const bandwidthInbound = (message: InboundFixture) => [
  {
    type: 'message-received',
    time: iso(message.at),
    description: 'Incoming message received',
    to: message.to,
    message: {
      id: message.id,
      owner: message.to,
      applicationId: '93de2206-9669-4e07-948d-329f4b722ee2',
      time: iso(message.at),
      segmentCount: 1,
      direction: 'in',
      to: [message.to],
      from: message.from,
      text: message.text,
      media: [],
    },
  },
];
const bandwidthReport = (report: ReportFixture, type: 'message-delivered' | 'message-failed') => [
  {
    type,
    time: iso(),
    description: type === 'message-delivered' ? 'ok' : 'rejected-unallocated-to-number',
    to: report.to,
    ...(type === 'message-failed' ? { errorCode: 4720 } : {}),
    message: {
      id: report.id,
      owner: report.from,
      applicationId: '93de2206-9669-4e07-948d-329f4b722ee2',
      time: iso(),
      segmentCount: 1,
      direction: 'out',
      to: [report.to],
      from: report.from,
      text: '',
      tag: '',
    },
  },
];

export const PROVIDER_FIXTURES: ProviderFixture[] = [
  {
    provider: Provider.Twilio,
    sender: '+14155550100',
    senderType: SenderType.LongCode,
    country: 'US',
    secrets: { accountSid: 'AC0123456789abcdef0123456789abcdef', authToken: 'twilio-auth-token' },
    inbound: (path, message) => twilioForm(PUBLIC_BASE_URL, path, twilioInbound(message), 'twilio-auth-token'),
    delivered: (path, report) => twilioForm(PUBLIC_BASE_URL, path, twilioStatus(report, 'delivered'), 'twilio-auth-token'),
    earlier: (path, report) => twilioForm(PUBLIC_BASE_URL, path, twilioStatus(report, 'sent'), 'twilio-auth-token'),
    forged: (path, message) => twilioForm(PUBLIC_BASE_URL, path, twilioInbound(message), 'not-the-token'),
  },
  {
    provider: Provider.Vonage,
    sender: '+14155550101',
    senderType: SenderType.LongCode,
    country: 'US',
    secrets: { apiKey: 'abcd1234', apiSecret: 'vonage-api-secret', signatureSecret: 'vonage-signature-secret', signatureMethod: 'md5hash' },
    inbound: (path, message) => vonageGet(path, vonageInbound(message), 'vonage-signature-secret'),
    delivered: (path, report) => vonageGet(path, vonageReport(report, 'delivered'), 'vonage-signature-secret'),
    earlier: (path, report) => vonageGet(path, vonageReport(report, 'accepted'), 'vonage-signature-secret'),
    forged: (path, message) => vonageGet(path, vonageInbound(message), 'wrong-secret'),
  },
  {
    provider: Provider.Infobip,
    sender: '+14155550102',
    senderType: SenderType.LongCode,
    country: 'US',
    secrets: { apiKey: 'infobip-api-key', baseUrl: 'https://xyz.api.infobip.com', basicAuthUsername: 'backtalk', basicAuthPassword: 'infobip-hook-password' },
    inbound: (path, message) =>
      basicAuthJson(
        path,
        {
          results: [
            {
              messageId: message.id,
              from: plain(message.from),
              to: plain(message.to),
              text: message.text,
              cleanText: message.text,
              keyword: '',
              receivedAt: iso(message.at),
              smsCount: 1,
              price: { pricePerMessage: 0, currency: 'EUR' },
              callbackData: null,
            },
          ],
          messageCount: 1,
          pendingMessageCount: 0,
        },
        'backtalk',
        'infobip-hook-password',
      ),
    delivered: (path, report) =>
      basicAuthJson(path, infobipReport(report, { groupId: 3, groupName: 'DELIVERED', id: 5, name: 'DELIVERED_TO_HANDSET', description: 'Message delivered to handset' }), 'backtalk', 'infobip-hook-password'),
    earlier: (path, report) =>
      basicAuthJson(path, infobipReport(report, { groupId: 1, groupName: 'PENDING', id: 26, name: 'PENDING_ACCEPTED', description: 'Message sent to next instance' }), 'backtalk', 'infobip-hook-password'),
    forged: (path, message) => basicAuthJson(path, { results: [{ messageId: message.id, from: message.from, to: message.to, text: message.text }] }, 'backtalk', 'guess'),
  },
  {
    provider: Provider.Telnyx,
    sender: '+14155550103',
    senderType: SenderType.LongCode,
    country: 'US',
    secrets: { apiKey: 'KEY0123', publicKey: telnyx.publicKeyBase64 },
    inbound: (path, message) => telnyxSigned(path, telnyxInbound(message), telnyx),
    delivered: (path, report) => telnyxSigned(path, telnyxReport(report, 'message.finalized', 'delivered'), telnyx),
    earlier: (path, report) => telnyxSigned(path, telnyxReport(report, 'message.sent', 'sent'), telnyx),
    forged: (path, message) => telnyxSigned(path, telnyxInbound(message), otherTelnyx),
  },
  {
    provider: Provider.Plivo,
    sender: '+14155550104',
    senderType: SenderType.LongCode,
    country: 'US',
    secrets: { accountSid: 'MA0123456789', authToken: 'plivo-auth-token' },
    inbound: (path, message) => plivoV2(PUBLIC_BASE_URL, path, plivoInbound(message), 'plivo-auth-token'),
    delivered: (path, report) => plivoV2(PUBLIC_BASE_URL, path, plivoReport(report, 'delivered'), 'plivo-auth-token'),
    earlier: (path, report) => plivoV2(PUBLIC_BASE_URL, path, plivoReport(report, 'sent'), 'plivo-auth-token'),
    forged: (path, message) => plivoV2(PUBLIC_BASE_URL, path, plivoInbound(message), 'wrong-token'),
  },
  {
    provider: Provider.Sinch,
    sender: '+14155550105',
    senderType: SenderType.LongCode,
    country: 'US',
    secrets: { servicePlanId: 'plan-1', apiKey: 'sinch-api-token', signatureSecret: 'sinch-webhook-secret' },
    inbound: (path, message) =>
      sinchSigned(
        path,
        { type: 'mo_text', id: message.id, from: plain(message.from), to: plain(message.to), body: message.text, operator_id: '25501', received_at: iso(message.at) },
        'sinch-webhook-secret',
      ),
    delivered: (path, report) =>
      sinchSigned(path, { type: 'recipient_delivery_report_sms', batch_id: report.id, recipient: plain(report.to), code: 0, status: 'Delivered', at: iso() }, 'sinch-webhook-secret'),
    earlier: (path, report) =>
      sinchSigned(path, { type: 'recipient_delivery_report_sms', batch_id: report.id, recipient: plain(report.to), code: 400, status: 'Dispatched', at: iso() }, 'sinch-webhook-secret'),
    forged: (path, message) => sinchSigned(path, { type: 'mo_text', id: message.id, from: message.from, to: message.to, body: message.text }, 'wrong-secret'),
  },
  {
    provider: Provider.Bandwidth,
    sender: '+14155550106',
    senderType: SenderType.LongCode,
    country: 'US',
    secrets: { accountSid: '9900000', apiKey: 'bw-user', apiSecret: 'bw-pass', applicationId: '93de2206', basicAuthUsername: 'backtalk', basicAuthPassword: 'bandwidth-hook-password' },
    inbound: (path, message) => basicAuthJson(path, bandwidthInbound(message), 'backtalk', 'bandwidth-hook-password'),
    delivered: (path, report) => basicAuthJson(path, bandwidthReport(report, 'message-delivered'), 'backtalk', 'bandwidth-hook-password'),
    earlier: (path, report) => basicAuthJson(path, bandwidthReport(report, 'message-failed'), 'backtalk', 'bandwidth-hook-password'),
    forged: (path, message) => basicAuthJson(path, bandwidthInbound(message), 'backtalk', 'guess'),
  },
  {
    provider: Provider.Generic,
    sender: '+14155550107',
    senderType: SenderType.LongCode,
    country: 'US',
    secrets: { signatureSecret: 'generic-webhook-secret' },
    inbound: (path, message) =>
      genericSigned(path, { type: 'message', id: message.id, from: message.from, to: message.to, text: message.text, timestamp: iso(message.at) }, 'generic-webhook-secret'),
    delivered: (path, report) => genericSigned(path, { type: 'status', id: report.id, status: 'delivered' }, 'generic-webhook-secret'),
    earlier: (path, report) => genericSigned(path, { type: 'status', id: report.id, status: 'sent' }, 'generic-webhook-secret'),
    forged: (path, message) => genericSigned(path, { type: 'message', id: message.id, from: message.from, to: message.to, text: message.text }, 'wrong-secret'),
  },
];
