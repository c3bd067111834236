import type { CannedAnswerView, CreateCannedAnswerRequest, FaqExampleSuggestion, RenderedCannedAnswer, UpdateCannedAnswerRequest } from '@backtalk/contracts';
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { automationChanged } from '../automation/automation.queries';
import { api } from '../client';

const id = (value: string) => encodeURIComponent(value);

function queryString(query: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : '';
}

export const cannedAnswersKeys = {
  all: ['canned-answers'] as const,
  list: (conversationId: string | undefined, q: string | undefined) => ['canned-answers', 'list', conversationId ?? null, q ?? ''] as const,
  suggestions: (answerId: string) => ['canned-answers', 'suggestions', answerId] as const,
};

export const cannedAnswersApi = {
  list: (query: { q?: string; conversationId?: string }, signal?: AbortSignal) =>
    api.get<CannedAnswerView[]>(`/api/canned-answers${queryString(query)}`, { signal }),
  render: (answerId: string, conversationId: string, signal?: AbortSignal) =>
    api.get<RenderedCannedAnswer>(`/api/canned-answers/${id(answerId)}/render${queryString({ conversationId })}`, { signal }),
  suggestions: (answerId: string, signal?: AbortSignal) => api.get<FaqExampleSuggestion[]>(`/api/canned-answers/${id(answerId)}/suggestions`, { signal }),
  addExample: (answerId: string, text: string) => api.post<CannedAnswerView>(`/api/canned-answers/${id(answerId)}/examples`, { text }),
};

// An answer's text or examples decide what the matcher finds, so the automation dry runs go stale with it.
const answersChanged = (client: QueryClient) =>
  Promise.all([client.invalidateQueries({ queryKey: cannedAnswersKeys.all }), automationChanged(client)]).then(() => undefined);

export interface CannedAnswersQuery {
  /** Only those usable in this conversation's team. */
  conversationId?: string;
  /** Matched by the API against shortcode, title and body; leave it out to filter the whole list in the browser. */
  q?: string;
  /** Fetch only once the list is wanted (the composer asks when the agent types `/` or opens the picker). */
  enabled?: boolean;
}

/** The canned answers the agent may use (global ones and their teams'), sorted by shortcode by the API. */
export function useCannedAnswers({ conversationId, q, enabled = true }: CannedAnswersQuery = {}) {
  return useQuery({
    queryKey: cannedAnswersKeys.list(conversationId, q),
    queryFn: ({ signal }) => cannedAnswersApi.list({ conversationId, q }, signal),
    enabled,
  });
}

export interface RenderCannedAnswerVariables {
  answerId: string;
  conversationId: string;
}

/** A canned answer with its variables filled for one conversation, at the moment the agent inserts it. */
export function useRenderCannedAnswer() {
  return useMutation({
    mutationFn: ({ answerId, conversationId }: RenderCannedAnswerVariables) => cannedAnswersApi.render(answerId, conversationId),
  });
}

export function useCreateCannedAnswer() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: CreateCannedAnswerRequest) => api.post<CannedAnswerView>('/api/canned-answers', request),
    onSuccess: () => answersChanged(client),
  });
}

export interface UpdateCannedAnswerVariables {
  id: string;
  changes: UpdateCannedAnswerRequest;
}

export function useUpdateCannedAnswer() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id: answerId, changes }: UpdateCannedAnswerVariables) => api.patch<CannedAnswerView>(`/api/canned-answers/${id(answerId)}`, changes),
    onSuccess: () => answersChanged(client),
  });
}

export function useDeleteCannedAnswer() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (answerId: string) => api.delete(`/api/canned-answers/${id(answerId)}`),
    onSuccess: () => answersChanged(client),
  });
}

/** Customer messages agents answered with this answer that are not among its examples yet. */
export function useFaqSuggestions(answerId: string | null | undefined) {
  return useQuery({
    queryKey: cannedAnswersKeys.suggestions(answerId ?? ''),
    queryFn: ({ signal }) => cannedAnswersApi.suggestions(answerId ?? '', signal),
    enabled: !!answerId,
  });
}

export interface AddFaqExampleVariables {
  answerId: string;
  text: string;
}

/** Learning: one customer question becomes one more example of the FAQ. */
export function useAddFaqExample() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ answerId, text }: AddFaqExampleVariables) => cannedAnswersApi.addExample(answerId, text),
    onSuccess: () => answersChanged(client),
  });
}
