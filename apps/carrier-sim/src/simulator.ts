import { type ServerResponse } from 'node:http';
import { Provider } from '@backtalk/contracts';
import { toE164 } from '@backtalk/phone';
import Fastify, { type FastifyBaseLogger, type FastifyError, type FastifyInstance, type FastifyReply, LogController } from 'fastify';
import { type Logger } from 'pino';
import { BehaviourBook, parseBehaviourUpdate } from './behaviour';
import { Carrier } from './carrier';
import { DeliveryReportDispatcher } from './delivery-reports';
import { HeldRequests } from './http';
import { NumberRegistry, parseNumberRegistrations, publicView, type SimNumber, UnknownNumber } from './numbers';
import { genericWebhooks, registerGenericApi } from './providers/generic';
import { infobipWebhooks, registerInfobipApi } from './providers/infobip';
import { registerTwilioApi, twilioWebhooks } from './providers/twilio';
import { phoneKey, TrafficLog } from './traffic';
import { FieldReader, InvalidInput, isRecord } from './validation';
import { WebAssets } from './web-assets';
import { postWebhook as realPostWebhook, type PostWebhook } from './webhook-client';

export interface SimulatorOptions {
  host: string;
  /** 0 picks a free port (tests). */
  port: number;
  seed: number;
  numbers?: readonly SimNumber[];
  logger: Logger;
  /** Tests may observe or replace the HTTP client that posts webhooks. */
  postWebhook?: PostWebhook;
}

export interface RunningSimulator {
  /** `http://host:port`, the base URL channels point their `baseUrl` at. */
  url: string;
  carrier: Carrier;
  /** Stops answering, drops pending delivery reports, cuts held requests and live pages, and closes the server. */
  close(): Promise<void>;
}

const MAX_TEXT_LENGTH = 1600;

