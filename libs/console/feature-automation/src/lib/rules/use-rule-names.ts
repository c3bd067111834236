import { useCannedAnswers, useChannels, useLabels, useTeams, useUsers } from '@backtalk/console/data-access';
import { useMemo } from 'react';
import type { RuleNames } from './rule-summary';

const nameMap = <T>(items: readonly T[] | undefined, key: (item: T) => string, name: (item: T) => string) => new Map((items ?? []).map((item) => [key(item), name(item)]));

/** Names for the answers, teams, agents, channels and labels rules point at, from the lists the console already caches. */
export function useRuleNames(): RuleNames {
  const { data: answers } = useCannedAnswers();
  const { data: teams } = useTeams();
  const { data: users } = useUsers();
  const { data: channels } = useChannels();
  const { data: labels } = useLabels();
  return useMemo(() => {
    const maps = {
      answer: nameMap(answers, (answer) => answer.id, (answer) => answer.title),
      team: nameMap(teams, (team) => team.id, (team) => team.name),
      user: nameMap(users, (user) => user.id, (user) => user.name),
      channel: nameMap(channels, (channel) => channel.id, (channel) => channel.name),
      label: nameMap(labels, (label) => label.id, (label) => label.name),
    };
    return {
      answer: (id) => maps.answer.get(id),
      team: (id) => maps.team.get(id),
      user: (id) => maps.user.get(id),
      channel: (id) => maps.channel.get(id),
      label: (id) => maps.label.get(id),
    };
  }, [answers, teams, users, channels, labels]);
}
