import { ActivityType, type ActivityView } from '@backtalk/contracts';
import type { IconName } from '@backtalk/console/ui';
import { macroStepName } from '../macros/macro-step-names';

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

const SLA_TARGETS: Record<string, string> = { first_response: 'first-response', next_response: 'next-response' };

const stringOf = (value: unknown): string | null => (typeof value === 'string' && value.trim() ? value : null);

/**
 * Automation's reason after a lead-in ("No automatic reply: the customer asked for a person"). A reason that is
 * already a sentence about the automatic reply is shown as it is, so it is not said twice; lines carry no final stop.
 */
function withReason(leadIn: string, reason: string | null): string {
  if (!reason) return leadIn;
  const sentence = /automatic reply/i.test(reason) ? reason : `${leadIn}: ${reason}`;
  return sentence.replace(/\.$/, '');
}

/** The names of the labels an activity line mentions (`{ id, name, color }` each), in its order. */
function labelNames(value: unknown): string[] {
  return Array.isArray(value) ? value.flatMap((label: unknown) => stringOf((label as { name?: unknown } | null)?.name) ?? []) : [];
}

/** “VIP”, “VIP” and “Refund”, “VIP”, “Refund” and “Bug”. */
function labelList(names: readonly string[]): string {
  const quoted = names.map((name) => `“${name}”`);
  return quoted.length > 1 ? `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}` : quoted[0];
}

/** Who did it, as the subject of a sentence. */
function who(activity: ActivityView, selfId: string): string {
  const { actor } = activity;
  if (actor.kind === 'user') return actor.id === selfId ? 'You' : (actor.name ?? 'A former agent');
  if (actor.kind === 'customer') return 'The customer';
  if (actor.kind === 'automation') {
    const rule = stringOf(activity.data['ruleName']);
    return rule ? `Rule “${rule}”` : 'Automation';
  }
  return 'Backtalk';
}

/** "by Maria Agent" / "by you" / "by routing" after a passive sentence. */
function byWhom(activity: ActivityView, selfId: string): string {
  const subject = who(activity, selfId);
  if (activity.actor.kind === 'system') return 'by routing';
  if (activity.actor.kind === 'automation') return `by ${subject === 'Automation' ? 'automation' : subject.replace(/^Rule/, 'rule')}`;
  return `by ${subject === 'You' ? 'you' : subject === 'The customer' ? 'the customer' : subject}`;
}

/** Changes of hands already have their own lines in the thread (from the assignment history), with richer wording. */
export function isShownInThread(activity: ActivityView): boolean {
  return activity.type !== ActivityType.Assigned && activity.type !== ActivityType.Transferred;
}

