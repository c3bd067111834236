import { ActivityType, ConversationPriority, type ActivityView } from '@backtalk/contracts';
import { describeErrorCode, describeHold, holdData, isKnownErrorCode } from '@backtalk/console/data-access';
import { currentLanguage, translatorFor } from '@backtalk/console/i18n';
import { PRIORITY_LABELS, type IconName } from '@backtalk/console/ui';
import { macroStepName } from '../macros/macro-step-names';
import { joinedNames } from './wording';
import { INBOX_NAMESPACE } from '../../i18n';

const t = translatorFor(INBOX_NAMESPACE);

/** `warning` for what an agent must not miss (the customer left, a target passed), `info` for automation's decisions. */
export type ActivityTone = 'muted' | 'info' | 'warning';

export interface ActivityLine {
  icon: IconName;
  text: string;
  tone: ActivityTone;
}

export interface ActivityWording {
  /** The signed-in agent: their own actions read "You …". */
  selfId: string;
  /** A future time, short: "Mon 09:00". */
  when: (iso: string) => string;
}

const SLA_BREACH_LINES: Record<string, string> = { first_response: 'thread.activity.slaFirstResponse', next_response: 'thread.activity.slaNextResponse' };

const stringOf = (value: unknown): string | null => (typeof value === 'string' && value.trim() ? value : null);

/**
 * Automation's reason after a lead-in ("No automatic reply: the customer asked for a person"), for lines written before
 * holds had kinds: their English sentence is quoted as stored (activityData marks it as data). A reason that is already
 * a sentence about the automatic reply is shown as it is, so it is not said twice; lines carry no final stop.
 */
function withReason(leadIn: string, reason: string | null): string {
  if (!reason) return leadIn;
  const sentence = /automatic reply/i.test(reason) ? reason : t('thread.activity.withReason', { leadIn, reason });
  return sentence.replace(/\.$/, '');
}

const isAutomationLine = (activity: ActivityView) => activity.type === ActivityType.AutomationHeld || activity.type === ActivityType.AutoReplyCancelled;

/** A failed macro step's error code is one the console words (lines from before steps recorded it carry only `reason`). */
const macroFailureKnown = (data: Record<string, unknown>) => isKnownErrorCode(data['code']);

const PRIORITIES = new Set<string>(Object.values(ConversationPriority));

/** A priority inside a sentence, lower-case as it reads mid-sentence; an unknown value as it was stored. */
function priorityName(value: unknown): string {
  const priority = stringOf(value);
  if (!priority) return '?';
  return PRIORITIES.has(priority) ? PRIORITY_LABELS[priority as ConversationPriority].toLocaleLowerCase(currentLanguage()) : priority;
}

/** The names of the labels an activity line mentions (`{ id, name, color }` each), in its order. */
function labelNames(value: unknown): string[] {
  return Array.isArray(value) ? value.flatMap((label: unknown) => stringOf((label as { name?: unknown } | null)?.name) ?? []) : [];
}

/** “VIP”, “VIP” and “Refund”, “VIP”, “Refund” and “Bug”. */
function labelList(names: readonly string[]): string {
  return joinedNames(names.map((name) => t('thread.activity.quoted', { name })));
}

/** Who did it, as the subject of a sentence. */
function who(activity: ActivityView, selfId: string): string {
  const { actor } = activity;
  if (actor.kind === 'user') return actor.id === selfId ? t('thread.activity.who.you') : (actor.name ?? t('thread.activity.who.formerAgent'));
  if (actor.kind === 'customer') return t('thread.activity.who.customer');
  if (actor.kind === 'automation') {
    const rule = stringOf(activity.data['ruleName']);
    return rule ? t('thread.activity.who.rule', { rule }) : t('thread.activity.who.automation');
  }
  return 'Backtalk';
}

/** "by Maria Agent" / "by you" / "by routing" after a passive sentence. */
function byWhom(activity: ActivityView, selfId: string): string {
  const { actor } = activity;
  if (actor.kind === 'system') return t('thread.activity.by.routing');
  if (actor.kind === 'automation') {
    const rule = stringOf(activity.data['ruleName']);
    return rule ? t('thread.activity.by.rule', { rule }) : t('thread.activity.by.automation');
  }
  if (actor.kind === 'customer') return t('thread.activity.by.customer');
  if (actor.id === selfId) return t('thread.activity.by.you');
  return t('thread.activity.by.person', { name: actor.name ?? t('thread.activity.who.formerAgent') });
}

/**
 * What a line quotes from people's records rather than from the interface: the actor's and other agents' names, rule,
 * team, label and macro names, a customer's comment. The thread marks them so that translation leaves them alone.
 */
