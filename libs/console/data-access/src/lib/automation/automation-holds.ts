import { AUTOMATION_HOLD_KINDS, type AutomationHold, type AutomationHoldKind } from '@backtalk/contracts';
import { translatorFor } from '@backtalk/console/i18n';

const t = translatorFor('common');

const KEYS: Record<AutomationHoldKind, string> = {
  assigned: 'assigned',
  took: 'took',
  replied: 'replied',
  note: 'note',
  typing: 'typing',
  same_text: 'sameText',
  asked_for_person: 'askedForPerson',
  looks_automatic: 'looksAutomatic',
  answered_auto_reply: 'answeredAutoReply',
  recent_auto_reply: 'recentAutoReply',
  repeated_text: 'repeatedText',
  burst: 'burst',
  no_faq_match: 'noFaqMatch',
  opted_out: 'optedOut',
  answer_missing: 'answerMissing',
  faq_not_autonomous: 'faqNotAutonomous',
};

const isKind = (value: unknown): value is AutomationHoldKind => typeof value === 'string' && (AUTOMATION_HOLD_KINDS as readonly string[]).includes(value);
const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() ? value : null);
const count = (value: unknown): number | string => (typeof value === 'number' ? value : '?');

/** A hold as stored in an activity line, read defensively: the line may come from a newer or an older API. */
export function holdOf(value: unknown): AutomationHold | { kind: null } | null {
  if (typeof value !== 'object' || value === null) return null;
  const kind = (value as { kind?: unknown }).kind;
  return isKind(kind) ? (value as AutomationHold) : { kind: null };
}

/**
 * The names a hold quotes from people's records (who has the conversation, an FAQ's title, a rule's name), for the
 * thread to mark as data.
 */
export function holdData(hold: unknown): string[] {
  if (typeof hold !== 'object' || hold === null) return [];
  const fields = hold as Record<string, unknown>;
  return [text(fields['name']), text(fields['title']), text(fields['ruleName'])].filter((entry): entry is string => entry !== null);
}

/**
 * Why automation held a reply back (or, `cancelled`, why a queued one did not go out), in the console's language: the
 * part after "No automatic reply:". A kind this console does not know reads as such rather than disappearing.
 */
export function describeHold(value: unknown, options: { cancelled?: boolean; restoredStatus?: string } = {}): string {
  const reason = holdReason(value, options.cancelled === true);
  return options.restoredStatus ? t('cancelledHolds.restored', { reason, status: options.restoredStatus }) : reason;
}

function holdReason(value: unknown, cancelled: boolean): string {
  const hold = holdOf(value);
  if (!hold || hold.kind === null) return t('holds.unknown');
  const name = 'name' in hold ? (text(hold.name) ?? t('holds.anAgent')) : '';
  switch (hold.kind) {
    case 'assigned':
      return cancelled ? t('cancelledHolds.took', { name }) : t('holds.assigned', { name });
    case 'took':
    case 'replied':
    case 'note':
    case 'typing':
      return t(`${cancelled ? 'cancelledHolds' : 'holds'}.${hold.kind}`, { name });
    case 'same_text':
    case 'recent_auto_reply':
      return t(`holds.${KEYS[hold.kind]}`, { minutes: count(hold.windowMinutes) });
    case 'burst':
      return t('holds.burst', { limit: count(hold.limit) });
    case 'answer_missing':
      return text(hold.ruleName) ? t('holds.answerMissingOfRule', { rule: hold.ruleName }) : t('holds.answerMissing');
    case 'faq_not_autonomous':
      return t('holds.faqNotAutonomous', { title: text(hold.title) ?? '?' });
    default:
      return t(`holds.${KEYS[hold.kind]}`);
  }
}

/** A hold's kind alone, as a report row names it; null: rows recorded before holds had kinds, with no reason either. */
export function holdKindLabel(kind: string | null, options: { unrecorded?: boolean } = {}): string {
  if (kind === null) return t(options.unrecorded ? 'holdKinds.unrecorded' : 'holdKinds.unknown');
  return isKind(kind) ? t(`holdKinds.${KEYS[kind]}`) : t('holdKinds.unknown');
}
