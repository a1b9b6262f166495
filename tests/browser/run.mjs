// Browser test: opens the close() and CloseEvent pages of the built site in every locale in
// headless Chromium, clicks "Run all", and checks that every example's result in the browser is
// the standard's outcome, or a difference written down in known-differences.json. On the close()
// page it types cases into the form and checks the prediction and the browser's result. It also
// checks the pages without JavaScript: every example still shows the standard's outcome.
//
// Usage (from the project root, after `polyref build --out target/ci-site`):
//   node tests/browser/run.mjs [--site DIR] [--chromium PATH]
//
// The site is served on 127.0.0.1 on a free port for the run only. Chromium runs headless with
// a fresh profile folder that is removed afterwards, and reaches no network: the examples' socket
// connects to a reserved `.invalid` name. Any failure, including a browser that
// cannot start, exits with status 1 and saves a screenshot of the page to target/browser-test/.

import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_CHROMIUM, launchOptions } from '../chromium.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const project = path.resolve(here, '..', '..');

function option(name, fallback) {
  const i = process.argv.indexOf(name);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const siteDir = path.resolve(option('--site', path.join(project, 'target', 'ci-site')));
const chromiumPath = option('--chromium', DEFAULT_CHROMIUM);
const shotsDir = path.join(project, 'target', 'browser-test');

const LOCALES = ['en', 'es', 'de'];
const PAGES = [
  { name: 'close()', dir: 'web/api/websocket/close', form: true },
  { name: 'CloseEvent', dir: 'web/api/closeevent', form: false },
];
// The line a reader sees for an example whose reason is too long, in each language.
const SYNTAX_ERROR_LINE = {
  en: 'Standard: SyntaxError · Your browser: SyntaxError',
  es: 'Estándar: SyntaxError · Su navegador: SyntaxError',
  de: 'Standard: SyntaxError · Ihr Browser: SyntaxError',
};
// Cases typed into the close() form, with what the standard says (WebSockets Standard, close():
// the code is checked first, then the reason's UTF-8 length; a reason is a USVString).
const FORM_CASES = [
  { id: 'empty-code-short-reason', code: '', reason: 'short', predicted: 'Closes', predictedCode: '', bytes: 5 },
  { id: 'code-1001', code: '1001', reason: '', predicted: 'InvalidAccessError', predictedCode: '1001', bytes: 0 },
  { id: 'code-3000-reason-124', code: '3000', reason: 'a'.repeat(124), predicted: 'SyntaxError', predictedCode: '', bytes: 124 },
  { id: 'code-4999-reason-61-e-acute', code: '4999', reason: 'é'.repeat(61), predicted: 'Closes', predictedCode: '4999', bytes: 122 },
  { id: 'code-1000-lone-surrogate', code: '1000', reasonUnits: [0xd800], predicted: 'Closes', predictedCode: '1000', bytes: 3 },
  { id: 'code-2999-6', code: '2999.6', reason: '', predicted: 'Closes', predictedCode: '3000', bytes: 0 },
];

const known = JSON.parse(fs.readFileSync(path.join(here, 'known-differences.json'), 'utf8'));
const knownUsed = new Set();

let passed = 0;
let failed = 0;
const problems = [];

function check(ok, what) {
  if (ok) {
    passed += 1;
  } else {
    failed += 1;
    problems.push(what);
    console.log(`  FAIL ${what}`);
  }
  return ok;
}

/** The written-down difference for an example or a form case, if any. */
function knownDifference(kind, id) {
  return known.differences.find((d) => d[kind] === id);
}

function matchesKnown(kind, id, detail) {
  const d = knownDifference(kind, id);
  if (!d) {
    return false;
  }
  knownUsed.add(d);
  if (d.browser_result !== detail.result) {
    return false;
  }
  for (const [k, v] of Object.entries(d.props || {})) {
    const want = Array.isArray(v) ? String.fromCharCode(...v) : v;
    if (!detail.props || detail.props[k] !== want) {
      return false;
    }
  }
  return true;
}

// ---- A static server for the built site, on 127.0.0.1 only ----------------------------------

const TYPES = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.json': 'application/json' };

function serve(root) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    const file = path.resolve(root, '.' + decodeURIComponent(url.pathname));
    if (!file.startsWith(root + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

// ---- The checks ---------------------------------------------------------------------------

async function screenshot(page, name) {
  fs.mkdirSync(shotsDir, { recursive: true });
  const file = path.join(shotsDir, `${name}.png`);
  try {
    await page.screenshot({ path: file, fullPage: true });
    console.log(`  screenshot: ${path.relative(project, file)}`);
  } catch (e) {
    console.log(`  (no screenshot: ${e.message})`);
  }
}

function watch(page) {
  const errors = [];
  page.on('pageerror', (e) => errors.push(`script error: ${e.message}`));
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) {
      errors.push(`CSP: ${m.text()}`);
    }
  });
  return errors;
}

