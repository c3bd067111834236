import { ConversationStatus, type AssignConversationRequest, type ConversationPriority, type ConversationView } from '@backtalk/contracts';
import {
  describeError,
  useAssignConversation,
  useConversationAction,
  useSetPriority,
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
  const priority = useSetPriority();
  const fail = (error: unknown) => toastShown('danger', describeError(error));

  return {
    pending: status.isPending || snooze.isPending || assign.isPending,
    priorityPending: priority.isPending,
    resolve: (conversation: ConversationView) => {
      if (conversation.status === ConversationStatus.Resolved) return;
      status.mutate({ conversationId: conversation.id, action: 'resolve' }, { onSuccess: () => toastShown('success', 'Resolved.'), onError: fail });
    },
    reopen: (conversation: ConversationView) =>
      status.mutate({ conversationId: conversation.id, action: 'reopen' }, { onSuccess: () => toastShown('success', 'Reopened.'), onError: fail }),
    markPending: (conversation: ConversationView) =>
      status.mutate({ conversationId: conversation.id, action: 'pending' }, { onSuccess: () => toastShown('success', 'Marked as pending.'), onError: fail }),
    /** `until` null: until the customer writes again. */
    snooze: (conversation: ConversationView, until: Date | null, done?: () => void) =>
      snooze.mutate(
        { conversationId: conversation.id, until: until ? until.toISOString() : null },
        {
          onSuccess: () => {
            toastShown('success', until ? `Snoozed until ${formatDateTime(until.toISOString())}.` : 'Snoozed until the customer replies.');
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
      priority.mutate({ conversationId: conversation.id, priority: value }, { onSuccess: () => toastShown('success', `Priority set to ${label.toLowerCase()}.`), onError: fail });
    },
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
