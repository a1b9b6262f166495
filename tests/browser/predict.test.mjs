// The close() form's prediction in templates/assets/examples.js, against the Rust rules: every
// case of prediction-cases.json (written by tests/examples.rs from src/rules.rs) must give the
// same outcome, byte count and explanation in the script. Run: node --test tests/browser/
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import test from 'node:test';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const script = require(path.join(here, '..', '..', 'templates', 'assets', 'examples.js'));
const data = JSON.parse(fs.readFileSync(path.join(here, 'prediction-cases.json'), 'utf8'));

const reasons = data.reasons.map((units) => String.fromCharCode(...units));

test('the script loads in Node without a page and exports its rules', () => {
  for (const name of ['utf8LengthOfUsv', 'clampUnsignedShort', 'standardClose', 'formArgs', 'jsLiteral', 'closeDetails', 'fill']) {
    assert.equal(typeof script[name], 'function', name);
  }
});

test('the form predicts every case as the Rust rules do', () => {
  assert.ok(data.cases.length > 200, 'cases are present');
  for (const c of data.cases) {
    const bounds = data.bounds[c.bounds];
    const reason = reasons[c.reason];
    const what = `code ${JSON.stringify(c.code)}, reason #${c.reason}, bounds #${c.bounds}`;
    const args = script.formArgs(c.code, reason);
    const outcome = script.standardClose(args, bounds);
    assert.deepEqual(outcome, c.outcome, `${what}: outcome`);
    assert.equal(script.utf8LengthOfUsv(reason), c.field_bytes, `${what}: byte count`);
    assert.deepEqual(script.closeDetails(args, outcome, bounds), c.details, `${what}: explanation`);
  }
});

test('the byte count is the UTF-8 length of the USVString', () => {
  const encoder = new TextEncoder(); // encode() converts to a USVString first, as close() does
  for (const s of reasons.concat(['', 'x\uD800y', '\uDBFF\uDFFF', '\uDFFF\uDBFF'])) {
    assert.equal(script.utf8LengthOfUsv(s), encoder.encode(s).length, JSON.stringify(s));
  }
});

test('[Clamp] rounds halves to even and saturates', () => {
  const cases = [
    [0.5, 0], [1.5, 2], [2.5, 2], [-7, 0], [NaN, 0], [Infinity, 65535], [-Infinity, 0], [65535.5, 65535], [70000, 65535],
  ];
  for (const [x, want] of cases) {
    assert.equal(script.clampUnsignedShort(x), want, String(x));
  }
});

test('fill replaces known placeholders once and leaves others', () => {
  assert.equal(script.fill('{a} and {b} {c}', { a: '{b}', b: 2 }), '{b} and 2 {c}');
});

test('literals escape what a page cannot show', () => {
  assert.equal(script.jsLiteral('a\uD800"\n\uFFFD'), '"a\\uD800\\"\\u000A\\uFFFD"');
  assert.equal(script.jsLiteral(2999.5), '2999.5');
  assert.equal(script.jsLiteral(undefined), 'undefined');
});
