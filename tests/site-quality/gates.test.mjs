// The gates themselves: run on fixtures/broken-site, a site with one of each mistake (and the
// workflow lint on fixtures/bad-workflow.yml), every gate must fail and name each mistake. A gate
// that cannot fail proves nothing.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));

function gate(script, input) {
  const run = spawnSync(process.execPath, [script, input], { cwd: here, encoding: 'utf8' });
  return { status: run.status, out: run.stdout + run.stderr };
}

function expectProblems(script, expected, input = 'fixtures/broken-site') {
  const { status, out } = gate(script, input);
  assert.equal(status, 1, `${script} should fail:\n${out}`);
  for (const line of expected) assert.ok(out.includes(line), `${script} should report "${line}":\n${out}`);
}

test('the crawler reports broken links, anchors, escapes from the base path, orphans', () => {
  expectProblems('crawl.mjs', [
    '"good.html#no-such-anchor": there is no id "no-such-anchor" in /polyref/good.html',
    'a "missing.html" → /polyref/missing.html answers 404',
    'a "/elsewhere/" leaves the base path /polyref/',
    'link rel=alternate "https://example.github.io/polyref/de/" → /polyref/de/ answers 404',
    'img loads "https://cdn.example.invalid/tracker.png" from outside the site',
    'the id "twice" is used more than once',
    '/polyref/robots.txt: names no sitemap',
    'orphan.html is not reachable by following links from the root',
    'https://example.org/  (first on /polyref/index.html)',
  ]);
});

test('vnu reports markup errors with file, line and column', () => {
  expectProblems('vnu.mjs', ['index.html:19:12: No “p” element in scope but a “p” end tag seen.']);
});

test('axe reports violations in both colour schemes', () => {
  expectProblems('axe.mjs', [
    'index.html (1280px, light): image-alt [critical]',
    'index.html (390px, dark): image-alt [critical]',
  ]);
});

test('the budget gate reports heavy pages, requests to other origins, sideways scrolling', () => {
  expectProblems('budget.mjs', [
    'bytes transferred, over the 50000-byte budget:\n      /polyref/big.html',
    'big.html at 390px: the page scrolls sideways',
    'index.html: requests https://cdn.example.invalid/tracker.png, outside the site\'s origin (blocked)',
  ]);
});

test('actionlint reports workflow mistakes with their line and column', () => {
  expectProblems(
    'actionlint.mjs',
    [
      'fixtures/bad-workflow.yml:5:5: unexpected key "branchs" for "push" section',
      'fixtures/bad-workflow.yml:7:3: "runs-on" section is missing in job "build"',
      'fixtures/bad-workflow.yml:9:24: "github.event.head_commit.message" is potentially untrusted',
      'fixtures/bad-workflow.yml:13:3: job "deploy" needs job "buld" which does not exist',
    ],
    'fixtures/bad-workflow.yml',
  );
});
