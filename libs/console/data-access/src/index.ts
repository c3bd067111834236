export { ConsoleDataProvider, type ConsoleDataProviderProps } from './lib/ConsoleDataProvider';

export {
  ApiError,
  describeError,
  isApiError,
  NETWORK_ERROR,
  toFormErrors,
  type ApiErrorCode,
  type FormErrors,
} from './lib/http/api-error';

export type { SessionEndReason, SessionStatus } from './lib/session/session.reducers';
export {
  useAccessToken,
  useCurrentUser,
  useSessionEndReason,
  useSessionStatus,
  useSignedInUser,
} from './lib/session/session.store';
export { useChangePassword, useSignIn, useSignOut } from './lib/session/session.hooks';

export type { ConnectionStatus } from './lib/connection/connection.reducers';
export { useConnectionActions, useConnectionStatus, useIsConnected, type ConnectionActions } from './lib/connection/connection.store';

export type { Toast, ToastTone } from './lib/notifications/toast.reducers';
export { useToastActions, useToasts } from './lib/notifications/toast.store';

export {
  useCreateTeam,
  useCreateUser,
  useDeleteTeam,
  useMyTeams,
  useTeams,
  useUpdateTeam,
  useUpdateUser,
  useUsers,
  type UpdateTeamVariables,
  type UpdateUserVariables,
} from './lib/queries/directory.queries';
export { useApiKeys, useCreateApiKey, useRevokeApiKey } from './lib/queries/api-keys.queries';
export { useChannel, useChannels, useCreateChannel, useUpdateChannel, type UpdateChannelVariables } from './lib/queries/channels.queries';

export {
  belongsToList,
  compareConversations,
  DEFAULT_FILTER,
  filterFromSearchParams,
  filterToSearchParams,
  listKey,
  type InboxFilter,
  type InboxViewer,
} from './lib/inbox/inbox-filter';
export type { ConversationList, Thread } from './lib/inbox/inbox.reducers';
export {
  conversationById,
  loadConversationList,
  loadOlderMessages,
  loadThread,
  refreshConversation,
  useConversation,
  useConversationIds,
  useConversationList,
  useInboxActions,
  useMessage,
  useMessageAuthorId,
  useThread,
  useThreadMessages,
  useUnreadForMe,
  viewerOf,
} from './lib/inbox/inbox.store';
export { useConversationListLoader, useThreadLoader } from './lib/inbox/inbox.hooks';
export {
  markConversationRead,
  useAddNote,
  useAssignConversation,
  useCancelScheduled,
  useConsentHistory,
  useContactConversations,
  useConversationAction,
  useInboxCounts,
  useResendMessage,
  useSendReply,
  useSnoozeConversation,
  useStartConversation,
  useUpdateContact,
  type ConversationAction,
  type SendReplyVariables,
} from './lib/inbox/inbox.queries';

export type { ActivitySignal, RealtimeStatus } from './lib/realtime/realtime.reducers';
export type { EventSource } from './lib/realtime/realtime-client';
export { usePresence, usePresences, useRealtimeStatus, useTypingAgents, useViewingAgents } from './lib/realtime/realtime.store';
export { realtimeCommands, subscribeToInboxEvents, type InboxEventListener } from './lib/realtime/realtime.connection';

export {
  useCannedAnswers,
  useCreateCannedAnswer,
  useDeleteCannedAnswer,
  useRenderCannedAnswer,
  useUpdateCannedAnswer,
  type CannedAnswersQuery,
  type RenderCannedAnswerVariables,
  type UpdateCannedAnswerVariables,
} from './lib/canned-answers/canned-answers.queries';
