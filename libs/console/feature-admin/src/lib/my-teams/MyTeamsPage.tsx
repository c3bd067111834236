import { useMyTeams, useSignedInUser, useUsers } from '@backtalk/console/data-access';
import { Avatar, EmptyState, PageHeader, Panel, RoleBadge } from '@backtalk/console/ui';
import { useTranslation } from '@backtalk/console/i18n';
import { useMemo } from 'react';
import { indexById } from '../directory';
import { QueryState } from '../shared';

export function MyTeamsPage() {
  const { t } = useTranslation('admin');
  const me = useSignedInUser();
  const teams = useMyTeams();
  const users = useUsers();
  const usersById = useMemo(() => indexById(users.data), [users.data]);

  return (
    <>
      <PageHeader title={t('myTeams.title')} description={t('myTeams.description')} />
      <QueryState
        loadingLabel={t('myTeams.loading')}
        errorTitle={t('myTeams.loadFailed')}
        isPending={teams.isPending || users.isPending}
        error={teams.error ?? users.error}
        onRetry={() => void Promise.all([teams.refetch(), users.refetch()])}
      >
        {teams.data && teams.data.length > 0 ? (
          <div className="bt-team-cards">
            {teams.data.map((team) => (
              <Panel key={team.id} title={team.name} description={team.description || undefined}>
                <ul className="bt-member-list" aria-label={t('myTeams.membersOf', { name: team.name })}>
                  {team.memberIds.map((id) => {
                    const member = usersById.get(id);
                    if (!member) return null;
                    return (
                      <li key={id}>
                        <Avatar name={member.name} size="sm" />
                        <span className="bt-member-list__name">
                          <span translate="no">{member.name}</span>
                          {member.id === me.id ? <span className="bt-muted"> {t('shared.you')}</span> : null}
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
          <EmptyState compact icon="team" title={t('myTeams.emptyTitle')}>
            {t('myTeams.empty')}
          </EmptyState>
        )}
      </QueryState>
    </>
  );
}
