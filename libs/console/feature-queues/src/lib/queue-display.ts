import { type PresenceStatus, type QueueAgentView, type QueueView } from '@backtalk/contracts';
import { formatDuration, formatUpcoming } from '@backtalk/console/ui';

/** "4m 05s" while the wait is short enough for seconds to matter to someone watching it; "2h 5m" after that. */
export function formatWait(ms: number): string {
  const span = Math.max(0, ms);
  if (span < 60_000) return `${Math.floor(span / 1000)}s`;
  if (span >= 3_600_000) return formatDuration(span);
  const seconds = Math.floor((span % 60_000) / 1000);
  return `${Math.floor(span / 60_000)}m ${String(seconds).padStart(2, '0')}s`;
}

export interface OpeningState {
  open: boolean;
  label: 'Open' | 'Closed';
  /** "Always open", "closes 18:00", "opens Mon 9:00". */
  detail: string;
}

export function openingState(queue: Pick<QueueView, 'open' | 'nextChange'>, now: number): OpeningState {
  const label = queue.open ? 'Open' : 'Closed';
  if (!queue.nextChange) return { open: queue.open, label, detail: queue.open ? 'Always open' : 'No opening hours set' };
  return { open: queue.open, label, detail: `${queue.open ? 'closes' : 'opens'} ${formatUpcoming(queue.nextChange, now)}` };
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
  if (capacity === null) return { ratio: null, tone: load > 0 ? 'busy' : 'free', text: `${load} open` };
  const ratio = capacity === 0 ? 1 : Math.min(1, load / capacity);
  return { ratio, tone: load >= capacity ? 'full' : load > 0 ? 'busy' : 'free', text: `${load} / ${capacity}` };
}

const STATUS_ORDER: Record<PresenceStatus, number> = { online: 0, away: 1, offline: 2 };

/** Who can take work first: online, then away, then offline; by name within each. */
export function sortAgents<T extends Pick<QueueAgentView, 'name'> & { status: PresenceStatus }>(agents: readonly T[]): T[] {
  return [...agents].sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || a.name.localeCompare(b.name));
}

/** "2 of 3 online". */
export function availabilitySummary(agents: ReadonlyArray<{ status: PresenceStatus }>): string {
  if (agents.length === 0) return 'No agents';
  const online = agents.filter((agent) => agent.status === 'online').length;
  return `${online} of ${agents.length} online`;
}
