import { ConsoleDataProvider } from '@backtalk/console/data-access';
import { settingsRoute } from '@backtalk/console/feature-admin';
import { auditSettingsRoutes } from '@backtalk/console/feature-audit';
import { LoginPage, RequireAuth } from '@backtalk/console/feature-auth';
import { automationSettingsRoutes } from '@backtalk/console/feature-automation';
import { InboxEffects, inboxRoute } from '@backtalk/console/feature-inbox';
import { labelsSettingsRoutes } from '@backtalk/console/feature-labels';
import { queuesRoute } from '@backtalk/console/feature-queues';
import { AppShell, lazyPage, NotFoundPage, preloadMatchedPages, RootLayout } from '@backtalk/console/feature-shell';
import { createBrowserRouter, Navigate, RouterProvider } from 'react-router-dom';

// Contacts, Reports and their chart library load only when opened, so the inbox's bundle does not carry them. Loading
// the library registers its messages before its page renders. The shell stays on screen meanwhile (its Suspense).
const ContactsArea = lazyPage(async () => (await import('@backtalk/console/feature-contacts')).ContactsArea);
const ReportsPage = lazyPage(async () => (await import('@backtalk/console/feature-reports')).ReportsPage);

const router = createBrowserRouter([
  {
    element: <RootLayout />,
    children: [
      { path: 'login', element: <LoginPage /> },
      {
        element: <RequireAuth />,
        children: [
          {
            element: (
              <>
                <AppShell />
                <InboxEffects />
              </>
            ),
            children: [
              { index: true, element: <Navigate to="/inbox" replace /> },
              inboxRoute,
              queuesRoute,
              { path: 'contacts/*', handle: { preload: ContactsArea.preload }, element: <ContactsArea /> },
              { path: 'reports/*', handle: { preload: ReportsPage.preload }, element: <ReportsPage /> },
              // The automation pages build on the settings library's forms, so they join its routes here rather than in it.
              { ...settingsRoute, index: false, children: [...automationSettingsRoutes, ...labelsSettingsRoutes, ...auditSettingsRoutes, ...(settingsRoute.children ?? [])] },
              { path: '*', element: <NotFoundPage /> },
            ],
          },
        ],
      },
    ],
  },
]);

preloadMatchedPages(router);

export function App() {
  return (
    <ConsoleDataProvider>
      <RouterProvider router={router} />
    </ConsoleDataProvider>
  );
}
