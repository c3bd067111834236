import { ROUTING_LANGUAGES, type ConversationPriority, type RoutingLanguage, type SlaState } from '@backtalk/contracts';
import type { DayRange, ExtraFilterKey, InboxFilter } from '@backtalk/console/data-access';
import { formatDate, translatorFor } from '@backtalk/console/i18n';
import { LANGUAGE_LABELS, PRIORITY_LABELS } from '@backtalk/console/ui';
import { INBOX_NAMESPACE } from '../../i18n';

const t = translatorFor(INBOX_NAMESPACE);

/** Read at each lookup, so a chip or menu built after a language switch speaks the new language. */
export const SLA_LABELS: Readonly<Record<SlaState, string>> = {
  get at_risk() {
    return t('list.filters.slaAtRisk');
  },
  get breached() {
    return t('list.filters.slaBreached');
  },
};
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

/** A kept day (`YYYY-MM-DD`, local) as the console's language writes a date. */
const dayText = (day: string): string => {
  const [year, month, date] = day.split('-').map(Number);
  return formatDate(new Date(year, month - 1, date));
};
const rangeText = ({ from, to }: DayRange): string => {
  if (from && to) return from === to ? t('list.filters.onDay', { day: dayText(from) }) : t('list.filters.between', { from: dayText(from), to: dayText(to) });
  return from ? t('list.filters.since', { from: dayText(from) }) : t('list.filters.before', { to: to ? dayText(to) : '' });
};
/** "A or B or C", each pair joined as the language joins two alternatives. */
const eitherOf = (names: readonly string[]): string => (names.length === 0 ? '' : names.reduce((first, second) => t('list.filters.or', { first, second })));
const listText = <T extends string>(values: readonly T[], names: Readonly<Record<T, string>>) => eitherOf(values.map((value) => names[value]));

/** What a chip says for one active filter, in the words the menu used. */
export function describeFilter(filter: InboxFilter, key: ExtraFilterKey, names: FilterNames): string {
  switch (key) {
    case 'labelIds':
      return t('list.filters.chipLabel', { labels: eitherOf((filter.labelIds ?? []).map((id) => names.label(id) ?? t('list.filters.removedLabel'))) });
    case 'channelId':
      return t('list.filters.chipChannel', { channel: names.channel(filter.channelId ?? '') ?? t('list.filters.anotherChannel') });
    case 'assigneeId':
      return t('list.filters.chipAssignee', { person: names.person(filter.assigneeId ?? '') ?? t('list.filters.someoneElse') });
    case 'priorities':
      return t('list.filters.chipPriority', { priorities: listText<ConversationPriority>(filter.priorities ?? [], PRIORITY_LABELS) });
    case 'languages':
      return t('list.filters.chipLanguage', { languages: listText<RoutingLanguage>(filter.languages ?? [], LANGUAGE_LABELS) });
    case 'sla':
      return filter.sla ? SLA_LABELS[filter.sla] : '';
    case 'optedOut':
      return filter.optedOut ? t('list.filters.optedOut') : t('list.filters.notOptedOut');
    case 'unread':
      return filter.unread ? t('list.filters.unread') : t('list.filters.read');
    case 'created':
      return t('list.filters.chipStarted', { range: rangeText(filter.created ?? {}) });
    case 'active':
      return t('list.filters.chipActive', { range: rangeText(filter.active ?? {}) });
  }
}
