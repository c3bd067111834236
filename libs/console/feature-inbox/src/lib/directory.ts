import type { ChannelView, TeamView, UserView } from '@backtalk/contracts';
import { useChannels, useTeams, useUsers } from '@backtalk/console/data-access';
import { useMemo } from 'react';

// Names for the ids conversations carry: people, teams, channels. Each list is one cached query.

export function usePeople(): Map<string, UserView> {
  const { data } = useUsers();
  return useMemo(() => new Map((data ?? []).map((user) => [user.id, user])), [data]);
}

export function useTeamMap(): Map<string, TeamView> {
  const { data } = useTeams();
  return useMemo(() => new Map((data ?? []).map((team) => [team.id, team])), [data]);
}

export function useChannelMap(): Map<string, ChannelView> {
  const { data } = useChannels();
  return useMemo(() => new Map((data ?? []).map((channel) => [channel.id, channel])), [data]);
}

/** "Maria" from "Maria Agent": enough to tell colleagues apart in tight places. */
export function firstName(name: string): string {
  return name.trim().split(/\s+/)[0] ?? name;
}
