import { Module } from '@nestjs/common';
import { PresenceService } from './presence.service';

/** Presence without sockets: importable by any process that needs to know who is online (routing, for one). */
@Module({ providers: [PresenceService], exports: [PresenceService] })
export class PresenceModule {}
