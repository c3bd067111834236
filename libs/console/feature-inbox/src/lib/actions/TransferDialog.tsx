import type { ConversationView } from '@backtalk/contracts';
import { useTeams, useUsers } from '@backtalk/console/data-access';
import { useTranslation } from '@backtalk/console/i18n';
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
  const { t } = useTranslation('inbox');
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={t('thread.transfer.title')}
      description={t('thread.transfer.description')}
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
  const { t } = useTranslation('inbox');
  const [teamId, setTeamId] = useState(conversation.teamId);
  const [assigneeId, setAssigneeId] = useState<string>(QUEUE);
  const [note, setNote] = useState('');

  // Agents only see the people of their own teams: another team's conversation goes to its queue.
  const agents = (users ?? []).filter((user) => user.active && user.teamIds.includes(teamId) && user.id !== conversation.assigneeId);
  const team = teams?.find((candidate) => candidate.id === teamId);
  const agent = agents.find((a) => a.id === assigneeId);
  const changesHands = teamId !== conversation.teamId || assigneeId !== QUEUE;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!changesHands) return;
    const confirmation = agent ? t('thread.transfer.toAgent', { name: agent.name }) : team ? t('thread.transfer.toQueue', { team: team.name }) : t('thread.transfer.toTheTeamQueue');
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
        label={t('thread.transfer.team')}
        value={teamId}
        onChange={(value) => {
          setTeamId(value);
          setAssigneeId(QUEUE);
        }}
        // An option holds text only: the current team's, with its translated note, is marked as data like the others.
        options={(teams ?? []).map((option) => ({ value: option.id, label: option.id === conversation.teamId ? t('thread.transfer.currentTeam', { team: option.name }) : option.name, isData: true }))}
      />
      <SelectField
        label={t('thread.transfer.agent')}
        value={assigneeId}
        onChange={setAssigneeId}
        options={[{ value: QUEUE, label: t('thread.transfer.queue') }, ...agents.map((a) => ({ value: a.id, label: a.name, isData: true }))]}
        hint={agents.length === 0 ? t('thread.transfer.onlyOwnTeams') : t('thread.transfer.nextFreeAgent')}
      />
      <TextAreaField label={t('thread.transfer.note')} rows={3} value={note} onChange={(event) => setNote(event.target.value)} hint={t('thread.transfer.noteHint')} />
      <DialogFooter>
        <Button onClick={onClose}>{t('thread.transfer.cancel')}</Button>
        <Button type="submit" variant="primary" pending={commands.pending} disabled={!changesHands}>
          {t('thread.transfer.submit')}
        </Button>
      </DialogFooter>
    </form>
  );
}
