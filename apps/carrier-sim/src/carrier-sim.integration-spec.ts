import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { adapterFor, DeliveryStatus, ErrorCategory, type HttpRequestSpec, type SendOutcome, senderFor, type WebhookRequest } from '@backtalk/carriers';
import { Provider } from '@backtalk/contracts';
import pino from 'pino';
import { type GenericNumber, type InfobipNumber, numberId, type TwilioNumber } from './numbers';
import { GENERIC_SEND_PATH } from './providers/generic';
import { type RunningSimulator, startSimulator } from './simulator';

// The simulator against our real senders and adapters: what Backtalk builds is accepted, and what the simulator
// posts back passes Backtalk's own signature checks and parsers. A local HTTP server stands in for Backtalk.

/** Records the webhooks it receives, as Backtalk's webhook controller would see them. */
class BacktalkStandIn {
  readonly received: WebhookRequest[] = [];
  answerStatus = 200;

  private constructor(
    private readonly server: Server,
    readonly origin: string,
  ) {}

  static async start(): Promise<BacktalkStandIn> {
    const holder: { standIn?: BacktalkStandIn } = {};
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const standIn = holder.standIn!;
        standIn.received.push({
          method: request.method === 'GET' ? 'GET' : 'POST',
          url: `${standIn.origin}${request.url}`,
          headers: Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(',') : value])),
          rawBody: Buffer.concat(chunks),
          receivedAt: new Date(),
        });
        response.writeHead(standIn.answerStatus, { 'content-type': 'text/xml' }).end('<Response/>');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    holder.standIn = new BacktalkStandIn(server, `http://127.0.0.1:${(server.address() as { port: number }).port}`);
    return holder.standIn;
  }

  webhookUrl(provider: Provider, channelId: string): string {
    return `${this.origin}/api/webhooks/${provider}/${channelId}`;
  }

  async waitFor(count: number, timeoutMs = 5_000): Promise<WebhookRequest[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.received.length < count) {
      if (Date.now() > deadline) throw new Error(`expected ${count} webhooks, got ${this.received.length}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return this.received.splice(0, count);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

async function run(request: HttpRequestSpec, timeoutMs = 5_000): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  const response = await fetch(request.url, { method: request.method, headers: request.headers, body: request.body, signal: AbortSignal.timeout(timeoutMs) });
  return { status: response.status, headers: Object.fromEntries(response.headers.entries()), body: await response.text() };
}

async function sendThrough(provider: Provider, credentials: Record<string, string>, sms: { messageId: string; from: string; to: string; text: string; statusCallbackUrl: string }): Promise<SendOutcome> {
  const sender = senderFor(provider);
  const response = await run(sender.buildSendRequest(sms, credentials));
  return sender.interpretResponse(response.status, response.headers, response.body);
}

async function simApi(simulator: RunningSimulator, method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const response = await fetch(`${simulator.url}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, json: await response.json() };
}

const UKRAINIAN = 'Ваше замовлення №1042 відправлено. Дякуємо!';
const CUSTOMER = '+380501234567';

