import { ConversationStatus, Role, type ConversationView } from '@backtalk/contracts';
import { usePresences, useSignedInUser, useTeams, useUsers } from '@backtalk/console/data-access';
import { useTranslation } from '@backtalk/console/i18n';
import { Button, cx, formatDateTime, Menu, PRESENCE_LABELS, PRIORITIES_BY_URGENCY, PRIORITY_LABELS, type MenuEntry } from '@backtalk/console/ui';
import { useState } from 'react';
import { isRaisedPriority, PRIORITY_HINTS } from '../routing/priority-display';
import { DateTimeDialog } from './DateTimeDialog';
import { snoozePresets } from './snooze-presets';
import { TransferDialog } from './TransferDialog';
import { useConversationCommands } from './use-conversation-commands';

/** Me, the other agents of the conversation's team, other teams to move it to, and unassign. */
export function AssignMenu({ conversation, variant = 'secondary', compact = false }: { conversation: ConversationView; variant?: 'secondary' | 'ghost'; compact?: boolean }) {
  const user = useSignedInUser();
  const { data: users } = useUsers();
  const { data: teams } = useTeams();
  const commands = useConversationCommands();
  const presence = usePresences();
  const [transferring, setTransferring] = useState(false);
  const { t } = useTranslation('inbox');
  const agents = (users ?? []).filter((u) => u.active && u.id !== user.id && (u.teamIds.includes(conversation.teamId) || u.role === Role.Admin));
  const otherTeams = (teams ?? []).filter((team) => team.id !== conversation.teamId);
  const assignee = users?.find((u) => u.id === conversation.assigneeId);

  const entries: MenuEntry[] = [
    {
      id: 'me',
      label: t('thread.actions.assignToMe'),
      icon: 'user-plus',
      hint: 'a',
      checked: conversation.assigneeId === user.id ? true : undefined,
      onSelect: () => commands.assignToMe(conversation),
    },
  ];
  if (agents.length > 0) {
    entries.push({ kind: 'heading', id: 'agents', label: t('thread.actions.agents') });
    for (const agent of agents) {
      entries.push({
        id: agent.id,
        label: agent.name,
        isData: true,
        hint: presence[agent.id] && presence[agent.id].status !== 'offline' ? PRESENCE_LABELS[presence[agent.id].status] : undefined,
        checked: conversation.assigneeId === agent.id,
        onSelect: () => commands.assign(conversation, { assigneeId: agent.id }, t('thread.actions.assignedTo', { name: agent.name })),
      });
    }
  }
  if (otherTeams.length > 0) {
    entries.push({ kind: 'heading', id: 'teams', label: t('thread.actions.moveToTeam') });
    for (const team of otherTeams) {
      entries.push({
        id: `team-${team.id}`,
        label: team.name,
        isData: true,
        icon: 'team',
        onSelect: () => commands.assign(conversation, { assigneeId: null, teamId: team.id }, t('thread.actions.movedToTeam', { team: team.name })),
      });
    }
  }
  entries.push({ kind: 'separator', id: 'sep' });
  entries.push({ id: 'transfer', label: t('thread.actions.transferWithNote'), icon: 'arrow-right', onSelect: () => setTransferring(true) });
  if (conversation.assigneeId) {
    entries.push({ id: 'unassign', label: t('thread.actions.unassign'), icon: 'close', onSelect: () => commands.assign(conversation, { assigneeId: null }, t('thread.actions.unassignedToast')) });
  }

  const label = conversation.assigneeId ? (conversation.assigneeId === user.id ? t('thread.actions.you') : (assignee?.name ?? t('thread.actions.assigned'))) : t('thread.actions.unassigned');
  return (
    <>
      <Menu label={t('thread.actions.assigneeMenu', { label })} icon="user" variant={variant} size="sm" entries={entries} title={t('thread.actions.assigneeTitle', { label })}>
        <span className={compact ? 'bt-assign__label bt-assign__label--compact' : 'bt-assign__label'}>{label}</span>
      </Menu>
      <TransferDialog conversation={conversation} open={transferring} onClose={() => setTransferring(false)} />
    </>
  );
}

