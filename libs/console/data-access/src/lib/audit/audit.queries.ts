import type { AuditListQuery, AuditListResponse } from '@backtalk/contracts';
import { keepPreviousData, useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { api } from '../client';

const PAGE_SIZE = 50;

/** The filters of the audit log screen; empty ones are left out of the request. */
export type AuditLogFilters = Pick<AuditListQuery, 'actorUserId' | 'action' | 'target' | 'from' | 'to'>;

function searchOf(query: AuditListQuery): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  const search = params.toString();
  return search ? `?${search}` : '';
}

export const auditApi = {
  list: (query: AuditListQuery, signal?: AbortSignal) => api.get<AuditListResponse>(`/api/audit${searchOf(query)}`, { signal }),
  exportCsv: (filters: AuditLogFilters) => api.get<string>(`/api/audit/export.csv${searchOf(filters)}`, { responseType: 'text', accept: 'text/csv' }),
};

/** Newest first, 50 at a time; the previous entries stay on screen while a changed filter loads. */
export function useAuditLog(filters: AuditLogFilters) {
  return useInfiniteQuery({
    queryKey: ['audit', filters],
    queryFn: ({ pageParam, signal }) => auditApi.list({ ...filters, limit: PAGE_SIZE, before: pageParam ?? undefined }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    placeholderData: keepPreviousData,
  });
}

export function useDownloadAuditCsv() {
  return useMutation({
    mutationFn: async (filters: AuditLogFilters) => {
      const csv = await auditApi.exportCsv(filters);
      const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = 'audit-log.csv';
      document.body.appendChild(link);
      link.click();
      link.remove();
      // The download has started from the link; the object URL is no longer needed once the click has been handled.
      setTimeout(() => URL.revokeObjectURL(url), 0);
    },
  });
}
