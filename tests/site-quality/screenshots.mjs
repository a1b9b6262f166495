// Screenshots of chosen pages for a person to look at: a 390 px phone and a 1280 px desktop,
// light and dark, plus the print layout, into target/screenshots/ (or the folder given).
// Usage: node screenshots.mjs <site> [--published URL] [--out DIR]

import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { siteArgs } from './lib/cli.mjs';
import { serve } from './lib/server.mjs';
import { launch, confine } from './lib/browser.mjs';
import { MISSING } from './lib/crawl.mjs';

const outAt = process.argv.indexOf('--out');
const out = outAt > 0 ? resolve(process.argv.splice(outAt, 2)[1]) : resolve(fileURLToPath(new URL('../../target/screenshots', import.meta.url)));
const { siteDir, basePath } = siteArgs(process.argv, 'node screenshots.mjs');
mkdirSync(out, { recursive: true });

const PAGES = [
  ['root', 'index.html#choose'],
  ['home-de', 'de/index.html'],
  ['close-de', 'de/web/api/websocket/close/index.html'],
  ['close-en', 'en/web/api/websocket/close/index.html'],
  ['closeevent-es', 'es/web/api/closeevent/index.html'],
  ['closeevent-de-fallback', 'de/web/api/closeevent/index.html'],
  ['not-found', MISSING],
];
const VIEWS = [
  { width: 390, height: 844, scheme: 'light' },
  { width: 390, height: 844, scheme: 'dark' },
  { width: 1280, height: 900, scheme: 'light' },
  { width: 1280, height: 900, scheme: 'dark' },
];

const server = await serve(siteDir, { basePath });
const browser = await launch();
let shots = 0;
try {
  for (const { width, height, scheme } of VIEWS) {
    const context = await browser.newContext({ viewport: { width, height }, colorScheme: scheme, locale: 'en-US', deviceScaleFactor: 1 });
    await confine(context, server.origin);
    const page = await context.newPage();
    for (const [name, path] of PAGES) {
      await page.goto(server.base + path, { waitUntil: 'networkidle' });
      await page.screenshot({ path: `${out}/${name}-${width}-${scheme}.png`, fullPage: true });
      shots++;
    }
    await context.close();
  }
  // Print: the stylesheet's print rules, on the longest page.
  const context = await browser.newContext({ viewport: { width: 800, height: 1100 }, locale: 'en-US' });
  await confine(context, server.origin);
  const page = await context.newPage();
  await page.emulateMedia({ media: 'print' });
  await page.goto(server.base + 'de/web/api/websocket/close/index.html', { waitUntil: 'networkidle' });
  await page.screenshot({ path: `${out}/close-de-print.png`, fullPage: true });
  shots++;
  // Keyboard focus: the skip link after one Tab, the site title after two.
  await page.emulateMedia({ media: 'screen' });
  for (const n of [1, 2]) {
    await page.keyboard.press('Tab');
    await page.screenshot({ path: `${out}/close-de-focus-${n}.png`, clip: { x: 0, y: 0, width: 800, height: 200 } });
    shots++;
  }
  await context.close();
} finally {
  await browser.close();
  await server.close();
}
console.log(`screenshots: ${shots} pictures in ${out}`);
