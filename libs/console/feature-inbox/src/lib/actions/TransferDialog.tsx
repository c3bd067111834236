import type { ConversationView } from '@backtalk/contracts';
import { useTeams, useUsers } from '@backtalk/console/data-access';
import { Button, Dialog, DialogFooter, SelectField, TextAreaField } from '@backtalk/console/ui';
import { useState, type FormEvent } from 'react';
import { useConversationCommands } from './use-conversation-commands';

const QUEUE = '';

export interface TransferDialogProps {
  conversation: ConversationView;
  open: boolean;
  onClose: () => void;
}

/** Hands a conversation to another agent or team, with a private note so whoever gets it knows why. */
export function TransferDialog({ conversation, open, onClose }: TransferDialogProps) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="Transfer conversation"
      description="The note is added to the thread as a private note: the customer never sees it."
      size="sm"
    >
      <TransferForm conversation={conversation} onClose={onClose} />
    </Dialog>
  );
}

function TransferForm({ conversation, onClose }: { conversation: ConversationView; onClose: () => void }) {
  const { data: teams } = useTeams();
  const { data: users } = useUsers();
  const commands = useConversationCommands();
  const [teamId, setTeamId] = useState(conversation.teamId);
  const [assigneeId, setAssigneeId] = useState<string>(QUEUE);
  const [note, setNote] = useState('');

  // Agents only see the people of their own teams: another team's conversation goes to its queue.
  const agents = (users ?? []).filter((user) => user.active && user.teamIds.includes(teamId) && user.id !== conversation.assigneeId);
  const team = teams?.find((t) => t.id === teamId);
  const agent = agents.find((a) => a.id === assigneeId);
  const changesHands = teamId !== conversation.teamId || assigneeId !== QUEUE;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!changesHands) return;
    const confirmation = agent ? `Transferred to ${agent.name}.` : `Transferred to ${team?.name ?? 'the team'}'s queue.`;
    commands.assign(
      conversation,
      { assigneeId: assigneeId || null, ...(teamId !== conversation.teamId ? { teamId } : {}), ...(note.trim() ? { note: note.trim() } : {}) },
      confirmation,
      onClose,
    );
  };

  return (
    <form className="bt-form" onSubmit={submit}>
      <SelectField
        label="Team"
        value={teamId}
        onChange={(value) => {
          setTeamId(value);
          setAssigneeId(QUEUE);
        }}
        options={(teams ?? []).map((t) => ({ value: t.id, label: t.id === conversation.teamId ? `${t.name} (current)` : t.name }))}
      />
      <SelectField
        label="Agent"
        value={assigneeId}
        onChange={setAssigneeId}
        options={[{ value: QUEUE, label: 'Nobody yet: the team’s queue' }, ...agents.map((a) => ({ value: a.id, label: a.name }))]}
        hint={agents.length === 0 ? 'You can pick an agent only in teams you belong to.' : 'In the queue, the next free agent gets it.'}
      />
      <TextAreaField label="Note for the next agent" rows={3} value={note} onChange={(event) => setNote(event.target.value)} hint="Optional. What has been tried, what the customer needs." />
      <DialogFooter>
        <Button onClick={onClose}>Cancel</Button>
        <Button type="submit" variant="primary" pending={commands.pending} disabled={!changesHands}>
          Transfer
        </Button>
      </DialogFooter>
    </form>
  );
}