/** One short sentence for the line between the messages; the time is shown next to it. */
export function describeActivity(activity: ActivityView, wording: ActivityWording): ActivityLine {
  const { data } = activity;
  const subject = who(activity, wording.selfId);
  const byCustomer = activity.actor.kind === 'customer';
  switch (activity.type) {
    case ActivityType.Resolved:
      return { icon: 'circle-check', tone: 'muted', text: `${subject} resolved the conversation` };
    case ActivityType.Reopened:
      return { icon: 'undo', tone: 'muted', text: byCustomer ? 'Reopened by the customer’s message' : `${subject} reopened the conversation` };
    case ActivityType.MarkedPending:
      return { icon: 'hourglass', tone: 'muted', text: `${subject} marked the conversation pending` };
    case ActivityType.Snoozed: {
      const until = stringOf(data['until']);
      return { icon: 'snooze', tone: 'muted', text: `${until ? `Snoozed until ${wording.when(until)}` : 'Snoozed until the customer writes,'} ${byWhom(activity, wording.selfId)}` };
    }
    case ActivityType.Woke:
      return { icon: 'bell', tone: 'muted', text: byCustomer || data['reason'] === 'customer' ? 'Snooze ended by the customer’s message' : 'Snooze ended' };
    case ActivityType.PriorityChanged:
      return { icon: 'flag', tone: 'muted', text: `Priority changed from ${stringOf(data['from']) ?? '?'} to ${stringOf(data['to']) ?? '?'} ${byWhom(activity, wording.selfId)}` };
    case ActivityType.Transferred: {
      const from = stringOf(data['fromTeamName']) ?? 'another team';
      const to = stringOf(data['toTeamName']) ?? 'another team';
      const assignee = stringOf(data['assigneeName']);
      const sentence = activity.actor.kind === 'user' ? `${subject} transferred the conversation from ${from} to ${to}` : `Moved from ${from} to ${to} ${byWhom(activity, wording.selfId)}`;
      return { icon: 'shuffle', tone: 'muted', text: assignee ? `${sentence}, to ${assignee}` : sentence };
    }
    case ActivityType.Assigned: {
      const assigneeId = stringOf(data['assigneeId']);
      const assignee = assigneeId === wording.selfId ? 'you' : (stringOf(data['assigneeName']) ?? 'a former agent');
      if (!assigneeId) return { icon: 'queue', tone: 'muted', text: `Returned to the queue ${byWhom(activity, wording.selfId)}` };
      if (activity.actor.kind === 'user' && activity.actor.id === assigneeId) return { icon: 'user', tone: 'muted', text: `${subject} took the conversation` };
      return { icon: 'user', tone: 'muted', text: `Assigned to ${assignee} ${byWhom(activity, wording.selfId)}` };
    }
    case ActivityType.OptedOut: {
      const keyword = stringOf(data['keyword']);
      return { icon: 'block', tone: 'warning', text: keyword ? `Customer opted out (${keyword})` : 'Customer opted out' };
    }
    case ActivityType.OptedIn: {
      const keyword = stringOf(data['keyword']);
      return { icon: 'check', tone: 'muted', text: keyword ? `Customer opted back in (${keyword})` : 'Customer opted back in' };
    }
    case ActivityType.SlaBreached: {
      const target = SLA_TARGETS[stringOf(data['kind']) ?? ''];
      return { icon: 'timer', tone: 'warning', text: target ? `SLA ${target} target breached` : 'SLA target breached' };
    }
    case ActivityType.LabelsChanged: {
      const added = labelNames(data['added']);
      const removed = labelNames(data['removed']);
      const changes = [added.length > 0 && `added ${labelList(added)}`, removed.length > 0 && `removed ${labelList(removed)}`].filter(Boolean).join(' and ');
      return { icon: 'tag', tone: 'muted', text: changes ? `${subject} ${changes}` : `Labels changed ${byWhom(activity, wording.selfId)}` };
    }
    case ActivityType.AutomationHeld: {
      return { icon: 'bolt', tone: 'info', text: withReason('No automatic reply', stringOf(data['reason'])) };
    }
    case ActivityType.AutoReplyCancelled: {
      return { icon: 'bolt', tone: 'info', text: withReason('Automatic reply cancelled', stringOf(data['reason'])) };
    }
    case ActivityType.CsatRated: {
      const rating = typeof data['rating'] === 'number' ? data['rating'] : null;
      const comment = stringOf(data['comment']);
      const reopened = data['reopened'] === true;
      const supervisor = data['supervisorId'] === wording.selfId ? 'you as supervisor' : stringOf(data['supervisorName']) && `supervisor ${stringOf(data['supervisorName'])}`;
      const reopenedFor = supervisor ? ` (reopened for ${supervisor} because of rating ${rating ?? '?'})` : ' (reopened for the low score)';
      const text = `The customer rated the conversation ${rating ?? '?'} of 5${comment ? `: “${comment}”` : ''}${reopened ? reopenedFor : ''}`;
      // A low score is what a supervisor looks for in a thread; 1 and 2 are CSAT's "dissatisfied".
      return { icon: 'star', tone: reopened || (rating !== null && rating <= 2) ? 'warning' : 'muted', text };
    }
    case ActivityType.MacroStep: {
      const macro = `“${stringOf(data['macroName']) ?? 'a macro'}”`;
      const step = `step ${typeof data['step'] === 'number' ? data['step'] : '?'} of ${typeof data['steps'] === 'number' ? data['steps'] : '?'}`;
      if (data['outcome'] === 'failed') return { icon: 'bolt', tone: 'warning', text: withReason(`${macro} stopped at ${step} (${macroStepName(data['stepType'])})`, stringOf(data['reason'])) };
      return { icon: 'bolt', tone: 'muted', text: `${subject} ran ${macro}, ${step}: ${macroStepName(data['stepType'])}` };
    }
    default:
      // A line type newer than this console: still say that something happened rather than hide it.
      return { icon: 'info', tone: 'muted', text: String(activity.type).replace(/_/g, ' ') };
  }
}
