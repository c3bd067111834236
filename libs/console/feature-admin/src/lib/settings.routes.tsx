import { RequireRole } from '@backtalk/console/feature-auth';
import { lazyPage, NotFoundPage, type LazyPage } from '@backtalk/console/feature-shell';
import type { RouteObject } from 'react-router-dom';
import { sectionRoles, type SettingsSectionPath } from './settings-sections';
import { SettingsIndex, SettingsLayout } from './SettingsLayout';

// Each page's code loads when it is first opened; the layout, its navigation and the messages load with the console.
const ApiKeysPage = lazyPage(async () => (await import('./api-keys/ApiKeysPage')).ApiKeysPage);
const ChannelsPage = lazyPage(async () => (await import('./channels/ChannelsPage')).ChannelsPage);
const ContactAttributesPage = lazyPage(async () => (await import('./contact-attributes/ContactAttributesPage')).ContactAttributesPage);
const MacrosPage = lazyPage(async () => (await import('./macros/MacrosPage')).MacrosPage);
const MyTeamsPage = lazyPage(async () => (await import('./my-teams/MyTeamsPage')).MyTeamsPage);
const ProfilePage = lazyPage(async () => (await import('./profile/ProfilePage')).ProfilePage);
const TeamRoutingPage = lazyPage(async () => (await import('./teams/routing/TeamRoutingPage')).TeamRoutingPage);
const TeamsPage = lazyPage(async () => (await import('./teams/TeamsPage')).TeamsPage);
const UsersPage = lazyPage(async () => (await import('./users/UsersPage')).UsersPage);

// A page the role may not see renders the not-found page and fetches nothing.
const section = (path: SettingsSectionPath, Page: LazyPage): RouteObject => ({
  path,
  handle: { preload: Page.preload },
  element: (
    <RequireRole roles={sectionRoles(path)} fallback={<NotFoundPage />}>
      <Page />
    </RequireRole>
  ),
});

/** Mount under an authenticated layout. */
export const settingsRoute: RouteObject = {
  path: 'settings',
  element: <SettingsLayout />,
  children: [
    { index: true, element: <SettingsIndex /> },
    section('users', UsersPage),
    section('teams', TeamsPage),
    {
      path: 'teams/:teamId/routing',
      handle: { preload: TeamRoutingPage.preload },
      element: (
        <RequireRole roles={sectionRoles('teams')} fallback={<NotFoundPage />}>
          <TeamRoutingPage />
        </RequireRole>
      ),
    },
    section('my-teams', MyTeamsPage),
    section('channels', ChannelsPage),
    section('macros', MacrosPage),
    section('contact-attributes', ContactAttributesPage),
    section('api-keys', ApiKeysPage),
    section('profile', ProfilePage),
    { path: '*', element: <NotFoundPage /> },
  ],
};
