import { randomInt, randomUUID } from 'node:crypto';
import { basicAuthHeader, type HttpRequestSpec } from '@backtalk/carriers';
import { Provider } from '@backtalk/contracts';
import { toE164 } from '@backtalk/phone';
import { type FastifyInstance, type FastifyReply } from 'fastify';
import { type Carrier } from '../carrier';
import { type HeldRequests } from '../http';
import { comparableAddress, type InfobipNumber, type SimNumber } from '../numbers';
import { type CarrierStatus, type InboundRecord, type SendRecord } from '../traffic';
import { isRecord } from '../validation';
import { type ProviderWebhooks, type ReportStep } from './provider-webhooks';

// Infobip SMS API v3 as our sender (libs/carriers infobip.send.ts) and adapter (infobip.ts) speak it: POST
// /sms/3/messages and GET /sms/3/logs with `App <key>`; reports and inbound messages as `results[]` JSON with the
// Basic credentials the channel checks (Infobip signs nothing).

/** "Absent subscriber": the phone is off or out of coverage. */
const DEFAULT_ERROR_CODE = '27';

interface StatusObject {
  groupId: number;
  groupName: string;
  id: number;
  name: string;
  description: string;
}

// Status groups and ids from infobip.com/docs/essentials/api-essentials/response-status-and-error-codes.
const STATUS: Readonly<Record<CarrierStatus, StatusObject>> = {
  queued: { groupId: 1, groupName: 'PENDING', id: 26, name: 'PENDING_ACCEPTED', description: 'Message sent to next instance' },
  sent: { groupId: 1, groupName: 'PENDING', id: 3, name: 'PENDING_WAITING_DELIVERY', description: 'Message sent, waiting for delivery report' },
  delivered: { groupId: 3, groupName: 'DELIVERED', id: 5, name: 'DELIVERED_TO_HANDSET', description: 'Message delivered to handset' },
  undelivered: { groupId: 2, groupName: 'UNDELIVERABLE', id: 9, name: 'UNDELIVERABLE_NOT_DELIVERED', description: 'Message sent not delivered' },
  failed: { groupId: 2, groupName: 'UNDELIVERABLE', id: 4, name: 'UNDELIVERABLE_REJECTED_OPERATOR', description: 'Message rejected by operator' },
};
const REJECTED_DESTINATION: StatusObject = { groupId: 5, groupName: 'REJECTED', id: 52, name: 'REJECTED_DESTINATION', description: 'Invalid destination address.' };

const NO_ERROR = { groupId: 0, groupName: 'OK', id: 0, name: 'NO_ERROR', description: 'No Error', permanent: false };

/** The handset errors our adapter explains (GSM MAP codes, as Infobip's error code reference numbers them). */
const ERRORS: Readonly<Record<string, { name: string; description: string; permanent: boolean; operator?: true }>> = {
  '1': { name: 'EC_UNKNOWN_SUBSCRIBER', description: 'Unknown subscriber', permanent: true },
  '5': { name: 'EC_UNIDENTIFIED_SUBSCRIBER', description: 'Unidentified subscriber', permanent: true },
  '6': { name: 'EC_ABSENT_SUBSCRIBER_SM', description: 'Absent subscriber', permanent: false },
  '9': { name: 'EC_ILLEGAL_SUBSCRIBER', description: 'Illegal subscriber', permanent: true },
  '11': { name: 'EC_TELESERVICE_NOT_PROVISIONED', description: 'Teleservice not provisioned', permanent: true },
  '13': { name: 'EC_CALL_BARRED', description: 'Call barred', permanent: true },
  '27': { name: 'EC_ABSENT_SUBSCRIBER', description: 'Absent subscriber', permanent: false },
  '31': { name: 'EC_SUBSCRIBER_BUSY_FOR_MT_SMS', description: 'Subscriber busy for MT SMS', permanent: false },
  '32': { name: 'EC_SM_DELIVERY_FAILURE', description: 'SM delivery failure', permanent: false },
  '34': { name: 'EC_SYSTEM_FAILURE', description: 'System failure', permanent: false, operator: true },
};

function errorObject(code: string | null) {
  if (code === null) return NO_ERROR;
  const known = ERRORS[code];
  const id = /^\d+$/.test(code) ? Number(code) : code;
  if (!known) return { groupId: 1, groupName: 'HANDSET_ERRORS', id, name: `EC_${code}`, description: 'Error code chosen in the carrier simulator', permanent: false };
  return known.operator
    ? { groupId: 3, groupName: 'OPERATOR_ERRORS', id, name: known.name, description: known.description, permanent: known.permanent }
    : { groupId: 1, groupName: 'HANDSET_ERRORS', id, name: known.name, description: known.description, permanent: known.permanent };
}

/** Infobip writes times as `2019-11-09T16:00:00.000+0000`. */
function infobipTime(date: Date): string {
  return date.toISOString().replace('Z', '+0000');
}

function withoutPlus(address: string): string {
  return /^\+\d+$/.test(address) ? address.slice(1) : address;
}

