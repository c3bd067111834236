/**
 * The one-sentence definition of every metric, written once: reports return the ones they use and the console shows
 * them as tooltips, so what a number means is decided here and nowhere else.
 */
export const METRIC_DEFINITIONS = {
  conversationsCreated: 'Conversations that started in the range (a customer texted in, or a notification began one), counted in the team that holds them now.',
  inboundMessages: 'Messages customers sent in the range.',
  outboundMessages: 'Messages Backtalk sent in the range: agents’ replies, automatic replies and confirmations, and notifications; private notes are not messages.',
  outboundAgent: 'Outbound messages an agent wrote.',
  outboundAutomation: 'Outbound messages Backtalk wrote on its own: FAQ auto-replies, STOP/START/HELP confirmations and satisfaction surveys.',
  outboundNotification: 'Outbound messages sent by a system through the notification API.',
  medianFirstResponse: 'Median time from a new conversation’s first customer message to the first reply by an agent or an automatic reply, over conversations that started in the range and got one.',
  resolutions: 'Times a conversation was resolved in the range; one resolved, reopened and resolved again counts twice.',
  slaMetPercent: 'Of the conversations that started in the range in a team with a first-response target and were answered or breached, the share answered without a first-response breach.',
  autoAnsweredPercent: 'Of the conversations that started in the range, the share that got an automatic FAQ reply and no reply from an agent.',
  outboundSegments: 'SMS segments of the outbound messages sent in the range (what carriers bill for).',
  cost: 'Estimated cost of the outbound messages sent in the range: segments times the channel’s price per segment when the message was sent.',
  csatPercent: 'Of the satisfaction ratings received in the range, the share that were 4 or 5 out of 5.',
  firstResponse: 'Time from the customer’s first message in a conversation to the first reply by an agent or an automatic reply, counted on the day the customer wrote.',
  nextResponse: 'Time from a customer message that follows a reply to the next reply by an agent or an automatic reply, counted on the day the customer wrote.',
  resolution: 'Time from when a conversation started, or was last reopened, to when it was resolved, counted on the day it was resolved; each resolve counts.',
  businessHours: 'Durations count only the hours each conversation’s team is open (its schedule and holidays under Settings → Teams); a team without business hours counts calendar time.',
  calendarTime: 'Durations count calendar time, nights and weekends included.',
  deliveryRatePercent: 'Of the outbound messages sent in the range whose fate the carrier reported, the share delivered: delivered / (delivered + undelivered + failed); a late report counts on the message’s own day.',
  failures: 'Outbound messages sent in the range that the carrier reported undelivered or failed, by provider error code, with the reason Backtalk shows agents for it.',
  optOuts: 'Customers who opted out (STOP or an agent’s change) in the range, by the channel they opted out of; not narrowed by agent.',
  optIns: 'Customers who opted back in (START or an agent’s change) in the range, by channel; not narrowed by agent.',
  costByAgent: 'Outbound messages, segments and cost by the agent who wrote them; automatic replies, confirmations, surveys and notifications have no agent.',
  surveysSent: 'Satisfaction surveys texted to customers in the range.',
  csatResponses: 'Ratings customers gave in the range, whenever they were surveyed.',
  responseRatePercent: 'Of the surveys sent in the range, the share the customer answered with a rating (so far).',
  csatDistribution: 'Ratings received in the range, by score from 1 (bad) to 5 (great).',
  csatComments: 'What customers wrote with their rating, newest first.',
  firstResponseMetPercent: 'Of the conversations that started in the range in a team with a first-response target and were answered or breached it, the share answered without a breach.',
  nextResponseMetPercent: 'Of the conversations that started in the range in a team with a next-response target in which the customer wrote again after a reply, the share with no next-response breach.',
  breaches: 'SLA targets missed in the range (first or next response), counted when the target passed unanswered.',
  breachesByAgent: 'Breaches by the agent the conversation is assigned to now; “Unassigned” when nobody is.',
  autoReplies: 'Automatic FAQ replies sent in the range.',
  wroteAgainPercent: 'Of the automatic replies sent in the range, the share after which the customer wrote again within 24 hours: a sign the answer may not have helped.',
  byFaq: 'Automatic replies by the FAQ they answered with, and how often the customer wrote again within 24 hours.',
  heldBack: 'Times automation held a reply back in the range, by the reason it gave in the thread (below the FAQ threshold, asked for a person, loop protection, opted out …).',
  conversationsHandled: 'Conversations in which the agent sent at least one reply in the range.',
  repliesSent: 'Replies the agent wrote that were sent in the range.',
  agentMedianFirstResponse: 'Median first response of the conversations that started in the range whose first reply the agent wrote.',
  agentMedianResolution: 'Median time to the agent’s resolves in the range, from when the conversation started or was last reopened.',
  currentLoad: 'Open conversations assigned to the agent now, whatever the range.',
  heatmap: 'Customer messages by local weekday and hour of the day, in the report’s time zone.',
  byTeam: 'Conversations and their messages by the team that holds the conversation now.',
  byChannel: 'Conversations and their messages by the channel (sender) they run through.',
  byAgent: 'Conversations and their messages by the agent the conversation is assigned to now; “Unassigned” when nobody is.',
} as const;

export type MetricKey = keyof typeof METRIC_DEFINITIONS;

export function definitionsOf(keys: readonly MetricKey[]): Record<string, string> {
  return Object.fromEntries(keys.map((key) => [key, METRIC_DEFINITIONS[key]]));
}
