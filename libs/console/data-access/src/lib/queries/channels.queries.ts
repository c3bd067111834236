import type { ChannelView, CreateChannelRequest, UpdateChannelRequest } from '@backtalk/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../client';

const channelsKey = ['channels'] as const;

/** Admins get every channel; others get the channels of their own teams. Sorted by name by the API. */
export function useChannels() {
  return useQuery({ queryKey: channelsKey, queryFn: ({ signal }) => api.get<ChannelView[]>('/api/channels', { signal }) });
}

export function useCreateChannel() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: CreateChannelRequest) => api.post<ChannelView>('/api/channels', request),
    onSuccess: () => client.invalidateQueries({ queryKey: channelsKey }),
  });
}

export interface UpdateChannelVariables {
  id: string;
  changes: UpdateChannelRequest;
}

export function useUpdateChannel() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, changes }: UpdateChannelVariables) => api.patch<ChannelView>(`/api/channels/${encodeURIComponent(id)}`, changes),
    onSuccess: () => client.invalidateQueries({ queryKey: channelsKey }),
  });
}
