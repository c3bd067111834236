import { ErrorCode } from '@backtalk/contracts';
import { QueryClient } from '@tanstack/react-query';
import { isApiError } from '../http/api-error';

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      // Connectivity failures are not retried here: the health poller notices the API coming
      // back, and every active query is refetched then. A plain 500 gets one more chance.
      retry: (failureCount, error) => failureCount < 1 && isApiError(error) && error.code === ErrorCode.Internal,
    },
    mutations: { retry: false },
  },
});
