import { ConversationsModule } from '@backtalk/conversations';
import { Module } from '@nestjs/common';
import { ContactsController } from './contacts.controller';
import { ContactsService } from './contacts.service';

/**
 * The contacts directory, the contact page and each team's notes. Finding or creating the contact of a number stays
 * with threading in ConversationsModule, where every inbound and outbound message passes.
 */
@Module({
  imports: [ConversationsModule],
  controllers: [ContactsController],
  providers: [ContactsService],
  exports: [ContactsService],
})
export class ContactsDirectoryModule {}
