import { type PresenceStatus, type QueueAgentView, type QueueView } from '@backtalk/contracts';
import { translatorFor } from '@backtalk/console/i18n';
import { formatDuration, formatUpcoming } from '@backtalk/console/ui';

const t = translatorFor('queues');

/** "4m 05s" while the wait is short enough for seconds to matter to someone watching it; "2h 5m" after that. */
export function formatWait(ms: number): string {
  const span = Math.max(0, ms);
  if (span < 60_000) return t('wait.seconds', { seconds: Math.floor(span / 1000) });
  if (span >= 3_600_000) return formatDuration(span);
  const seconds = Math.floor((span % 60_000) / 1000);
  return t('wait.minutesSeconds', { minutes: Math.floor(span / 60_000), seconds: String(seconds).padStart(2, '0') });
}

export interface OpeningState {
  open: boolean;
  /** "Open" or "Closed", in the console's language. */
  label: string;
  /** "Always open", "closes 18:00", "opens Mon 9:00". */
  detail: string;
}

export function openingState(queue: Pick<QueueView, 'open' | 'nextChange'>, now: number): OpeningState {
  const label = queue.open ? t('opening.open') : t('opening.closed');
  if (!queue.nextChange) return { open: queue.open, label, detail: queue.open ? t('opening.alwaysOpen') : t('opening.noHours') };
  const when = formatUpcoming(queue.nextChange, now);
  return { open: queue.open, label, detail: queue.open ? t('opening.closes', { when }) : t('opening.opens', { when }) };
}

export type LoadTone = 'free' | 'busy' | 'full';

export interface LoadState {
  /** 0 to 1 of the capacity, for a bar; null when there is no limit. */
  ratio: number | null;
  tone: LoadTone;
  /** "2 / 3", or "2 open" without a limit. */
  text: string;
}

export function loadState(load: number, capacity: number | null): LoadState {
  if (capacity === null) return { ratio: null, tone: load > 0 ? 'busy' : 'free', text: t('load.open', { count: load }) };
  const ratio = capacity === 0 ? 1 : Math.min(1, load / capacity);
  return { ratio, tone: load >= capacity ? 'full' : load > 0 ? 'busy' : 'free', text: t('load.ofCapacity', { load, capacity }) };
}

const STATUS_ORDER: Record<PresenceStatus, number> = { online: 0, away: 1, offline: 2 };

/** Who can take work first: online, then away, then offline; by name within each. */
export function sortAgents<T extends Pick<QueueAgentView, 'name'> & { status: PresenceStatus }>(agents: readonly T[]): T[] {
  return [...agents].sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || a.name.localeCompare(b.name));
}

/** "2 of 3 online". */
export function availabilitySummary(agents: ReadonlyArray<{ status: PresenceStatus }>): string {
  if (agents.length === 0) return t('agents.none');
  const online = agents.filter((agent) => agent.status === 'online').length;
  return t('agents.onlineOfTotal', { online, total: agents.length });
}
