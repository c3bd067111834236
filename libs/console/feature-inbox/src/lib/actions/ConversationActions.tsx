import { ConversationStatus, Role, type ConversationView } from '@backtalk/contracts';
import { usePresences, useSignedInUser, useTeams, useUsers } from '@backtalk/console/data-access';
import { Button, formatDateTime, Menu, type MenuEntry } from '@backtalk/console/ui';
import { useState } from 'react';
import { DateTimeDialog } from './DateTimeDialog';
import { snoozePresets } from './snooze-presets';
import { useConversationCommands } from './use-conversation-commands';

/** Me, the other agents of the conversation's team, other teams to move it to, and unassign. */
export function AssignMenu({ conversation, variant = 'secondary', compact = false }: { conversation: ConversationView; variant?: 'secondary' | 'ghost'; compact?: boolean }) {
  const user = useSignedInUser();
  const { data: users } = useUsers();
  const { data: teams } = useTeams();
  const commands = useConversationCommands();
  const presence = usePresences();
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
        hint: presence[agent.id]?.status === 'online' ? 'Online' : presence[agent.id]?.status === 'away' ? 'Away' : undefined,
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
  if (conversation.assigneeId) {
    entries.push({ kind: 'separator', id: 'sep' });
    entries.push({ id: 'unassign', label: 'Unassign', icon: 'close', onSelect: () => commands.assign(conversation, { assigneeId: null }, 'Unassigned: back in the queue.') });
  }

  const label = conversation.assigneeId ? (conversation.assigneeId === user.id ? 'You' : (assignee?.name ?? 'Assigned')) : 'Unassigned';
  return (
    <Menu label={`Assignee: ${label}. Change`} icon="user" variant={variant} size="sm" entries={entries} title={`Assignee: ${label} (a assigns to you)`}>
      <span className={compact ? 'bt-assign__label bt-assign__label--compact' : 'bt-assign__label'}>{label}</span>
    </Menu>
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
