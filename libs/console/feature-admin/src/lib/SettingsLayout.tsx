import { useSignedInUser } from '@backtalk/console/data-access';
import { PageSuspense } from '@backtalk/console/feature-shell';
import { useTranslation } from '@backtalk/console/i18n';
import { Navigate, NavLink, Outlet } from 'react-router-dom';
import { defaultSectionFor, sectionsFor } from './settings-sections';
import './settings.css';

export function SettingsLayout() {
  const { role } = useSignedInUser();
  const { t } = useTranslation('admin');
  return (
    <div className="bt-settings">
      <nav className="bt-settings__nav" aria-label={t('layout.settings')}>
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
