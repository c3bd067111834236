import { RequireRole } from '@backtalk/console/feature-auth';
import { sectionRoles } from '@backtalk/console/feature-admin';
import { NotFoundPage } from '@backtalk/console/feature-shell';
import type { RouteObject } from 'react-router-dom';
import { LabelsPage } from './LabelsPage';

/** A child of the settings route: Settings → Labels, for those who manage labels. */
export const labelsSettingsRoutes: RouteObject[] = [
  {
    path: 'labels',
    element: (
      <RequireRole roles={sectionRoles('labels')} fallback={<NotFoundPage />}>
        <LabelsPage />
      </RequireRole>
    ),
  },
];
