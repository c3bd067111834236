import { formatPhone } from '@backtalk/phone';
import { expect, test, type Page } from '@playwright/test';
import { CONSOLE_URL, DEMO } from '../e2e-environment';
import { closeDesks, conversationList, desk, expectLive, signIn, thread } from './support/console';
import { apiSignIn, call, createGenericChannel, signGeneric, teamId, uniquePhone, uniqueSender } from './support/sms-world';

// The console as a browser gets it from `vite preview` (nginx sends the same headers in production; a unit spec
// checks that): its security headers, and a whole sign-in and inbox visit that the policy does not break.

/** The CSP as directive name → sources. */
function directivesOf(policy: string | undefined): Record<string, string[]> {
  return Object.fromEntries(
    (policy ?? '')
      .split(';')
      .map((directive) => directive.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...sources]) => [name, sources]),
  );
}

/** Everything Chromium reports about the page's Content-Security-Policy, from the moment the page opens. */
function cspReports(page: Page): string[] {
  const reports: string[] = [];
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) reports.push(message.text());
  });
  return reports;
}

test.describe('security headers of the console', () => {
  test.afterEach(closeDesks);

  test('the console is served with its policy, no framing, nosniff and no referrer', async ({ request }) => {
    const page = await request.get('/login');
    // No inline or foreign script, no plugins, nothing but this origin to talk to, and no framing.
    expect(directivesOf(page.headers()['content-security-policy'])).toMatchObject({
      'default-src': ["'self'"],
      'script-src': ["'self'"],
      'style-src': ["'self'"],
      'connect-src': ["'self'"],
      'object-src': ["'none'"],
      'frame-ancestors': ["'none'"],
    });
    expect(page.headers()).toMatchObject({
      'x-frame-options': 'DENY',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    });
    const script = (await page.text()).match(/src="(\/assets\/[^"]+\.js)"/)?.[1];
    expect(script).toBeDefined();
    expect((await request.get(script!)).headers()['x-content-type-options']).toBe('nosniff');
  });

  test('signing in, going live and reading a thread with media raise no Content-Security-Policy violation', async ({ browser }) => {
    const admin = await apiSignIn(DEMO.admin.email, DEMO.admin.password);
    const channel = await createGenericChannel(admin, { teamId: await teamId(admin, 'Support'), name: 'Policy desk', sender: uniqueSender(), sendUrl: 'http://127.0.0.1:9/unused' });
    const customer = uniquePhone();
    const body = JSON.stringify({
      type: 'message',
      id: `csp-${Date.now().toString(36)}`,
      from: customer,
      to: channel.sender,
      text: 'Photo of the damaged parcel',
      media: [
        { url: 'https://media.example.com/parcel.jpg', contentType: 'image/jpeg' },
        { url: 'javascript:alert(document.cookie)', contentType: 'image/jpeg' },
      ],
    });
    await call(channel.webhookPath, { body, headers: { 'x-backtalk-signature': signGeneric(channel.secret, body) } });

    const page = await desk(browser);
    const reports = cspReports(page);
    await signIn(page, DEMO.agentA.email);
    await page.goto('/inbox?view=unassigned');
    await expectLive(page);
    await conversationList(page).getByRole('link').filter({ hasText: formatPhone(customer) }).click();
    await expect(thread(page)).toContainText('Photo of the damaged parcel');

    // The javascript: link never reached the database; the https one is a link.
    const links = thread(page).getByRole('link', { name: /Image/ });
    await expect(links).toHaveCount(1);
    await expect(links).toHaveAttribute('href', 'https://media.example.com/parcel.jpg');
    expect(reports).toEqual([]);
  });

  test('another site cannot frame the console', async ({ browser }) => {
    const page = await desk(browser);
    const refused = page.waitForEvent('console', { predicate: (message) => message.text().includes("frame-ancestors 'none'"), timeout: 10_000 });
    await page.setContent(`<iframe src="${CONSOLE_URL}/login" title="framed console"></iframe>`);

    await refused;
    await expect(page.frameLocator('iframe').getByLabel('Email')).toHaveCount(0);
  });
});
