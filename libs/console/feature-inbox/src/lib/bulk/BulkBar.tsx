import { BulkActionType, Role, type BulkActionParams, type ConversationPriority, type BulkActionView } from '@backtalk/contracts';
import {
  bulkFilterOf,
  describeError,
  describeErrorCode,
  useBulkAction,
  useConversation,
  useLabels,
  useSignedInUser,
  useStartBulkAction,
  useTeams,
  useToastActions,
  useUsers,
  type InboxFilter,
} from '@backtalk/console/data-access';
import { useTranslation } from '@backtalk/console/i18n';
import { Button, Icon, Menu, PRIORITIES_BY_URGENCY, PRIORITY_LABELS, type MenuEntry } from '@backtalk/console/ui';
import { useEffect, useRef } from 'react';
import { snoozePresets } from '../actions/snooze-presets';
import { usePhoneFormat } from '../phone';
import { contactLabel } from '../thread/message-display';
import { useBulk, useBulkActions } from './bulk.store';
import './bulk.css';

function FailedItem({ conversationId, message }: { conversationId: string; message: string }) {
  const conversation = useConversation(conversationId);
  const format = usePhoneFormat();
  const { t } = useTranslation('inbox');
  return (
    <li>
      <strong>{conversation ? contactLabel(conversation, format) : t('list.bulk.conversationId', { id: conversationId.slice(0, 8) })}</strong>: {message}
    </li>
  );
}

/** How far the bulk action got, then what it did and each conversation it could not do, with the reason. */
function BulkProgress({ bulkId }: { bulkId: string }) {
  const { data: view, error } = useBulkAction(bulkId);
  const { dismissed } = useBulkActions();
  const { t } = useTranslation('inbox');
  if (error) return <p className="bt-bulk-bar__outcome bt-bulk-bar__outcome--danger">{describeError(error)}</p>;
  if (!view) return null;
  if (view.status === 'running') {
    return (
      <div className="bt-bulk-bar__progress" role="status">
        <span>{t('list.bulk.progress', { action: view.action, done: view.done, total: view.total })}</span>
        <progress max={view.total} value={view.done} aria-label={t('list.bulk.progressLabel')} />
      </div>
    );
  }
  return <BulkOutcome view={view} onDismiss={dismissed} />;
}

