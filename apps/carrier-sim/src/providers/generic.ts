import { randomBytes } from 'node:crypto';
import { adapterFor, GENERIC_SIGNATURE_HEADER, type HttpRequestSpec, signGenericWebhook } from '@backtalk/carriers';
import { Provider } from '@backtalk/contracts';
import { toE164 } from '@backtalk/phone';
import { type FastifyInstance, type FastifyReply } from 'fastify';
import { type Carrier } from '../carrier';
import { type HeldRequests } from '../http';
import { type GenericNumber, type SimNumber } from '../numbers';
import { type InboundRecord, type SendRecord } from '../traffic';
import { isRecord } from '../validation';
import { type ProviderWebhooks, type ReportStep } from './provider-webhooks';

// Backtalk's own generic format (libs/carriers README, "Generic JSON webhook"), played by an aggregator that honours
// the idempotency key: a repeated `id` gets the first answer again and is not sent twice. The channel's send URL is
// `<simulator>/generic/messages`.

export const GENERIC_SEND_PATH = '/generic/messages';
const DEFAULT_ERROR_CODE = 'UNREACHABLE';
const ERROR_DESCRIPTIONS: Readonly<Record<string, string>> = {
  UNREACHABLE: "The customer's phone is switched off or out of coverage.",
};

function asGeneric(number: SimNumber): GenericNumber {
  if (number.provider !== Provider.Generic) throw new Error(`${number.id} is not a generic-format number`);
  return number;
}

function aggregatorId(prefix: string): string {
  return `${prefix}-${randomBytes(8).toString('hex')}`;
}

function signedJson(url: string, number: GenericNumber, payload: unknown): HttpRequestSpec {
  const body = JSON.stringify(payload);
  return {
    method: 'POST',
    url,
    headers: { 'content-type': 'application/json', [GENERIC_SIGNATURE_HEADER]: signGenericWebhook(number.credentials.signatureSecret, body, Math.floor(Date.now() / 1000)) },
    body,
  };
}

export const genericWebhooks: ProviderWebhooks = {
  newInboundId: () => aggregatorId('sim-in'),
  carrierKeyword: () => null,

  reportSteps: (outcome, errorCode): ReportStep[] =>
    outcome === 'delivered'
      ? [{ status: 'sent', errorCode: null }, { status: 'delivered', errorCode: null }]
      : [{ status: 'sent', errorCode: null }, { status: 'undelivered', errorCode: errorCode ?? DEFAULT_ERROR_CODE }],

  deliveryReport(send: SendRecord, step: ReportStep, number: SimNumber, at: Date): HttpRequestSpec {
    const generic = asGeneric(number);
    const error = step.errorCode === null ? {} : { errorCode: step.errorCode, errorDescription: ERROR_DESCRIPTIONS[step.errorCode] ?? `The carrier simulator reported error ${step.errorCode}.` };
    return signedJson(send.statusCallbackUrl ?? generic.inboundWebhookUrl, generic, { type: 'status', id: send.id, status: step.status, ...error, timestamp: at.toISOString() });
  },

  inboundMessage(message: InboundRecord, number: SimNumber): HttpRequestSpec {
    const generic = asGeneric(number);
    return signedJson(generic.inboundWebhookUrl, generic, { type: 'message', id: message.id, from: message.phone, to: generic.sender, text: message.text, timestamp: message.sentAt });
  },
};

/** Refusals in the format the generic sender reads: `{errorCode, errorDescription, permanent}`. */
function refuse(reply: FastifyReply, status: number, errorCode: string, errorDescription: string, permanent = true): FastifyReply {
  return reply.code(status).send({ errorCode, errorDescription, permanent });
}

interface SendEvent {
  id: string;
  from: string;
  to: string;
  text: string;
  statusCallbackUrl: string | null;
}

function readSendEvent(raw: string): SendEvent | string {
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return 'the body is not JSON';
  }
  if (!isRecord(body) || body['type'] !== 'send') return 'the body must be a JSON object with "type": "send"';
  const missing = ['id', 'from', 'to', 'text'].filter((field) => typeof body[field] !== 'string' || body[field] === '');
  if (missing.length > 0) return `missing ${missing.join(', ')}`;
  const statusCallbackUrl = typeof body['statusCallbackUrl'] === 'string' && body['statusCallbackUrl'] ? body['statusCallbackUrl'] : null;
  return { id: body['id'] as string, from: body['from'] as string, to: body['to'] as string, text: body['text'] as string, statusCallbackUrl };
}

export function registerGenericApi(app: FastifyInstance, carrier: Carrier, held: HeldRequests): void {
  // The memory of the idempotency key: our send for each (number, Backtalk id).
  const acceptedById = new Map<string, SendRecord>();
  const verifier = adapterFor(Provider.Generic);

  void app.register(async (scope) => {
    // The signature covers the exact bytes, so this route reads the body as text and parses it itself.
    scope.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => done(null, body));

    scope.post(GENERIC_SEND_PATH, async (request, reply) => {
      const raw = typeof request.body === 'string' ? request.body : '';
      const event = readSendEvent(raw);
      if (typeof event === 'string') return refuse(reply, 400, 'E_BODY', `The carrier simulator cannot read this send: ${event}.`);

      const received = { method: 'POST' as const, url: request.url, headers: request.headers as Record<string, string | undefined>, rawBody: Buffer.from(raw, 'utf8'), receivedAt: new Date() };
      const number = carrier.numbers
        .genericNumbers(event.from)
        .find((candidate) => verifier.verify(received, { signatureSecret: candidate.credentials.signatureSecret }, new Date()).ok);
      if (!number) return refuse(reply, 401, 'E_SIGNATURE', `No number registered for sender ${event.from} has a secret that matches X-Backtalk-Signature (or its time is off).`);
      if (!toE164(event.to)) return refuse(reply, 400, 'E_RECIPIENT', `${event.to} is not a phone number.`);

      const attempt = carrier.countAttempt(number, event.id);
      const failure = carrier.drawSendFailure(number, event.to);
      if (failure === 'server-error') return refuse(reply, 500, 'E_INTERNAL', 'The aggregator failed; retry.', false);
      if (failure === 'throttled') {
        reply.header('retry-after', String(carrier.behaviourFor(number, event.to).retryAfterSeconds));
        return refuse(reply, 429, 'E_THROTTLED', 'Too many requests; retry after Retry-After.', false);
      }

      const key = `${number.id}|${event.id}`;
      const earlier = acceptedById.get(key);
      if (earlier) earlier.attempt = attempt;
      const send =
        earlier ??
        carrier.accept({
          number,
          id: aggregatorId('sim'),
          from: event.from,
          to: event.to,
          text: event.text,
          clientReference: event.id,
          batchId: null,
          callbackData: null,
          statusCallbackUrl: event.statusCallbackUrl,
          attempt,
          answered: failure !== 'timeout',
        });
      acceptedById.set(key, send);
      // Backtalk retries within minutes; remembering the last ten thousand ids is plenty and keeps memory bounded.
      if (acceptedById.size > 10_000) acceptedById.delete(acceptedById.keys().next().value as string);
      if (earlier) carrier.traffic.notify({ kind: 'send', phone: send.phone });
      if (failure === 'timeout') {
        held.hold(reply);
        return reply;
      }
      return reply.code(200).send({ id: send.id, segments: send.segments });
    });
  });
}
