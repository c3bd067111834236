import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ConsentService } from './consent.service';
import { ConversationActivity } from './conversation-activity.service';
import { ConversationActionsController } from './conversation-actions.controller';
import { ConversationActionsService } from './conversation-actions.service';
import { ContactsService } from './contacts.service';
import { ConversationsController } from './conversations.controller';
import { ConversationsService } from './conversations.service';
import { ConversationTyping } from './conversation-typing';
import { CONVERSATION_ENTITIES } from './entities';
import { SavedViewEntity } from './saved-views/saved-view.entity';
import { SavedViewsController } from './saved-views/saved-views.controller';
import { SavedViewsService } from './saved-views/saved-views.service';
import { ThreadingService } from './threading.service';

@Module({
  imports: [TypeOrmModule.forFeature([...CONVERSATION_ENTITIES, SavedViewEntity])],
  controllers: [ConversationsController, ConversationActionsController, SavedViewsController],
  providers: [SavedViewsService, ConversationsService, ConversationActionsService, ContactsService, ThreadingService, ConsentService, ConversationActivity, ConversationTyping],
  exports: [ConversationsService, ConversationActionsService, ContactsService, ThreadingService, ConsentService, ConversationActivity, ConversationTyping],
})
export class ConversationsModule {}
