import { expect, test } from '@playwright/test';
import { DEMO } from '../e2e-environment';
import { signIn } from './support/console';

// The console installs as an app: a linked, valid manifest with its icons, and a service worker that takes control
// of the page and keeps the built shell, while the API is never answered from its cache.

test.describe('the installable console', () => {
  test.use({ serviceWorkers: 'allow' });

  test('links a valid manifest whose icons load, and its service worker controls the page after a reload', async ({ page, request }) => {
    test.setTimeout(60_000);
    await page.goto('/login');
    const href = await page.locator('link[rel="manifest"]').getAttribute('href');
    expect(href).toBeTruthy();
    const response = await request.get(href ?? '');
    expect(response.ok()).toBe(true);
    const manifest = (await response.json()) as { name: string; short_name: string; start_url: string; display: string; theme_color: string; background_color: string; icons: Array<{ src: string; sizes: string; purpose?: string }> };
    expect(manifest).toMatchObject({ name: 'Backtalk', short_name: 'Backtalk', start_url: '/inbox', display: 'standalone', theme_color: '#3451d1', background_color: '#ffffff' });
    expect(manifest.icons.map((icon) => `${icon.sizes}${icon.purpose ? ` ${icon.purpose}` : ''}`)).toEqual(['192x192', '512x512', '512x512 maskable']);
    for (const icon of manifest.icons) {
      const image = await request.get(icon.src);
      expect(image.headers()['content-type']).toBe('image/png');
    }
    expect((await request.get(await page.locator('link[rel="apple-touch-icon"]').getAttribute('href') ?? '')).ok()).toBe(true);

    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    expect(new URL(scope).pathname).toBe('/');
    await page.reload();
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller?.state ?? 'none')).toBe('activated');

    // Signed in under the worker's control: the API's answers come from the network, not from the worker's caches.
    await signIn(page, DEMO.agentA.email);
    const cachedUrls = await page.evaluate(async () => {
      const urls: string[] = [];
      for (const name of await caches.keys()) for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname);
      return urls;
    });
    expect(cachedUrls).toContain('/index.html');
    expect(cachedUrls.some((path) => path.startsWith('/assets/') && path.endsWith('.js'))).toBe(true);
    expect(cachedUrls.filter((path) => path.startsWith('/api') || path.startsWith('/socket.io'))).toEqual([]);

    // Pages whose code loads when first opened are in the worker's cache too: with the network gone they still open
    // (their data does not, as it never comes from a cache).
    const scripts: string[] = [];
    page.on('request', (request) => {
      const path = new URL(request.url()).pathname;
      if (path.startsWith('/assets/') && path.endsWith('.js')) scripts.push(path);
    });
    await page.context().setOffline(true);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reports' }).click();
    await expect(page.getByRole('heading', { name: 'Reports', level: 1 })).toBeVisible();
    await page.getByRole('banner').getByRole('link', { name: /Andriy Agent/ }).click();
    await expect(page.getByRole('heading', { name: 'My profile', level: 1 })).toBeVisible();
    await page.context().setOffline(false);
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.filter((path) => !cachedUrls.includes(path))).toEqual([]);
  });
});
