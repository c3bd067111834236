import { ConsentEntity, ConsentEventEntity } from './consent.entity';
import { ContactEntity } from './contact.entity';
import { ConversationActivityEntity } from './conversation-activity.entity';
import { ConversationAssignmentEntity } from './conversation-assignment.entity';
import { ConversationEntity } from './conversation.entity';
import { MessageEntity } from './message.entity';

export { ConsentEntity, ConsentEventEntity, ContactEntity, ConversationActivityEntity, ConversationAssignmentEntity, ConversationEntity, MessageEntity };
export const CONVERSATION_ENTITIES = [ContactEntity, ConversationEntity, MessageEntity, ConsentEntity, ConsentEventEntity, ConversationAssignmentEntity, ConversationActivityEntity];
