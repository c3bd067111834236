import { NavLink } from 'react-router-dom';

/** Rules and the test bench are one section: people edit a rule, then try it. */
export function AutomationTabs() {
  return (
    <nav className="bt-page-tabs" aria-label="Automation">
      <NavLink to="/settings/automation" end className="bt-page-tabs__tab">
        Rules
      </NavLink>
      <NavLink to="/settings/automation/test-bench" className="bt-page-tabs__tab">
        Test bench & replay
      </NavLink>
    </nav>
  );
}
