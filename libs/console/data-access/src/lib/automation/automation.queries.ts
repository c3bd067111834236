import type {
  AutomationTestRequest,
  AutomationTestResult,
  CreateRuleRequest,
  ReorderRulesRequest,
  ReplayReport,
  RuleView,
  UpdateRuleRequest,
} from '@backtalk/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api } from '../client';
import { inboxApi } from '../inbox/inbox.api';

const id = (value: string) => encodeURIComponent(value);

export const automationKeys = {
  all: ['automation'] as const,
  rules: ['automation', 'rules'] as const,
  /** What the test bench and the replay show depends on the rules and on the FAQs: both stale them. */
  dryRuns: ['automation', 'dry-run'] as const,
  test: (request: AutomationTestRequest) => ['automation', 'dry-run', 'test', request.channelId, request.trigger ?? null, request.text] as const,
  replay: (limit: number) => ['automation', 'dry-run', 'replay', limit] as const,
  recent: ['automation', 'recent-conversations'] as const,
};

export const automationApi = {
  rules: (signal?: AbortSignal) => api.get<RuleView[]>('/api/automation/rules', { signal }),
  createRule: (request: CreateRuleRequest) => api.post<RuleView>('/api/automation/rules', request),
  updateRule: (ruleId: string, changes: UpdateRuleRequest) => api.patch<RuleView>(`/api/automation/rules/${id(ruleId)}`, changes),
  deleteRule: (ruleId: string) => api.delete(`/api/automation/rules/${id(ruleId)}`),
  reorderRules: (request: ReorderRulesRequest) => api.request<RuleView[] | undefined>('PUT', '/api/automation/rules/order', { body: request }),
  test: (request: AutomationTestRequest, signal?: AbortSignal) => api.post<AutomationTestResult>('/api/automation/test', request, { signal }),
  replay: (limit: number, signal?: AbortSignal) => api.get<ReplayReport>(`/api/automation/replay?limit=${limit}`, { signal }),
};

/** Rules and FAQs changed: the saved rules and every dry run are out of date. */
export function automationChanged(client: QueryClient): Promise<void> {
  return client.invalidateQueries({ queryKey: automationKeys.all });
}

const byPosition = (rules: RuleView[]): RuleView[] => [...rules].sort((a, b) => a.position - b.position);

/** Every rule the user may manage, in the order they run. */
export function useRules() {
  return useQuery({ queryKey: automationKeys.rules, queryFn: ({ signal }) => automationApi.rules(signal), select: byPosition });
}

export function useCreateRule() {
  const client = useQueryClient();
  return useMutation({ mutationFn: automationApi.createRule, onSuccess: () => automationChanged(client) });
}

export interface UpdateRuleVariables {
  id: string;
  changes: UpdateRuleRequest;
}

export function useUpdateRule() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id: ruleId, changes }: UpdateRuleVariables) => automationApi.updateRule(ruleId, changes),
    onSuccess: () => automationChanged(client),
  });
}

export function useDeleteRule() {
  const client = useQueryClient();
  return useMutation({ mutationFn: automationApi.deleteRule, onSuccess: () => automationChanged(client) });
}

/**
 * Puts the rules in a new order. The list moves at once, so moving a rule several places up reads as one gesture;
 * it moves back if the API refuses.
 */
export function useReorderRules() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (ruleIds: string[]) => automationApi.reorderRules({ ruleIds }),
    onMutate: async (ruleIds) => {
      await client.cancelQueries({ queryKey: automationKeys.rules });
      const previous = client.getQueryData<RuleView[]>(automationKeys.rules);
      if (previous) {
        const byId = new Map(previous.map((rule) => [rule.id, rule]));
        const reordered = ruleIds.flatMap((ruleId, position) => {
          const rule = byId.get(ruleId);
          return rule ? [{ ...rule, position }] : [];
        });
        client.setQueryData<RuleView[]>(automationKeys.rules, reordered);
      }
      return { previous };
    },
    onError: (_error, _ruleIds, context) => {
      if (context?.previous) client.setQueryData(automationKeys.rules, context.previous);
    },
    onSettled: () => automationChanged(client),
  });
}

/**
 * What would happen to a message, without sending or changing anything. A query rather than a mutation: the bench
 * asks again as the text changes and keeps showing the last answer meanwhile.
 */
export function useAutomationTest(request: AutomationTestRequest | null) {
  return useQuery({
    queryKey: request ? automationKeys.test(request) : [...automationKeys.dryRuns, 'test', 'none'],
    queryFn: ({ signal }) => automationApi.test(request as AutomationTestRequest, signal),
    enabled: request !== null,
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}

/** The rules run over the last `limit` inbound messages; only once asked for, since it matches every one of them. */
export function useReplayReport(limit: number, enabled: boolean) {
  return useQuery({
    queryKey: automationKeys.replay(limit),
    queryFn: ({ signal }) => automationApi.replay(limit, signal),
    enabled,
    placeholderData: keepPreviousData,
  });
}

/** The latest conversations of every team the user sees, for real customer messages to try in the test bench. */
export function useRecentConversations() {
  return useQuery({
    queryKey: automationKeys.recent,
    queryFn: ({ signal }) => inboxApi.listConversations({ view: 'all', sort: 'recent', limit: 40 }, signal),
    select: (page) => page.items,
  });
}
