import type { AutomationHold, RuleAction, RuleCondition } from '@backtalk/contracts';
import { type FiredRule, normalizeText, type RuleContext } from './rule-evaluation';

/** A customer who writes one of these wants a person: automation stays out of the conversation for that message. */
export const HANDOFF_WORDS = ['agent', 'human', 'operator', 'person', 'representative'];
/** Ukrainian and Russian words change their endings ("оператором", "людину"): these match as word beginnings. */
export const HANDOFF_STEMS = ['агент', 'оператор', 'людин', 'менеджер', 'человек'];

/**
 * Phrases other systems' automatic messages carry. Answering them automatically is how two auto-responders end up
 * texting each other forever.
 */
const AUTO_RESPONDER_PATTERNS = [
  /\bauto[- ]?(reply|response|responder|generated)\b/i,
  /\bautomatic (reply|response|message)\b/i,
  /\bautomated (reply|response|message)\b/i,
  /\bout of (the )?office\b/i,
  /\b(do not|don't|please do not) reply\b/i,
  /\bno[- ]?reply\b/i,
  /\bthis (number|inbox) is not monitored\b/i,
  /автовідповідь|автоматична відповідь|автоматичне повідомлення|не відповідайте/i,
  /автоответ|автоматический ответ|автоматическое сообщение|не отвечайте/i,
];

/** What the conversation looked like just before this message, as far as auto-replies care. */
export interface AutoReplyHistory {
  /** The customer's messages before this one, newest first, with when they came. */
  previousInbound: ReadonlyArray<{ body: string; at: Date }>;
  /** Kind of the last message sent to the customer before this one (agent, auto_reply, notification …), if any. */
  lastOutboundKind: string | null;
  /** When Backtalk last replied automatically in this conversation. */
  lastAutoReplyAt: Date | null;
}

export interface AutoReplyPolicy {
  /** At most one auto-reply per conversation within this many minutes. */
  windowMinutes: number;
  /** More customer messages than this within ten minutes look like a machine, not a person. */
  burstLimit: number;
}

export const DEFAULT_AUTO_REPLY_POLICY: AutoReplyPolicy = { windowMinutes: 60, burstLimit: 5 };

export function wantsHuman(text: string): boolean {
  const words = normalizeText(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  return words.some((word) => HANDOFF_WORDS.includes(word) || HANDOFF_STEMS.some((stem) => word.startsWith(normalizeText(stem))));
}

export function looksLikeAutoResponder(text: string): boolean {
  return AUTO_RESPONDER_PATTERNS.some((pattern) => pattern.test(text));
}

/**
 * Why Backtalk must not answer this message automatically, as codes the console words; empty when it may.
 * Every reason keeps the conversation in the team's queue for a person.
 */
export function autoReplyBlockers(text: string, history: AutoReplyHistory, now: Date, policy: AutoReplyPolicy = DEFAULT_AUTO_REPLY_POLICY): AutomationHold[] {
  const reasons: AutomationHold[] = [];
  if (wantsHuman(text)) reasons.push({ kind: 'asked_for_person' });
  if (looksLikeAutoResponder(text)) reasons.push({ kind: 'looks_automatic' });
  if (history.lastOutboundKind === 'auto_reply') reasons.push({ kind: 'answered_auto_reply' });
  if (history.lastAutoReplyAt && now.getTime() - history.lastAutoReplyAt.getTime() < policy.windowMinutes * 60_000) {
    reasons.push({ kind: 'recent_auto_reply', windowMinutes: policy.windowMinutes });
  }
  const normalized = normalizeText(text);
  if (normalized && history.previousInbound.some((message) => normalizeText(message.body) === normalized && now.getTime() - message.at.getTime() < 24 * 3_600_000)) {
    reasons.push({ kind: 'repeated_text' });
  }
  const recent = history.previousInbound.filter((message) => now.getTime() - message.at.getTime() < 10 * 60_000).length;
  if (recent >= policy.burstLimit) reasons.push({ kind: 'burst', limit: policy.burstLimit });
  return reasons;
}

/**
 * Why no FAQ reply went out although a rule that replies with an FAQ applies to this message: the customer asked
 * for a person, or no answer matched confidently. Null when a replying rule fired (its own blockers speak then), or
 * when no FAQ reply rule is relevant here, or when such a rule stayed quiet for another of its conditions.
 */
export function unansweredReason(
  applicable: ReadonlyArray<{ conditions: RuleCondition[]; actions: RuleAction[] }>,
  context: Pick<RuleContext, 'text' | 'faqs'>,
  fired: readonly FiredRule[],
): AutomationHold | null {
  if (fired.some((entry) => entry.rule.actions.some((action) => action.type === 'reply'))) return null;
  const thresholds = applicable
    .filter((rule) => rule.actions.some((action) => action.type === 'reply'))
    .flatMap((rule) => rule.conditions.flatMap((condition) => (condition.type === 'faq_match' ? [condition.minConfidence] : [])));
  if (thresholds.length === 0) return null;
  if (wantsHuman(context.text)) return { kind: 'asked_for_person' };
  const best = Math.max(0, ...context.faqs.map((faq) => faq.score));
  return best < Math.min(...thresholds) ? { kind: 'no_faq_match' } : null;
}
