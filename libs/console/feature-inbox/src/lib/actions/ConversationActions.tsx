import { ConversationStatus, Role, type ConversationView } from '@backtalk/contracts';
import { usePresences, useSignedInUser, useTeams, useUsers } from '@backtalk/console/data-access';
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
  const agents = (users ?? []).filter((u) => u.active && u.id !== user.id && (u.teamIds.includes(conversation.teamId) || u.role === Role.Admin));
  const otherTeams = (teams ?? []).filter((team) => team.id !== conversation.teamId);
  const assignee = users?.find((u) => u.id === conversation.assigneeId);

  const entries: MenuEntry[] = [
    {
      id: 'me',
      label: 'Assign to me',
      icon: 'user-plus',
      hint: 'a',
      checked: conversation.assigneeId === user.id ? true : undefined,
      onSelect: () => commands.assignToMe(conversation),
    },
  ];
  if (agents.length > 0) {
    entries.push({ kind: 'heading', id: 'agents', label: 'Agents' });
    for (const agent of agents) {
      entries.push({
        id: agent.id,
        label: agent.name,
        hint: presence[agent.id] && presence[agent.id].status !== 'offline' ? PRESENCE_LABELS[presence[agent.id].status] : undefined,
        checked: conversation.assigneeId === agent.id,
        onSelect: () => commands.assign(conversation, { assigneeId: agent.id }, `Assigned to ${agent.name}.`),
      });
    }
  }
  if (otherTeams.length > 0) {
    entries.push({ kind: 'heading', id: 'teams', label: 'Move to team' });
    for (const team of otherTeams) {
      entries.push({
        id: `team-${team.id}`,
        label: team.name,
        icon: 'team',
        onSelect: () => commands.assign(conversation, { assigneeId: null, teamId: team.id }, `Moved to ${team.name}, unassigned.`),
      });
    }
  }
  entries.push({ kind: 'separator', id: 'sep' });
  entries.push({ id: 'transfer', label: 'Transfer with a note…', icon: 'arrow-right', onSelect: () => setTransferring(true) });
  if (conversation.assigneeId) {
    entries.push({ id: 'unassign', label: 'Unassign: back to the queue', icon: 'close', onSelect: () => commands.assign(conversation, { assigneeId: null }, 'Unassigned: back in the queue.') });
  }

  const label = conversation.assigneeId ? (conversation.assigneeId === user.id ? 'You' : (assignee?.name ?? 'Assigned')) : 'Unassigned';
  return (
    <>
      <Menu label={`Assignee: ${label}. Change`} icon="user" variant={variant} size="sm" entries={entries} title={`Assignee: ${label} (a assigns to you)`}>
        <span className={compact ? 'bt-assign__label bt-assign__label--compact' : 'bt-assign__label'}>{label}</span>
      </Menu>
      <TransferDialog conversation={conversation} open={transferring} onClose={() => setTransferring(false)} />
    </>
  );
}

/** Low to urgent; only high and urgent show a label on the button, so a normal conversation's header stays quiet. */
export function PriorityMenu({ conversation }: { conversation: ConversationView }) {
  const commands = useConversationCommands();
  const label = PRIORITY_LABELS[conversation.priority];
  const raised = isRaisedPriority(conversation.priority);
  return (
    <span className={cx('bt-priority-menu', `bt-priority-menu--${conversation.priority}`)}>
      <Menu
        label={`Priority: ${label}. Change`}
        icon="flag"
        size="sm"
        variant={raised ? 'secondary' : 'ghost'}
        title={`Priority: ${label}`}
        disabled={commands.priorityPending}
        entries={[
          { kind: 'heading', id: 'h', label: 'Priority' },
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
  const presets = snoozePresets(new Date());
  return (
    <>
      <Menu
        label="Snooze"
        icon="snooze"
        size="sm"
        variant="secondary"
        align="end"
        title="Snooze until…"
        entries={[
          { kind: 'heading', id: 'h', label: 'Snooze until' },
          { id: 'reply', label: 'Until the customer replies', icon: 'message', onSelect: () => commands.snooze(conversation, null) },
          ...presets.map((preset) => ({
            id: preset.id,
            label: preset.label,
            hint: formatDateTime(preset.until),
            onSelect: () => commands.snooze(conversation, new Date(preset.until)),
          })),
          { kind: 'separator', id: 'sep' },
          { id: 'custom', label: 'Pick a date and time…', onSelect: () => setCustom(true) },
        ]}
      />
      <DateTimeDialog
        open={custom}
        title="Snooze until"
        description="The conversation leaves the Open tab and comes back then, or as soon as the customer writes."
        confirmLabel="Snooze"
        pending={commands.pending}
        onConfirm={(at) => commands.snooze(conversation, at, () => setCustom(false))}
        onClose={() => setCustom(false)}
      />
    </>
  );
}

/** Resolve (e) or reopen, plus the less frequent status changes. */
export function StatusActions({ conversation }: { conversation: ConversationView }) {
  const commands = useConversationCommands();
  const resolved = conversation.status === ConversationStatus.Resolved;
  return (
    <>
      {resolved ? (
        <Button size="sm" icon="undo" pending={commands.pending} onClick={() => commands.reopen(conversation)}>
          Reopen
        </Button>
      ) : (
        <Button size="sm" variant="primary" icon="circle-check" pending={commands.pending} onClick={() => commands.resolve(conversation)} title="Resolve (e)">
          Resolve
        </Button>
      )}
      <Menu
        label="More actions"
        icon="more"
        size="sm"
        variant="ghost"
        align="end"
        entries={[
          {
            id: 'pending',
            label: 'Mark as pending',
            icon: 'hourglass',
            disabled: conversation.status === ConversationStatus.Pending,
            onSelect: () => commands.markPending(conversation),
          },
          { id: 'reopen', label: 'Reopen', icon: 'undo', disabled: conversation.status === ConversationStatus.Open, onSelect: () => commands.reopen(conversation) },
        ]}
      />
    </>
  );
}