/** Low to urgent; only high and urgent show a label on the button, so a normal conversation's header stays quiet. */
export function PriorityMenu({ conversation }: { conversation: ConversationView }) {
  const commands = useConversationCommands();
  const { t } = useTranslation('inbox');
  const label = PRIORITY_LABELS[conversation.priority];
  const raised = isRaisedPriority(conversation.priority);
  return (
    <span className={cx('bt-priority-menu', `bt-priority-menu--${conversation.priority}`)}>
      <Menu
        label={t('thread.actions.priorityMenu', { label })}
        icon="flag"
        size="sm"
        variant={raised ? 'secondary' : 'ghost'}
        title={t('thread.actions.priorityTitle', { label })}
        disabled={commands.priorityPending}
        entries={[
          { kind: 'heading', id: 'h', label: t('thread.actions.priority') },
          ...PRIORITIES_BY_URGENCY.map((priority) => ({
            id: priority,
            label: PRIORITY_LABELS[priority],
            hint: PRIORITY_HINTS[priority],
            checked: conversation.priority === priority,
            onSelect: () => commands.setPriority(conversation, priority, PRIORITY_LABELS[priority]),
          })),
        ]}
      >
        {raised ? <span>{label}</span> : null}
      </Menu>
    </span>
  );
}

export function SnoozeMenu({ conversation }: { conversation: ConversationView }) {
  const commands = useConversationCommands();
  const [custom, setCustom] = useState(false);
  const { t } = useTranslation('inbox');
  const presets = snoozePresets(new Date());
  return (
    <>
      <Menu
        label={t('thread.actions.snooze')}
        icon="snooze"
        size="sm"
        variant="secondary"
        align="end"
        title={t('thread.actions.snoozeTitle')}
        entries={[
          { kind: 'heading', id: 'h', label: t('thread.actions.snoozeUntil') },
          { id: 'reply', label: t('thread.actions.untilReply'), icon: 'message', onSelect: () => commands.snooze(conversation, null) },
          ...presets.map((preset) => ({
            id: preset.id,
            label: preset.label,
            hint: formatDateTime(preset.until),
            onSelect: () => commands.snooze(conversation, new Date(preset.until)),
          })),
          { kind: 'separator', id: 'sep' },
          { id: 'custom', label: t('thread.actions.pickDateTime'), onSelect: () => setCustom(true) },
        ]}
      />
      <DateTimeDialog
        open={custom}
        title={t('thread.actions.snoozeUntil')}
        description={t('thread.actions.snoozeDescription')}
        confirmLabel={t('thread.actions.snooze')}
        pending={commands.pending}
        onConfirm={(at) => commands.snooze(conversation, at, () => setCustom(false))}
        onClose={() => setCustom(false)}
      />
    </>
  );
}

/**
 * Resolve (e) or reopen, plus the less frequent status changes. `moreEntries` go first in the "More actions" menu: on a
 * phone the header's other actions are opened from there.
 */
export function StatusActions({ conversation, moreEntries = [] }: { conversation: ConversationView; moreEntries?: readonly MenuEntry[] }) {
  const commands = useConversationCommands();
  const resolved = conversation.status === ConversationStatus.Resolved;
  const { t } = useTranslation('inbox');
  return (
    <>
      {resolved ? (
        <Button size="sm" icon="undo" className="bt-status-action" pending={commands.pending} onClick={() => commands.reopen(conversation)} title={t('thread.actions.reopen')}>
          <span className="bt-status-action__label">{t('thread.actions.reopen')}</span>
        </Button>
      ) : (
        <Button size="sm" variant="primary" icon="circle-check" className="bt-status-action" pending={commands.pending} onClick={() => commands.resolve(conversation)} title={t('thread.actions.resolveTitle')}>
          <span className="bt-status-action__label">{t('thread.actions.resolve')}</span>
        </Button>
      )}
      <Menu
        label={t('thread.actions.moreActions')}
        icon="more"
        size="sm"
        variant="ghost"
        align="end"
        entries={[
          ...moreEntries,
          ...(moreEntries.length > 0 ? [{ kind: 'separator', id: 'more-sep' } as const] : []),
          {
            id: 'pending',
            label: t('thread.actions.markPending'),
            icon: 'hourglass',
            disabled: conversation.status === ConversationStatus.Pending,
            onSelect: () => commands.markPending(conversation),
          },
          { id: 'reopen', label: t('thread.actions.reopen'), icon: 'undo', disabled: conversation.status === ConversationStatus.Open, onSelect: () => commands.reopen(conversation) },
        ]}
      />
    </>
  );
}
