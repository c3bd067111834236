import { describeError, useTakeNext, useToastActions } from '@backtalk/console/data-access';
import { translatorFor } from '@backtalk/console/i18n';
import { useNavigate } from 'react-router-dom';
import { INBOX_NAMESPACE } from '../../i18n';

const t = translatorFor(INBOX_NAMESPACE);

/**
 * "Take next": claims the most urgent, longest-waiting conversation of the agent's teams and opens it in Mine, where
 * it now belongs. Shared by the inbox and the queue view.
 */
export function useTakeNextCommand() {
  const take = useTakeNext();
  const navigate = useNavigate();
  const { toastShown } = useToastActions();
  return {
    pending: take.isPending,
    takeNext: () => {
      if (take.isPending) return;
      take.mutate(undefined, {
        onSuccess: (conversationId) => {
          if (conversationId) navigate(`/inbox/${conversationId}?view=mine`);
          else toastShown('info', t('thread.commands.nobodyWaiting'));
        },
        // At capacity the API says so in words ("You already have 3 open conversations…").
        onError: (error) => toastShown('danger', describeError(error)),
      });
    },
  };
}
