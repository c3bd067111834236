import { AuthModule, UserEntity } from '@backtalk/auth';
import { ConversationsModule } from '@backtalk/conversations';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PresenceRelay } from './presence/presence-relay.service';
import { PresenceModule } from './presence/presence.module';
import { RealtimeGateway } from './realtime.gateway';
import { RealtimeServer } from './realtime-server';
import { RealtimeSessions } from './sessions/realtime-sessions.service';
import { SocketAuthenticator } from './sessions/socket-authenticator.service';
import { ConversationSignals } from './signals/conversation-signals.service';
import { EventHydrator } from './stream/event-hydrator.service';
import { EventLogReader } from './stream/event-log-reader';
import { EventStream } from './stream/event-stream.service';
import { LogTail } from './stream/log-tail.service';

/**
 * The agent console's socket (`/realtime`): domain events after commit, gap-free and filtered by the access rule;
 * presence, typing and viewing. For the API process; other processes that need presence import PresenceModule.
 */
@Module({
  imports: [TypeOrmModule.forFeature([UserEntity]), AuthModule, ConversationsModule, PresenceModule],
  providers: [RealtimeGateway, RealtimeServer, RealtimeSessions, SocketAuthenticator, PresenceRelay, ConversationSignals, EventStream, EventHydrator, EventLogReader, LogTail],
})
export class RealtimeModule {}
