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
export { useChannels, useCreateChannel, useUpdateChannel, type UpdateChannelVariables } from './lib/queries/channels.queries';
