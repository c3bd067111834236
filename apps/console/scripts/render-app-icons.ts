import { chromium } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// The installable app's PNG icons are drawn from the console's own favicon, so the home-screen icon and the tab icon
// are one picture. Run again after changing favicon.svg: `node -r @swc-node/register apps/console/scripts/render-app-icons.ts`.
// A maskable icon keeps its picture inside the middle 80% (the platform crops it to a circle or a squircle), so it is
// drawn on the brand colour with room around the mark; the others are the favicon edge to edge.

const publicDir = join(__dirname, '..', 'public');
const favicon = readFileSync(join(publicDir, 'favicon.svg'), 'utf8');
const BRAND = '#3451d1';

const ICONS: ReadonlyArray<{ file: string; size: number; maskable: boolean }> = [
  { file: 'pwa-192x192.png', size: 192, maskable: false },
  { file: 'pwa-512x512.png', size: 512, maskable: false },
  { file: 'maskable-icon-512x512.png', size: 512, maskable: true },
  { file: 'apple-touch-icon-180x180.png', size: 180, maskable: true },
];

async function main(): Promise<void> {
  const browser = await chromium.launch({ executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
  try {
    for (const icon of ICONS) {
      const page = await browser.newPage({ viewport: { width: icon.size, height: icon.size } });
      const picture = icon.maskable
        ? `<div style="width:100%;height:100%;background:${BRAND};display:flex;align-items:center;justify-content:center">
             <div style="width:72%;height:72%">${favicon.replace('rx="7"', 'rx="0"')}</div></div>`
        : favicon;
      await page.setContent(`<style>html,body{margin:0;height:100%;background:transparent}svg{display:block;width:100%;height:100%}</style>${picture}`);
      await page.screenshot({ path: join(publicDir, icon.file), omitBackground: !icon.maskable });
      await page.close();
    }
  } finally {
    await browser.close();
  }
}

void main();
