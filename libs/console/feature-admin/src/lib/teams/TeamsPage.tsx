import { Role, type TeamView } from '@backtalk/contracts';
import { useDeleteTeam, useSignedInUser, useTeams, useUsers } from '@backtalk/console/data-access';
import { Button, buttonClassName, EmptyState, PageHeader, RowActions, Table, type TableColumn } from '@backtalk/console/ui';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { DeleteDialog, QueryState } from '../shared';
import { TeamFormDialog } from './TeamFormDialog';

type OpenDialog = { kind: 'form'; target: TeamView | 'new' } | { kind: 'delete'; team: TeamView };

export function TeamsPage() {
  const me = useSignedInUser();
  const isAdmin = me.role === Role.Admin;
  const teams = useTeams();
  const users = useUsers();
  const [dialog, setDialog] = useState<OpenDialog | null>(null);
  const remove = useDeleteTeam();
  const deleting = dialog?.kind === 'delete' ? dialog.team : null;

  const columns: TableColumn<TeamView>[] = [
    { id: 'name', header: 'Name', cell: (team) => <span className="bt-table__primary">{team.name}</span> },
    {
      id: 'description',
      header: 'Description',
      secondary: true,
      cell: (team) => team.description || <span className="bt-muted">—</span>,
    },
    {
      id: 'members',
      header: 'Members',
      cell: (team) => `${team.memberIds.length} ${team.memberIds.length === 1 ? 'member' : 'members'}`,
    },
    {
      id: 'actions',
      header: <span className="bt-sr-only">Actions</span>,
      align: 'end',
      cell: (team) => (
        <RowActions>
          <Link to={`${team.id}/routing`} className={buttonClassName({ variant: 'ghost', size: 'sm' })} aria-label={`Routing of ${team.name}`}>
            Routing
          </Link>
          <Button size="sm" variant="ghost" aria-label={`Edit ${team.name}`} onClick={() => setDialog({ kind: 'form', target: team })}>
            Edit
          </Button>
          {isAdmin ? (
            <Button size="sm" variant="ghost" aria-label={`Delete ${team.name}`} onClick={() => setDialog({ kind: 'delete', team })}>
              Delete
            </Button>
          ) : null}
        </RowActions>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title="Teams"
        description={
          isAdmin
            ? 'Teams share conversations. Everyone in a team sees what customers send to its numbers.'
            : 'The teams you supervise. You can rename them and change who is in them.'
        }
        actions={
          isAdmin ? (
            <Button variant="primary" icon="plus" onClick={() => setDialog({ kind: 'form', target: 'new' })}>
              Create team
            </Button>
          ) : null
        }
      />
      <QueryState what="teams" isPending={teams.isPending} error={teams.error} onRetry={() => void teams.refetch()}>
        {teams.data && teams.data.length > 0 ? (
          <Table caption="Teams" columns={columns} rows={teams.data} rowKey={(team) => team.id} />
        ) : (
          <EmptyState compact icon="team" title={isAdmin ? 'Create your first team' : "You don't supervise a team yet"}>
            {isAdmin ? 'Add people to a team and its conversations are shared between them.' : 'Ask an admin to make you a member of the teams you lead.'}
          </EmptyState>
        )}
      </QueryState>
      <TeamFormDialog
        target={dialog?.kind === 'form' ? dialog.target : null}
        users={users.data ?? []}
        membersHint={isAdmin ? undefined : 'You can add people who are already in one of your teams.'}
        onClose={() => setDialog(null)}
      />
      <DeleteDialog
        item={deleting}
        title={`Delete ${deleting?.name ?? 'team'}?`}
        confirmLabel="Delete team"
        mutation={remove}
        deletedMessage={(team) => `Team ${team.name} deleted.`}
        onClose={() => setDialog(null)}
      >
        Its members keep their accounts, but lose access to anything shared through this team. This can't be undone.
      </DeleteDialog>
    </>
  );
}
