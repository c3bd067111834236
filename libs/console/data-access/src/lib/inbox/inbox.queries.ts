import {
  ConversationStatus,
  type AssignConversationRequest,
  type ConversationPriority,
  type ConversationView,
  type MessageView,
  type SendReplyRequest,
  type StartConversationRequest,
  type UpdateContactRequest,
} from '@backtalk/contracts';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { inboxApi } from './inbox.api';
import { inboxActions } from './inbox.store';

export const inboxQueryKeys = {
  all: ['inbox'] as const,
  counts: ['inbox', 'counts'] as const,
  countsFor: (status: ConversationStatus) => ['inbox', 'counts', status] as const,
  consent: (conversationId: string) => ['inbox', 'consent', conversationId] as const,
  history: (phone: string) => ['inbox', 'history', phone] as const,
  assignments: (conversationId: string) => ['inbox', 'assignments', conversationId] as const,
};

/** How many conversations each inbox view holds in a status; refetched when events change conversations. */
export function useInboxCounts(status: ConversationStatus = ConversationStatus.Open) {
  return useQuery({
    queryKey: inboxQueryKeys.countsFor(status),
    queryFn: ({ signal }) => inboxApi.counts(status, signal),
    placeholderData: keepPreviousData,
  });
}

/** The contact's opt-outs and opt-ins, newest first. */
export function useConsentHistory(conversationId: string) {
  return useQuery({ queryKey: inboxQueryKeys.consent(conversationId), queryFn: ({ signal }) => inboxApi.consent(conversationId, signal) });
}

/** Every conversation with this number that the agent may see, any status: the contact's history. */
export function useContactConversations(phone: string) {
  return useQuery({
    queryKey: inboxQueryKeys.history(phone),
    queryFn: ({ signal }) => inboxApi.listConversations({ view: 'all', q: phone, sort: 'recent', limit: 20 }, signal),
    select: (page) => page.items.filter((conversation) => conversation.contact.phone === phone),
  });
}

/** Every change of hands, oldest first; refetched when an `assignment.changed` event names the conversation. */
export function useAssignmentHistory(conversationId: string) {
  return useQuery({ queryKey: inboxQueryKeys.assignments(conversationId), queryFn: ({ signal }) => inboxApi.assignments(conversationId, signal) });
}

// ── Actions: each answer goes straight into the store, so the screen changes before any event comes back ──

const storeConversation = (conversation: ConversationView) => inboxActions().conversationUpserted(conversation);
const storeMessage = (message: MessageView) => inboxActions().messageUpserted(message);

export type ConversationAction = 'resolve' | 'reopen' | 'pending';

export function useConversationAction() {
  return useMutation({
    mutationFn: ({ conversationId, action }: { conversationId: string; action: ConversationAction }) =>
      action === 'resolve' ? inboxApi.resolve(conversationId) : action === 'reopen' ? inboxApi.reopen(conversationId) : inboxApi.markPending(conversationId),
    onSuccess: storeConversation,
  });
}

export function useSnoozeConversation() {
  return useMutation({
    mutationFn: ({ conversationId, until }: { conversationId: string; until: string | null }) => inboxApi.snooze(conversationId, until),
    onSuccess: storeConversation,
  });
}

export function useSetPriority() {
  return useMutation({
    mutationFn: ({ conversationId, priority }: { conversationId: string; priority: ConversationPriority }) => inboxApi.setPriority(conversationId, priority),
    onSuccess: storeConversation,
  });
}

export function useAssignConversation() {
  return useMutation({
    mutationFn: ({ conversationId, request }: { conversationId: string; request: AssignConversationRequest }) => inboxApi.assign(conversationId, request),
    onSuccess: storeConversation,
  });
}

export interface SendReplyVariables {
  conversationId: string;
  request: SendReplyRequest;
  /** One per composed message: a retry after a failure sends the same key, so the customer gets it once. */
  idempotencyKey: string;
}

export function useSendReply() {
  return useMutation({
    mutationFn: ({ conversationId, request, idempotencyKey }: SendReplyVariables) => inboxApi.reply(conversationId, request, idempotencyKey),
    onSuccess: storeMessage,
  });
}

export function useAddNote() {
  return useMutation({
    mutationFn: ({ conversationId, body }: { conversationId: string; body: string }) => inboxApi.addNote(conversationId, body),
    onSuccess: storeMessage,
  });
}

export function useStartConversation() {
  return useMutation({
    mutationFn: ({ request, idempotencyKey }: { request: StartConversationRequest; idempotencyKey: string }) => inboxApi.start(request, idempotencyKey),
    onSuccess: ({ conversation, message }) => {
      storeConversation(conversation);
      storeMessage(message);
    },
  });
}

export function useResendMessage() {
  return useMutation({ mutationFn: (messageId: string) => inboxApi.resend(messageId), onSuccess: storeMessage });
}

export function useCancelScheduled() {
  return useMutation({ mutationFn: (messageId: string) => inboxApi.cancelScheduled(messageId), onSuccess: storeMessage });
}

export function useUpdateContact() {
  return useMutation({
    mutationFn: ({ contactId, changes }: { contactId: string; changes: UpdateContactRequest }) => inboxApi.updateContact(contactId, changes),
    onSuccess: (contact) => inboxActions().contactUpdated(contact),
  });
}

/** Clears the badge at once; the API's answer (or an event) brings the stored state. */
export async function markConversationRead(conversationId: string): Promise<void> {
  inboxActions().conversationRead(conversationId);
  try {
    storeConversation(await inboxApi.markRead(conversationId));
  } catch {
    // Not worth interrupting anyone for: the badge comes back with the next change if it did not stick.
  }
}
