import { REALTIME_NAMESPACE, type ResumeResult } from '@backtalk/contracts';
import {
  Ack,
  ConnectedSocket,
  MessageBody,
  type OnGatewayConnection,
  type OnGatewayDisconnect,
  type OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
} from '@nestjs/websockets';
import { PresenceRelay } from './presence/presence-relay.service';
import { RealtimeServer } from './realtime-server';
import type { RealtimeNamespace, RealtimeSocket } from './sessions/realtime-session';
import { RealtimeSessions } from './sessions/realtime-sessions.service';
import { ConversationSignals } from './signals/conversation-signals.service';
import { EventStream } from './stream/event-stream.service';

/** The agent console's socket. Messages from sockets without a session (refused, or already gone) are ignored. */
@WebSocketGateway({ namespace: REALTIME_NAMESPACE })
export class RealtimeGateway implements OnGatewayInit<RealtimeNamespace>, OnGatewayConnection<RealtimeSocket>, OnGatewayDisconnect<RealtimeSocket> {
  constructor(
    private readonly server: RealtimeServer,
    private readonly sessions: RealtimeSessions,
    private readonly stream: EventStream,
    private readonly signals: ConversationSignals,
    private readonly presence: PresenceRelay,
  ) {}

  afterInit(namespace: RealtimeNamespace): void {
    this.server.attach(namespace);
    namespace.use((socket, next) => void this.sessions.authenticate(socket).then(() => next()));
  }

  handleConnection(socket: RealtimeSocket): void {
    this.sessions.open(socket);
  }

  handleDisconnect(socket: RealtimeSocket): Promise<void> {
    return this.sessions.close(socket);
  }

  @SubscribeMessage('resume')
  resume(@ConnectedSocket() socket: RealtimeSocket, @MessageBody() request: unknown, @Ack() ack: (result: ResumeResult) => void): Promise<void> | void {
    const session = this.sessions.of(socket);
    if (session) return this.stream.resume(session, request, ack);
  }

  @SubscribeMessage('token.refresh')
  refreshToken(@ConnectedSocket() socket: RealtimeSocket, @MessageBody() request: unknown, @Ack() ack: (result: { ok: boolean }) => void): Promise<void> | void {
    const session = this.sessions.of(socket);
    if (session) return this.sessions.refreshToken(session, request, typeof ack === 'function' ? ack : undefined);
  }

  @SubscribeMessage('typing')
  typing(@ConnectedSocket() socket: RealtimeSocket, @MessageBody() request: unknown): Promise<void> | void {
    const session = this.sessions.of(socket);
    if (session) return this.signals.typing(session, request);
  }

  @SubscribeMessage('viewing')
  viewing(@ConnectedSocket() socket: RealtimeSocket, @MessageBody() request: unknown): Promise<void> | void {
    const session = this.sessions.of(socket);
    if (session) return this.signals.viewing(session, request);
  }

  @SubscribeMessage('presence.set')
  async setPresence(@ConnectedSocket() socket: RealtimeSocket, @MessageBody() request: unknown): Promise<void> {
    const session = this.sessions.of(socket);
    const status = (request as { status?: unknown } | null)?.status;
    if (session && (status === 'online' || status === 'away')) await this.presence.heartbeat(session, status);
  }

  @SubscribeMessage('heartbeat')
  async heartbeat(@ConnectedSocket() socket: RealtimeSocket): Promise<void> {
    const session = this.sessions.of(socket);
    if (session && (await this.presence.heartbeat(session))) await this.signals.heartbeat(session);
  }
}
