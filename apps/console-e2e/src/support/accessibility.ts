import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** WCAG 2.0, 2.1 and 2.2 at levels A and AA: what the console promises (issue 17, Accessibility). */
const WCAG_AA_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

type Result = Awaited<ReturnType<AxeBuilder['analyze']>>['violations'][number];
type NodeResult = Result['nodes'][number];

/** Minor and moderate findings are reported by axe as advice; serious and critical ones block a person from the task. */
const BLOCKING_IMPACTS = new Set(['serious', 'critical']);

interface ContrastData {
  fgColor?: string;
  bgColor?: string;
  contrastRatio?: number;
  expectedContrastRatio?: string;
  fontSize?: string;
  fontWeight?: string;
}

function describeNode(node: NodeResult): string {
  const target = node.target.map((selector) => (Array.isArray(selector) ? selector.join(' >>> ') : String(selector))).join(' ');
  const lines = [`    at ${target}`, `      ${node.html.replace(/\s+/g, ' ').slice(0, 200)}`];
  for (const check of [...node.any, ...node.all, ...node.none]) {
    const data = check.data as ContrastData | null;
    if (data && typeof data === 'object' && 'contrastRatio' in data && data.contrastRatio !== undefined) {
      lines.push(`      contrast ${data.contrastRatio}:1 (needs ${data.expectedContrastRatio}) — ${data.fgColor} on ${data.bgColor}, ${data.fontSize} ${data.fontWeight ?? ''}`.trimEnd());
    } else if (check.message) {
      lines.push(`      ${check.message}`);
    }
  }
  return lines.join('\n');
}

function describeViolation(violation: Result): string {
  return [`  ${violation.id} [${violation.impact}] ${violation.help} (${violation.nodes.length} element(s))`, ...violation.nodes.map(describeNode)].join('\n');
}

/**
 * Runs axe on the page as it stands (open dialogs and menus included) against WCAG 2.2 A and AA, and fails the test
 * with every serious or critical finding: the rule, its impact, the elements' selectors and, for contrast, the
 * colours and ratio. The failure is soft, so one run reports every screen it visits rather than the first.
 */
export async function expectNoSeriousA11yViolations(page: Page, context: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_AA_TAGS).analyze();
  const blocking = results.violations.filter((violation) => BLOCKING_IMPACTS.has(violation.impact ?? ''));
  const report = blocking.map(describeViolation).join('\n');
  expect.soft(blocking.map((violation) => violation.id), `accessibility violations on ${context}:\n${report}`).toEqual([]);
}
