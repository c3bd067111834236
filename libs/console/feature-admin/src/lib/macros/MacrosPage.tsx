import { Role, type MacroView } from '@backtalk/contracts';
import { useDeleteMacro, useMacros, useSignedInUser, useTeams } from '@backtalk/console/data-access';
import { Button, EmptyState, PageHeader, RowActions, Table, type TableColumn } from '@backtalk/console/ui';
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
  const me = useSignedInUser();
  const isAdmin = me.role === Role.Admin;
  const macros = useMacros();
  const { data: teams = [] } = useTeams();
  const [dialog, setDialog] = useState<OpenDialog | null>(null);
  const remove = useDeleteMacro();
  const deleting = dialog?.kind === 'delete' ? dialog.macro : null;
  const shareableTeams = me.role === Role.Agent ? [] : isAdmin ? teams : teams.filter((team) => me.teamIds.includes(team.id));
  const canManage = (macro: MacroView) => (macro.ownerId ? macro.ownerId === me.id : macro.teamId === null ? isAdmin : isAdmin || (me.role === Role.Supervisor && me.teamIds.includes(macro.teamId)));
  const scope = (macro: MacroView) => (macro.ownerId ? 'Only you' : macro.teamId === null ? 'Every team' : (teams.find((team) => team.id === macro.teamId)?.name ?? 'Another team'));

  const columns: TableColumn<MacroView>[] = [
    { id: 'name', header: 'Macro', cell: (macro) => <strong>{macro.name}</strong> },
    { id: 'steps', header: 'Steps', secondary: true, cell: (macro) => stepsSummary(macro.steps) },
    { id: 'scope', header: 'Who can run it', cell: scope },
    {
      id: 'actions',
      header: <span className="bt-sr-only">Actions</span>,
      align: 'end',
      cell: (macro) =>
        canManage(macro) ? (
          <RowActions>
            <Button size="sm" variant="ghost" aria-label={`Edit ${macro.name}`} onClick={() => setDialog({ kind: 'form', target: macro })}>
              Edit
            </Button>
            <Button size="sm" variant="ghost" aria-label={`Delete ${macro.name}`} onClick={() => setDialog({ kind: 'delete', macro })}>
              Delete
            </Button>
          </RowActions>
        ) : null,
    },
  ];

  return (
    <>
      <PageHeader
        title="Macros"
        description="A macro does several things to a conversation in one go: send a canned answer, add a label, assign, set the priority, add a private note, then resolve or snooze. Run one from a conversation’s Macros menu, or press m."
        actions={
          <Button variant="primary" icon="plus" onClick={() => setDialog({ kind: 'form', target: 'new' })}>
            Create macro
          </Button>
        }
      />
      <QueryState what="macros" isPending={macros.isPending} error={macros.error} onRetry={() => void macros.refetch()}>
        {macros.data && macros.data.length > 0 ? (
          <Table caption="Macros" columns={columns} rows={macros.data} rowKey={(macro) => macro.id} />
        ) : (
          <EmptyState compact icon="bolt" title="No macros yet">
            Make one for what you do over and over, such as “Refund sent”: answer, label, resolve.
          </EmptyState>
        )}
      </QueryState>
      <MacroFormDialog target={dialog?.kind === 'form' ? dialog.target : null} teams={shareableTeams} onClose={() => setDialog(null)} />
      <DeleteDialog
        item={deleting}
        title={`Delete ${deleting?.name ?? 'macro'}?`}
        confirmLabel="Delete macro"
        mutation={remove}
        deletedMessage={(macro) => `Macro ${macro.name} deleted.`}
        onClose={() => setDialog(null)}
      >
        Nobody can run it any more. Threads keep the steps it already did.
      </DeleteDialog>
    </>
  );
}
