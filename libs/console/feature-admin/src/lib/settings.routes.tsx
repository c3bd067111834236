import { RequireRole } from '@backtalk/console/feature-auth';
import { NotFoundPage } from '@backtalk/console/feature-shell';
import type { ReactElement } from 'react';
import type { RouteObject } from 'react-router-dom';
import { ApiKeysPage } from './api-keys/ApiKeysPage';
import { ChannelsPage } from './channels/ChannelsPage';
import { ContactAttributesPage } from './contact-attributes/ContactAttributesPage';
import { MacrosPage } from './macros/MacrosPage';
import { MyTeamsPage } from './my-teams/MyTeamsPage';
import { ProfilePage } from './profile/ProfilePage';
import { sectionRoles, type SettingsSectionPath } from './settings-sections';
import { SettingsIndex, SettingsLayout } from './SettingsLayout';
import { TeamRoutingPage } from './teams/routing/TeamRoutingPage';
import { TeamsPage } from './teams/TeamsPage';
import { UsersPage } from './users/UsersPage';

// A page the role may not see renders the not-found page and fetches nothing.
const section = (path: SettingsSectionPath, page: ReactElement): RouteObject => ({
  path,
  element: (
    <RequireRole roles={sectionRoles(path)} fallback={<NotFoundPage />}>
      {page}
    </RequireRole>
  ),
});

/** Mount under an authenticated layout. */
export const settingsRoute: RouteObject = {
  path: 'settings',
  element: <SettingsLayout />,
  children: [
    { index: true, element: <SettingsIndex /> },
    section('users', <UsersPage />),
    section('teams', <TeamsPage />),
    {
      path: 'teams/:teamId/routing',
      element: (
        <RequireRole roles={sectionRoles('teams')} fallback={<NotFoundPage />}>
          <TeamRoutingPage />
        </RequireRole>
      ),
    },
    section('my-teams', <MyTeamsPage />),
    section('channels', <ChannelsPage />),
    section('macros', <MacrosPage />),
    section('contact-attributes', <ContactAttributesPage />),
    section('api-keys', <ApiKeysPage />),
    section('profile', <ProfilePage />),
    { path: '*', element: <NotFoundPage /> },
  ],
};
