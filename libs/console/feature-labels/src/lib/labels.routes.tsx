import { RequireRole } from '@backtalk/console/feature-auth';
import { sectionRoles } from '@backtalk/console/feature-admin';
import { lazyPage, NotFoundPage } from '@backtalk/console/feature-shell';
import type { RouteObject } from 'react-router-dom';

// The inbox loads this library for its label chips; the settings page's code (and its forms) only when opened.
const LabelsPage = lazyPage(async () => (await import('./LabelsPage')).LabelsPage);

/** A child of the settings route: Settings → Labels, for those who manage labels. */
export const labelsSettingsRoutes: RouteObject[] = [
  {
    path: 'labels',
    handle: { preload: LabelsPage.preload },
    element: (
      <RequireRole roles={sectionRoles('labels')} fallback={<NotFoundPage />}>
        <LabelsPage />
      </RequireRole>
    ),
  },
];
