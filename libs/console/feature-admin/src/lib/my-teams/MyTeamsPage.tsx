import { useMyTeams, useSignedInUser, useUsers } from '@backtalk/console/data-access';
import { Avatar, EmptyState, PageHeader, Panel, RoleBadge } from '@backtalk/console/ui';
import { useMemo } from 'react';
import { indexById } from '../directory';
import { QueryState } from '../shared';

export function MyTeamsPage() {
  const me = useSignedInUser();
  const teams = useMyTeams();
  const users = useUsers();
  const usersById = useMemo(() => indexById(users.data), [users.data]);

  return (
    <>
      <PageHeader title="My teams" description="The teams you answer conversations for, and who you work with." />
      <QueryState
        what="your teams"
        isPending={teams.isPending || users.isPending}
        error={teams.error ?? users.error}
        onRetry={() => void Promise.all([teams.refetch(), users.refetch()])}
      >
        {teams.data && teams.data.length > 0 ? (
          <div className="bt-team-cards">
            {teams.data.map((team) => (
              <Panel key={team.id} title={team.name} description={team.description || undefined}>
                <ul className="bt-member-list" aria-label={`Members of ${team.name}`}>
                  {team.memberIds.map((id) => {
                    const member = usersById.get(id);
                    if (!member) return null;
                    return (
                      <li key={id}>
                        <Avatar name={member.name} size="sm" />
                        <span className="bt-member-list__name">
                          {member.name}
                          {member.id === me.id ? <span className="bt-muted"> (you)</span> : null}
                        </span>
                        <RoleBadge role={member.role} />
                      </li>
                    );
                  })}
                </ul>
              </Panel>
            ))}
          </div>
        ) : (
          <EmptyState compact icon="team" title="You're not in a team yet">
            Ask an admin to add you to a team; its conversations will then show up in your inbox.
          </EmptyState>
        )}
      </QueryState>
    </>
  );
}
