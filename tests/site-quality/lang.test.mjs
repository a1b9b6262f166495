// The reader's language (templates/assets/lang.js): its choice rules as functions, then the
// real root and 404 pages in headless Chromium, served under /polyref/. Needs the built site in
// SITE (default target/ci-site) and Chromium; without them the tests fail, they never skip.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { serve } from './lib/server.mjs';
import { launch } from './lib/browser.mjs';
import { MISSING } from './lib/crawl.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const { pick, rootTarget, notFoundLocale } = createRequire(import.meta.url)('../../templates/assets/lang.js');
const SITE = resolve(here, '../..', process.env.SITE || 'target/ci-site');
const LOCALES = ['en', 'es', 'de'];

test('pick follows the order of preference and RFC 4647 lookup', () => {
  assert.equal(pick(['de-AT', 'en'], LOCALES), 'de');
  assert.equal(pick(['fr', 'es-419', 'de'], LOCALES), 'es');
  assert.equal(pick(['EN-gb'], LOCALES), 'en');
  assert.equal(pick(['zh-Hant-TW', 'ja'], LOCALES), null);
  assert.equal(pick(['de-x-private'], LOCALES), 'de');
  assert.equal(pick(['*', ''], LOCALES), null);
  // A range shorter than a site tag, then a shared primary language.
  assert.equal(pick(['pt', 'en'], ['en', 'pt-BR']), 'pt-BR');
  assert.equal(pick(['pt-PT'], ['en', 'pt-BR']), 'pt-BR');
  assert.equal(pick(['fr', 'pt-PT'], ['pt-BR', 'fr-CA']), 'fr-CA');
});

test('the root redirects only without an explicit reason to stay', () => {
  const base = { available: LOCALES, stored: null, preferred: ['de-DE'], hash: '', fromSite: false, redirected: false };
  assert.equal(rootTarget(base), 'de');
  assert.equal(rootTarget({ ...base, stored: 'es' }), 'es', 'a remembered choice wins');
  assert.equal(rootTarget({ ...base, stored: 'fr' }), 'de', 'a choice the site no longer has is ignored');
  assert.equal(rootTarget({ ...base, hash: '#choose' }), null);
  assert.equal(rootTarget({ ...base, fromSite: true }), null);
  assert.equal(rootTarget({ ...base, redirected: true, stored: 'es' }), null, 'once per tab');
  assert.equal(rootTarget({ ...base, preferred: ['ja'] }), null, 'no match: the list');
});

test('the 404 page speaks the chosen, else the preferred, else the first language', () => {
  assert.equal(notFoundLocale(LOCALES, 'de', ['es']), 'de');
  assert.equal(notFoundLocale(LOCALES, null, ['es-MX']), 'es');
  assert.equal(notFoundLocale(LOCALES, null, ['ja']), 'en');
});

let server;
let browser;
before(async () => {
  assert.ok(existsSync(resolve(SITE, 'index.html')), `no built site at ${SITE}: run cargo run -- build --out target/ci-site`);
  server = await serve(SITE, { basePath: '/polyref/' });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** A fresh browser context with `locale` as navigator.languages, and a page in it. */
async function open(locale, options = {}) {
  const context = await browser.newContext({ locale, ...options });
  const page = await context.newPage();
  return { context, page };
}

const path = (page) => new URL(page.url()).pathname + new URL(page.url()).hash;

test('the root sends a German reader to the German home, once, without a history entry', async () => {
  const { context, page } = await open('de-DE');
  await page.goto(server.base);
  await page.waitForURL('**/polyref/de/index.html');
  assert.equal(await page.locator('html').getAttribute('lang'), 'de');
  // The root was replaced, not left behind: Back goes where the reader came from (here the
  // blank page the tab opened with) rather than to the root, which would send them on again.
  await page.goBack();
  assert.equal(page.url(), 'about:blank');
  await page.goForward();
  await page.waitForURL('**/polyref/de/index.html');
  // Coming back to the root in the same tab shows the list: it redirects once per tab.
  await page.goto(server.base);
  await page.waitForLoadState('load');
  assert.equal(path(page), '/polyref/');
  assert.equal(await page.locator('.language-choice a').count(), 3);
  await context.close();
});

test('a language chosen in the switcher is remembered and wins over the browser languages', async () => {
  const { context, page } = await open('de-DE');
  await page.goto(server.base + 'de/web/api/websocket/close/index.html');
  await page.click('nav.languages a[hreflang="es"]');
  await page.waitForURL('**/polyref/es/web/api/websocket/close/index.html');
  assert.equal(await page.evaluate(() => localStorage.getItem('polyref-language')), 'es');
  // A new tab (fresh session) opened at the root goes to the chosen language.
  const tab = await context.newPage();
  await tab.goto(server.base);
  await tab.waitForURL('**/polyref/es/index.html');
  await context.close();
});

test('the root stays a list when asked for, when coming from the site, or without a match', async () => {
  for (const [locale, url, options, why] of [
    ['de-DE', server.base + 'index.html#choose', {}, '#choose'],
    ['de-DE', server.base, { referer: server.base + 'de/index.html' }, 'came from a page of the site'],
    ['ja-JP', server.base, {}, 'no language of the reader'],
  ]) {
    const { context, page } = await open(locale);
    await page.goto(url, { ...options, waitUntil: 'networkidle' });
    assert.match(new URL(page.url()).pathname, /^\/polyref\/(index\.html)?$/, why);
    assert.ok(await page.locator('main[data-choose-language]').isVisible(), why);
    await context.close();
  }
});

test('without JavaScript the root is a plain list of languages', async () => {
  const { context, page } = await open('de-DE', { javaScriptEnabled: false });
  await page.goto(server.base, { waitUntil: 'networkidle' });
  assert.equal(new URL(page.url()).pathname, '/polyref/');
  const links = await page.locator('.language-choice a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.deepEqual(links, ['en/index.html', 'es/index.html', 'de/index.html']);
  await context.close();
});

test('the 404 page tells the reader in their language, with absolute links under the base path', async () => {
  const { context, page } = await open('es-MX');
  const res = await page.goto(server.base + MISSING, { waitUntil: 'networkidle' });
  assert.equal(res.status(), 404);
  const visible = await page.locator('.not-found-message:visible').evaluateAll((s) => s.map((e) => e.dataset.locale));
  assert.deepEqual(visible, ['es']);
  assert.equal(await page.title(), 'Página no encontrada · polyref');
  assert.equal(await page.locator('a.site-title').getAttribute('href'), '/polyref/es/index.html');
  await page.click('.not-found-message:visible a');
  await page.waitForURL('**/polyref/es/index.html');
  await context.close();
});

test('without JavaScript the 404 page shows every language', async () => {
  const { context, page } = await open('es-MX', { javaScriptEnabled: false });
  await page.goto(server.base + MISSING, { waitUntil: 'networkidle' });
  const visible = await page.locator('.not-found-message:visible').evaluateAll((s) => s.map((e) => e.dataset.locale));
  assert.deepEqual(visible, LOCALES);
  const homes = await page.locator('.not-found-message a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.deepEqual(homes, LOCALES.map((l) => `/polyref/${l}/index.html`));
  await context.close();
});
