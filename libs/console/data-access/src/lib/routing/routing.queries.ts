import type { SlaTargets, TeamRoutingView, UpdateAgentRoutingRequest, UpdateTeamRoutingRequest } from '@backtalk/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { refreshConversation } from '../inbox/inbox.store';
import { queryClient } from '../queries/query-client';
import { throttle } from '../util/throttle';
import { routingApi } from './routing.api';

export const routingQueryKeys = {
  queues: ['queues'] as const,
  team: (teamId: string) => ['routing', 'team', teamId] as const,
  agent: (userId: string) => ['routing', 'agent', userId] as const,
};

/** Events drive the queue view; this only catches what no event reports, such as a wait growing past an SLA. */
export const QUEUE_SAFETY_REFETCH_MS = 30_000;
/** However busy the teams, the queue view asks the API at most this often. */
export const QUEUE_REFETCH_THROTTLE_MS = 500;

// Only the queries on screen refetch; the others are marked stale and refetch when they are next shown.
const queuesRefetch = throttle(() => void queryClient.invalidateQueries({ queryKey: routingQueryKeys.queues }), QUEUE_REFETCH_THROTTLE_MS);

/** Something that moves a queue happened (a conversation arrived, was taken, resolved; an agent came or went). */
export function queuesChanged(): void {
  queuesRefetch.trigger();
}

/** The live queue of every team the signed-in user can see, by team name. */
export function useQueues() {
  return useQuery({
    queryKey: routingQueryKeys.queues,
    queryFn: ({ signal }) => routingApi.queues(signal),
    refetchInterval: QUEUE_SAFETY_REFETCH_MS,
  });
}

/**
 * Claims the most urgent, longest-waiting conversation of the user's teams. Resolves with its id (already in the
 * inbox store, so it opens without a spinner), or null when nobody waits.
 */
export function useTakeNext() {
  return useMutation({
    mutationFn: async () => {
      const { conversationId } = await routingApi.takeNext();
      if (conversationId) await refreshConversation(conversationId).catch(() => undefined);
      return conversationId;
    },
    onSettled: () => queuesChanged(),
  });
}

// Settings change rarely, and saving them here updates the cache at once.
const teamRoutingQuery = (teamId: string | null | undefined) => ({
  queryKey: routingQueryKeys.team(teamId ?? ''),
  queryFn: ({ signal }: { signal: AbortSignal }) => routingApi.teamRouting(teamId ?? '', signal),
  enabled: !!teamId,
  staleTime: 5 * 60_000,
});

export function useTeamRouting(teamId: string | null | undefined) {
  return useQuery(teamRoutingQuery(teamId));
}

const slaOf = (view: TeamRoutingView): SlaTargets => view.sla;

/** The team's response targets, for SLA timers; undefined until known (or when the team is not visible). */
export function useSlaTargets(teamId: string | null | undefined): SlaTargets | undefined {
  return useQuery({ ...teamRoutingQuery(teamId), select: slaOf }).data;
}

export function useUpdateTeamRouting() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ teamId, changes }: { teamId: string; changes: UpdateTeamRoutingRequest }) => routingApi.updateTeamRouting(teamId, changes),
    onSuccess: (view) => {
      client.setQueryData(routingQueryKeys.team(view.teamId), view);
      queuesChanged();
    },
  });
}

export function useAgentRouting(userId: string) {
  return useQuery({ queryKey: routingQueryKeys.agent(userId), queryFn: ({ signal }) => routingApi.agentRouting(userId, signal) });
}

export function useUpdateAgentRouting() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, changes }: { userId: string; changes: UpdateAgentRoutingRequest }) => routingApi.updateAgentRouting(userId, changes),
    onSuccess: (view) => {
      client.setQueryData(routingQueryKeys.agent(view.userId), view);
      queuesChanged();
    },
  });
}
