import { sectionRoles } from '@backtalk/console/feature-admin';
import { RequireRole } from '@backtalk/console/feature-auth';
import { lazyPage, NotFoundPage } from '@backtalk/console/feature-shell';
import type { RouteObject } from 'react-router-dom';

const AuditLogPage = lazyPage(async () => (await import('./AuditLogPage')).AuditLogPage);

/** A child of the settings route: Settings → Audit log, for admins (everything) and supervisors (their teams). */
export const auditSettingsRoutes: RouteObject[] = [
  {
    path: 'audit-log',
    handle: { preload: AuditLogPage.preload },
    element: (
      <RequireRole roles={sectionRoles('audit-log')} fallback={<NotFoundPage />}>
        <AuditLogPage />
      </RequireRole>
    ),
  },
];
