import { type ConversationView, Role } from '@backtalk/contracts';
import { describeError, useBlockContact, useContact, useSignedInUser, useToastActions } from '@backtalk/console/data-access';
import { useTranslation } from '@backtalk/console/i18n';
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
  const { t } = useTranslation('inbox');
  if (!contact) return null;
  const teamName = teams.get(conversation.teamId)?.name ?? t('thread.block.thisTeam');
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
        {t('thread.block.heading')}
      </h3>
      {block ? (
        <>
          <p className="bt-consent__state bt-consent__state--out">
            <Icon name="block" size={14} /> {t('thread.block.blockedIn', { team: teamName })}
          </p>
          <p className="bt-contact__quiet">
            {t('thread.block.blockedBy', { name: block.blockedByName ?? t('thread.block.someoneGone'), when: formatDateTime(block.blockedAt) })}
          </p>
        </>
      ) : (
        <p className="bt-contact__quiet">{t('thread.block.notBlocked', { team: teamName })}</p>
      )}
      {manages ? (
        <Button size="sm" variant={block ? 'secondary' : 'danger'} onClick={() => setConfirming(true)}>
          {block ? t('thread.block.unblockNumber') : t('thread.block.blockNumber')}
        </Button>
      ) : null}
      <ConfirmDialog
        open={confirming}
        title={block ? t('thread.block.unblockTitle', { team: teamName }) : t('thread.block.blockTitle', { team: teamName })}
        confirmLabel={block ? t('thread.block.unblock') : t('thread.block.block')}
        tone={block ? 'primary' : 'danger'}
        pending={change.isPending}
        error={change.error ? describeError(change.error) : null}
        onClose={close}
        onConfirm={() =>
          change.mutate(
            { contactId: contact.id, teamId: conversation.teamId, blocked: !block },
            {
              onSuccess: () => {
                toastShown('success', block ? t('thread.block.unblocked', { team: teamName }) : t('thread.block.blocked', { team: teamName }));
                close();
              },
            },
          )
        }
      >
        {block ? (
          <p>{t('thread.block.unblockBody', { team: teamName })}</p>
        ) : (
          <p>{t('thread.block.blockBody', { team: teamName })}</p>
        )}
      </ConfirmDialog>
    </section>
  );
}
