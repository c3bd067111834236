import type { ChannelView, CreateChannelRequest, UpdateChannelRequest } from '@backtalk/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { api } from '../client';

const channelsKey = ['channels'] as const;

/** Admins get every channel; others get the channels of their own teams. Sorted by name by the API. */
export function useChannels() {
  return useQuery({ queryKey: channelsKey, queryFn: ({ signal }) => api.get<ChannelView[]>('/api/channels', { signal }) });
}

/** Fetch the list again at most this often when a conversation names a channel it does not hold. */
const UNKNOWN_CHANNEL_REFETCH_MS = 15_000;
let lastUnknownRefetch = 0;

/**
 * One channel by id. A channel created after the list was fetched (a conversation on a brand-new number) makes the
 * list refresh, so names do not stay missing until the cache goes stale.
 */
export function useChannel(id: string | null | undefined): ChannelView | undefined {
  const { data, isFetching, refetch } = useChannels();
  const channel = id ? data?.find((c) => c.id === id) : undefined;
  const missing = !!id && !!data && !channel && !isFetching;
  useEffect(() => {
    if (!missing || Date.now() - lastUnknownRefetch < UNKNOWN_CHANNEL_REFETCH_MS) return;
    lastUnknownRefetch = Date.now();
    void refetch();
  }, [missing, refetch]);
  return channel;
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
