import type { BulkActionRequest, BulkActionView, CreateMacroRequest, MacroRunView, MacroView, UpdateMacroRequest } from '@backtalk/contracts';
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api } from '../client';
import { toListQuery, type InboxFilter } from '../inbox/inbox-filter';
import { inboxActions } from '../inbox/inbox.store';

const id = (value: string) => encodeURIComponent(value);

/** How often a running bulk action's progress is asked for: a bar that moves, without hammering the API. */
export const BULK_POLL_MS = 1000;

export const macrosKeys = {
  all: ['macros'] as const,
  bulk: (bulkId: string) => ['bulk-action', bulkId] as const,
};

export const macrosApi = {
  list: (signal?: AbortSignal) => api.get<MacroView[]>('/api/macros', { signal }),
  run: (conversationId: string, macroId: string, idempotencyKey: string) =>
    api.post<MacroRunView>(`/api/conversations/${id(conversationId)}/macros/${id(macroId)}/run`, undefined, { headers: { 'Idempotency-Key': idempotencyKey } }),
  startBulk: (request: BulkActionRequest) => api.post<BulkActionView>('/api/conversations/bulk', request),
  bulk: (bulkId: string, signal?: AbortSignal) => api.get<BulkActionView>(`/api/conversations/bulk/${id(bulkId)}`, { signal }),
};

/** The server finds what the inbox list shows for this filter, with its paging left out. */
export function bulkFilterOf(filter: InboxFilter): NonNullable<BulkActionRequest['filter']> {
  const { cursor: _cursor, limit: _limit, sort: _sort, ...query } = toListQuery(filter, null, 1);
  return query;
}

const macrosChanged = (client: QueryClient) => client.invalidateQueries({ queryKey: macrosKeys.all });

/** Every macro the agent may run (their own, global and their teams'), sorted by name. */
export function useMacros() {
  return useQuery({ queryKey: macrosKeys.all, queryFn: ({ signal }) => macrosApi.list(signal), staleTime: 60_000 });
}

export function useCreateMacro() {
  const client = useQueryClient();
  return useMutation({ mutationFn: (request: CreateMacroRequest) => api.post<MacroView>('/api/macros', request), onSuccess: () => macrosChanged(client) });
}

export interface UpdateMacroVariables {
  id: string;
  changes: UpdateMacroRequest;
}

export function useUpdateMacro() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id: macroId, changes }: UpdateMacroVariables) => api.patch<MacroView>(`/api/macros/${id(macroId)}`, changes),
    onSuccess: () => macrosChanged(client),
  });
}

export function useDeleteMacro() {
  const client = useQueryClient();
  return useMutation({ mutationFn: (macroId: string) => api.delete(`/api/macros/${id(macroId)}`), onSuccess: () => macrosChanged(client) });
}

export interface RunMacroVariables {
  conversationId: string;
  macroId: string;
  /** One per click: a retry of the same request (after a refresh of the session) is then the same run. */
  idempotencyKey: string;
}

/** Runs a macro on a conversation; the conversation as the run left it updates everywhere it shows. */
export function useRunMacro() {
  return useMutation({
    mutationFn: ({ conversationId, macroId, idempotencyKey }: RunMacroVariables) => macrosApi.run(conversationId, macroId, idempotencyKey),
    onSuccess: (run) => {
      if (run.conversation) inboxActions().conversationUpserted(run.conversation);
    },
  });
}

export function useStartBulkAction() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: BulkActionRequest) => macrosApi.startBulk(request),
    onSuccess: (view) => client.setQueryData(macrosKeys.bulk(view.id), view),
  });
}

/** A bulk action's progress, asked for again every second while it runs (the conversations update over realtime). */
export function useBulkAction(bulkId: string | null) {
  return useQuery({
    queryKey: macrosKeys.bulk(bulkId ?? ''),
    queryFn: ({ signal }) => macrosApi.bulk(bulkId!, signal),
    enabled: !!bulkId,
    refetchInterval: (query) => (query.state.data?.status === 'running' ? BULK_POLL_MS : false),
  });
}