function BulkOutcome({ view, onDismiss }: { view: BulkActionView; onDismiss: () => void }) {
  const succeeded = view.done - view.failed;
  const { t } = useTranslation('inbox');
  return (
    <div className={`bt-bulk-bar__outcome${view.failed > 0 ? ' bt-bulk-bar__outcome--partial' : ''}`} role="status">
      <div className="bt-bulk-bar__outcome-line">
        <Icon name={view.failed > 0 ? 'alert' : 'circle-check'} size={14} />
        <span>
          {view.failed > 0
            ? t('list.bulk.partlyDone', { action: view.action, succeeded, total: view.total, failed: view.failed })
            : t('list.bulk.done', { action: view.action, total: view.total })}
        </span>
        <Button size="sm" variant="ghost" icon="close" aria-label={t('list.bulk.dismiss')} title={t('list.bulk.dismiss')} onClick={onDismiss} />
      </div>
      {view.failures.length > 0 ? (
        <ul className="bt-bulk-bar__failures" aria-label={t('list.bulk.failures')}>
          {view.failures.map((failure) => (
            <FailedItem key={failure.conversationId} conversationId={failure.conversationId} message={describeErrorCode(failure.code, failure.message) ?? failure.message} />
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export interface BulkBarProps {
  filter: InboxFilter;
  /** The list's loaded rows, in order. */
  ids: readonly string[];
  /** More rows match than are loaded. */
  hasMore: boolean;
}

/**
 * Above the list while conversations are selected: how many, "select all matching", and the actions that apply to
 * all of them; then the action's progress and what could not be done. Each conversation is changed by the server
 * through its single action, so the rows update over realtime as it goes.
 */
export function BulkBar({ filter, ids, hasMore }: BulkBarProps) {
  const selection = useBulk((s) => s.selection);
  const bulkId = useBulk((s) => s.bulkId);
  const { listChanged, allLoadedToggled, allMatchingSelected, cleared, started } = useBulkActions();
  const start = useStartBulkAction();
  const { toastShown } = useToastActions();
  const user = useSignedInUser();
  const { data: users } = useUsers();
  const { data: teams } = useTeams();
  const { data: labels = [] } = useLabels();
  const selectAll = useRef<HTMLInputElement>(null);
  const { t } = useTranslation('inbox');

  useEffect(() => listChanged(ids), [ids, listChanged]);
  // Another view or filter is another list: a selection never carries over to rows the agent has not seen.
  const filterKey = JSON.stringify(filter);
  useEffect(() => cleared(), [filterKey, cleared]);

  const count = selection.allMatching ? null : selection.ids.size;
  const allLoaded = ids.length > 0 && ids.every((id) => selection.ids.has(id));
  useEffect(() => {
    if (selectAll.current) selectAll.current.indeterminate = !selection.allMatching && !allLoaded && (count ?? 0) > 0;
  }, [selection.allMatching, allLoaded, count]);

  if (!selection.allMatching && selection.ids.size === 0 && !bulkId) return null;

  const run = (action: BulkActionType, params: BulkActionParams = {}) => {
    const request = selection.allMatching ? { action, params, filter: bulkFilterOf(filter) } : { action, params, ids: [...selection.ids] };
    start.mutate(request, {
      onSuccess: (view) => started(view.id),
      onError: (error) => toastShown('danger', describeError(error)),
    });
  };

  const agents = (users ?? []).filter((u) => u.active && u.id !== user.id && (u.role === Role.Admin || u.teamIds.some((teamId) => user.teamIds.includes(teamId))));
  const assignEntries: MenuEntry[] = [
    { id: 'me', label: t('list.bulk.assignToMe'), icon: 'user-plus', onSelect: () => run(BulkActionType.Assign, { assigneeId: user.id }) },
    ...(agents.length > 0 ? [{ kind: 'heading' as const, id: 'agents', label: t('list.bulk.agents') }] : []),
    ...agents.map((agent) => ({ id: agent.id, label: agent.name, isData: true, onSelect: () => run(BulkActionType.Assign, { assigneeId: agent.id }) })),
    { kind: 'separator', id: 'sep' },
    { id: 'unassign', label: t('list.bulk.unassign'), icon: 'close', onSelect: () => run(BulkActionType.Assign, { assigneeId: null }) },
    ...((teams ?? []).length > 0 ? [{ kind: 'heading' as const, id: 'teams', label: t('list.bulk.moveToTeam') }] : []),
    ...(teams ?? []).map((team) => ({ id: `team-${team.id}`, label: team.name, isData: true, icon: 'team' as const, onSelect: () => run(BulkActionType.Transfer, { teamId: team.id }) })),
  ];
  const labelEntries: MenuEntry[] =
    labels.length === 0
      ? [{ kind: 'heading', id: 'none', label: t('list.bulk.noLabels') }]
      : [
          { kind: 'heading', id: 'add', label: t('list.bulk.putOn') },
          ...labels.map((label) => ({
            id: `add-${label.id}`,
            label: label.name,
            isData: true,
            decoration: <span className={`bt-label-swatch bt-label-chip--${label.color}`} aria-hidden="true" />,
            onSelect: () => run(BulkActionType.AddLabel, { labelId: label.id }),
          })),
          { kind: 'heading', id: 'remove', label: t('list.bulk.takeOff') },
          ...labels.map((label) => ({ id: `remove-${label.id}`, label: label.name, isData: true, onSelect: () => run(BulkActionType.RemoveLabel, { labelId: label.id }) })),
        ];
  const snoozeEntries: MenuEntry[] = [
    ...snoozePresets(new Date()).map((preset) => ({ id: preset.id, label: preset.label, onSelect: () => run(BulkActionType.Snooze, { until: preset.until }) })),
    { id: 'reply', label: t('list.bulk.untilCustomerWrites'), onSelect: () => run(BulkActionType.Snooze) },
  ];
  const priorityEntries: MenuEntry[] = PRIORITIES_BY_URGENCY.map((priority: ConversationPriority) => ({
    id: priority,
    label: PRIORITY_LABELS[priority],
    onSelect: () => run(BulkActionType.SetPriority, { priority }),
  }));
  const selecting = selection.allMatching || selection.ids.size > 0;
  const busy = start.isPending;

  return (
    <div className="bt-bulk-bar" role="region" aria-label={t('list.bulk.region')}>
      {selecting ? (
        <>
          <div className="bt-bulk-bar__row">
            <input
              ref={selectAll}
              type="checkbox"
              className="bt-bulk-check bt-bulk-check--all"
              checked={selection.allMatching || allLoaded}
              aria-label={t('list.bulk.selectAll')}
              onChange={allLoadedToggled}
            />
            <span className="bt-bulk-bar__count" aria-live="polite">
              {selection.allMatching ? t('list.bulk.allMatching') : t('list.bulk.selected', { count })}
            </span>
            {/* Only while more match than are loaded: otherwise every match is already selected. */}
            {allLoaded && hasMore && !selection.allMatching ? (
              <button type="button" className="bt-link-button" onClick={allMatchingSelected}>
                {t('list.bulk.selectAllMatching')}
              </button>
            ) : null}
            <Button size="sm" variant="ghost" icon="close" aria-label={t('list.bulk.clearSelection')} title={t('list.bulk.clearSelection')} className="bt-bulk-bar__clear" onClick={cleared} />
          </div>
          <div className="bt-bulk-bar__actions">
            <Button size="sm" icon="circle-check" disabled={busy} onClick={() => run(BulkActionType.Resolve)}>
              {t('list.bulk.resolve')}
            </Button>
            <Menu label={t('list.bulk.assign')} icon="user-plus" size="sm" title={t('list.bulk.assignTitle')} disabled={busy} entries={assignEntries} />
            <Menu label={t('list.bulk.label')} icon="tag" size="sm" title={t('list.bulk.labelTitle')} disabled={busy} entries={labelEntries} />
            <Menu label={t('list.bulk.snooze')} icon="snooze" size="sm" title={t('list.bulk.snooze')} disabled={busy} entries={snoozeEntries} />
            <Menu label={t('list.bulk.priority')} icon="flag" size="sm" align="end" title={t('list.bulk.priorityTitle')} disabled={busy} entries={priorityEntries} />
          </div>
        </>
      ) : null}
      {bulkId ? <BulkProgress bulkId={bulkId} /> : null}
    </div>
  );
}
