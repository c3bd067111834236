import { ConsentEntity, ConsentEventEntity } from './consent.entity';
import { ContactEntity } from './contact.entity';
import { ConversationEntity } from './conversation.entity';
import { MessageEntity } from './message.entity';

export { ConsentEntity, ConsentEventEntity, ContactEntity, ConversationEntity, MessageEntity };
export const CONVERSATION_ENTITIES = [ContactEntity, ConversationEntity, MessageEntity, ConsentEntity, ConsentEventEntity];
