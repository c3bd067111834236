import { type UpdateUserPreferencesRequest, type UserPreferences } from '@backtalk/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../client';

const preferencesKey = ['me', 'preferences'] as const;

export const preferencesApi = {
  get: (signal?: AbortSignal) => api.get<UserPreferences>('/api/me/preferences', { signal }),
  update: (request: UpdateUserPreferencesRequest) => api.patch<UserPreferences>('/api/me/preferences', request),
};

/** The signed-in person's own settings; they change only through this console, so no refetching. */
export function useMyPreferences() {
  return useQuery({ queryKey: preferencesKey, queryFn: ({ signal }) => preferencesApi.get(signal), staleTime: Infinity });
}

export function useUpdateMyPreferences() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: UpdateUserPreferencesRequest) => preferencesApi.update(request),
    onSuccess: (saved) => client.setQueryData(preferencesKey, saved),
  });
}
