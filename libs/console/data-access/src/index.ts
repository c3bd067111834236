import './i18n';
export { ConsoleDataProvider, type ConsoleDataProviderProps } from './lib/ConsoleDataProvider';

export {
  ApiError,
  describeError,
  describeErrorCode,
  isApiError,
  isKnownErrorCode,
  NETWORK_ERROR,
  toFormErrors,
  type ApiErrorCode,
  type FormErrors,
} from './lib/http/api-error';
export { describeHold, holdData, holdKindLabel, holdOf } from './lib/automation/automation-holds';
export { describeDeliveryError, type DeliveryProblemWords } from './lib/delivery/delivery-errors';

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
export { useMyPreferences, useUpdateMyPreferences } from './lib/queries/preferences.queries';
export { useChannel, useChannels, useCreateChannel, useUpdateChannel, type UpdateChannelVariables } from './lib/queries/channels.queries';

export {
  belongsToList,
  compareConversations,
  DEFAULT_FILTER,
  EXTRA_FILTER_KEYS,
  extraFilterCount,
  filterFromSavedView,
  filterFromSearchParams,
  filterToSearchParams,
  listKey,
  normalizeFilter,
  sameFilter,
  searchFor,
  toSavedViewFilters,
  withDayRange,
  withoutFilter,
  type DayRange,
  type DayRangeKey,
  type ExtraFilterKey,
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
  useThreadActivity,
  useThreadMessages,
  useUnreadForMe,
  viewerOf,
} from './lib/inbox/inbox.store';
export { useConversationListLoader, useThreadLoader } from './lib/inbox/inbox.hooks';
export { appliedSeq, replyCollisionOf, whenSeqKnown } from './lib/inbox/reply-collision';
export {
  markConversationRead,
  useAddNote,
  useAssignConversation,
  useAssignmentHistory,
  useCancelScheduled,
  useConsentHistory,
  useContactConversations,
  useConversationAction,
  useInboxCounts,
  useResendMessage,
  useSendReply,
  useSetPriority,
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
export { chooseAvailability, useAvailability, type Availability } from './lib/realtime/availability';

export {
  useAgentRouting,
  useQueues,
  useSlaTargets,
  useTakeNext,
  useTeamRouting,
  useUpdateAgentRouting,
  useUpdateTeamRouting,
} from './lib/routing/routing.queries';

export { csatApi, useCsatSurveySettings, useUpdateCsatSurveySettings } from './lib/csat/csat.queries';

export {
  labelsApi,
  useChangeConversationLabels,
  useCreateLabel,
  useDeleteLabel,
  useLabels,
  useUpdateLabel,
  type ChangeConversationLabelsVariables,
  type UpdateLabelVariables,
} from './lib/labels/labels.queries';

export {
  useAddFaqExample,
  useCannedAnswers,
  useCreateCannedAnswer,
  useDeleteCannedAnswer,
  useFaqSuggestions,
  useRenderCannedAnswer,
  useUpdateCannedAnswer,
  type AddFaqExampleVariables,
  type CannedAnswersQuery,
  type RenderCannedAnswerVariables,
  type UpdateCannedAnswerVariables,
} from './lib/canned-answers/canned-answers.queries';

export {
  useAutomationTest,
  useCreateRule,
  useDeleteRule,
  useRecentConversations,
  useReorderRules,
  useReplayReport,
  useRules,
  useUpdateRule,
  type UpdateRuleVariables,
} from './lib/automation/automation.queries';

export {
  contactsApi,
  useBlockContact,
  useContact,
  useContactDirectory,
  useDownloadContactData,
  useEraseContact,
  useMergeContacts,
  useSaveContact,
  useSetContactLanguage,
  type ContactDirectoryQuery,
  type UpdateContactVariables,
} from './lib/contacts/contacts.queries';
export { contactImportApi, useContactImport, useDownloadContactCsv, useStartContactImport, useUploadContactImport } from './lib/contacts/contact-import.queries';
export {
  contactAttributesApi,
  useContactAttributes,
  useCreateContactAttribute,
  useDeleteContactAttribute,
  useUpdateContactAttribute,
  type UpdateContactAttributeVariables,
} from './lib/contacts/contact-attributes.queries';

export {
  savedViewsApi,
  savedViewsKeys,
  useCreateSavedView,
  useDeleteSavedView,
  useOrderSavedViews,
  useSavedViewCounts,
  useSavedViews,
  useUpdateSavedView,
  type UpdateSavedViewVariables,
} from './lib/views/views.queries';

export { auditApi, useAuditLog, useDownloadAuditCsv, type AuditLogFilters } from './lib/audit/audit.queries';
export { reportSearch, type ReportByName, type ReportFilters } from './lib/reports/reports.api';
export { LIVE_REPORT_REFETCH_MS, useDownloadReportCsv, useLiveReport, useReport } from './lib/reports/reports.queries';

export {
  bulkFilterOf,
  macrosApi,
  useBulkAction,
  useCreateMacro,
  useDeleteMacro,
  useMacros,
  useRunMacro,
  useStartBulkAction,
  useUpdateMacro,
  type RunMacroVariables,
  type UpdateMacroVariables,
} from './lib/macros/macros.queries';
