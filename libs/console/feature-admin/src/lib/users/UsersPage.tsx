import { Role, type UserView } from '@backtalk/contracts';
import { describeError, useSignedInUser, useTeams, useToastActions, useUpdateUser, useUsers } from '@backtalk/console/data-access';
import { Badge, Banner, Button, ConfirmDialog, EmptyState, PageHeader, RoleBadge, RowActions, Table, TextField, type TableColumn } from '@backtalk/console/ui';
import { useMemo, useState } from 'react';
import { indexById, matchesSearch, teamNamesOf } from '../directory';
import { QueryState } from '../shared';
import { UserFormDialog } from './UserFormDialog';

type OpenDialog = { kind: 'form'; target: UserView | 'new' } | { kind: 'deactivate'; user: UserView };

function DeactivateDialog({ user, onClose }: { user: UserView | null; onClose: () => void }) {
  const update = useUpdateUser();
  const { toastShown } = useToastActions();
  const close = () => {
    update.reset();
    onClose();
  };
  return (
    <ConfirmDialog
      open={user !== null}
      title={`Deactivate ${user?.name ?? ''}?`}
      confirmLabel="Deactivate"
      pending={update.isPending}
      error={update.error ? describeError(update.error) : null}
      onClose={close}
      onConfirm={() =>
        user &&
        update.mutate(
          { id: user.id, changes: { active: false } },
          {
            onSuccess: () => {
              toastShown('success', `${user.name} was deactivated.`);
              close();
            },
          },
        )
      }
    >
      They will be signed out and won't be able to sign in until you reactivate them. Their conversations and history stay.
    </ConfirmDialog>
  );
}

export function UsersPage() {
  const me = useSignedInUser();
  const isAdmin = me.role === Role.Admin;
  const users = useUsers();
  const teams = useTeams();
  const reactivate = useUpdateUser();
  const { toastShown } = useToastActions();
  const [search, setSearch] = useState('');
  const [dialog, setDialog] = useState<OpenDialog | null>(null);
  const teamsById = useMemo(() => indexById(teams.data), [teams.data]);
  const visible = (users.data ?? []).filter((user) => matchesSearch(user, search));

  const columns: TableColumn<UserView>[] = [
    {
      id: 'name',
      header: 'Name',
      cell: (user) => (
        <span className="bt-table__primary">
          {user.name}
          {user.id === me.id ? <span className="bt-muted"> (you)</span> : null}
        </span>
      ),
    },
    { id: 'email', header: 'Email', cell: (user) => user.email },
    { id: 'role', header: 'Role', cell: (user) => <RoleBadge role={user.role} /> },
    {
      id: 'teams',
      header: 'Teams',
      secondary: true,
      cell: (user) => {
        const { names, hiddenCount } = teamNamesOf(user.teamIds, teamsById);
        const text = [...names, ...(hiddenCount > 0 ? [`${hiddenCount} other`] : [])].join(', ');
        return text || <span className="bt-muted">No team</span>;
      },
    },
    {
      id: 'status',
      header: 'Status',
      cell: (user) => (user.active ? <Badge tone="success">Active</Badge> : <Badge>Deactivated</Badge>),
    },
  ];

  if (isAdmin) {
    columns.push({
      id: 'actions',
      header: <span className="bt-sr-only">Actions</span>,
      align: 'end',
      cell: (user) => (
        <RowActions>
          <Button size="sm" variant="ghost" aria-label={`Edit ${user.name}`} onClick={() => setDialog({ kind: 'form', target: user })}>
            Edit
          </Button>
          {user.active ? (
            <Button
              size="sm"
              variant="ghost"
              aria-label={`Deactivate ${user.name}`}
              disabled={user.id === me.id}
              title={user.id === me.id ? "You can't deactivate yourself." : undefined}
              onClick={() => setDialog({ kind: 'deactivate', user })}
            >
              Deactivate
            </Button>
          ) : (
            <Button
              size="sm"
              variant="ghost"
              aria-label={`Reactivate ${user.name}`}
              pending={reactivate.isPending && reactivate.variables?.id === user.id}
              onClick={() =>
                reactivate.mutate(
                  { id: user.id, changes: { active: true } },
                  { onSuccess: () => toastShown('success', `${user.name} can sign in again.`) },
                )
              }
            >
              Reactivate
            </Button>
          )}
        </RowActions>
      ),
    });
  }

  return (
    <>
      <PageHeader
        title="Users"
        description={isAdmin ? 'Everyone who can sign in to Backtalk.' : 'The members of your teams. Only admins can add or change users.'}
        actions={
          isAdmin ? (
            <Button variant="primary" icon="plus" onClick={() => setDialog({ kind: 'form', target: 'new' })}>
              Create user
            </Button>
          ) : null
        }
      />
      <QueryState what="users" isPending={users.isPending} error={users.error} onRetry={() => void users.refetch()}>
        <div className="bt-stack">
          {reactivate.error ? <Banner tone="danger">{describeError(reactivate.error)}</Banner> : null}
          <div className="bt-toolbar">
            <TextField
              className="bt-toolbar__search"
              label="Search users"
              hideLabel
              type="search"
              placeholder="Search by name or email"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
            />
            <span className="bt-toolbar__count">
              {visible.length} of {users.data?.length ?? 0}
            </span>
          </div>
          {visible.length > 0 ? (
            <Table
              caption="Users"
              columns={columns}
              rows={visible}
              rowKey={(user) => user.id}
              rowClassName={(user) => (user.active ? undefined : 'bt-table__row--muted')}
            />
          ) : (
            <EmptyState compact icon="search" title={search ? `Nobody matches “${search.trim()}”` : 'Nobody here yet'} />
          )}
        </div>
      </QueryState>
      <UserFormDialog
        target={dialog?.kind === 'form' ? dialog.target : null}
        teams={teams.data ?? []}
        onClose={() => setDialog(null)}
      />
      <DeactivateDialog user={dialog?.kind === 'deactivate' ? dialog.user : null} onClose={() => setDialog(null)} />
    </>
  );
}
