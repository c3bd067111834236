import type {
  AgentsReport,
  AutomationReport,
  ConversationsReport,
  CsatReport,
  DeliveryReport,
  OverviewReport,
  ReportName,
  ReportQuery,
  ResponseTimesReport,
  SlaReport,
} from '@backtalk/contracts';
import { api } from '../client';

export interface ReportByName {
  overview: OverviewReport;
  conversations: ConversationsReport;
  'response-times': ResponseTimesReport;
  sla: SlaReport;
  automation: AutomationReport;
  delivery: DeliveryReport;
  agents: AgentsReport;
  csat: CsatReport;
}

export type ReportFilters = Omit<ReportQuery, 'format'>;

/** Query-string of a report request; unset filters are left out so the API applies its defaults. */
export function reportSearch(query: ReportQuery): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '' || value === false) continue;
    params.set(key, String(value));
  }
  return params.toString();
}

const path = (name: ReportName, query: ReportQuery) => `/api/reports/${encodeURIComponent(name)}?${reportSearch(query)}`;

export const reportsApi = {
  report: <N extends ReportName>(name: N, query: ReportFilters, signal?: AbortSignal) => api.get<ReportByName[N]>(path(name, query), { signal }),
  /** The same numbers as the JSON report, as the API writes them for spreadsheets. */
  csv: (name: ReportName, query: ReportFilters) =>
    api.get<string>(path(name, { ...query, format: 'csv' }), { responseType: 'text', accept: 'text/csv' }),
};
