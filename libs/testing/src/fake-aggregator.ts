import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export interface RecordedSend {
  /** Date.now() when the request arrived, to check pacing. */
  receivedAt: number;
  headers: IncomingMessage['headers'];
  body: { type: string; id: string; from: string; to: string; text: string; statusCallbackUrl: string };
}

export type AggregatorBehaviour = 'accept' | 'error-500' | 'throttle-429' | 'hang' | { acceptAfterMs: number };

/**
 * A local HTTP aggregator speaking Backtalk's generic send format: it records every send and answers as told
 * (accept, fail with 500 or 429, or never answer), so tests can exercise retries and interrupted sends for real.
 */
export class FakeAggregator {
  readonly sends: RecordedSend[] = [];
  private readonly script: AggregatorBehaviour[] = [];
  private readonly hanging: ServerResponse[] = [];

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<FakeAggregator> {
    const holder: { aggregator?: FakeAggregator } = {};
    const server = createServer((request, response) => holder.aggregator!.handle(request, response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    holder.aggregator = new FakeAggregator(server, `http://127.0.0.1:${(server.address() as { port: number }).port}/send`);
    return holder.aggregator;
  }

  /** The next answers, in order; after them every send is accepted. */
  behave(...behaviours: AggregatorBehaviour[]): void {
    this.script.push(...behaviours);
  }

  providerIdFor(messageId: string): string {
    return `agg-${messageId}`;
  }

  accepted(): RecordedSend[] {
    return this.sends.filter((send) => (send as RecordedSend & { accepted?: boolean }).accepted);
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    let raw = '';
    request.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    request.on('end', () => {
      const send: RecordedSend & { accepted?: boolean } = { receivedAt: Date.now(), headers: request.headers, body: JSON.parse(raw) };
      this.sends.push(send);
      const behaviour = this.script.shift() ?? 'accept';
      const accept = () => {
        send.accepted = true;
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: this.providerIdFor(send.body.id) }));
      };
      if (behaviour === 'accept') accept();
      else if (behaviour === 'error-500') response.writeHead(500, { 'content-type': 'application/json' }).end('{"error":"temporarily unavailable"}');
      else if (behaviour === 'throttle-429') response.writeHead(429, { 'retry-after': '1', 'content-type': 'application/json' }).end('{"error":"slow down"}');
      else if (behaviour === 'hang') this.hanging.push(response);
      else setTimeout(accept, behaviour.acceptAfterMs);
    });
  }

  async close(): Promise<void> {
    for (const response of this.hanging) response.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
