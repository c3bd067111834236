import {
  type ClientToServerEvents,
  type PresenceView,
  REALTIME_NAMESPACE,
  type RealtimeEvent,
  type ResumeResult,
  type ServerToClientEvents,
  type SessionEndedSignal,
  type TypingSignal,
  type ViewingSignal,
} from '@backtalk/contracts';
import { io, type Socket } from 'socket.io-client';

/** A console's socket as the tests drive it: it records everything the server sends. */
export class ConsoleClient {
  readonly events: RealtimeEvent[] = [];
  readonly typing: TypingSignal[] = [];
  readonly viewing: ViewingSignal[] = [];
  readonly presence: PresenceView[] = [];
  readonly ended: SessionEndedSignal[] = [];
  disconnectReason: string | null = null;

  private constructor(readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>) {
    socket.on('domain.events', (events) => this.events.push(...events));
    socket.on('typing', (signal) => this.typing.push(signal));
    socket.on('viewing', (signal) => this.viewing.push(signal));
    socket.on('presence.changed', (presence) => this.presence.push(presence));
    socket.on('session.ended', (signal) => this.ended.push(signal));
    socket.on('disconnect', (reason) => (this.disconnectReason = reason));
  }

  /** Resolves once connected (or refused at the handshake); no automatic reconnection, so tests see every cut. */
  static async connect(baseUrl: string, token: string | undefined): Promise<ConsoleClient> {
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(`${baseUrl}${REALTIME_NAMESPACE}`, {
      auth: token === undefined ? {} : { token },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    const client = new ConsoleClient(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    return client;
  }

  /**
   * Asks for what was missed. Replayed events join `events` the moment the answer arrives, as a console applies them:
   * live events the server sends right after the answer are handled before an awaiting caller would resume.
   */
  resume(afterSeq: number): Promise<ResumeResult> {
    return new Promise((resolve, reject) => {
      this.socket.timeout(10_000).emit('resume', { afterSeq }, (error: Error | null, result: ResumeResult) => {
        if (error) return reject(error);
        if (result.status === 'ok') this.events.push(...result.events);
        resolve(result);
      });
    });
  }

  /** Connects and resumes, the way the console does on every (re)connect. */
  static async live(baseUrl: string, token: string, afterSeq: number): Promise<ConsoleClient> {
    const client = await ConsoleClient.connect(baseUrl, token);
    const result = await client.resume(afterSeq);
    if (result.status !== 'ok') throw new Error(`expected to resume, got ${JSON.stringify(result)}`);
    return client;
  }

  get seqs(): number[] {
    return this.events.map((event) => event.seq);
  }

  close(): void {
    this.socket.disconnect();
  }
}

export async function eventually(check: () => boolean | void, timeoutMs = 10_000, what = 'the condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let failure: unknown = null;
    try {
      if (check() !== false) return;
    } catch (error) {
      failure = error;
    }
    if (Date.now() > deadline) throw failure ?? new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
