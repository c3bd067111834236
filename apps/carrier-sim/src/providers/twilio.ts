import { randomBytes } from 'node:crypto';
import { type FormParams, type HttpRequestSpec, twilioSignature } from '@backtalk/carriers';
import { Provider } from '@backtalk/contracts';
import { toE164 } from '@backtalk/phone';
import { type FastifyInstance, type FastifyReply } from 'fastify';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { type Carrier } from '../carrier';
import { basicCredentials, formOf, type HeldRequests } from '../http';
import { comparableAddress, type SimNumber, type TwilioNumber } from '../numbers';
import { type InboundRecord, type SendRecord } from '../traffic';
import { type ProviderWebhooks, type ReportStep } from './provider-webhooks';

// Twilio Programmable Messaging as our sender (libs/carriers twilio.send.ts) and adapter (twilio.ts) speak it:
// "Create a Message" in, form-encoded webhooks signed with X-Twilio-Signature out.

const API_VERSION = '2010-04-01';
const MESSAGING_SERVICE_SID = /^MG[0-9a-f]{32}$/i;
/** "Unreachable destination handset": what a switched-off phone produces. */
const DEFAULT_ERROR_CODE = '30003';
/** Queue overflow and a suspended account stop the message inside Twilio: `failed`, never `sent`. */
const NEVER_LEFT_TWILIO = new Set(['30001', '30002']);
/**
 * Twilio's default opt-out handling for long codes and toll-free numbers: one of these words alone blocks the pair,
 * and sends to it fail with 21610 until the customer texts an opt-in word (carriers reference §11).
 */
const OPT_OUT_WORDS = new Set(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'REVOKE', 'OPTOUT']);
const OPT_IN_WORDS = new Set(['START', 'YES', 'UNSTOP']);

function twilioSid(prefix: 'SM' | 'MM' = 'SM'): string {
  return prefix + randomBytes(16).toString('hex');
}

function asTwilio(number: SimNumber): TwilioNumber {
  if (number.provider !== Provider.Twilio) throw new Error(`${number.id} is not a Twilio number`);
  return number;
}

function isMessagingService(sender: string): boolean {
  return MESSAGING_SERVICE_SID.test(sender);
}

