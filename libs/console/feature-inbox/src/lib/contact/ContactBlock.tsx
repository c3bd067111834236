import { type ConversationView, Role } from '@backtalk/contracts';
import { describeError, useBlockContact, useContact, useSignedInUser, useToastActions } from '@backtalk/console/data-access';
import { Button, ConfirmDialog, formatDateTime, Icon } from '@backtalk/console/ui';
import { useState } from 'react';
import { useTeamMap } from '../directory';

/**
 * Whether the conversation's team blocked this number, and for its supervisors and admins the switch. A blocked
 * number's texts are still stored here, but nobody is assigned and nothing answers them.
 */
export function ContactBlock({ conversation }: { conversation: ConversationView }) {
  const me = useSignedInUser();
  const teams = useTeamMap();
  const { data: contact } = useContact(conversation.contact.id);
  const change = useBlockContact();
  const { toastShown } = useToastActions();
  const [confirming, setConfirming] = useState(false);
  if (!contact) return null;
  const teamName = teams.get(conversation.teamId)?.name ?? 'this team';
  const block = contact.blocks.find((entry) => entry.teamId === conversation.teamId);
  const manages = me.role === Role.Admin || (me.role === Role.Supervisor && me.teamIds.includes(conversation.teamId));
  if (!block && !manages) return null;
  const close = () => {
    change.reset();
    setConfirming(false);
  };
  return (
    <section className="bt-contact__section" aria-labelledby="blocking-heading">
      <h3 id="blocking-heading" className="bt-contact__heading">
        Blocking
      </h3>
      {block ? (
        <>
          <p className="bt-consent__state bt-consent__state--out">
            <Icon name="block" size={14} /> Blocked in {teamName}
          </p>
          <p className="bt-contact__quiet">
            by {block.blockedByName ?? 'someone no longer here'} on {formatDateTime(block.blockedAt)}
          </p>
        </>
      ) : (
        <p className="bt-contact__quiet">Not blocked in {teamName}.</p>
      )}
      {manages ? (
        <Button size="sm" variant={block ? 'secondary' : 'danger'} onClick={() => setConfirming(true)}>
          {block ? 'Unblock number' : 'Block number'}
        </Button>
      ) : null}
      <ConfirmDialog
        open={confirming}
        title={block ? `Unblock this number in ${teamName}?` : `Block this number in ${teamName}?`}
        confirmLabel={block ? 'Unblock' : 'Block'}
        tone={block ? 'primary' : 'danger'}
        pending={change.isPending}
        error={change.error ? describeError(change.error) : null}
        onClose={close}
        onConfirm={() =>
          change.mutate(
            { contactId: contact.id, teamId: conversation.teamId, blocked: !block },
            {
              onSuccess: () => {
                toastShown('success', block ? `Number unblocked in ${teamName}.` : `Number blocked in ${teamName}.`);
                close();
              },
            },
          )
        }
      >
        {block ? (
          <p>Their next text to {teamName} is queued and routed like anyone else's.</p>
        ) : (
          <p>Their texts to {teamName} will still be kept, but nobody is assigned, nothing answers automatically and no survey is sent. This conversation stays as it is.</p>
        )}
      </ConfirmDialog>
    </section>
  );
}
