import { useSignedInUser } from '@backtalk/console/data-access';
import { Navigate, NavLink, Outlet } from 'react-router-dom';
import { defaultSectionFor, sectionsFor } from './settings-sections';
import './settings.css';

export function SettingsLayout() {
  const { role } = useSignedInUser();
  return (
    <div className="bt-settings">
      <nav className="bt-settings__nav" aria-label="Settings">
        <p className="bt-settings__heading" aria-hidden="true">
          Settings
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
        <Outlet />
      </div>
    </div>
  );
}

export function SettingsIndex() {
  const { role } = useSignedInUser();
  return <Navigate to={defaultSectionFor(role)} replace />;
}
