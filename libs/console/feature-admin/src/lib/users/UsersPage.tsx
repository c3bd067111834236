import { Role, type UserView } from '@backtalk/contracts';
import { describeError, useSignedInUser, useTeams, useToastActions, useUpdateUser, useUsers } from '@backtalk/console/data-access';
import { Badge, Banner, Button, ConfirmDialog, EmptyState, PageHeader, RoleBadge, RowActions, Table, TextField, type TableColumn } from '@backtalk/console/ui';
import { useTranslation } from '@backtalk/console/i18n';
import { useMemo, useState } from 'react';
import { indexById, matchesSearch, teamNamesOf } from '../directory';
import { QueryState } from '../shared';
import { UserFormDialog } from './UserFormDialog';

type OpenDialog = { kind: 'form'; target: UserView | 'new' } | { kind: 'deactivate'; user: UserView };

function DeactivateDialog({ user, onClose }: { user: UserView | null; onClose: () => void }) {
  const { t } = useTranslation('admin');
  const update = useUpdateUser();
  const { toastShown } = useToastActions();
  const close = () => {
    update.reset();
    onClose();
  };
  return (
    <ConfirmDialog
      open={user !== null}
      title={t('users.deactivate.title', { name: user?.name ?? '' })}
      confirmLabel={t('users.deactivate.confirm')}
      pending={update.isPending}
      error={update.error ? describeError(update.error) : null}
      onClose={close}
      onConfirm={() =>
        user &&
        update.mutate(
          { id: user.id, changes: { active: false } },
          {
            onSuccess: () => {
              toastShown('success', t('users.deactivate.done', { name: user.name }));
              close();
            },
          },
        )
      }
    >
      {t('users.deactivate.body')}
    </ConfirmDialog>
  );
}

export function UsersPage() {
  const { t } = useTranslation('admin');
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
      header: t('users.columns.name'),
      cell: (user) => (
        <span className="bt-table__primary">
          <span translate="no">{user.name}</span>
          {user.id === me.id ? <span className="bt-muted"> {t('shared.you')}</span> : null}
        </span>
      ),
    },
    { id: 'email', header: t('users.columns.email'), cell: (user) => <span translate="no">{user.email}</span> },
    { id: 'role', header: t('users.columns.role'), cell: (user) => <RoleBadge role={user.role} /> },
    {
      id: 'teams',
      header: t('users.columns.teams'),
      secondary: true,
      cell: (user) => {
        const { names, hiddenCount } = teamNamesOf(user.teamIds, teamsById);
        const text = [...names, ...(hiddenCount > 0 ? [t('users.otherTeams', { count: hiddenCount })] : [])].join(', ');
        return text ? <span translate="no">{text}</span> : <span className="bt-muted">{t('users.noTeam')}</span>;
      },
    },
    {
      id: 'status',
      header: t('users.columns.status'),
      cell: (user) => (user.active ? <Badge tone="success">{t('shared.active')}</Badge> : <Badge>{t('users.deactivated')}</Badge>),
    },
  ];

  if (isAdmin) {
    columns.push({
      id: 'actions',
      header: <span className="bt-sr-only">{t('shared.actions')}</span>,
      align: 'end',
      cell: (user) => (
        <RowActions>
          <Button size="sm" variant="ghost" aria-label={t('shared.editNamed', { name: user.name })} onClick={() => setDialog({ kind: 'form', target: user })}>
            {t('shared.edit')}
          </Button>
          {user.active ? (
            <Button
              size="sm"
              variant="ghost"
              aria-label={t('users.deactivateNamed', { name: user.name })}
              disabled={user.id === me.id}
              title={user.id === me.id ? t('users.cannotDeactivateSelf') : undefined}
              onClick={() => setDialog({ kind: 'deactivate', user })}
            >
              {t('users.deactivate.confirm')}
            </Button>
          ) : (
            <Button
              size="sm"
              variant="ghost"
              aria-label={t('users.reactivateNamed', { name: user.name })}
              pending={reactivate.isPending && reactivate.variables?.id === user.id}
              onClick={() =>
                reactivate.mutate(
                  { id: user.id, changes: { active: true } },
                  { onSuccess: () => toastShown('success', t('users.reactivated', { name: user.name })) },
                )
              }
            >
              {t('users.reactivate')}
            </Button>
          )}
        </RowActions>
      ),
    });
  }

  return (
    <>
      <PageHeader
        title={t('users.title')}
        description={isAdmin ? t('users.descriptionAdmin') : t('users.descriptionSupervisor')}
        actions={
          isAdmin ? (
            <Button variant="primary" icon="plus" onClick={() => setDialog({ kind: 'form', target: 'new' })}>
              {t('users.create')}
            </Button>
          ) : null
        }
      />
      <QueryState loadingLabel={t('users.loading')} errorTitle={t('users.loadFailed')} isPending={users.isPending} error={users.error} onRetry={() => void users.refetch()}>
        <div className="bt-stack">
          {reactivate.error ? <Banner tone="danger">{describeError(reactivate.error)}</Banner> : null}
          <div className="bt-toolbar">
            <TextField
              className="bt-toolbar__search"
              label={t('users.search')}
              hideLabel
              type="search"
              placeholder={t('users.searchPlaceholder')}
              value={search}
              onChange={(e) => setSearch(e.target.value)}
            />
            <span className="bt-toolbar__count">
              {t('users.shownOf', { shown: visible.length, total: users.data?.length ?? 0 })}
            </span>
          </div>
          {visible.length > 0 ? (
            <Table
              narrow="stack"
              caption={t('users.title')}
              columns={columns}
              rows={visible}
              rowKey={(user) => user.id}
              rowClassName={(user) => (user.active ? undefined : 'bt-table__row--muted')}
            />
          ) : (
            <EmptyState compact icon="search" title={search ? t('users.noMatch', { search: search.trim() }) : t('users.nobodyYet')} />
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
