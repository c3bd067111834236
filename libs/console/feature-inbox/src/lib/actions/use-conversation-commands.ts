import { ConversationStatus, type AssignConversationRequest, type ConversationPriority, type ConversationView } from '@backtalk/contracts';
import {
  describeError,
  filterFromSearchParams,
  filterToSearchParams,
  useAssignConversation,
  useConversationAction,
  useConversationIds,
  useMyPreferences,
  useSetPriority,
  useSignedInUser,
  useSnoozeConversation,
  useToastActions,
} from '@backtalk/console/data-access';
import { translatorFor } from '@backtalk/console/i18n';
import { formatDateTime } from '@backtalk/console/ui';
import { useMemo } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { useInboxUi } from '../inbox-ui.store';
import { nextAfterResolve } from './next-after-resolve';
import { INBOX_NAMESPACE } from '../../i18n';

const t = translatorFor(INBOX_NAMESPACE);

/** The actions on one conversation, each saying how it went; shared by the buttons and the keyboard. */
export function useConversationCommands() {
  const user = useSignedInUser();
  const { toastShown } = useToastActions();
  const status = useConversationAction();
  const snooze = useSnoozeConversation();
  const assign = useAssignConversation();
  const priority = useSetPriority();
  const fail = (error: unknown) => toastShown('danger', describeError(error));
  // The list on screen, for "after resolve, open the next conversation" (a personal preference).
  const [params] = useSearchParams();
  const filter = useMemo(() => filterFromSearchParams(params), [params]);
  const listIds = useConversationIds(filter);
  const { data: preferences } = useMyPreferences();
  const navigate = useNavigate();

  return {
    pending: status.isPending || snooze.isPending || assign.isPending,
    priorityPending: priority.isPending,
    resolve: (conversation: ConversationView) => {
      if (conversation.status === ConversationStatus.Resolved) return;
      // Chosen from the list as it is now: once resolved, the conversation leaves an open list and its place with it.
      const next = preferences?.nextAfterResolve ? nextAfterResolve(listIds, conversation.id) : null;
      status.mutate(
        { conversationId: conversation.id, action: 'resolve' },
        {
          onSuccess: () => {
            // Only if the agent is still on it: they may have opened another conversation while the request ran.
            const stillOpen = useInboxUi.getState().openConversationId === conversation.id;
            if (next && stillOpen) {
              const search = filterToSearchParams(filter).toString();
              navigate(`/inbox/${next}${search ? `?${search}` : ''}`);
            }
            toastShown('success', next && stillOpen ? t('thread.commands.resolvedNext') : t('thread.commands.resolved'));
          },
          onError: fail,
        },
      );
    },
    reopen: (conversation: ConversationView) =>
      status.mutate({ conversationId: conversation.id, action: 'reopen' }, { onSuccess: () => toastShown('success', t('thread.commands.reopened')), onError: fail }),
    markPending: (conversation: ConversationView) =>
      status.mutate({ conversationId: conversation.id, action: 'pending' }, { onSuccess: () => toastShown('success', t('thread.commands.markedPending')), onError: fail }),
    /** `until` null: until the customer writes again. */
    snooze: (conversation: ConversationView, until: Date | null, done?: () => void) =>
      snooze.mutate(
        { conversationId: conversation.id, until: until ? until.toISOString() : null },
        {
          onSuccess: () => {
            toastShown('success', until ? t('thread.commands.snoozedUntil', { when: formatDateTime(until.toISOString()) }) : t('thread.commands.snoozedUntilReply'));
            done?.();
          },
          onError: fail,
        },
      ),
    assign: (conversation: ConversationView, request: AssignConversationRequest, confirmation: string, done?: () => void) =>
      assign.mutate(
        { conversationId: conversation.id, request },
        {
          onSuccess: () => {
            toastShown('success', confirmation);
            done?.();
          },
          onError: fail,
        },
      ),
    setPriority: (conversation: ConversationView, value: ConversationPriority, label: string) => {
      if (conversation.priority === value) return;
      priority.mutate({ conversationId: conversation.id, priority: value }, { onSuccess: () => toastShown('success', t('thread.commands.prioritySet', { label: label.toLowerCase() })), onError: fail });
    },
    assignToMe: (conversation: ConversationView) => {
      if (conversation.assigneeId === user.id) return;
      assign.mutate(
        { conversationId: conversation.id, request: { assigneeId: user.id } },
        { onSuccess: () => toastShown('success', t('thread.commands.assignedToYou')), onError: fail },
      );
    },
  };
}

export type ConversationCommands = ReturnType<typeof useConversationCommands>;
