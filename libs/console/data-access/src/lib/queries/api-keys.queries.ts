import type { ApiKeyView, CreateApiKeyRequest, CreatedApiKeyResponse } from '@backtalk/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../client';

const apiKeysKey = ['api-keys'] as const;

/** Active keys first, newest first within each group. */
function activeFirst(keys: ApiKeyView[]): ApiKeyView[] {
  return [...keys].sort((a, b) => Number(a.revokedAt !== null) - Number(b.revokedAt !== null) || b.createdAt.localeCompare(a.createdAt));
}

export function useApiKeys() {
  return useQuery({
    queryKey: apiKeysKey,
    queryFn: ({ signal }) => api.get<ApiKeyView[]>('/api/api-keys', { signal }),
    select: activeFirst,
  });
}

export function useCreateApiKey() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: CreateApiKeyRequest) => api.post<CreatedApiKeyResponse>('/api/api-keys', request),
    onSuccess: () => client.invalidateQueries({ queryKey: apiKeysKey }),
  });
}

export function useRevokeApiKey() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/api-keys/${encodeURIComponent(id)}`),
    onSuccess: () => client.invalidateQueries({ queryKey: apiKeysKey }),
  });
}