function asInfobip(number: SimNumber): InfobipNumber {
  if (number.provider !== Provider.Infobip) throw new Error(`${number.id} is not an Infobip number`);
  return number;
}

function basicAuthJson(url: string, number: InfobipNumber, payload: unknown): HttpRequestSpec {
  return {
    method: 'POST',
    url,
    headers: { 'content-type': 'application/json', authorization: basicAuthHeader(number.credentials.basicAuthUsername, number.credentials.basicAuthPassword) },
    body: JSON.stringify(payload),
  };
}

export const infobipWebhooks: ProviderWebhooks = {
  // Infobip's inbound ids are 18 digits ("817790313235066447").
  newInboundId: () => `${randomInt(100_000_000, 1_000_000_000)}${randomInt(100_000_000, 1_000_000_000)}`,

  // Infobip leaves keywords to its customers' applications.
  carrierKeyword: () => null,

  // Infobip reports only the final outcome: there is no "sent" report to send first, so out of order changes nothing.
  reportSteps: (outcome, errorCode): ReportStep[] =>
    outcome === 'delivered' ? [{ status: 'delivered', errorCode: null }] : [{ status: 'undelivered', errorCode: errorCode ?? DEFAULT_ERROR_CODE }],

  deliveryReport(send: SendRecord, step: ReportStep, number: SimNumber, at: Date): HttpRequestSpec {
    const infobip = asInfobip(number);
    return basicAuthJson(send.statusCallbackUrl ?? infobip.inboundWebhookUrl, infobip, {
      results: [
        {
          bulkId: send.batchId,
          messageId: send.id,
          to: send.to,
          sender: send.from,
          sentAt: infobipTime(new Date(send.receivedAt)),
          doneAt: infobipTime(at),
          messageCount: send.segments,
          price: { pricePerMessage: 0, currency: 'EUR' },
          status: STATUS[step.status],
          error: errorObject(step.errorCode),
          ...(send.callbackData === null ? {} : { callbackData: send.callbackData }),
        },
      ],
    });
  },

  // Renderer MO_JSON_2 (carriers reference §3).
  inboundMessage(message: InboundRecord, number: SimNumber): HttpRequestSpec {
    const infobip = asInfobip(number);
    return basicAuthJson(infobip.inboundWebhookUrl, infobip, {
      results: [
        {
          messageId: message.id,
          from: withoutPlus(message.phone),
          to: withoutPlus(infobip.sender),
          text: message.text,
          cleanText: message.text,
          keyword: '',
          receivedAt: infobipTime(new Date(message.sentAt)),
          smsCount: message.segments,
          price: { pricePerMessage: 0, currency: 'EUR' },
          callbackData: null,
        },
      ],
      messageCount: 1,
      pendingMessageCount: 0,
    });
  },
};

interface Violation {
  property: string;
  violation: string;
}

/** Infobip's ApiError body (infobip-api-java-client ApiError.java). */
function apiError(reply: FastifyReply, status: number, errorCode: string, description: string, action: string, violations: Violation[] = []): FastifyReply {
  return reply.code(status).send({ errorCode, description, action, violations, resources: [] });
}

interface MessageToSend {
  sender: string;
  destinations: Array<{ to: string; messageId: string | null }>;
  text: string;
  deliveryUrl: string | null;
  callbackData: string | null;
}

/** The v3 body infobip.send.ts builds; v2's `from`/`text`/`notifyUrl` are read too, as older clients send them. */
function readMessages(body: unknown): { messages: MessageToSend[]; violations: Violation[] } {
  const violations: Violation[] = [];
  const raw = isRecord(body) ? body['messages'] : undefined;
  if (!Array.isArray(raw) || raw.length === 0) return { messages: [], violations: [{ property: 'messages', violation: 'must not be empty' }] };
  const messages: MessageToSend[] = [];
  for (const [index, item] of raw.entries()) {
    const at = `messages[${index}]`;
    if (!isRecord(item)) {
      violations.push({ property: at, violation: 'must be an object' });
      continue;
    }
    const sender = typeof item['sender'] === 'string' ? item['sender'] : typeof item['from'] === 'string' ? item['from'] : '';
    if (!sender.trim()) violations.push({ property: `${at}.sender`, violation: 'must not be blank' });
    const content = isRecord(item['content']) ? item['content'] : item;
    const text = typeof content['text'] === 'string' ? content['text'] : '';
    if (!text) violations.push({ property: `${at}.content.text`, violation: 'must not be blank' });
    const destinations = Array.isArray(item['destinations']) ? item['destinations'] : [];
    if (destinations.length === 0) violations.push({ property: `${at}.destinations`, violation: 'must not be empty' });
    const parsed = destinations.map((destination, position) => {
      const to = isRecord(destination) && typeof destination['to'] === 'string' ? destination['to'].trim() : '';
      if (!to) violations.push({ property: `${at}.destinations[${position}].to`, violation: 'must not be blank' });
      const messageId = isRecord(destination) && typeof destination['messageId'] === 'string' && destination['messageId'] ? destination['messageId'] : null;
      return { to, messageId };
    });
    const webhooks = isRecord(item['webhooks']) ? item['webhooks'] : {};
    const delivery = isRecord(webhooks['delivery']) ? webhooks['delivery'] : {};
    const deliveryUrl = typeof delivery['url'] === 'string' ? delivery['url'] : typeof item['notifyUrl'] === 'string' ? item['notifyUrl'] : null;
    const callbackData = typeof webhooks['callbackData'] === 'string' ? webhooks['callbackData'] : typeof item['callbackData'] === 'string' ? item['callbackData'] : null;
    messages.push({ sender: sender.trim(), destinations: parsed, text, deliveryUrl, callbackData });
  }
  return { messages, violations };
}