async function checkExamples(page, locale, where) {
  const section = page.locator('#runnable-examples');
  await section.locator('.run-all').click();
  await page.waitForSelector('#runnable-examples[data-ran-all]', { timeout: 10000 });
  const examples = await page.$$eval('#runnable-examples .example', (els) =>
    els.map((e) => ({
      id: e.id.replace(/^example-/, ''),
      verdict: e.dataset.verdict,
      browserResult: e.dataset.browserResult,
      detail: e.dataset.browserDetail ? JSON.parse(e.dataset.browserDetail) : null,
      standard: JSON.parse(e.dataset.standard),
      socketState: e.dataset.socketState,
      line: e.querySelector('.browser-result .outcome')?.textContent || '',
      lineClass: e.querySelector('.browser-result .outcome')?.className || '',
    })),
  );
  check(examples.length > 0, `${where}: has examples`);
  for (const ex of examples) {
    const what = `${where} #example-${ex.id}`;
    if (!check(ex.detail !== null, `${what}: ran in the browser`)) {
      continue;
    }
    if (ex.standard.result !== 'CloseEvent') {
      check(ex.socketState === '0', `${what}: the socket was CONNECTING when close() ran (state ${ex.socketState})`);
    }
    if (ex.verdict === 'same') {
      const same =
        ex.browserResult === ex.standard.result &&
        (ex.standard.result !== 'CloseEvent' ||
          Object.keys(ex.standard.props).every((k) => ex.detail.props[k] === ex.standard.props[k]));
      check(same, `${what}: marked "same" and the browser's result is the standard's (${ex.browserResult})`);
      check(ex.lineClass.includes('same'), `${what}: the line is styled as the same`);
    } else {
      check(
        ex.verdict === 'differs' && matchesKnown('example', ex.id, ex.detail),
        `${what}: the browser gave ${JSON.stringify(ex.detail)} where the standard says ${JSON.stringify(ex.standard)}, ` +
          'and known-differences.json does not list that',
      );
      check(ex.lineClass.includes('differs'), `${what}: the line is styled as a difference`);
    }
    if (ex.id === 'reason-124-ascii') {
      check(ex.line === SYNTAX_ERROR_LINE[locale], `${what}: shows "${SYNTAX_ERROR_LINE[locale]}" (got "${ex.line}")`);
    }
  }
  const summary = await section.locator('.run-summary').textContent();
  check(/\d/.test(summary || ''), `${where}: "Run all" shows a summary`);
}

async function setInput(page, selector, c, key) {
  if (c[`${key}Units`]) {
    // A lone surrogate cannot be typed; set it as the reader's input method would deliver it.
    await page.$eval(
      selector,
      (el, units) => {
        el.value = String.fromCharCode(...units);
        el.dispatchEvent(new Event('input', { bubbles: true }));
      },
      c[`${key}Units`],
    );
  } else {
    await page.locator(selector).fill(c[key]);
  }
}

async function checkForm(page, where) {
  const form = page.locator('#try-close');
  if (!check(await form.isVisible(), `${where}: the form is shown`)) {
    return;
  }
  const max = await page.$eval('#runnable-examples', (s) => JSON.parse(s.dataset.bounds).maxReasonBytes);
  for (const c of FORM_CASES) {
    const what = `${where} form "${c.id}"`;
    await setInput(page, '#try-code', c, 'code');
    await setInput(page, '#try-reason', c, 'reason');
    const before = await page.$eval('#try-close', (f) => ({
      predicted: f.dataset.predicted,
      code: f.dataset.predictedCode,
      bytes: document.getElementById('try-bytes').textContent,
      verdict: f.dataset.verdict,
    }));
    check(before.predicted === c.predicted, `${what}: predicts ${c.predicted} (got ${before.predicted})`);
    if (c.predicted !== 'SyntaxError') {
      check(before.code === c.predictedCode, `${what}: predicts code "${c.predictedCode}" (got "${before.code}")`);
    }
    check(before.bytes.startsWith(`${c.bytes}/${max}`), `${what}: counts ${c.bytes}/${max} bytes (got "${before.bytes}")`);
    check(before.verdict === undefined, `${what}: no browser result before Run`);
    await form.locator('#try-run').click();
    const after = await page.$eval('#try-close', (f) => ({
      verdict: f.dataset.verdict,
      result: f.dataset.browserResult,
      detail: f.dataset.browserDetail ? JSON.parse(f.dataset.browserDetail) : null,
      state: f.dataset.socketState,
      line: document.querySelector('#try-result .outcome')?.textContent || '',
    }));
    check(after.state === '0', `${what}: the socket was CONNECTING when close() ran`);
    check(after.line.length > 0, `${what}: shows the standard and the browser side by side`);
    if (after.verdict === 'same') {
      check(after.result === c.predicted, `${what}: the browser's result is the prediction (${after.result})`);
    } else {
      check(
        after.verdict === 'differs' && matchesKnown('form', c.id, after.detail),
        `${what}: the browser gave ${JSON.stringify(after.detail)} where the standard says ${c.predicted}, ` +
          'and known-differences.json does not list that',
      );
    }
  }
}

