import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ConsentService } from './consent.service';
import { ConversationActionsController } from './conversation-actions.controller';
import { ConversationActionsService } from './conversation-actions.service';
import { ContactsService } from './contacts.service';
import { ConversationsController } from './conversations.controller';
import { ConversationsService } from './conversations.service';
import { CONVERSATION_ENTITIES } from './entities';
import { ThreadingService } from './threading.service';

@Module({
  imports: [TypeOrmModule.forFeature(CONVERSATION_ENTITIES)],
  controllers: [ConversationsController, ConversationActionsController],
  providers: [ConversationsService, ConversationActionsService, ContactsService, ThreadingService, ConsentService],
  exports: [ConversationsService, ConversationActionsService, ContactsService, ThreadingService, ConsentService],
})
export class ConversationsModule {}