describe('carrier simulator', () => {
  let backtalk: BacktalkStandIn;
  let simulator: RunningSimulator;
  const twilioChannel = randomUUID();
  const infobipChannel = randomUUID();
  const genericChannel = randomUUID();
  let twilio: TwilioNumber;
  let infobip: InfobipNumber;
  let generic: GenericNumber;

  beforeAll(async () => {
    backtalk = await BacktalkStandIn.start();
    twilio = {
      id: numberId(Provider.Twilio, '+15005550006'),
      provider: Provider.Twilio,
      sender: '+15005550006',
      name: 'Support',
      inboundWebhookUrl: backtalk.webhookUrl(Provider.Twilio, twilioChannel),
      credentials: { accountSid: 'ACsim00000000000000000000000000001', authToken: 'sim-twilio-token' },
    };
    infobip = {
      id: numberId(Provider.Infobip, '+380441234567'),
      provider: Provider.Infobip,
      sender: '+380441234567',
      name: 'Billing',
      inboundWebhookUrl: backtalk.webhookUrl(Provider.Infobip, infobipChannel),
      credentials: { apiKey: 'sim-infobip-key', basicAuthUsername: 'backtalk', basicAuthPassword: 'sim-infobip-hook' },
    };
    generic = {
      id: numberId(Provider.Generic, '+15550001111'),
      provider: Provider.Generic,
      sender: '+15550001111',
      name: 'Aggregator',
      inboundWebhookUrl: backtalk.webhookUrl(Provider.Generic, genericChannel),
      credentials: { signatureSecret: 'whsec_sim' },
    };
    simulator = await startSimulator({ host: '127.0.0.1', port: 0, seed: 7, numbers: [twilio, infobip, generic], logger: pino({ level: 'silent' }) });
  });

  beforeEach(async () => {
    await simApi(simulator, 'DELETE', '/sim/api/behaviour');
    await simApi(simulator, 'PUT', '/sim/api/behaviour', { latencyMs: 40 });
    backtalk.answerStatus = 200;
    backtalk.received.length = 0;
  });

  afterAll(async () => {
    await simulator.close();
    await backtalk.close();
  });

  const twilioCredentials = () => ({ ...twilio.credentials, baseUrl: simulator.url });
  const infobipCredentials = () => ({ apiKey: infobip.credentials.apiKey, baseUrl: simulator.url });
  const sms = (provider: Provider, from: string) => ({
    messageId: randomUUID(),
    from,
    to: CUSTOMER,
    text: UKRAINIAN,
    statusCallbackUrl: backtalk.webhookUrl(provider, provider === Provider.Twilio ? twilioChannel : provider === Provider.Infobip ? infobipChannel : genericChannel),
  });

  describe('as Twilio', () => {
    it('accepts a send from our sender and posts signed sent and delivered reports our adapter reads', async () => {
      const outcome = await sendThrough(Provider.Twilio, twilioCredentials(), sms(Provider.Twilio, twilio.sender));

      expect(outcome).toEqual({ kind: 'accepted', providerMessageId: expect.stringMatching(/^SM[0-9a-f]{32}$/), segments: 1 });
      const adapter = adapterFor(Provider.Twilio);
      const reports = await backtalk.waitFor(2);
      for (const report of reports) expect(adapter.verify(report, { authToken: twilio.credentials.authToken }, new Date())).toEqual({ ok: true });
      expect(reports.flatMap((report) => adapter.parse(report).deliveryReports)).toEqual([
        expect.objectContaining({ providerMessageId: (outcome as { providerMessageId: string }).providerMessageId, status: DeliveryStatus.Sent, error: null }),
        expect.objectContaining({ providerMessageId: (outcome as { providerMessageId: string }).providerMessageId, status: DeliveryStatus.Delivered, error: null }),
      ]);
    });

    it('refuses a wrong auth token the way Twilio does, which our sender reads as an authentication failure', async () => {
      const outcome = await sendThrough(Provider.Twilio, { ...twilioCredentials(), authToken: 'guess' }, sms(Provider.Twilio, twilio.sender));

      expect(outcome).toMatchObject({ kind: 'failed', error: { code: '20003', category: ErrorCategory.Authentication } });
    });

    it('refuses an invalid recipient with error 21211', async () => {
      const outcome = await sendThrough(Provider.Twilio, twilioCredentials(), { ...sms(Provider.Twilio, twilio.sender), to: '+1555' });

      expect(outcome).toMatchObject({ kind: 'failed', error: { code: '21211', category: ErrorCategory.InvalidNumber } });
    });

    it('answers an injected throttle with 429 and Retry-After, which our sender retries after that delay', async () => {
      await simApi(simulator, 'PUT', '/sim/api/behaviour', { throttleRate: 1, retryAfterSeconds: 7 });

      const outcome = await sendThrough(Provider.Twilio, twilioCredentials(), sms(Provider.Twilio, twilio.sender));

      expect(outcome).toEqual({ kind: 'retry', reason: 'Twilio answered HTTP 429', retryAfterSeconds: 7 });
    });

    it('reports a failure out of order and twice: undelivered with the chosen code before sent', async () => {
      await simApi(simulator, 'PUT', '/sim/api/behaviour', { number: 'Support', outcome: 'failed', errorCode: '30005', outOfOrder: true, duplicates: true });

      await sendThrough(Provider.Twilio, twilioCredentials(), sms(Provider.Twilio, twilio.sender));

      const reports = (await backtalk.waitFor(4)).flatMap((report) => adapterFor(Provider.Twilio).parse(report).deliveryReports);
      expect(reports.map((report) => [report.status, report.error?.code ?? null])).toEqual([
        [DeliveryStatus.Undelivered, '30005'],
        [DeliveryStatus.Undelivered, '30005'],
        [DeliveryStatus.Sent, null],
        [DeliveryStatus.Sent, null],
      ]);
    });

    it('blocks sends to a customer who texted STOP, as Twilio does, until they text START', async () => {
      const phone = '+380671112233';
      const text = (body: string) => simApi(simulator, 'POST', `/sim/api/phones/${encodeURIComponent(phone)}/messages`, { to: 'Support', text: body });
      const send = () => sendThrough(Provider.Twilio, twilioCredentials(), { ...sms(Provider.Twilio, twilio.sender), to: phone });

      await text('stop');
      expect(await send()).toMatchObject({ kind: 'failed', error: { code: '21610', category: ErrorCategory.OptedOut } });

      await text('START');
      expect(await send()).toMatchObject({ kind: 'accepted' });
      await backtalk.waitFor(4);
    });

    it('delivers a customer text as a signed inbound webhook and tells what Backtalk answered', async () => {
      const answer = await simApi(simulator, 'POST', `/sim/api/phones/${encodeURIComponent(CUSTOMER)}/messages`, { to: '+1 500 555 0006', text: 'Де моє замовлення?' });

      expect(answer).toEqual({ status: 200, json: { message: expect.objectContaining({ backtalkStatus: 200, error: null }) } });
      const [webhook] = await backtalk.waitFor(1);
      expect(adapterFor(Provider.Twilio).verify(webhook, { authToken: twilio.credentials.authToken }, new Date())).toEqual({ ok: true });
      expect(adapterFor(Provider.Twilio).parse(webhook).inbound).toEqual([
        expect.objectContaining({ from: CUSTOMER, to: twilio.sender, text: 'Де моє замовлення?', segments: 1, providerMessageId: expect.stringMatching(/^SM/) }),
      ]);
    });
  });

  describe('as Infobip', () => {
    it('accepts a send under our message id and posts a delivery report our adapter accepts and reads', async () => {
      const message = sms(Provider.Infobip, infobip.sender);

      const outcome = await sendThrough(Provider.Infobip, infobipCredentials(), message);

      expect(outcome).toEqual({ kind: 'accepted', providerMessageId: message.messageId, segments: 1 });
      const [report] = await backtalk.waitFor(1);
      const adapter = adapterFor(Provider.Infobip);
      expect(adapter.verify(report, { basicAuth: { username: 'backtalk', password: 'sim-infobip-hook' } }, new Date())).toEqual({ ok: true });
      expect(adapter.parse(report).deliveryReports).toEqual([expect.objectContaining({ providerMessageId: message.messageId, status: DeliveryStatus.Delivered, error: null })]);
    });

    it('keeps a message it never answered for, so the logs lookup finds it', async () => {
      await simApi(simulator, 'PUT', '/sim/api/behaviour', { phone: CUSTOMER, timeoutRate: 1 });
      const message = sms(Provider.Infobip, infobip.sender);
      const sender = senderFor(Provider.Infobip);

      await expect(run(sender.buildSendRequest(message, infobipCredentials()), 300)).rejects.toThrow();

      const lookup = await run(sender.buildLookupRequest!(message.messageId, infobipCredentials()));
      expect(sender.interpretLookup!(lookup.status, lookup.body)).toEqual({ found: true, providerMessageId: message.messageId });
    });

    it('reports a chosen handset error that our adapter explains', async () => {
      await simApi(simulator, 'PUT', '/sim/api/behaviour', { outcome: 'failed', errorCode: '6' });

      await sendThrough(Provider.Infobip, infobipCredentials(), sms(Provider.Infobip, infobip.sender));

      const [report] = await backtalk.waitFor(1);
      expect(adapterFor(Provider.Infobip).parse(report).deliveryReports).toEqual([
        expect.objectContaining({ status: DeliveryStatus.Undelivered, error: expect.objectContaining({ code: '6', category: ErrorCategory.Unreachable }) }),
      ]);
    });

    it('refuses an unknown API key in the v3 error format, read as an authentication failure', async () => {
      const outcome = await sendThrough(Provider.Infobip, { ...infobipCredentials(), apiKey: 'guess' }, sms(Provider.Infobip, infobip.sender));

      expect(outcome).toMatchObject({ kind: 'failed', error: { code: 'E401', category: ErrorCategory.Authentication } });
    });

    it('delivers a customer text in MO_JSON_2 with the channel Basic credentials', async () => {
      await simApi(simulator, 'POST', `/sim/api/phones/${encodeURIComponent(CUSTOMER)}/messages`, { to: 'billing', text: 'Рахунок не прийшов' });

      const [webhook] = await backtalk.waitFor(1);
      const adapter = adapterFor(Provider.Infobip);
      expect(adapter.verify(webhook, { basicAuth: { username: 'backtalk', password: 'sim-infobip-hook' } }, new Date())).toEqual({ ok: true });
      expect(adapter.parse(webhook).inbound).toEqual([expect.objectContaining({ from: '380501234567', to: '380441234567', text: 'Рахунок не прийшов', segments: 1 })]);
    });
  });

  describe('as an aggregator speaking the generic format', () => {
    const genericCredentials = () => ({ baseUrl: `${simulator.url}${GENERIC_SEND_PATH}`, signatureSecret: 'whsec_sim' });

    it('answers a resent id with its first answer and sends the message once, then reports it signed', async () => {
      const message = sms(Provider.Generic, generic.sender);

      const first = await sendThrough(Provider.Generic, genericCredentials(), message);
      const again = await sendThrough(Provider.Generic, genericCredentials(), message);

      expect(first).toEqual({ kind: 'accepted', providerMessageId: expect.stringMatching(/^sim-/), segments: 1 });
      expect(again).toEqual(first);
      const reports = await backtalk.waitFor(2);
      const adapter = adapterFor(Provider.Generic);
      for (const report of reports) expect(adapter.verify(report, { signatureSecret: 'whsec_sim' }, new Date())).toEqual({ ok: true });
      expect(reports.flatMap((report) => adapter.parse(report).deliveryReports.map((parsed) => parsed.status))).toEqual([DeliveryStatus.Sent, DeliveryStatus.Delivered]);
      const { json } = await simApi(simulator, 'GET', `/sim/api/sends?from=${encodeURIComponent(generic.sender)}`);
      expect((json as { sends: Array<{ attempt: number; clientReference: string }> }).sends.filter((send) => send.clientReference === message.messageId)).toEqual([
        expect.objectContaining({ attempt: 2 }),
      ]);
    });

    it('refuses a send signed with another secret', async () => {
      const outcome = await sendThrough(Provider.Generic, { ...genericCredentials(), signatureSecret: 'whsec_other' }, sms(Provider.Generic, generic.sender));

      expect(outcome).toMatchObject({ kind: 'failed', error: { code: 'E_SIGNATURE', category: ErrorCategory.Authentication } });
    });
  });

  describe('its own API', () => {
    it('lists the sends it accepted, filtered by recipient, with the attempt count', async () => {
      await simApi(simulator, 'DELETE', '/sim/api/sends');
      const message = sms(Provider.Twilio, twilio.sender);
      await sendThrough(Provider.Twilio, twilioCredentials(), message);
      await sendThrough(Provider.Twilio, twilioCredentials(), message);

      const { json } = await simApi(simulator, 'GET', `/sim/api/sends?to=${encodeURIComponent('380501234567')}`);

      expect((json as { sends: Array<{ attempt: number; text: string; provider: string }> }).sends).toEqual([
        expect.objectContaining({ attempt: 2, text: UKRAINIAN, provider: Provider.Twilio }),
        expect.objectContaining({ attempt: 1, text: UKRAINIAN, provider: Provider.Twilio }),
      ]);
      await backtalk.waitFor(4);
    });

    it('answers 400 naming every problem in a behaviour it cannot use', async () => {
      const answer = await simApi(simulator, 'PUT', '/sim/api/behaviour', { outcome: 'lost', latencyMs: -1, throttleRate: 2 });

      expect(answer.status).toBe(400);
      expect((answer.json as { details: string[] }).details).toHaveLength(3);
    });

    it('answers 404 for a text to a channel it does not know', async () => {
      const answer = await simApi(simulator, 'POST', `/sim/api/phones/${encodeURIComponent(CUSTOMER)}/messages`, { to: 'Sales', text: 'hi' });

      expect(answer).toEqual({ status: 404, json: expect.objectContaining({ code: 'UNKNOWN_NUMBER', message: expect.stringContaining('no registered number matches "Sales"') }) });
    });

    it('serves its page with the compiled script', async () => {
      const page = await fetch(`${simulator.url}/`);
      const script = await fetch(`${simulator.url}/app.js`);

      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(await page.text()).toContain('Carrier simulator');
      expect(await script.text()).toContain('EventSource');
    });
  });
});
