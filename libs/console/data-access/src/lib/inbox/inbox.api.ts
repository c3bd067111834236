import type {
  ActivityView,
  AssignConversationRequest,
  AssignmentRecordView,
  ConsentEventView,
  ContactView,
  ConversationListQuery,
  ConversationPriority,
  ConversationStatus,
  ConversationView,
  InboxCounts,
  MessageView,
  Page,
  SendReplyRequest,
  StartConversationRequest,
  StartConversationResponse,
  UpdateContactRequest,
} from '@backtalk/contracts';
import { api } from '../client';

// The inbox's REST endpoints, one function each; stores and hooks decide what to do with the answers.

const id = (value: string) => encodeURIComponent(value);

function queryString(query: object): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    // A list (labelId) is the parameter repeated, as the API reads it.
    if (Array.isArray(value)) for (const item of value) params.append(key, String(item));
    else if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

export const inboxApi = {
  listConversations: (query: ConversationListQuery, signal?: AbortSignal) =>
    api.get<Page<ConversationView>>(`/api/conversations${queryString(query)}`, { signal }),
  counts: (status: ConversationStatus, signal?: AbortSignal) => api.get<InboxCounts>(`/api/conversations/counts${queryString({ status })}`, { signal }),
  conversation: (conversationId: string, signal?: AbortSignal) => api.get<ConversationView>(`/api/conversations/${id(conversationId)}`, { signal }),
  messages: (conversationId: string, before: string | null, limit: number, signal?: AbortSignal) =>
    api.get<Page<MessageView>>(`/api/conversations/${id(conversationId)}/messages${queryString({ before, limit })}`, { signal }),
  activity: (conversationId: string, signal?: AbortSignal) => api.get<ActivityView[]>(`/api/conversations/${id(conversationId)}/activity`, { signal }),
  consent: (conversationId: string, signal?: AbortSignal) => api.get<ConsentEventView[]>(`/api/conversations/${id(conversationId)}/consent`, { signal }),

  /** The same key on a retry makes the API answer with the first result instead of sending twice. */
  reply: (conversationId: string, request: SendReplyRequest, idempotencyKey: string) =>
    api.post<MessageView>(`/api/conversations/${id(conversationId)}/messages`, request, { headers: { 'Idempotency-Key': idempotencyKey } }),
  start: (request: StartConversationRequest, idempotencyKey: string) =>
    api.post<StartConversationResponse>('/api/conversations', request, { headers: { 'Idempotency-Key': idempotencyKey } }),
  addNote: (conversationId: string, body: string) => api.post<MessageView>(`/api/conversations/${id(conversationId)}/notes`, { body }),

  assign: (conversationId: string, request: AssignConversationRequest) => api.post<ConversationView>(`/api/conversations/${id(conversationId)}/assign`, request),
  resolve: (conversationId: string) => api.post<ConversationView>(`/api/conversations/${id(conversationId)}/resolve`),
  reopen: (conversationId: string) => api.post<ConversationView>(`/api/conversations/${id(conversationId)}/reopen`),
  markPending: (conversationId: string) => api.post<ConversationView>(`/api/conversations/${id(conversationId)}/pending`),
  /** Without `until`, until the customer writes again. */
  snooze: (conversationId: string, until: string | null) =>
    api.post<ConversationView>(`/api/conversations/${id(conversationId)}/snooze`, until ? { until } : {}),
  setPriority: (conversationId: string, priority: ConversationPriority) =>
    api.post<ConversationView>(`/api/conversations/${id(conversationId)}/priority`, { priority }),
  assignments: (conversationId: string, signal?: AbortSignal) =>
    api.get<AssignmentRecordView[]>(`/api/conversations/${id(conversationId)}/assignments`, { signal }),
  markRead: (conversationId: string) => api.post<ConversationView>(`/api/conversations/${id(conversationId)}/read`),

  updateContact: (contactId: string, request: UpdateContactRequest) => api.patch<ContactView>(`/api/contacts/${id(contactId)}`, request),
  resend: (messageId: string) => api.post<MessageView>(`/api/messages/${id(messageId)}/resend`),
  cancelScheduled: (messageId: string) => api.post<MessageView>(`/api/messages/${id(messageId)}/cancel`),
};
