import { useTranslation } from '@backtalk/console/i18n';
import { useMyTeams, useSignedInUser, useSignOut } from '@backtalk/console/data-access';
import { Avatar, Button, cx, Icon, PRODUCT_NAME, RoleBadge, summarizeList, type IconName } from '@backtalk/console/ui';
import type { ReactNode } from 'react';
import { Link, NavLink, Outlet, useMatches } from 'react-router-dom';
import { AvailabilityToggle } from './AvailabilityToggle';
import { PageSuspense } from './lazy-page';
import { RealtimeStatusIndicator } from './RealtimeStatusIndicator';

/** What a route can ask of the shell through its `handle`. */
export interface ShellRouteHandle {
  /** The page fills the content area edge to edge, as the three-pane inbox does. */
  flush?: boolean;
  /** Navigation of the page's own, shown under its link in the sidebar (the inbox's views). */
  sidebar?: () => ReactNode;
  /** The lazy page's code, fetched while the console starts when it is opened at this page (`preloadMatchedPages`). */
  preload?: () => Promise<unknown>;
}

function useShellHandle(): ShellRouteHandle {
  const handles = useMatches().map((match) => (match.handle ?? {}) as ShellRouteHandle);
  return { flush: handles.some((handle) => handle.flush), sidebar: handles.reverse().find((handle) => handle.sidebar)?.sidebar };
}

const NAV_ITEMS: ReadonlyArray<{ to: string; label: 'inbox' | 'queues' | 'contacts' | 'reports' | 'settings'; icon: IconName }> = [
  { to: '/inbox', label: 'inbox', icon: 'inbox' },
  { to: '/queues', label: 'queues', icon: 'queue' },
  { to: '/contacts', label: 'contacts', icon: 'contacts' },
  { to: '/reports', label: 'reports', icon: 'reports' },
  { to: '/settings', label: 'settings', icon: 'settings' },
];

function UserCard() {
  const { t } = useTranslation('shell');
  const user = useSignedInUser();
  const { data: teams } = useMyTeams();
  return (
    <div className="bt-sidebar__user">
      <Avatar name={user.name} />
      <div className="bt-sidebar__user-text">
        <span className="bt-sidebar__user-name" translate="no">{user.name}</span>
        <RoleBadge role={user.role} />
        {teams ? (
          <span className="bt-sidebar__user-teams" translate={teams.length > 0 ? 'no' : undefined}>{teams.length > 0 ? summarizeList(teams.map((team) => team.name), 2) : t('user.noTeam')}</span>
        ) : null}
      </div>
    </div>
  );
}

function Sidebar({ section }: { section?: () => ReactNode }) {
  const { t } = useTranslation('shell');
  return (
    <aside className="bt-sidebar">
      <Link to="/inbox" className="bt-sidebar__brand" aria-label={t('nav.home', { product: PRODUCT_NAME })}>
        <span className="bt-sidebar__logo">
          <Icon name="message" />
        </span>
        <span className="bt-sidebar__brand-name">{PRODUCT_NAME}</span>
      </Link>
      <nav aria-label={t('nav.main')} className="bt-sidebar__nav">
        <ul>
          {NAV_ITEMS.map((item) => (
            <li key={item.to}>
              <NavLink to={item.to} className="bt-sidebar__link" title={t(`nav.${item.label}`)}>
                <Icon name={item.icon} size={18} />
                <span className="bt-sidebar__label">{t(`nav.${item.label}`)}</span>
              </NavLink>
              {section ? <SidebarSection path={item.to} render={section} /> : null}
            </li>
          ))}
        </ul>
      </nav>
      <UserCard />
    </aside>
  );
}

/** The page's own navigation, under the link of the section it belongs to. */
function SidebarSection({ path, render }: { path: string; render: () => ReactNode }) {
  const matches = useMatches();
  if (!matches.some((match) => match.pathname === path || match.pathname.startsWith(`${path}/`))) return null;
  return <div className="bt-sidebar__section">{render()}</div>;
}

function TopBar() {
  const { t } = useTranslation('shell');
  const user = useSignedInUser();
  const signOut = useSignOut();
  return (
    <header className="bt-topbar">
      <RealtimeStatusIndicator />
      <AvailabilityToggle />
      <Link to="/settings/profile" className="bt-topbar__user" title={t('user.profile')}>
        <Avatar name={user.name} size="sm" />
        <span className="bt-topbar__user-name" translate="no">{user.name}</span>
        <span className="bt-topbar__user-email" translate="no">{user.email}</span>
        <span className="bt-topbar__user-role">
          <RoleBadge role={user.role} />
        </span>
      </Link>
      <Button variant="ghost" size="sm" icon="logout" pending={signOut.isPending} onClick={() => signOut.mutate()}>
        {t('user.logOut')}
      </Button>
    </header>
  );
}

/** Phones: the sections as a bar along the bottom, within thumb's reach, in place of the sidebar. */
function TabBar() {
  const { t } = useTranslation('shell');
  return (
    <nav aria-label={t('nav.main')} className="bt-tabbar">
      <ul>
        {NAV_ITEMS.map((item) => (
          <li key={item.to}>
            <NavLink to={item.to} className="bt-tabbar__link">
              <Icon name={item.icon} size={20} />
              <span className="bt-tabbar__label">{item.label === 'settings' ? t('nav.settingsShort') : t(`nav.${item.label}`)}</span>
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function AppShell() {
  const { t } = useTranslation('shell');
  const handle = useShellHandle();
  return (
    <div className="bt-shell">
      <a href="#main" className="bt-skip-link">
        {t('skipToContent')}
      </a>
      <Sidebar section={handle.sidebar} />
      <div className="bt-shell__main">
        <TopBar />
        <main id="main" className={cx('bt-shell__content', handle.flush && 'bt-shell__content--flush')} tabIndex={-1}>
          <PageSuspense>
            <Outlet />
          </PageSuspense>
        </main>
        <TabBar />
      </div>
    </div>
  );
}
