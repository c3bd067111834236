import { MessageDirection, type ConversationView, type ReplayReport, type RuleView } from '@backtalk/contracts';

export type ScoreTone = 'above' | 'below';

/** How a candidate FAQ's bar is drawn: its length is the score, green once it clears the threshold the rules use. */
export function scoreBar(score: number, threshold: number | null): { width: string; tone: ScoreTone } {
  const clamped = Math.min(1, Math.max(0, Number.isFinite(score) ? score : 0));
  return { width: `${(clamped * 100).toFixed(1)}%`, tone: threshold !== null && clamped >= threshold ? 'above' : 'below' };
}

/**
 * The confidence an FAQ needs before any enabled rule answers with it: the lowest threshold among their FAQ conditions
 * (a rule for one FAQ counts too). Null when no enabled rule answers FAQs.
 */
export function autoReplyThreshold(rules: readonly Pick<RuleView, 'enabled' | 'conditions'>[]): number | null {
  const thresholds = rules.filter((rule) => rule.enabled).flatMap((rule) => rule.conditions.flatMap((condition) => (condition.type === 'faq_match' ? [condition.minConfidence] : [])));
  return thresholds.length > 0 ? Math.min(...thresholds) : null;
}

/** "17%" of the replayed messages; "<1%" rather than a misleading 0% when a few were answered. */
export function formatShare(count: number, total: number): string {
  if (total <= 0) return '—';
  const share = (count / total) * 100;
  if (count > 0 && share < 1) return '<1%';
  if (count < total && share > 99) return '>99%';
  return `${Math.round(share)}%`;
}

export interface RecentMessage {
  key: string;
  text: string;
  channelId: string | null;
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * Real customer messages to try in the bench: the latest of each recent conversation whose last word was the
 * customer's, then the replay's samples (which include auto-answered ones); each text once.
 */
export function recentCustomerMessages(conversations: readonly ConversationView[], replay: ReplayReport | undefined, limit = 12): RecentMessage[] {
  const seen = new Set<string>();
  const messages: RecentMessage[] = [];
  const add = (key: string, text: string, channelId: string | null) => {
    const line = oneLine(text);
    const normalised = line.toLocaleLowerCase();
    if (!line || seen.has(normalised) || messages.length >= limit) return;
    seen.add(normalised);
    messages.push({ key, text: line, channelId });
  };
  for (const conversation of conversations) {
    const last = conversation.lastMessage;
    if (last?.direction === MessageDirection.Inbound) add(last.id, last.body, conversation.channelId);
  }
  for (const sample of replay?.samples ?? []) add(sample.messageId, sample.text, conversations.find((c) => c.id === sample.conversationId)?.channelId ?? null);
  return messages;
}
