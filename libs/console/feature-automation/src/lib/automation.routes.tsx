import { RequireRole } from '@backtalk/console/feature-auth';
import { sectionRoles } from '@backtalk/console/feature-admin';
import { NotFoundPage } from '@backtalk/console/feature-shell';
import type { ReactElement } from 'react';
import type { RouteObject } from 'react-router-dom';
import { TestBenchPage } from './bench/TestBenchPage';
import { FaqEditorPage } from './faqs/FaqEditorPage';
import { FaqsPage } from './faqs/FaqsPage';
import { RuleEditorPage } from './rules/RuleEditorPage';
import { RulesPage } from './rules/RulesPage';

// The same role check as the settings navigation: a page the role may not see renders not-found and fetches nothing.
const guarded = (section: 'faqs' | 'automation', path: string, page: ReactElement): RouteObject => ({
  path,
  element: (
    <RequireRole roles={sectionRoles(section)} fallback={<NotFoundPage />}>
      {page}
    </RequireRole>
  ),
});

/** Children of the settings route: FAQs & canned answers, and Automation (rules, test bench, replay). */
export const automationSettingsRoutes: RouteObject[] = [
  guarded('faqs', 'faqs', <FaqsPage />),
  guarded('faqs', 'faqs/new', <FaqEditorPage />),
  guarded('faqs', 'faqs/:answerId', <FaqEditorPage />),
  guarded('automation', 'automation', <RulesPage />),
  guarded('automation', 'automation/rules/new', <RuleEditorPage />),
  guarded('automation', 'automation/rules/:ruleId', <RuleEditorPage />),
  guarded('automation', 'automation/test-bench', <TestBenchPage />),
];
