import { Role, type MacroView } from '@backtalk/contracts';
import { useDeleteMacro, useMacros, useSignedInUser, useTeams } from '@backtalk/console/data-access';
import { Button, EmptyState, PageHeader, RowActions, Table, type TableColumn } from '@backtalk/console/ui';
import { useTranslation } from '@backtalk/console/i18n';
import { useState } from 'react';
import { DeleteDialog, QueryState } from '../shared';
import { stepsSummary } from './macro-form';
import { MacroFormDialog } from './MacroFormDialog';
import './macros.css';

type OpenDialog = { kind: 'form'; target: MacroView | 'new' } | { kind: 'delete'; macro: MacroView };

/**
 * Settings → Macros: everyone keeps their own; admins share macros with every team or one, supervisors with the
 * teams they supervise. Agents run them from a conversation's Macros menu or with m.
 */
export function MacrosPage() {
  const { t } = useTranslation('admin');
  const me = useSignedInUser();
  const isAdmin = me.role === Role.Admin;
  const macros = useMacros();
  const { data: teams = [] } = useTeams();
  const [dialog, setDialog] = useState<OpenDialog | null>(null);
  const remove = useDeleteMacro();
  const deleting = dialog?.kind === 'delete' ? dialog.macro : null;
  const shareableTeams = me.role === Role.Agent ? [] : isAdmin ? teams : teams.filter((team) => me.teamIds.includes(team.id));
  const canManage = (macro: MacroView) => (macro.ownerId ? macro.ownerId === me.id : macro.teamId === null ? isAdmin : isAdmin || (me.role === Role.Supervisor && me.teamIds.includes(macro.teamId)));
  const scope = (macro: MacroView) => {
    if (macro.ownerId) return t('macros.scope.onlyYou');
    if (macro.teamId === null) return t('macros.scope.everyTeam');
    const team = teams.find((candidate) => candidate.id === macro.teamId);
    return team ? <span translate="no">{team.name}</span> : t('macros.scope.anotherTeam');
  };

  const columns: TableColumn<MacroView>[] = [
    { id: 'name', header: t('macros.columns.macro'), cell: (macro) => <strong translate="no">{macro.name}</strong> },
    { id: 'steps', header: t('macros.columns.steps'), secondary: true, cell: (macro) => stepsSummary(macro.steps) },
    { id: 'scope', header: t('macros.columns.scope'), cell: scope },
    {
      id: 'actions',
      header: <span className="bt-sr-only">{t('shared.actions')}</span>,
      align: 'end',
      cell: (macro) =>
        canManage(macro) ? (
          <RowActions>
            <Button size="sm" variant="ghost" aria-label={t('shared.editNamed', { name: macro.name })} onClick={() => setDialog({ kind: 'form', target: macro })}>
              {t('shared.edit')}
            </Button>
            <Button size="sm" variant="ghost" aria-label={t('shared.deleteNamed', { name: macro.name })} onClick={() => setDialog({ kind: 'delete', macro })}>
              {t('shared.delete')}
            </Button>
          </RowActions>
        ) : null,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('macros.title')}
        description={t('macros.description')}
        actions={
          <Button variant="primary" icon="plus" onClick={() => setDialog({ kind: 'form', target: 'new' })}>
            {t('macros.create')}
          </Button>
        }
      />
      <QueryState loadingLabel={t('macros.loading')} errorTitle={t('macros.loadFailed')} isPending={macros.isPending} error={macros.error} onRetry={() => void macros.refetch()}>
        {macros.data && macros.data.length > 0 ? (
          <Table narrow="stack" caption={t('macros.title')} columns={columns} rows={macros.data} rowKey={(macro) => macro.id} />
        ) : (
          <EmptyState compact icon="bolt" title={t('macros.emptyTitle')}>
            {t('macros.empty')}
          </EmptyState>
        )}
      </QueryState>
      <MacroFormDialog target={dialog?.kind === 'form' ? dialog.target : null} teams={shareableTeams} onClose={() => setDialog(null)} />
      <DeleteDialog
        item={deleting}
        title={t('macros.delete.title', { name: deleting?.name ?? '' })}
        confirmLabel={t('macros.delete.confirm')}
        mutation={remove}
        deletedMessage={(macro) => t('macros.delete.done', { name: macro.name })}
        onClose={() => setDialog(null)}
      >
        {t('macros.delete.body')}
      </DeleteDialog>
    </>
  );
}