/** `RawDlrDoneDate`: the carrier's YYMMDDhhmm, passed through by Twilio on final reports. */
function rawDlrDoneDate(at: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${pad(at.getUTCFullYear() % 100)}${pad(at.getUTCMonth() + 1)}${pad(at.getUTCDate())}${pad(at.getUTCHours())}${pad(at.getUTCMinutes())}`;
}

function signedForm(url: string, params: FormParams, authToken: string): HttpRequestSpec {
  return {
    method: 'POST',
    url,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'user-agent': 'TwilioProxy/1.1',
      'x-twilio-signature': twilioSignature(url, params, authToken),
    },
    body: new URLSearchParams(params.map(([key, value]) => [key, value])).toString(),
  };
}

export const twilioWebhooks: ProviderWebhooks = {
  newInboundId: () => twilioSid(),

  carrierKeyword(text) {
    const word = text.trim().toUpperCase();
    return OPT_OUT_WORDS.has(word) ? 'opt-out' : OPT_IN_WORDS.has(word) ? 'opt-in' : null;
  },

  reportSteps(outcome, errorCode): ReportStep[] {
    if (outcome === 'delivered') return [{ status: 'sent', errorCode: null }, { status: 'delivered', errorCode: null }];
    const code = errorCode ?? DEFAULT_ERROR_CODE;
    if (NEVER_LEFT_TWILIO.has(code)) return [{ status: 'failed', errorCode: code }];
    return [{ status: 'sent', errorCode: null }, { status: 'undelivered', errorCode: code }];
  },

  // Field set and order of a real status callback (carriers reference §1; nyaruka/courier captures).
  deliveryReport(send: SendRecord, step: ReportStep, number: SimNumber, at: Date): HttpRequestSpec {
    const twilio = asTwilio(number);
    const service = isMessagingService(twilio.sender);
    const params: Array<[string, string]> = [
      ['SmsSid', send.id],
      ['SmsStatus', step.status],
      ['MessageStatus', step.status],
      ['To', send.to],
    ];
    if (service) params.push(['MessagingServiceSid', twilio.sender]);
    params.push(['MessageSid', send.id], ['AccountSid', twilio.credentials.accountSid]);
    if (!service) params.push(['From', send.from]);
    params.push(['ApiVersion', API_VERSION]);
    if (step.errorCode) params.push(['ErrorCode', step.errorCode]);
    if (step.status !== 'sent') params.push(['RawDlrDoneDate', rawDlrDoneDate(at)]);
    return signedForm(send.statusCallbackUrl ?? twilio.inboundWebhookUrl, params, twilio.credentials.authToken);
  },

  inboundMessage(message: InboundRecord, number: SimNumber): HttpRequestSpec {
    const twilio = asTwilio(number);
    const service = isMessagingService(twilio.sender);
    // Twilio's geo fields are best effort; the country is the part it always knows.
    const fromCountry = parsePhoneNumberFromString(message.phone)?.country ?? '';
    const toCountry = parsePhoneNumberFromString(twilio.sender)?.country ?? '';
    const params: Array<[string, string]> = [
      ['ToCountry', toCountry],
      ['ToState', ''],
      ['SmsMessageSid', message.id],
      ['NumMedia', '0'],
      ['ToCity', ''],
      ['FromZip', ''],
      ['SmsSid', message.id],
      ['FromState', ''],
      ['SmsStatus', 'received'],
      ['FromCity', ''],
      ['Body', message.text],
      ['FromCountry', fromCountry],
      ['To', twilio.sender],
      ['MessagingServiceSid', service ? twilio.sender : ''],
      ['ToZip', ''],
      ['NumSegments', String(message.segments)],
      ['MessageSid', message.id],
      ['AccountSid', twilio.credentials.accountSid],
      ['From', message.phone],
      ['ApiVersion', API_VERSION],
    ];
    return signedForm(twilio.inboundWebhookUrl, params, twilio.credentials.authToken);
  },
};

/** Twilio's error body (twilio-node RestException: code, message, more_info, status). */
function twilioError(reply: FastifyReply, status: number, code: number, message: string): FastifyReply {
  return reply.code(status).send({ code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status });
}

/** RFC 2822 dates, as the Message resource writes them. */
function rfc2822(date: Date): string {
  return date.toUTCString().replace('GMT', '+0000');
}

function messageResource(send: SendRecord, number: TwilioNumber) {
  const service = isMessagingService(number.sender);
  const accountSid = number.credentials.accountSid;
  const created = rfc2822(new Date(send.receivedAt));
  return {
    account_sid: accountSid,
    api_version: API_VERSION,
    body: send.text,
    date_created: created,
    date_sent: null,
    date_updated: created,
    direction: 'outbound-api',
    error_code: null,
    error_message: null,
    // A Messaging Service picks its sender after answering: no From yet, and segments "0" (twilio.send.ts reads that).
    from: service ? null : send.from,
    messaging_service_sid: service ? number.sender : null,
    num_media: '0',
    num_segments: service ? '0' : String(send.segments),
    price: null,
    price_unit: 'USD',
    sid: send.id,
    status: service ? 'accepted' : 'queued',
    subresource_uris: { media: `/${API_VERSION}/Accounts/${accountSid}/Messages/${send.id}/Media.json` },
    to: send.to,
    uri: `/${API_VERSION}/Accounts/${accountSid}/Messages/${send.id}.json`,
  };
}

export function registerTwilioApi(app: FastifyInstance, carrier: Carrier, held: HeldRequests): void {
  app.post<{ Params: { accountSid: string } }>(`/${API_VERSION}/Accounts/:accountSid/Messages.json`, async (request, reply) => {
    const { accountSid } = request.params;
    const credentials = basicCredentials(request.headers.authorization);
    const numbers = credentials && credentials.username === accountSid ? carrier.numbers.twilioNumbers(accountSid, credentials.password) : [];
    if (numbers.length === 0) return twilioError(reply, 401, 20003, 'Authenticate');

    const form = formOf(request.body);
    const to = form.get('To')?.trim();
    const text = form.get('Body') ?? '';
    const serviceSid = form.get('MessagingServiceSid')?.trim();
    const from = form.get('From')?.trim();
    if (!to) return twilioError(reply, 400, 21604, "A 'To' phone number is required.");
    if (!text) return twilioError(reply, 400, 21602, 'Message body is required.');
    const sender = serviceSid || from;
    if (!sender) return twilioError(reply, 400, 21603, "A 'From' phone number is required.");
    const number = numbers.find((candidate) => comparableAddress(candidate.sender) === comparableAddress(sender));
    if (!number) {
      return twilioError(reply, 400, 21606, `The From phone number ${sender} is not a valid, SMS-capable inbound phone number or short code for your account.`);
    }
    if (!to.startsWith('+') || !toE164(to)) return twilioError(reply, 400, 21211, `The 'To' number ${to} is not a valid phone number.`);
    if (carrier.hasOptedOut(number, to)) return twilioError(reply, 400, 21610, 'Attempt to send to unsubscribed recipient');

    const attempt = carrier.countAttempt(number, `${to}|${text}`);
    const failure = carrier.drawSendFailure(number, to);
    if (failure === 'server-error') return twilioError(reply, 500, 20500, 'Internal Server Error');
    if (failure === 'throttled') {
      reply.header('retry-after', String(carrier.behaviourFor(number, to).retryAfterSeconds));
      return twilioError(reply, 429, 20429, 'Too Many Requests');
    }

    const send = carrier.accept({
      number,
      id: twilioSid(),
      from: number.sender,
      to,
      text,
      clientReference: null,
      batchId: null,
      callbackData: null,
      statusCallbackUrl: form.get('StatusCallback')?.trim() || null,
      attempt,
      answered: failure !== 'timeout',
    });
    if (failure === 'timeout') {
      held.hold(reply);
      return reply;
    }
    return reply.code(201).send(messageResource(send, number));
  });
}
