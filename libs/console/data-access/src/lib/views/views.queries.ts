import type { CreateSavedViewRequest, SavedViewCounts, SavedViewView, UpdateSavedViewRequest } from '@backtalk/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api } from '../client';

const id = (value: string) => encodeURIComponent(value);

export const savedViewsKeys = {
  all: ['views'] as const,
  /**
   * Under the inbox's counts, so that the debounced refetch after realtime events and the resync after a reconnect
   * refresh these too, with no second timer to keep in step.
   */
  counts: ['inbox', 'counts', 'views'] as const,
};

export const savedViewsApi = {
  list: (signal?: AbortSignal) => api.get<SavedViewView[]>('/api/views', { signal }),
  counts: (signal?: AbortSignal) => api.get<SavedViewCounts>('/api/views/counts', { signal }),
};

const viewsChanged = (client: QueryClient) => Promise.all([client.invalidateQueries({ queryKey: savedViewsKeys.all }), client.invalidateQueries({ queryKey: savedViewsKeys.counts })]);

/** The signed-in person's sidebar views, their own and their teams' shared ones, in their order. */
export function useSavedViews() {
  return useQuery({ queryKey: savedViewsKeys.all, queryFn: ({ signal }) => savedViewsApi.list(signal), staleTime: 60_000 });
}

/** How many conversations each view shows (at most SAVED_VIEW_COUNT_CAP); refetched with the inbox's counts. */
export function useSavedViewCounts(enabled: boolean) {
  return useQuery({ queryKey: savedViewsKeys.counts, queryFn: ({ signal }) => savedViewsApi.counts(signal), enabled, placeholderData: keepPreviousData });
}

export function useCreateSavedView() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: CreateSavedViewRequest) => api.post<SavedViewView>('/api/views', request),
    onSuccess: () => viewsChanged(client),
  });
}

export interface UpdateSavedViewVariables {
  id: string;
  changes: UpdateSavedViewRequest;
}

export function useUpdateSavedView() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id: viewId, changes }: UpdateSavedViewVariables) => api.patch<SavedViewView>(`/api/views/${id(viewId)}`, changes),
    onSuccess: () => viewsChanged(client),
  });
}

export function useDeleteSavedView() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (viewId: string) => api.delete(`/api/views/${id(viewId)}`),
    onSuccess: () => viewsChanged(client),
  });
}

/** Moves views in the sidebar at once, and puts them back if the API refuses. */
export function useOrderSavedViews() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (ids: string[]) => api.request<SavedViewView[]>('PUT', '/api/views/order', { body: { ids } }),
    onMutate: async (ids) => {
      await client.cancelQueries({ queryKey: savedViewsKeys.all });
      const before = client.getQueryData<SavedViewView[]>(savedViewsKeys.all);
      if (before) {
        const byId = new Map(before.map((view) => [view.id, view]));
        client.setQueryData(savedViewsKeys.all, ids.flatMap((viewId) => byId.get(viewId) ?? []));
      }
      return { before };
    },
    onError: (_error, _ids, context) => {
      if (context?.before) client.setQueryData(savedViewsKeys.all, context.before);
    },
    onSuccess: (views) => client.setQueryData(savedViewsKeys.all, views),
  });
}
