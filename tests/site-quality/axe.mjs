// Gate: axe-core, run in headless Chromium on every page of every locale, in the light and the
// dark colour scheme, on a 390 px phone and a 1280 px desktop, finds no violation (every rule axe
// runs by default: WCAG 2.x A and AA and best practices). Usage: node axe.mjs <site> [--published URL]

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { siteArgs, pageUrls, finish } from './lib/cli.mjs';
import { serve } from './lib/server.mjs';
import { launch, confine } from './lib/browser.mjs';
import { MISSING } from './lib/crawl.mjs';

const { siteDir, basePath } = siteArgs(process.argv, 'node axe.mjs');
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const axeSource = readFileSync(axePath, 'utf8');
const server = await serve(siteDir, { basePath });
const browser = await launch();
const problems = [];
let runs = 0;
let version = '';
try {
  const pages = pageUrls(siteDir, server.base, MISSING);
  const views = [1280, 390].flatMap((width) => ['light', 'dark'].map((scheme) => ({ width, scheme })));
  for (const { width, scheme } of views) {
    // The pages' CSP admits only the site's own scripts: axe is added past it, and only here.
    const context = await browser.newContext({
      colorScheme: scheme,
      viewport: { width, height: 900 },
      bypassCSP: true,
      locale: 'en-US',
    });
    await confine(context, server.origin);
    for (const { name, url } of pages) {
      const page = await context.newPage();
      await page.goto(url, { waitUntil: 'load' });
      await page.evaluate(axeSource);
      const result = await page.evaluate(async () => {
        const r = await window.axe.run(document, { resultTypes: ['violations'] });
        return {
          version: r.testEngine.version,
          violations: r.violations.map((v) => ({
            id: v.id,
            impact: v.impact,
            help: v.help,
            nodes: v.nodes.map((n) => ({ target: n.target.join(' '), html: n.html, summary: n.failureSummary })),
          })),
        };
      });
      version = result.version;
      runs++;
      for (const v of result.violations) {
        const where = v.nodes
          .slice(0, 5)
          .map((n) => `\n      at ${n.target}: ${n.html.slice(0, 160)}\n        ${(n.summary || '').replace(/\n/g, ' ')}`)
          .join('');
        const more = v.nodes.length > 5 ? `\n      … and ${v.nodes.length - 5} more` : '';
        problems.push(`${name} (${width}px, ${scheme}): ${v.id} [${v.impact}] ${v.help}${where}${more}`);
      }
      await page.close();
    }
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
finish(`axe-core ${version}`, `${runs} page views (every page at 1280 and 390px, light and dark)`, problems);
