import type { ReportFilters } from '@backtalk/console/data-access';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { daysToInstants, presetDays, RANGE_PRESETS, viewerTimeZone, type LocalDays, type RangePreset } from './date-range';

/** What the reports are looking at, kept in the URL so a view can be bookmarked and shared with the team. */
export interface ReportView {
  preset: RangePreset;
  days: LocalDays;
  timeZone: string;
  compare: boolean;
  businessHours: boolean;
  teamId: string;
  channelId: string;
  agentId: string;
  labelId: string;
  /** The API query for this view; null while a custom range is incomplete or runs backwards. */
  query: ReportFilters | null;
}

const PRESETS = new Set(RANGE_PRESETS.map((p) => p.value));
const DEFAULT_PRESET: RangePreset = '7d';

/** A change to the view; a custom range's ends change one at a time, as the date fields do. */
export type ReportViewChange = Partial<Omit<ReportView, 'query' | 'timeZone' | 'days'>> & { firstDay?: string; lastDay?: string };

export function useReportView(): [ReportView, (changes: ReportViewChange) => void] {
  const [params, setParams] = useSearchParams();
  const timeZone = useMemo(() => viewerTimeZone(), []);
  const rawPreset = params.get('range') as RangePreset | null;
  const preset: RangePreset = rawPreset && PRESETS.has(rawPreset) ? rawPreset : DEFAULT_PRESET;
  const firstParam = params.get('from') ?? '';
  const lastParam = params.get('to') ?? '';
  const compare = params.get('compare') !== '0';
  const businessHours = params.get('hours') === 'business';
  const teamId = params.get('team') ?? '';
  const channelId = params.get('channel') ?? '';
  const agentId = params.get('agent') ?? '';
  const labelId = params.get('label') ?? '';

  const view = useMemo<ReportView>(() => {
    const days = preset === 'custom' ? { firstDay: firstParam, lastDay: lastParam } : presetDays(preset, new Date(), timeZone);
    const instants = daysToInstants(days, timeZone);
    const query: ReportFilters | null = instants
      ? {
          ...instants,
          timeZone,
          compare,
          businessHours: businessHours || undefined,
          teamId: teamId || undefined,
          channelId: channelId || undefined,
          agentId: agentId || undefined,
          labelId: labelId || undefined,
        }
      : null;
    return { preset, days, timeZone, compare, businessHours, teamId, channelId, agentId, labelId, query };
  }, [preset, firstParam, lastParam, timeZone, compare, businessHours, teamId, channelId, agentId, labelId]);

  const update = (changes: ReportViewChange) => {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        const set = (key: string, value: string | null) => (value ? next.set(key, value) : next.delete(key));
        if (changes.preset !== undefined) set('range', changes.preset === DEFAULT_PRESET ? null : changes.preset);
        if (changes.preset === 'custom') {
          // Switching to custom starts from the range on screen, which the viewer then adjusts.
          set('from', view.days.firstDay);
          set('to', view.days.lastDay);
        }
        if (changes.preset !== undefined && changes.preset !== 'custom') {
          next.delete('from');
          next.delete('to');
        }
        // Applied to the URL as it is now, not as last rendered: two fields changed in a row both count.
        if (changes.firstDay !== undefined) set('from', changes.firstDay);
        if (changes.lastDay !== undefined) set('to', changes.lastDay);
        if (changes.compare !== undefined) set('compare', changes.compare ? null : '0');
        if (changes.businessHours !== undefined) set('hours', changes.businessHours ? 'business' : null);
        if (changes.teamId !== undefined) set('team', changes.teamId);
        if (changes.channelId !== undefined) set('channel', changes.channelId);
        if (changes.agentId !== undefined) set('agent', changes.agentId);
        if (changes.labelId !== undefined) set('label', changes.labelId);
        return next;
      },
      { replace: true },
    );
  };
  return [view, update];
}
