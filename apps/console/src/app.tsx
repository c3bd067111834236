import { ConsoleDataProvider } from '@backtalk/console/data-access';
import { settingsRoute } from '@backtalk/console/feature-admin';
import { LoginPage, RequireAuth } from '@backtalk/console/feature-auth';
import { InboxEffects, inboxRoute } from '@backtalk/console/feature-inbox';
import { AppShell, ContactsPage, NotFoundPage, ReportsPage, RootLayout } from '@backtalk/console/feature-shell';
import { createBrowserRouter, Navigate, RouterProvider } from 'react-router-dom';

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
              { path: 'contacts', element: <ContactsPage /> },
              { path: 'reports', element: <ReportsPage /> },
              settingsRoute,
              { path: '*', element: <NotFoundPage /> },
            ],
          },
        ],
      },
    ],
  },
]);

export function App() {
  return (
    <ConsoleDataProvider>
      <RouterProvider router={router} />
    </ConsoleDataProvider>
  );
}
