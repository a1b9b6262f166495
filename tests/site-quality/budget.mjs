// Gate: every page of every locale, opened in headless Chromium as a first-time visitor,
// - transfers under 50 KB in total (HTML + CSS + JS + anything else it loads), counted as the
//   bytes that cross the network: bodies as sent, gzip-compressed as GitHub Pages sends text (the
//   uncompressed size is shown beside it);
// - requests nothing outside the site's origin;
// - logs no error (a script error, or a resource the Content-Security-Policy refused);
// - fits a 390 px phone and a 1280 px desktop without scrolling sideways (wide tables and code
//   blocks scroll inside themselves).
// Usage: node budget.mjs <site> [--published URL]

import { siteArgs, pageUrls, finish } from './lib/cli.mjs';
import { serve } from './lib/server.mjs';
import { launch, confine } from './lib/browser.mjs';
import { MISSING } from './lib/crawl.mjs';

export const BUDGET = 50_000; // bytes
const WIDTHS = [390, 1280];

const { siteDir, basePath } = siteArgs(process.argv, 'node budget.mjs');
const server = await serve(siteDir, { basePath });
const browser = await launch();
const problems = [];
const sizes = [];
try {
  for (const { name, url } of pageUrls(siteDir, server.base, MISSING)) {
    for (const width of WIDTHS) {
      // A fresh context per view: an empty cache, as a first visit.
      const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'en-US' });
      await confine(context, server.origin);
      const page = await context.newPage();
      const loaded = [];
      const errors = [];
      page.on('request', (req) => {
        const u = req.url();
        if (u.startsWith('data:')) return;
        const { origin, pathname } = new URL(u);
        if (origin !== server.origin) problems.push(`${name}: requests ${u}, outside the site's origin (blocked)`);
        else if (!pathname.startsWith(basePath)) problems.push(`${name}: requests ${pathname}, outside the site's path ${basePath}`);
      });
      page.on('requestfailed', (req) => {
        if (new URL(req.url()).origin === server.origin) errors.push(`request failed: ${req.url()} (${req.failure()?.errorText})`);
      });
      page.on('response', (res) => {
        loaded.push(
          Promise.all([res.request().sizes(), res.body().catch(() => Buffer.alloc(0))]).then(([sizes, body]) => ({
            url: res.url(),
            bytes: sizes.responseBodySize,
            raw: body.length,
            status: res.status(),
          })),
        );
      });
      page.on('console', (msg) => {
        // The 404 page's own status (checked by the crawler) is logged as an error too.
        const ownStatus = name === '404.html' && msg.location().url === url;
        if (msg.type() === 'error' && !ownStatus) errors.push(`console error at ${msg.location().url}: ${msg.text()}`);
      });
      page.on('pageerror', (err) => errors.push(`script error: ${err.message}`));
      await page.goto(url, { waitUntil: 'networkidle' });
      const overflow = await page.evaluate(() => {
        const vw = document.documentElement.clientWidth;
        if (document.documentElement.scrollWidth <= vw) return null;
        // The first element reaching past the viewport that is not inside a scrolling box.
        const scrolls = (el) => {
          for (let a = el.parentElement; a; a = a.parentElement) {
            if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(a).overflowX)) return true;
          }
          return false;
        };
        for (const el of document.body.querySelectorAll('*')) {
          if (el.getBoundingClientRect().right > vw + 1 && !scrolls(el)) {
            const cls = el.className && typeof el.className === 'string' ? '.' + el.className.split(' ').join('.') : '';
            return `${document.documentElement.scrollWidth}px wide, e.g. <${el.tagName.toLowerCase()}${cls ? ' ' + cls : ''}>`;
          }
        }
        return `${document.documentElement.scrollWidth}px wide`;
      });
      if (overflow) problems.push(`${name} at ${width}px: the page scrolls sideways (${overflow})`);
      const responses = await Promise.all(loaded);
      for (const r of responses) if (r.status >= 400 && r.url !== url) errors.push(`${r.url} answered ${r.status}`);
      for (const e of new Set(errors)) problems.push(`${name} at ${width}px: ${e}`);
      if (width === WIDTHS[0]) {
        const total = responses.reduce((n, r) => n + r.bytes, 0);
        const raw = responses.reduce((n, r) => n + r.raw, 0);
        sizes.push({ name, total, raw });
        if (total >= BUDGET) {
          const parts = responses.map((r) => `${r.url.slice(server.origin.length)} ${r.bytes} B (${r.raw} B uncompressed)`);
          problems.push(`${name}: ${total} bytes transferred, over the ${BUDGET}-byte budget:\n      ${parts.join('\n      ')}`);
        }
      }
      await context.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}
const largest = sizes.reduce((a, b) => (b.total > a.total ? b : a), { total: 0, name: '-' });
finish(
  'transfer budget and origin',
  `${sizes.length} pages at ${WIDTHS.join(' and ')}px, largest ${largest.name} ${largest.total} of ${BUDGET} bytes transferred (${largest.raw} uncompressed)`,
  [...new Set(problems)],
);