async function checkWithoutJavaScript(browser, base) {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  for (const locale of LOCALES) {
    for (const p of PAGES) {
      const where = `${locale}/${p.dir} without JavaScript`;
      await page.goto(`${base}/${locale}/${p.dir}/index.html`);
      const state = await page.$$eval('#runnable-examples .example', (els) =>
        els.map((e) => ({
          standard: e.querySelector('.standard-outcome')?.textContent || '',
          details: e.querySelectorAll('.standard li').length,
        })),
      );
      check(state.length > 0 && state.every((s) => s.standard.length > 0 && s.details > 0), `${where}: every example shows the standard's outcome`);
      check(!(await page.locator('#runnable-examples .run').first().isVisible()), `${where}: Run buttons stay hidden`);
      check(!(await page.locator('.run-all').isVisible()), `${where}: "Run all" stays hidden`);
      check(!(await page.locator('#try-close').isVisible()), `${where}: the form stays hidden`);
    }
  }
  await context.close();
}

// ---- Main ---------------------------------------------------------------------------------

async function main() {
  if (!fs.existsSync(path.join(siteDir, 'index.html'))) {
    console.log(`No built site in ${siteDir}: build it first (cargo run -- build --out target/ci-site).`);
    return 1;
  }
  let chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch (e) {
    console.log(`playwright-core is not installed (${e.message}): run \`npm ci\` in tests/browser.`);
    return 1;
  }
  const server = await serve(siteDir);
  const base = `http://127.0.0.1:${server.address().port}`;
  let browser;
  try {
    browser = await chromium.launch(launchOptions(chromiumPath));
  } catch (e) {
    server.close();
    console.log(`Chromium could not be started from ${chromiumPath}: ${e.message.split('\n')[0]}`);
    console.log('Install it (Debian: apt-get install chromium) or pass --chromium PATH.');
    return 1;
  }
  try {
    console.log(`Chromium ${browser.version()} on ${base}`);
    const context = await browser.newContext();
    for (const locale of LOCALES) {
      for (const p of PAGES) {
        const where = `${locale}/${p.dir}`;
        const before = failed;
        const page = await context.newPage();
        const errors = watch(page);
        await page.goto(`${base}/${locale}/${p.dir}/index.html`);
        try {
          await page.waitForSelector('#runnable-examples[data-ready="true"]', { timeout: 10000 });
          check(true, `${where}: the script ran`);
          check(await page.locator('.run-all').isVisible(), `${where}: "Run all" is shown`);
          await checkExamples(page, locale, where);
          if (p.form) {
            await checkForm(page, where);
          }
        } catch (e) {
          check(false, `${where}: ${e.message.split('\n')[0]}`);
        }
        check(errors.length === 0, `${where}: no script error or blocked resource (${errors.join(' | ')})`);
        if (failed > before) {
          await screenshot(page, `${locale}-${p.dir.replaceAll('/', '-')}`);
        }
        console.log(`${failed > before ? 'FAIL' : 'ok  '} ${where}`);
        await page.close();
      }
    }
    await context.close();
    await checkWithoutJavaScript(browser, base);
    for (const d of known.differences) {
      check(knownUsed.has(d), `known-differences.json lists ${d.example ? `example ${d.example}` : `form case ${d.form}`}, which no longer differs: remove it`);
    }
  } finally {
    await browser.close();
    server.close();
  }
  if (failed > 0) {
    console.log(`\n${problems.length} problem(s):\n- ${problems.join('\n- ')}`);
  }
  console.log(`\nbrowser: ${passed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}

process.exitCode = await main();
