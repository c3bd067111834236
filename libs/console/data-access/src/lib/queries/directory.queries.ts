import type {
  CreateTeamRequest,
  CreateUserRequest,
  TeamView,
  UpdateTeamRequest,
  UpdateUserRequest,
  UserView,
} from '@backtalk/contracts';
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api } from '../client';
import { useSessionActions, useSignedInUser } from '../session/session.store';

const usersKey = ['users'] as const;
const teamsKey = ['teams'] as const;

// Membership is stored on both sides (user.teamIds, team.memberIds): a change to one stales the other.
function invalidateDirectory(client: QueryClient): Promise<void> {
  return Promise.all([client.invalidateQueries({ queryKey: usersKey }), client.invalidateQueries({ queryKey: teamsKey })]).then(
    () => undefined,
  );
}

const byName = <T extends { name: string }>(items: T[]): T[] => [...items].sort((a, b) => a.name.localeCompare(b.name));

/** Admins get everyone; others get the members of their own teams. */
export function useUsers() {
  return useQuery({ queryKey: usersKey, queryFn: ({ signal }) => api.get<UserView[]>('/api/users', { signal }), select: byName });
}

export function useCreateUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: CreateUserRequest) => api.post<UserView>('/api/users', request),
    onSuccess: () => invalidateDirectory(client),
  });
}

export interface UpdateUserVariables {
  id: string;
  changes: UpdateUserRequest;
}

export function useUpdateUser() {
  const client = useQueryClient();
  const { profileUpdated } = useSessionActions();
  return useMutation({
    mutationFn: ({ id, changes }: UpdateUserVariables) => api.patch<UserView>(`/api/users/${encodeURIComponent(id)}`, changes),
    onSuccess: (user) => {
      profileUpdated(user);
      return invalidateDirectory(client);
    },
  });
}

/** Admins get every team; supervisors and agents get their own. */
export function useTeams() {
  return useQuery({ queryKey: teamsKey, queryFn: ({ signal }) => api.get<TeamView[]>('/api/teams', { signal }), select: byName });
}

/** The teams the signed-in user belongs to, whatever their role. */
export function useMyTeams() {
  const { id } = useSignedInUser();
  return useQuery({
    queryKey: teamsKey,
    queryFn: ({ signal }) => api.get<TeamView[]>('/api/teams', { signal }),
    select: (teams: TeamView[]) => byName(teams.filter((team) => team.memberIds.includes(id))),
  });
}

export function useCreateTeam() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: CreateTeamRequest) => api.post<TeamView>('/api/teams', request),
    onSuccess: () => invalidateDirectory(client),
  });
}

export interface UpdateTeamVariables {
  id: string;
  changes: UpdateTeamRequest;
}

export function useUpdateTeam() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, changes }: UpdateTeamVariables) => api.patch<TeamView>(`/api/teams/${encodeURIComponent(id)}`, changes),
    onSuccess: () => invalidateDirectory(client),
  });
}

export function useDeleteTeam() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/teams/${encodeURIComponent(id)}`),
    onSuccess: () => invalidateDirectory(client),
  });
}
