import type { ReportName } from '@backtalk/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { subscribeToInboxEvents } from '../realtime/realtime.connection';
import { useRealtimeStore } from '../realtime/realtime.store';
import { cameBackLive, createRefetchSchedule, movesReportNumbers } from './live-report';
import { reportsApi, type ReportFilters } from './reports.api';

/** A live report is fetched again at most this often, however busy the realtime channel is. */
export const LIVE_REPORT_REFETCH_MS = 2_000;

export const reportsQueryKeys = {
  report: (name: ReportName, query: ReportFilters) => ['reports', name, query] as const,
};

/**
 * Placeholder data for a report: the previous answer of the same report (another range or filter), never another
 * report's, whose shape differs (the reports share a query cache and the page switches between them).
 */
export function keepSameReport(name: ReportName) {
  return <T>(previous: T | undefined, previousQuery: { queryKey: readonly unknown[] } | undefined): T | undefined =>
    previousQuery?.queryKey[1] === name ? previous : undefined;
}

/**
 * One report for a range and filters. The previous answer stays on screen while a new range loads, so changing the
 * range does not blank the charts; `isPlaceholderData` says the numbers on screen are the old ones.
 */
export function useReport<N extends ReportName>(name: N, query: ReportFilters | null) {
  return useQuery({
    queryKey: reportsQueryKeys.report(name, query ?? { from: '', to: '' }),
    queryFn: ({ signal }) => reportsApi.report(name, query as ReportFilters, signal),
    enabled: query !== null,
    placeholderData: keepSameReport(name),
    // Reports cover hours and days: a minute-old answer is as good as a fresh one.
    staleTime: 60_000,
  });
}

/**
 * A report that follows the realtime channel: after events that move its numbers (the socket only delivers what the
 * viewer may see) and after a reconnect, it is fetched again, at most every two seconds. Refetching rather than
 * counting events keeps it exact: the API decides what counts, in the viewer's time zone and within the access rule.
 * No placeholder: an answer for another range must never be shown as this one's.
 */
export function useLiveReport<N extends ReportName>(name: N, query: ReportFilters | null) {
  const queryClient = useQueryClient();
  const queryKey = reportsQueryKeys.report(name, query ?? { from: '', to: '' });
  // The key's text stands for the query: a new object with the same filters is the same report.
  const keyText = JSON.stringify(queryKey);
  const enabled = query !== null;
  const report = useQuery({
    queryKey,
    queryFn: ({ signal }) => reportsApi.report(name, query as ReportFilters, signal),
    enabled,
  });
  useEffect(() => {
    if (!enabled) return;
    const schedule = createRefetchSchedule(() => void queryClient.invalidateQueries({ queryKey: JSON.parse(keyText) as unknown[], exact: true }), LIVE_REPORT_REFETCH_MS, {
      setTimeout: (run, ms) => setTimeout(run, ms),
      clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    });
    const stopEvents = subscribeToInboxEvents((events) => {
      if (events.some(movesReportNumbers)) schedule.request();
    });
    const stopStatus = useRealtimeStore.subscribe((state, previous) => {
      if (cameBackLive(state.status, previous.status)) schedule.request();
    });
    return () => {
      stopEvents();
      stopStatus();
      schedule.cancel();
    };
  }, [keyText, enabled, queryClient]);
  return report;
}

/** Fetches a report's CSV and saves it as a file named after the report and range. */
export function useDownloadReportCsv() {
  return useMutation({
    mutationFn: async ({ name, query, fileName }: { name: ReportName; query: ReportFilters; fileName: string }) => {
      const csv = await reportsApi.csv(name, query);
      saveText(csv, fileName, 'text/csv;charset=utf-8');
    },
  });
}

function saveText(text: string, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // The download has started from the link; the object URL is no longer needed once the click has been handled.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
