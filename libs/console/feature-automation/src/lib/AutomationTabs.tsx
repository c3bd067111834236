import { useTranslation } from '@backtalk/console/i18n';
import { NavLink } from 'react-router-dom';

/** Rules and the test bench are one section: people edit a rule, then try it. */
export function AutomationTabs() {
  const { t } = useTranslation('automation');
  return (
    <nav className="bt-page-tabs" aria-label={t('tabs.label')}>
      <NavLink to="/settings/automation" end className="bt-page-tabs__tab">
        {t('tabs.rules')}
      </NavLink>
      <NavLink to="/settings/automation/test-bench" className="bt-page-tabs__tab">
        {t('tabs.bench')}
      </NavLink>
    </nav>
  );
}
