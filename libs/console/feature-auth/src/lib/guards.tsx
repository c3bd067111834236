import { useTranslation } from '@backtalk/console/i18n';
import type { Role } from '@backtalk/contracts';
import { useSessionEndReason, useSessionStatus, useSignedInUser } from '@backtalk/console/data-access';
import { LoadingState, PRODUCT_NAME } from '@backtalk/console/ui';
import type { ReactNode } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { loginPathFor } from './redirects';

export function SessionLoading() {
  const { t } = useTranslation('auth');
  return <LoadingState fullScreen label={t('loading', { product: PRODUCT_NAME })} />;
}

/** Renders its child routes only for a signed-in user; waits while a reload restores the session. */
export function RequireAuth() {
  const status = useSessionStatus();
  const endReason = useSessionEndReason();
  const location = useLocation();

  if (status === 'restoring') return <SessionLoading />;
  if (status === 'anonymous') return <Navigate to={loginPathFor(location, endReason)} replace />;
  return <Outlet />;
}

export interface RequireRoleProps {
  roles: readonly Role[];
  /** Shown instead, e.g. the not-found page: a forbidden page should not confirm it exists. */
  fallback: ReactNode;
  /** Defaults to the child routes. */
  children?: ReactNode;
}

/** Use under RequireAuth. The API enforces the same rule; this only keeps people off screens they cannot use. */
export function RequireRole({ roles, fallback, children }: RequireRoleProps) {
  const user = useSignedInUser();
  if (!roles.includes(user.role)) return <>{fallback}</>;
  return <>{children ?? <Outlet />}</>;
}
