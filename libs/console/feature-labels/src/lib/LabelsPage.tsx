import { Role, type LabelView } from '@backtalk/contracts';
import { useDeleteLabel, useLabels, useSignedInUser, useTeams } from '@backtalk/console/data-access';
import { DeleteDialog, QueryState } from '@backtalk/console/feature-admin';
import { Button, EmptyState, PageHeader, RowActions, Table, type TableColumn } from '@backtalk/console/ui';
import { useState } from 'react';
import { LabelChip } from './LabelChip';
import { LabelFormDialog } from './LabelFormDialog';

type OpenDialog = { kind: 'form'; target: LabelView | 'new' } | { kind: 'delete'; label: LabelView };

/** Settings → Labels: admins manage the labels of every team and the global ones, supervisors their teams'. */
export function LabelsPage() {
  const me = useSignedInUser();
  const isAdmin = me.role === Role.Admin;
  const labels = useLabels();
  const { data: teams = [] } = useTeams();
  const [dialog, setDialog] = useState<OpenDialog | null>(null);
  const remove = useDeleteLabel();
  const deleting = dialog?.kind === 'delete' ? dialog.label : null;
  const managedTeams = isAdmin ? teams : teams.filter((team) => me.teamIds.includes(team.id));
  const canManage = (label: LabelView) => (label.teamId === null ? isAdmin : isAdmin || me.teamIds.includes(label.teamId));
  const teamName = (teamId: string | null) => (teamId === null ? 'Every team' : (teams.find((team) => team.id === teamId)?.name ?? 'Another team'));

  const columns: TableColumn<LabelView>[] = [
    { id: 'label', header: 'Label', cell: (label) => <LabelChip label={label} /> },
    { id: 'description', header: 'Description', secondary: true, cell: (label) => label.description || <span className="bt-muted">—</span> },
    { id: 'scope', header: 'Used by', cell: (label) => teamName(label.teamId) },
    {
      id: 'actions',
      header: <span className="bt-sr-only">Actions</span>,
      align: 'end',
      cell: (label) =>
        canManage(label) ? (
          <RowActions>
            <Button size="sm" variant="ghost" aria-label={`Edit ${label.name}`} onClick={() => setDialog({ kind: 'form', target: label })}>
              Edit
            </Button>
            <Button size="sm" variant="ghost" aria-label={`Delete ${label.name}`} onClick={() => setDialog({ kind: 'delete', label })}>
              Delete
            </Button>
          </RowActions>
        ) : null,
    },
  ];

  return (
    <>
      <PageHeader
        title="Labels"
        description={
          isAdmin
            ? 'Agents put labels on conversations to sort them, filter the inbox and report on them. Labels for every team can go on any conversation; a team’s labels only on its own.'
            : 'The labels of the teams you supervise, and those admins made for every team.'
        }
        actions={
          <Button variant="primary" icon="plus" onClick={() => setDialog({ kind: 'form', target: 'new' })}>
            Create label
          </Button>
        }
      />
      <QueryState what="labels" isPending={labels.isPending} error={labels.error} onRetry={() => void labels.refetch()}>
        {labels.data && labels.data.length > 0 ? (
          <Table caption="Labels" columns={columns} rows={labels.data} rowKey={(label) => label.id} />
        ) : (
          <EmptyState compact icon="flag" title="No labels yet">
            Create labels such as “Refund”, “VIP” or “Bug” so agents can sort conversations and find them again.
          </EmptyState>
        )}
      </QueryState>
      <LabelFormDialog target={dialog?.kind === 'form' ? dialog.target : null} teams={managedTeams} labels={labels.data ?? []} onClose={() => setDialog(null)} />
      <DeleteDialog
        item={deleting}
        title={`Delete ${deleting?.name ?? 'label'}?`}
        confirmLabel="Delete label"
        mutation={remove}
        deletedMessage={(label) => `Label ${label.name} deleted.`}
        onClose={() => setDialog(null)}
      >
        It comes off every conversation that has it, and rules that add it stop doing so. The threads keep saying it was added or removed.
      </DeleteDialog>
    </>
  );
}
