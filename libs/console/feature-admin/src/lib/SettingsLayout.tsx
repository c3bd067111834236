import { useSignedInUser } from '@backtalk/console/data-access';
import { PageSuspense } from '@backtalk/console/feature-shell';
import { useTranslation } from '@backtalk/console/i18n';
import { useEffect, useRef } from 'react';
import { Navigate, NavLink, Outlet, useLocation } from 'react-router-dom';
import { defaultSectionFor, sectionsFor } from './settings-sections';
import './settings.css';

/** Where settings.css turns the sections into one sideways row. */
const PHONE_LAYOUT = '(max-width: 600px)';

export function SettingsLayout() {
  const { role } = useSignedInUser();
  const { t } = useTranslation('admin');
  const { pathname } = useLocation();
  const nav = useRef<HTMLElement>(null);
  // On a phone the sections scroll sideways in one row: the open one must not be left off-screen or under the fade,
  // whether the page opens on a phone or the window narrows to one.
  useEffect(() => {
    const reveal = () => nav.current?.querySelector('.bt-settings__link.active')?.scrollIntoView?.({ block: 'nearest', inline: 'center' });
    reveal();
    const phone = window.matchMedia?.(PHONE_LAYOUT);
    phone?.addEventListener('change', reveal);
    return () => phone?.removeEventListener('change', reveal);
  }, [pathname]);
  return (
    <div className="bt-settings">
      <nav ref={nav} className="bt-settings__nav" aria-label={t('layout.settings')}>
        <p className="bt-settings__heading" aria-hidden="true">
          {t('layout.settings')}
        </p>
        <ul>
          {sectionsFor(role).map((section) => (
            <li key={section.path}>
              <NavLink to={section.path} className="bt-settings__link">
                {section.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <div className="bt-settings__content">
        <PageSuspense>
          <Outlet />
        </PageSuspense>
      </div>
    </div>
  );
}

export function SettingsIndex() {
  const { role } = useSignedInUser();
  return <Navigate to={defaultSectionFor(role)} replace />;
}
