import type { ChangeConversationLabelsRequest, ConversationView, CreateLabelRequest, LabelView, UpdateLabelRequest } from '@backtalk/contracts';
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api } from '../client';
import { inboxActions } from '../inbox/inbox.store';

const id = (value: string) => encodeURIComponent(value);

export const labelsKeys = {
  all: ['labels'] as const,
};

export const labelsApi = {
  list: (signal?: AbortSignal) => api.get<LabelView[]>('/api/labels', { signal }),
  change: (conversationId: string, request: ChangeConversationLabelsRequest) => api.post<ConversationView>(`/api/conversations/${id(conversationId)}/labels`, request),
};

const labelsChanged = (client: QueryClient) => client.invalidateQueries({ queryKey: labelsKeys.all });

/**
 * Every label the agent may use (global ones and their teams'), sorted by name: list rows, the thread header, the
 * picker, the filter and the rule editor all name and color label ids from this one cached list.
 */
export function useLabels() {
  return useQuery({ queryKey: labelsKeys.all, queryFn: ({ signal }) => labelsApi.list(signal), staleTime: 60_000 });
}

export function useCreateLabel() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: CreateLabelRequest) => api.post<LabelView>('/api/labels', request),
    onSuccess: () => labelsChanged(client),
  });
}

export interface UpdateLabelVariables {
  id: string;
  changes: UpdateLabelRequest;
}

export function useUpdateLabel() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id: labelId, changes }: UpdateLabelVariables) => api.patch<LabelView>(`/api/labels/${id(labelId)}`, changes),
    onSuccess: () => labelsChanged(client),
  });
}

export function useDeleteLabel() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (labelId: string) => api.delete(`/api/labels/${id(labelId)}`),
    onSuccess: () => labelsChanged(client),
  });
}

export interface ChangeConversationLabelsVariables {
  conversationId: string;
  request: ChangeConversationLabelsRequest;
}

/** Puts labels on a conversation or takes them off; the answer updates the conversation everywhere it shows. */
export function useChangeConversationLabels() {
  return useMutation({
    mutationFn: ({ conversationId, request }: ChangeConversationLabelsVariables) => labelsApi.change(conversationId, request),
    onSuccess: (conversation) => inboxActions().conversationUpserted(conversation),
  });
}
