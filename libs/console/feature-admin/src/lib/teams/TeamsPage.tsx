import { Role, type TeamView } from '@backtalk/contracts';
import { useDeleteTeam, useSignedInUser, useTeams, useUsers } from '@backtalk/console/data-access';
import { Button, buttonClassName, EmptyState, PageHeader, RowActions, Table, type TableColumn } from '@backtalk/console/ui';
import { useTranslation } from '@backtalk/console/i18n';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { DeleteDialog, QueryState } from '../shared';
import { TeamFormDialog } from './TeamFormDialog';

type OpenDialog = { kind: 'form'; target: TeamView | 'new' } | { kind: 'delete'; team: TeamView };

export function TeamsPage() {
  const { t } = useTranslation('admin');
  const me = useSignedInUser();
  const isAdmin = me.role === Role.Admin;
  const teams = useTeams();
  const users = useUsers();
  const [dialog, setDialog] = useState<OpenDialog | null>(null);
  const remove = useDeleteTeam();
  const deleting = dialog?.kind === 'delete' ? dialog.team : null;

  const columns: TableColumn<TeamView>[] = [
    { id: 'name', header: t('teams.columns.name'), cell: (team) => <span translate="no" className="bt-table__primary">{team.name}</span> },
    {
      id: 'description',
      header: t('teams.columns.description'),
      secondary: true,
      cell: (team) => (team.description ? <span translate="no">{team.description}</span> : <span className="bt-muted">—</span>),
    },
    {
      id: 'members',
      header: t('teams.columns.members'),
      cell: (team) => t('teams.memberCount', { count: team.memberIds.length }),
    },
    {
      id: 'actions',
      header: <span className="bt-sr-only">{t('shared.actions')}</span>,
      align: 'end',
      cell: (team) => (
        <RowActions>
          <Link to={`${team.id}/routing`} className={buttonClassName({ variant: 'ghost', size: 'sm' })} aria-label={t('teams.routingOf', { name: team.name })}>
            {t('teams.routing')}
          </Link>
          <Button size="sm" variant="ghost" aria-label={t('shared.editNamed', { name: team.name })} onClick={() => setDialog({ kind: 'form', target: team })}>
            {t('shared.edit')}
          </Button>
          {isAdmin ? (
            <Button size="sm" variant="ghost" aria-label={t('shared.deleteNamed', { name: team.name })} onClick={() => setDialog({ kind: 'delete', team })}>
              {t('shared.delete')}
            </Button>
          ) : null}
        </RowActions>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('teams.title')}
        description={
          isAdmin
            ? t('teams.descriptionAdmin')
            : t('teams.descriptionSupervisor')
        }
        actions={
          isAdmin ? (
            <Button variant="primary" icon="plus" onClick={() => setDialog({ kind: 'form', target: 'new' })}>
              {t('teams.create')}
            </Button>
          ) : null
        }
      />
      <QueryState loadingLabel={t('teams.loading')} errorTitle={t('teams.loadFailed')} isPending={teams.isPending} error={teams.error} onRetry={() => void teams.refetch()}>
        {teams.data && teams.data.length > 0 ? (
          <Table narrow="stack" caption={t('teams.title')} columns={columns} rows={teams.data} rowKey={(team) => team.id} />
        ) : (
          <EmptyState compact icon="team" title={isAdmin ? t('teams.emptyAdminTitle') : t('teams.emptySupervisorTitle')}>
            {isAdmin ? t('teams.emptyAdmin') : t('teams.emptySupervisor')}
          </EmptyState>
        )}
      </QueryState>
      <TeamFormDialog
        target={dialog?.kind === 'form' ? dialog.target : null}
        users={users.data ?? []}
        membersHint={isAdmin ? undefined : t('teams.form.membersHintSupervisor')}
        onClose={() => setDialog(null)}
      />
      <DeleteDialog
        item={deleting}
        title={t('teams.delete.title', { name: deleting?.name ?? '' })}
        confirmLabel={t('teams.delete.confirm')}
        mutation={remove}
        deletedMessage={(team) => t('teams.delete.done', { name: team.name })}
        onClose={() => setDialog(null)}
      >
        {t('teams.delete.body')}
      </DeleteDialog>
    </>
  );
}
