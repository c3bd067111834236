import { AccountsAndAccess1764040000000 } from './1764040000000-accounts-and-access';
import { ChannelsAndConversations1764050000000 } from './1764050000000-channels-and-conversations';
import { OutboundMessages1764060000000 } from './1764060000000-outbound-messages';
import { ConversationWork1764070000000 } from './1764070000000-conversation-work';
import { EventLogCommitOrder1764080000000 } from './1764080000000-event-log-commit-order';
import { CannedAnswers1764090000000 } from './1764090000000-canned-answers';
import { Routing1764100000000 } from './1764100000000-routing';
import { Automation1764110000000 } from './1764110000000-automation';
import { AutomationRuleActiveSince1765100100000 } from './1765100100000-automation-rule-active-since';
import { AssignOnReply1765100200000 } from './1765100200000-assign-on-reply';
import { ConversationActivity1765100300000 } from './1765100300000-conversation-activity';
import { UserPreferences1765100400000 } from './1765100400000-user-preferences';
import { ReportIndexes1765200100000 } from './1765200100000-report-indexes';
import { ReportRollups1765200200000 } from './1765200200000-report-rollups';
import { CsatSurvey1765200300000 } from './1765200300000-csat-survey';
import { ReportFacts1765300000000 } from './1765300000000-report-facts';
import { ReportDeliveryRollup1765300010000 } from './1765300010000-report-delivery-rollup';
import { ReportAgentRepliesIndex1765300020000 } from './1765300020000-report-agent-replies-index';
import { ReportWaitByKind1765300030000 } from './1765300030000-report-wait-by-kind';
import { Labels1765300200000 } from './1765300200000-labels';
import { ContactsDirectory1765300300000 } from './1765300300000-contacts-directory';
import { ContactAttributes1765300600000 } from './1765300600000-contact-attributes';
import { ContactImport1765300700000 } from './1765300700000-contact-import';
import { SavedViews1765300800000 } from './1765300800000-saved-views';
import { Macros1765300900000 } from './1765300900000-macros';
import { ChannelCurrency1765301000000 } from './1765301000000-channel-currency';

/** In order. Listed explicitly rather than globbed, so that compiled and source runs see the same set. */
export const MIGRATIONS = [AccountsAndAccess1764040000000, ChannelsAndConversations1764050000000, OutboundMessages1764060000000, ConversationWork1764070000000, EventLogCommitOrder1764080000000, CannedAnswers1764090000000, Routing1764100000000, Automation1764110000000, AutomationRuleActiveSince1765100100000, AssignOnReply1765100200000, ConversationActivity1765100300000, UserPreferences1765100400000, ReportIndexes1765200100000, ReportRollups1765200200000, CsatSurvey1765200300000, ReportFacts1765300000000, ReportDeliveryRollup1765300010000, ReportAgentRepliesIndex1765300020000, ReportWaitByKind1765300030000, Labels1765300200000, ContactsDirectory1765300300000, ContactAttributes1765300600000, ContactImport1765300700000, SavedViews1765300800000, Macros1765300900000, ChannelCurrency1765301000000];