export function activityData(activity: ActivityView): string[] {
  const { actor, data } = activity;
  const quoted = ['ruleName', 'fromTeamName', 'toTeamName', 'assigneeName', 'supervisorName', 'macroName', 'comment'].map((key) => stringOf(data[key]));
  // A stored English sentence is quoted as data only where the console has nothing better: lines from before holds had
  // kinds, and a failed macro step whose error code this console cannot word.
  const storedReason = (isAutomationLine(activity) && data['hold'] === undefined) || (activity.type === ActivityType.MacroStep && !macroFailureKnown(data)) ? stringOf(data['reason']) : null;
  return [actor.kind === 'user' ? actor.name : null, ...quoted, ...holdData(data['hold']), storedReason, ...labelNames(data['added']), ...labelNames(data['removed'])].filter((entry): entry is string => !!entry);
}

/** Changes of hands already have their own lines in the thread (from the assignment history), with richer wording. */
export function isShownInThread(activity: ActivityView): boolean {
  return activity.type !== ActivityType.Assigned && activity.type !== ActivityType.Transferred;
}

/** One short sentence for the line between the messages; the time is shown next to it. */
export function describeActivity(activity: ActivityView, wording: ActivityWording): ActivityLine {
  const { data } = activity;
  const subject = who(activity, wording.selfId);
  const by = byWhom(activity, wording.selfId);
  // The reader's own actions read "You …"; a sentence of its own, as Ukrainian conjugates the verb for it.
  const mine = activity.actor.kind === 'user' && activity.actor.id === wording.selfId;
  const done = (key: string, values: Record<string, unknown> = {}) => (mine ? t(`thread.activity.byYou.${key}`, values) : t(`thread.activity.${key}`, { subject, ...values }));
  const byCustomer = activity.actor.kind === 'customer';
  switch (activity.type) {
    case ActivityType.Resolved:
      return { icon: 'circle-check', tone: 'muted', text: done(data['numberBlocked'] === true ? 'resolvedNumberBlocked' : data['customerErased'] === true ? 'resolvedCustomerErased' : 'resolved') };
    case ActivityType.Reopened:
      return { icon: 'undo', tone: 'muted', text: byCustomer ? t('thread.activity.reopenedByCustomer') : done('reopened') };
    case ActivityType.MarkedPending:
      return { icon: 'hourglass', tone: 'muted', text: done('markedPending') };
    case ActivityType.Snoozed: {
      const until = stringOf(data['until']);
      return { icon: 'snooze', tone: 'muted', text: until ? t('thread.activity.snoozedUntil', { when: wording.when(until), by }) : t('thread.activity.snoozedUntilReply', { by }) };
    }
    case ActivityType.Woke:
      return { icon: 'bell', tone: 'muted', text: byCustomer || data['reason'] === 'customer' ? t('thread.activity.wokeByCustomer') : t('thread.activity.woke') };
    case ActivityType.PriorityChanged:
      return { icon: 'flag', tone: 'muted', text: t('thread.activity.priorityChanged', { from: priorityName(data['from']), to: priorityName(data['to']), by }) };
    case ActivityType.Transferred: {
      const from = stringOf(data['fromTeamName']) ?? t('thread.activity.anotherTeam');
      const to = stringOf(data['toTeamName']) ?? t('thread.activity.anotherTeam');
      const assignee = stringOf(data['assigneeName']);
      const sentence = activity.actor.kind === 'user' ? done('transferred', { from, to }) : t('thread.activity.moved', { from, to, by });
      return { icon: 'shuffle', tone: 'muted', text: assignee ? t('thread.activity.toAssignee', { sentence, assignee }) : sentence };
    }
    case ActivityType.Assigned: {
      const assigneeId = stringOf(data['assigneeId']);
      const assignee = assigneeId === wording.selfId ? t('thread.activity.assigneeYou') : (stringOf(data['assigneeName']) ?? t('thread.activity.formerAgent'));
      if (!assigneeId) return { icon: 'queue', tone: 'muted', text: t('thread.activity.returnedToQueue', { by }) };
      if (activity.actor.kind === 'user' && activity.actor.id === assigneeId) return { icon: 'user', tone: 'muted', text: done('took') };
      return { icon: 'user', tone: 'muted', text: t('thread.activity.assignedTo', { assignee, by }) };
    }
    case ActivityType.OptedOut: {
      const keyword = stringOf(data['keyword']);
      return { icon: 'block', tone: 'warning', text: keyword ? t('thread.activity.optedOutKeyword', { keyword }) : t('thread.activity.optedOut') };
    }
    case ActivityType.OptedIn: {
      const keyword = stringOf(data['keyword']);
      return { icon: 'check', tone: 'muted', text: keyword ? t('thread.activity.optedInKeyword', { keyword }) : t('thread.activity.optedIn') };
    }
    case ActivityType.SlaBreached: {
      const line = SLA_BREACH_LINES[stringOf(data['kind']) ?? ''];
      return { icon: 'timer', tone: 'warning', text: t(line ?? 'thread.activity.slaBreached') };
    }
    case ActivityType.LabelsChanged: {
      const added = labelNames(data['added']);
      const removed = labelNames(data['removed']);
      const text =
        added.length > 0 && removed.length > 0
          ? done('labelsAddedRemoved', { added: labelList(added), removed: labelList(removed) })
          : added.length > 0
            ? done('labelsAdded', { added: labelList(added) })
            : removed.length > 0
              ? done('labelsRemoved', { removed: labelList(removed) })
              : t('thread.activity.labelsChanged', { by });
      return { icon: 'tag', tone: 'muted', text };
    }
    case ActivityType.AutomationHeld: {
      const leadIn = t('thread.activity.noAutoReply');
      if (data['hold'] === undefined) return { icon: 'bolt', tone: 'info', text: withReason(leadIn, stringOf(data['reason'])) };
      return { icon: 'bolt', tone: 'info', text: t('thread.activity.withReason', { leadIn, reason: describeHold(data['hold']) }) };
    }
    case ActivityType.AutoReplyCancelled: {
      const leadIn = t('thread.activity.autoReplyCancelled');
      if (data['hold'] === undefined) return { icon: 'bolt', tone: 'info', text: withReason(leadIn, stringOf(data['reason'])) };
      const restored = stringOf(data['restoredStatus']);
      const status = restored ? t(`thread.conversation.status.${restored}`, { defaultValue: restored }).toLocaleLowerCase(currentLanguage()) : undefined;
      return { icon: 'bolt', tone: 'info', text: t('thread.activity.withReason', { leadIn, reason: describeHold(data['hold'], { cancelled: true, restoredStatus: status }) }) };
    }
    case ActivityType.CsatRated: {
      const rating = typeof data['rating'] === 'number' ? data['rating'] : null;
      const comment = stringOf(data['comment']);
      const reopened = data['reopened'] === true;
      const supervisorName = stringOf(data['supervisorName']);
      const shownRating = rating ?? '?';
      const rated = comment ? t('thread.activity.csatComment', { rating: shownRating, comment }) : t('thread.activity.csat', { rating: shownRating });
      const text = !reopened
        ? rated
        : data['supervisorId'] === wording.selfId
          ? t('thread.activity.reopenedForYou', { rated, rating: shownRating })
          : supervisorName
            ? t('thread.activity.reopenedForSupervisor', { rated, name: supervisorName, rating: shownRating })
            : t('thread.activity.reopenedForLow', { rated });
      // A low score is what a supervisor looks for in a thread; 1 and 2 are CSAT's "dissatisfied".
      return { icon: 'star', tone: reopened || (rating !== null && rating <= 2) ? 'warning' : 'muted', text };
    }
    case ActivityType.MacroStep: {
      const values = {
        macro: stringOf(data['macroName']) ?? t('thread.activity.aMacro'),
        step: typeof data['step'] === 'number' ? data['step'] : '?',
        steps: typeof data['steps'] === 'number' ? data['steps'] : '?',
        stepName: macroStepName(data['stepType']),
      };
      if (data['outcome'] === 'failed') {
        const stopped = t('thread.activity.macroStopped', values);
        const byCode = describeErrorCode(data['code'], stringOf(data['reason']));
        return { icon: 'bolt', tone: 'warning', text: byCode ? t('thread.activity.withReason', { leadIn: stopped, reason: byCode.replace(/\.$/, '') }) : withReason(stopped, stringOf(data['reason'])) };
      }
      return { icon: 'bolt', tone: 'muted', text: done('macroRan', values) };
    }
    case ActivityType.AnswerLanguageFallback: {
      // `reason` is English prose for older consoles; the structured fields read in either language.
      const values = { used: stringOf(data['usedLanguage']) ?? '?', wanted: stringOf(data['wantedLanguage']) ?? '?' };
      const key = data['wantedFrom'] === 'contact' ? 'thread.activity.answerLanguageFallbackContact' : 'thread.activity.answerLanguageFallback';
      return { icon: 'bolt', tone: 'info', text: t(key, values) };
    }
    default:
      // A line type newer than this console: still say that something happened rather than hide it.
      return { icon: 'info', tone: 'muted', text: String(activity.type).replace(/_/g, ' ') };
  }
}
