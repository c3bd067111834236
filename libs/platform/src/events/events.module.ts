import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DomainEventEntity } from './domain-event.entity';
import { EventLog } from './event-log';

@Global()
@Module({ imports: [TypeOrmModule.forFeature([DomainEventEntity])], providers: [EventLog], exports: [EventLog] })
export class EventsModule {}
