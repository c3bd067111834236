import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { API_URL } from '../../e2e-environment';

// The outside world of an SMS helpdesk for the browser tests: an admin setting things up through the real API, a
// customer texting in through a signed generic webhook, and an aggregator that accepts Backtalk's sends.

export interface Session {
  token: string;
  userId: string;
}

/** A request to the real API, as the setup of a test makes it; a non-2xx answer fails the test with its body. */
export async function call<T>(path: string, init: { method?: string; token?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<T> {
  const response = await fetch(`${API_URL}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: {
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      ...init.headers,
    },
    body: init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path} answered ${response.status}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

export async function apiSignIn(email: string, password: string): Promise<Session> {
  const session = await call<{ accessToken: string; user: { id: string } }>('/api/auth/login', { body: { email, password } });
  return { token: session.accessToken, userId: session.user.id };
}

export async function teamId(session: Session, name: string): Promise<string> {
  const teams = await call<Array<{ id: string; name: string }>>('/api/teams', { token: session.token });
  const team = teams.find((t) => t.name === name);
  if (!team) throw new Error(`No team called ${name}`);
  return team.id;
}

/** A sender number no other channel of this database uses, so a retried test can create its channel again. */
export function uniqueSender(): string {
  return `+38044${String(Math.floor(Math.random() * 10_000_000)).padStart(7, '0')}`;
}

/** A customer number no earlier test of this database has used. */
export function uniquePhone(): string {
  return `+38067${String(Math.floor(Math.random() * 10_000_000)).padStart(7, '0')}`;
}

export interface GenericChannel {
  id: string;
  name: string;
  sender: string;
  secret: string;
  webhookPath: string;
}

/** A channel at Backtalk's generic provider whose sends go to `aggregator`. */
export async function createGenericChannel(
  admin: Session,
  options: { teamId: string; name: string; sender: string; sendUrl: string; pricePerSegment?: number; smartEncoding?: boolean },
): Promise<GenericChannel> {
  const secret = `whsec_${randomUUID()}`;
  const channel = await call<{ id: string; webhookUrl: string }>('/api/channels', {
    token: admin.token,
    body: {
      teamId: options.teamId,
      name: options.name,
      provider: 'generic',
      sender: options.sender,
      senderType: 'long_code',
      country: 'UA',
      secrets: { signatureSecret: secret, baseUrl: options.sendUrl },
      pricePerSegment: options.pricePerSegment ?? 0.0079,
      ...(options.smartEncoding === undefined ? {} : { smartEncoding: options.smartEncoding }),
    },
  });
  return { id: channel.id, name: options.name, sender: options.sender, secret, webhookPath: new URL(channel.webhookUrl).pathname };
}

/** `X-Backtalk-Signature`, computed as libs/carriers/src/lib/providers/generic.ts specifies it. */
export function signGeneric(secret: string, body: string, unixSeconds = Math.floor(Date.now() / 1000)): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.`).update(body).digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}

async function postWebhook(channel: GenericChannel, events: unknown): Promise<void> {
  const body = JSON.stringify(events);
  await call(channel.webhookPath, { body, headers: { 'x-backtalk-signature': signGeneric(channel.secret, body) } });
}

let messageCounter = 0;

/** A customer's text, as the aggregator delivers it. */
export async function customerTexts(channel: GenericChannel, from: string, text: string, at?: Date): Promise<string> {
  const id = `agg-in-${Date.now().toString(36)}-${++messageCounter}`;
  await postWebhook(channel, { type: 'message', id, from, to: channel.sender, text, ...(at ? { timestamp: at.toISOString() } : {}) });
  return id;
}

/** Several texts in one signed request, in order. */
export async function customerTextsMany(channel: GenericChannel, from: string, texts: string[], firstAt: Date): Promise<void> {
  const events = texts.map((text, index) => ({
    type: 'message',
    id: `agg-in-${Date.now().toString(36)}-${++messageCounter}`,
    from,
    to: channel.sender,
    text,
    timestamp: new Date(firstAt.getTime() + index * 1000).toISOString(),
  }));
  await postWebhook(channel, events);
}

export async function deliveryReport(channel: GenericChannel, providerId: string, status: 'sent' | 'delivered' | 'undelivered' | 'failed', error?: { code: string; description: string }): Promise<void> {
  await postWebhook(channel, {
    type: 'status',
    id: providerId,
    status,
    ...(error ? { errorCode: error.code, errorDescription: error.description } : {}),
  });
}

export interface SentSms {
  /** Backtalk's message id. */
  id: string;
  /** The id this aggregator gave it. */
  providerId: string;
  to: string;
  text: string;
}

/**
 * An aggregator on a local port that accepts every send once (a repeated id gets the first answer, as the generic
 * format asks) and remembers what it was given.
 */
export class FakeAggregator {
  readonly sent: SentSms[] = [];
  private server: Server | null = null;
  private waiters: Array<() => void> = [];

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      let raw = '';
      request.on('data', (chunk) => (raw += chunk));
      request.on('end', () => {
        const body = JSON.parse(raw) as { id: string; to: string; text: string };
        let sms = this.sent.find((s) => s.id === body.id);
        if (!sms) {
          sms = { id: body.id, providerId: `agg-out-${this.sent.length + 1}-${body.id.slice(0, 8)}`, to: body.to, text: body.text };
          this.sent.push(sms);
          this.waiters.splice(0).forEach((wake) => wake());
        }
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ id: sms.providerId, segments: 1 }));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/send`;
  }

  /** Resolves with the first send whose text matches. */
  async waitForSend(match: (sms: SentSms) => boolean, timeoutMs = 10_000): Promise<SentSms> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.sent.find(match);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`No matching send within ${timeoutMs} ms; sent so far: ${JSON.stringify(this.sent)}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 250);
      });
    }
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
