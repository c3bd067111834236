import type {
  AgentRoutingView,
  QueueView,
  TakeNextResult,
  TeamRoutingView,
  UpdateAgentRoutingRequest,
  UpdateTeamRoutingRequest,
} from '@backtalk/contracts';
import { api } from '../client';

const id = (value: string) => encodeURIComponent(value);

export const routingApi = {
  queues: (signal?: AbortSignal) => api.get<QueueView[]>('/api/queues', { signal }),
  takeNext: () => api.post<TakeNextResult>('/api/queues/take-next'),
  teamRouting: (teamId: string, signal?: AbortSignal) => api.get<TeamRoutingView>(`/api/teams/${id(teamId)}/routing`, { signal }),
  updateTeamRouting: (teamId: string, request: UpdateTeamRoutingRequest) => api.patch<TeamRoutingView>(`/api/teams/${id(teamId)}/routing`, request),
  agentRouting: (userId: string, signal?: AbortSignal) => api.get<AgentRoutingView>(`/api/users/${id(userId)}/routing`, { signal }),
  updateAgentRouting: (userId: string, request: UpdateAgentRoutingRequest) => api.patch<AgentRoutingView>(`/api/users/${id(userId)}/routing`, request),
};