export async function startSimulator(options: SimulatorOptions): Promise<RunningSimulator> {
  const { logger } = options;
  const numbers = new NumberRegistry(options.numbers ?? []);
  const traffic = new TrafficLog();
  const webhooks = { [Provider.Twilio]: twilioWebhooks, [Provider.Infobip]: infobipWebhooks, [Provider.Generic]: genericWebhooks };
  const postWebhook = options.postWebhook ?? realPostWebhook;
  const dispatcher = new DeliveryReportDispatcher({ webhooksFor: (send) => webhooks[send.provider], numbers, traffic, postWebhook, logger });
  const carrier = new Carrier(numbers, new BehaviourBook(), traffic, { webhooks, dispatcher, postWebhook, logger, seed: options.seed });
  const held = new HeldRequests();
  const liveStreams = new Set<ServerResponse>();

  const app = Fastify({
    // Typed as Fastify's base logger so the route modules can take a plain FastifyInstance.
    loggerInstance: logger as FastifyBaseLogger,
    // The page's polling and Backtalk's sends would bury the log; the simulator logs what it did instead.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 1024 * 1024,
  });
  // Twilio's API takes form posts; the send handler wants them decoded, repeated keys and all.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => done(null, new URLSearchParams(body as string)));
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof InvalidInput) return reply.code(400).send({ code: 'INVALID_INPUT', message: error.message, details: error.problems });
    if (error instanceof UnknownNumber) return reply.code(404).send({ code: 'UNKNOWN_NUMBER', message: error.message });
    if (error.statusCode !== undefined && error.statusCode < 500) return reply.code(error.statusCode).send({ code: error.code ?? 'BAD_REQUEST', message: error.message });
    request.log.error({ err: error, url: request.url }, 'request failed');
    return reply.code(500).send({ code: 'INTERNAL', message: 'the simulator failed to handle this request; see its log' });
  });

  registerTwilioApi(app, carrier, held);
  registerInfobipApi(app, carrier, held);
  registerGenericApi(app, carrier, held);
  registerSimApi(app, carrier);
  registerWeb(app, traffic, liveStreams, new WebAssets());

  await app.listen({ host: options.host, port: options.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const url = `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`;
  logger.info({ url, numbers: numbers.list().map((number) => number.id), seed: options.seed }, 'carrier simulator listening');

  let closing: Promise<void> | undefined;
  return {
    url,
    carrier,
    close: () =>
      (closing ??= (async () => {
        held.releaseAll();
        for (const stream of liveStreams) stream.end();
        await dispatcher.close();
        await app.close();
      })()),
  };
}

function registerSimApi(app: FastifyInstance, carrier: Carrier): void {
  const { numbers, traffic, behaviours } = carrier;

  app.get('/health', async () => ({ status: 'ok' }));

  app.get('/sim/api/numbers', async () => ({ numbers: numbers.list().map(publicView) }));

  app.put('/sim/api/numbers', async (request) => {
    const registered = parseNumberRegistrations(request.body);
    numbers.register(registered);
    traffic.notify({ kind: 'numbers' });
    carrier.logger.info({ numbers: registered.map((number) => number.id) }, 'numbers registered');
    return { numbers: registered.map(publicView) };
  });

  app.delete<{ Params: { reference: string } }>('/sim/api/numbers/:reference', async (request, reply) => {
    const number = numbers.resolve(request.params.reference);
    numbers.remove(number.id);
    behaviours.forgetNumber(number.id);
    traffic.notify({ kind: 'numbers' });
    return reply.code(204).send();
  });

  app.get<{ Querystring: { to?: string; from?: string; limit?: string } }>('/sim/api/sends', async (request) => {
    const limit = Math.min(10_000, Math.max(1, Number(request.query.limit) || 200));
    return { sends: traffic.listSends({ to: request.query.to || undefined, from: request.query.from || undefined }).slice(0, limit) };
  });

  app.delete('/sim/api/sends', async () => ({ cleared: traffic.clearSends() }));

  app.get('/sim/api/behaviour', async () => behaviours.snapshot());

  app.put('/sim/api/behaviour', async (request) => {
    const update = parseBehaviourUpdate(request.body);
    const scope = update.number !== undefined ? { numberId: numbers.resolve(update.number).id } : update.phone !== undefined ? { phone: validPhone(update.phone) } : {};
    behaviours.apply(update, scope);
    if (update.seed !== undefined) carrier.reseed(update.seed);
    traffic.notify({ kind: 'behaviour' });
    carrier.logger.info({ scope, changes: update.changes, reset: update.reset }, 'behaviour changed');
    return behaviours.snapshot();
  });

  app.delete('/sim/api/behaviour', async () => {
    behaviours.clear();
    traffic.notify({ kind: 'behaviour' });
    return behaviours.snapshot();
  });

  app.get('/sim/api/phones', async () => ({ phones: traffic.listPhones() }));

  app.post('/sim/api/phones', async (request, reply) => {
    const fields = new FieldReader(isRecord(request.body) ? request.body : {});
    fields.rejectUnknown(['phone', 'name']);
    const phone = fields.string('phone', { required: true, maxLength: 32 });
    const name = fields.string('name', { maxLength: 100 }) ?? null;
    if (fields.problems.length > 0 || phone === undefined) throw new InvalidInput(fields.problems);
    const key = validPhone(phone);
    traffic.addPhone(key, name);
    return reply.code(201).send({ phone: key, name });
  });

  app.get<{ Params: { phone: string } }>('/sim/api/phones/:phone/thread', async (request) => {
    const phone = validPhone(request.params.phone);
    return { phone, entries: traffic.thread(phone) };
  });

  app.post<{ Params: { phone: string } }>('/sim/api/phones/:phone/messages', async (request, reply) => {
    const phone = validPhone(request.params.phone);
    const body = isRecord(request.body) ? request.body : {};
    const fields = new FieldReader(body);
    fields.rejectUnknown(['to', 'text']);
    const to = fields.string('to', { required: true, maxLength: 200 });
    // Not FieldReader.string: a customer's spaces are part of the message.
    const text = body['text'];
    if (typeof text !== 'string' || text.trim() === '') fields.problem('text must be a non-empty string');
    else if (text.length > MAX_TEXT_LENGTH) fields.problem(`text must be at most ${MAX_TEXT_LENGTH} characters`);
    if (fields.problems.length > 0 || to === undefined || typeof text !== 'string') throw new InvalidInput(fields.problems);

    const number = numbers.resolve(to);
    const message = await carrier.textFromPhone(phone, number, text);
    if (message.backtalkStatus === null) {
      return reply.code(502).send({ code: 'BACKTALK_UNREACHABLE', message: `Backtalk did not answer at ${message.webhookUrl}: ${message.error ?? 'no answer'}`, details: message });
    }
    return reply.code(200).send({ message });
  });
}

function validPhone(raw: string): string {
  if (!toE164(raw)) throw new InvalidInput([`"${raw}" is not a phone number; write it in international format, e.g. +380501234567`]);
  return phoneKey(raw);
}

function registerWeb(app: FastifyInstance, traffic: TrafficLog, liveStreams: Set<ServerResponse>, assets: WebAssets): void {
  const page = (reply: FastifyReply, contentType: string, body: string) =>
    reply.code(200).header('content-type', contentType).header('cache-control', 'no-cache').send(body);

  app.get('/', async (_request, reply) => page(reply, 'text/html; charset=utf-8', assets.html()));
  app.get('/styles.css', async (_request, reply) => page(reply, 'text/css; charset=utf-8', assets.css()));
  app.get('/app.js', async (_request, reply) => page(reply, 'text/javascript; charset=utf-8', await assets.script()));

  // Server-sent events: the page refetches what changed, within a few milliseconds of it happening.
  app.get('/sim/api/events', (request, reply) => {
    reply.hijack();
    const stream = reply.raw;
    stream.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive' });
    stream.write('retry: 1000\n\n');
    const unsubscribe = traffic.onChange((change) => stream.write(`event: change\ndata: ${JSON.stringify(change)}\n\n`));
    // Proxies drop connections that stay silent; a comment line keeps this one open.
    const heartbeat = setInterval(() => stream.write(': keep-alive\n\n'), 15_000);
    liveStreams.add(stream);
    request.raw.on('close', () => {
      unsubscribe();
      clearInterval(heartbeat);
      liveStreams.delete(stream);
    });
  });
}
