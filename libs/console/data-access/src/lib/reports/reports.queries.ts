import type { ReportName } from '@backtalk/contracts';
import { useMutation, useQuery } from '@tanstack/react-query';
import { reportsApi, type ReportFilters } from './reports.api';

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
