import { ConversationsModule } from '@backtalk/conversations';
import { Module } from '@nestjs/common';
import { ContactAttributesController } from './contact-attributes.controller';
import { ContactAttributesService } from './contact-attributes.service';
import { ContactsController } from './contacts.controller';
import { ContactsService } from './contacts.service';

/**
 * The contacts directory, the contact page, each team's notes and the custom attributes admins define. Finding or creating the contact of a number stays
 * with threading in ConversationsModule, where every inbound and outbound message passes.
 */
@Module({
  imports: [ConversationsModule],
  controllers: [ContactsController, ContactAttributesController],
  providers: [ContactsService, ContactAttributesService],
  exports: [ContactsService, ContactAttributesService],
})
export class ContactsDirectoryModule {}
