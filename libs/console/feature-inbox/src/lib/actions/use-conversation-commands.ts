import { ConversationStatus, type AssignConversationRequest, type ConversationView } from '@backtalk/contracts';
import {
  describeError,
  useAssignConversation,
  useConversationAction,
  useSignedInUser,
  useSnoozeConversation,
  useToastActions,
} from '@backtalk/console/data-access';
import { formatDateTime } from '@backtalk/console/ui';

/** The actions on one conversation, each saying how it went; shared by the buttons and the keyboard. */
export function useConversationCommands() {
  const user = useSignedInUser();
  const { toastShown } = useToastActions();
  const status = useConversationAction();
  const snooze = useSnoozeConversation();
  const assign = useAssignConversation();
  const fail = (error: unknown) => toastShown('danger', describeError(error));

  return {
    pending: status.isPending || snooze.isPending || assign.isPending,
    resolve: (conversation: ConversationView) => {
      if (conversation.status === ConversationStatus.Resolved) return;
      status.mutate({ conversationId: conversation.id, action: 'resolve' }, { onSuccess: () => toastShown('success', 'Resolved.'), onError: fail });
    },
    reopen: (conversation: ConversationView) =>
      status.mutate({ conversationId: conversation.id, action: 'reopen' }, { onSuccess: () => toastShown('success', 'Reopened.'), onError: fail }),
    markPending: (conversation: ConversationView) =>
      status.mutate({ conversationId: conversation.id, action: 'pending' }, { onSuccess: () => toastShown('success', 'Marked as pending.'), onError: fail }),
    snooze: (conversation: ConversationView, until: Date, done?: () => void) =>
      snooze.mutate(
        { conversationId: conversation.id, until: until.toISOString() },
        {
          onSuccess: () => {
            toastShown('success', `Snoozed until ${formatDateTime(until.toISOString())}.`);
            done?.();
          },
          onError: fail,
        },
      ),
    assign: (conversation: ConversationView, request: AssignConversationRequest, confirmation: string) =>
      assign.mutate({ conversationId: conversation.id, request }, { onSuccess: () => toastShown('success', confirmation), onError: fail }),
    assignToMe: (conversation: ConversationView) => {
      if (conversation.assigneeId === user.id) return;
      assign.mutate(
        { conversationId: conversation.id, request: { assigneeId: user.id } },
        { onSuccess: () => toastShown('success', 'Assigned to you.'), onError: fail },
      );
    },
  };
}

export type ConversationCommands = ReturnType<typeof useConversationCommands>;
