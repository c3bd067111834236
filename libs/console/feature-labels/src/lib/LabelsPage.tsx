import { Role, type LabelView } from '@backtalk/contracts';
import { useDeleteLabel, useLabels, useSignedInUser, useTeams } from '@backtalk/console/data-access';
import { DeleteDialog, QueryState } from '@backtalk/console/feature-admin';
import { useTranslation } from '@backtalk/console/i18n';
import { Button, EmptyState, PageHeader, RowActions, Table, type TableColumn } from '@backtalk/console/ui';
import { useState } from 'react';
import { LabelChip } from './LabelChip';
import { LabelFormDialog } from './LabelFormDialog';

type OpenDialog = { kind: 'form'; target: LabelView | 'new' } | { kind: 'delete'; label: LabelView };

/** Settings → Labels: admins manage the labels of every team and the global ones, supervisors their teams'. */
export function LabelsPage() {
  const { t } = useTranslation('labels');
  const me = useSignedInUser();
  const isAdmin = me.role === Role.Admin;
  const labels = useLabels();
  const { data: teams = [] } = useTeams();
  const [dialog, setDialog] = useState<OpenDialog | null>(null);
  const remove = useDeleteLabel();
  const deleting = dialog?.kind === 'delete' ? dialog.label : null;
  const managedTeams = isAdmin ? teams : teams.filter((team) => me.teamIds.includes(team.id));
  const canManage = (label: LabelView) => (label.teamId === null ? isAdmin : isAdmin || me.teamIds.includes(label.teamId));
  const teamName = (teamId: string | null) => (teamId === null ? t('page.everyTeam') : (teams.find((team) => team.id === teamId)?.name ?? t('page.anotherTeam')));

  const columns: TableColumn<LabelView>[] = [
    { id: 'label', header: t('page.columnLabel'), cell: (label) => <LabelChip label={label} /> },
    { id: 'description', header: t('page.columnDescription'), secondary: true, cell: (label) => (label.description ? <span translate="no">{label.description}</span> : <span className="bt-muted">—</span>) },
    { id: 'scope', header: t('page.columnScope'), cell: (label) => (label.teamId === null ? teamName(null) : <span translate="no">{teamName(label.teamId)}</span>) },
    {
      id: 'actions',
      header: <span className="bt-sr-only">{t('page.columnActions')}</span>,
      align: 'end',
      cell: (label) =>
        canManage(label) ? (
          <RowActions>
            <Button size="sm" variant="ghost" aria-label={t('page.editNamed', { name: label.name })} onClick={() => setDialog({ kind: 'form', target: label })}>
              {t('page.edit')}
            </Button>
            <Button size="sm" variant="ghost" aria-label={t('page.deleteNamed', { name: label.name })} onClick={() => setDialog({ kind: 'delete', label })}>
              {t('page.delete')}
            </Button>
          </RowActions>
        ) : null,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('page.title')}
        description={
          isAdmin
            ? t('page.descriptionAdmin')
            : t('page.descriptionSupervisor')
        }
        actions={
          <Button variant="primary" icon="plus" onClick={() => setDialog({ kind: 'form', target: 'new' })}>
            {t('page.create')}
          </Button>
        }
      />
      <QueryState loadingLabel={t('page.loading')} errorTitle={t('page.loadFailed')} isPending={labels.isPending} error={labels.error} onRetry={() => void labels.refetch()}>
        {labels.data && labels.data.length > 0 ? (
          <Table narrow="stack" caption={t('page.tableCaption')} columns={columns} rows={labels.data} rowKey={(label) => label.id} />
        ) : (
          <EmptyState compact icon="flag" title={t('page.emptyTitle')}>
            {t('page.emptyBody')}
          </EmptyState>
        )}
      </QueryState>
      <LabelFormDialog target={dialog?.kind === 'form' ? dialog.target : null} teams={managedTeams} labels={labels.data ?? []} onClose={() => setDialog(null)} />
      <DeleteDialog
        item={deleting}
        title={t('page.deleteTitle', { name: deleting?.name ?? '' })}
        confirmLabel={t('page.deleteConfirm')}
        mutation={remove}
        deletedMessage={(label) => t('page.deleted', { name: label.name })}
        onClose={() => setDialog(null)}
      >
        {t('page.deleteBody')}
      </DeleteDialog>
    </>
  );
}
