import { ROUTING_LANGUAGES, type ConversationPriority, type RoutingLanguage, type SlaState } from '@backtalk/contracts';
import type { DayRange, ExtraFilterKey, InboxFilter } from '@backtalk/console/data-access';
import { LANGUAGE_LABELS, PRIORITY_LABELS } from '@backtalk/console/ui';

export const SLA_LABELS: Record<SlaState, string> = { at_risk: 'SLA at risk', breached: 'SLA breached' };
export const LANGUAGES: readonly RoutingLanguage[] = ROUTING_LANGUAGES;

export interface FilterNames {
  channel: (id: string) => string | undefined;
  person: (id: string) => string | undefined;
  label: (id: string) => string | undefined;
}

/** The local day `days` before today, as the date filter keeps days. */
export function dayBefore(days: number, now = new Date()): string {
  const date = new Date(now.getFullYear(), now.getMonth(), now.getDate() - days);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

const rangeText = (range: DayRange): string => (range.from && range.to ? `${range.from} – ${range.to}` : range.from ? `since ${range.from}` : `before ${range.to ?? ''}`);
const listText = <T extends string>(values: readonly T[], names: Record<T, string>) => values.map((value) => names[value]).join(' or ');

/** What a chip says for one active filter, in the words the menu used. */
export function describeFilter(filter: InboxFilter, key: ExtraFilterKey, names: FilterNames): string {
  switch (key) {
    case 'labelIds':
      return `Label: ${(filter.labelIds ?? []).map((id) => names.label(id) ?? 'removed label').join(' or ')}`;
    case 'channelId':
      return `Channel: ${names.channel(filter.channelId ?? '') ?? 'another channel'}`;
    case 'assigneeId':
      return `Assigned to ${names.person(filter.assigneeId ?? '') ?? 'someone else'}`;
    case 'priorities':
      return `Priority: ${listText<ConversationPriority>(filter.priorities ?? [], PRIORITY_LABELS)}`;
    case 'languages':
      return `Language: ${listText<RoutingLanguage>(filter.languages ?? [], LANGUAGE_LABELS)}`;
    case 'sla':
      return filter.sla ? SLA_LABELS[filter.sla] : '';
    case 'optedOut':
      return filter.optedOut ? 'Opted out' : 'Not opted out';
    case 'unread':
      return filter.unread ? 'Unread' : 'Read';
    case 'created':
      return `Started ${rangeText(filter.created ?? {})}`;
    case 'active':
      return `Last activity ${rangeText(filter.active ?? {})}`;
  }
}