function apiKeyOf(header: string | undefined): string | null {
  const match = header === undefined ? null : /^App\s+(\S+)\s*$/i.exec(header);
  return match ? match[1] : null;
}

function logEntry(send: SendRecord) {
  const done = send.reports.at(-1)?.postedAt;
  return {
    sender: send.from,
    destination: send.to,
    bulkId: send.batchId,
    messageId: send.id,
    sentAt: infobipTime(new Date(send.receivedAt)),
    ...(done ? { doneAt: infobipTime(new Date(done)) } : {}),
    messageCount: send.segments,
    price: { pricePerMessage: 0, currency: 'EUR' },
    status: STATUS[send.status],
    error: errorObject(send.errorCode),
    content: { text: send.text },
  };
}

export function registerInfobipApi(app: FastifyInstance, carrier: Carrier, held: HeldRequests): void {
  const authenticate = (header: string | undefined): InfobipNumber[] => {
    const apiKey = apiKeyOf(header);
    return apiKey ? carrier.numbers.infobipNumbers(apiKey) : [];
  };
  const unauthorized = (reply: FastifyReply) => apiError(reply, 401, 'E401', 'Invalid login details.', 'Check the API key in the Authorization header.');

  app.post('/sms/3/messages', async (request, reply) => {
    const numbers = authenticate(request.headers.authorization);
    if (numbers.length === 0) return unauthorized(reply);

    const { messages, violations } = readMessages(request.body);
    const senders = messages.map((message, index) => {
      const number = numbers.find((candidate) => comparableAddress(candidate.sender) === comparableAddress(message.sender));
      if (!number && message.sender) violations.push({ property: `messages[${index}].sender`, violation: 'is not a sender the carrier simulator has registered for this API key' });
      return number;
    });
    if (violations.length > 0) return apiError(reply, 400, 'E400', 'Request cannot be processed.', 'Check the syntax, violations and adjust the request.', violations);

    // One draw per request: a real outage or throttle hits the whole request, not single destinations.
    const first = messages[0];
    const firstNumber = senders[0] as InfobipNumber;
    const attempts = messages.map((message, index) =>
      message.destinations.map((destination) => carrier.countAttempt(senders[index] as InfobipNumber, destination.messageId ?? `${destination.to}|${message.text}`)),
    );
    const failure = carrier.drawSendFailure(firstNumber, first.destinations[0].to);
    if (failure === 'server-error') return apiError(reply, 500, 'E500', 'Internal server error.', 'Try again later.');
    if (failure === 'throttled') {
      reply.header('retry-after', String(carrier.behaviourFor(firstNumber, first.destinations[0].to).retryAfterSeconds));
      return apiError(reply, 429, 'E429', 'Too many requests.', 'Slow down and retry after the time in Retry-After.');
    }

    const bulkId = randomUUID();
    const answered = messages.flatMap((message, index) =>
      message.destinations.map((destination, position) => {
        if (!toE164(destination.to)) return { messageId: destination.messageId ?? randomUUID(), status: REJECTED_DESTINATION, destination: destination.to };
        const send = carrier.accept({
          number: senders[index] as InfobipNumber,
          id: destination.messageId ?? randomUUID(),
          from: message.sender,
          to: destination.to,
          text: message.text,
          clientReference: destination.messageId,
          batchId: bulkId,
          callbackData: message.callbackData,
          statusCallbackUrl: message.deliveryUrl,
          attempt: attempts[index][position],
          answered: failure !== 'timeout',
        });
        return { messageId: send.id, status: STATUS.queued, destination: send.to, details: { messageCount: send.segments } };
      }),
    );
    if (failure === 'timeout') {
      held.hold(reply);
      return reply;
    }
    return reply.code(200).send({ bulkId, messages: answered });
  });

  app.get<{ Querystring: { messageId?: string; bulkId?: string; limit?: string } }>('/sms/3/logs', async (request, reply) => {
    const numbers = authenticate(request.headers.authorization);
    if (numbers.length === 0) return unauthorized(reply);
    const accountNumbers = new Set(numbers.map((number) => number.id));
    const { messageId, bulkId } = request.query;
    const limit = Math.min(1000, Math.max(1, Number(request.query.limit) || 50));
    const results = carrier.traffic
      .listSends()
      .filter((send) => accountNumbers.has(send.numberId) && (!messageId || send.id === messageId) && (!bulkId || send.batchId === bulkId))
      .slice(0, limit)
      .map(logEntry);
    return reply.code(200).send({ results });
  });
}
