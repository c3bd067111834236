import { RequireRole } from '@backtalk/console/feature-auth';
import { sectionRoles } from '@backtalk/console/feature-admin';
import { lazyPage, NotFoundPage, type LazyPage } from '@backtalk/console/feature-shell';
import type { RouteObject } from 'react-router-dom';

// The editors' code loads when a page is first opened; the routes and the messages load with the console.
const TestBenchPage = lazyPage(async () => (await import('./bench/TestBenchPage')).TestBenchPage);
const FaqEditorPage = lazyPage(async () => (await import('./faqs/FaqEditorPage')).FaqEditorPage);
const FaqsPage = lazyPage(async () => (await import('./faqs/FaqsPage')).FaqsPage);
const RuleEditorPage = lazyPage(async () => (await import('./rules/RuleEditorPage')).RuleEditorPage);
const RulesPage = lazyPage(async () => (await import('./rules/RulesPage')).RulesPage);

// The same role check as the settings navigation: a page the role may not see renders not-found and fetches nothing.
const guarded = (section: 'faqs' | 'automation', path: string, Page: LazyPage): RouteObject => ({
  path,
  handle: { preload: Page.preload },
  element: (
    <RequireRole roles={sectionRoles(section)} fallback={<NotFoundPage />}>
      <Page />
    </RequireRole>
  ),
});

/** Children of the settings route: FAQs & canned answers, and Automation (rules, test bench, replay). */
export const automationSettingsRoutes: RouteObject[] = [
  guarded('faqs', 'faqs', FaqsPage),
  guarded('faqs', 'faqs/new', FaqEditorPage),
  guarded('faqs', 'faqs/:answerId', FaqEditorPage),
  guarded('automation', 'automation', RulesPage),
  guarded('automation', 'automation/rules/new', RuleEditorPage),
  guarded('automation', 'automation/rules/:ruleId', RuleEditorPage),
  guarded('automation', 'automation/test-bench', TestBenchPage),
];
