import { ConsentEntity, ConsentEventEntity } from './consent.entity';
import { ContactEntity } from './contact.entity';
import { ConversationAssignmentEntity } from './conversation-assignment.entity';
import { ConversationEntity } from './conversation.entity';
import { MessageEntity } from './message.entity';

export { ConsentEntity, ConsentEventEntity, ContactEntity, ConversationAssignmentEntity, ConversationEntity, MessageEntity };
export const CONVERSATION_ENTITIES = [ContactEntity, ConversationEntity, MessageEntity, ConsentEntity, ConsentEventEntity, ConversationAssignmentEntity];
