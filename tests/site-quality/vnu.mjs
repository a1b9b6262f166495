// Gate: the Nu HTML Checker (vnu, the W3C validator's engine) finds no error in any page of any
// locale, nor in the stylesheets. Usage: node vnu.mjs <site>

import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { siteArgs, siteFiles, finish } from './lib/cli.mjs';

const { siteDir } = siteArgs(process.argv, 'node vnu.mjs');
const jar = String(createRequire(import.meta.url)('vnu-jar')); // the path of vnu.jar
const files = siteFiles(siteDir).filter((f) => f.endsWith('.html') || f.endsWith('.css'));
const html = files.filter((f) => f.endsWith('.html'));
if (html.length === 0) {
  console.error(`vnu: no HTML file in ${siteDir}`);
  process.exit(1);
}
const run = spawnSync(
  'java',
  ['-jar', jar, '--errors-only', '--also-check-css', '--format', 'json', '--stdout', ...files.map((f) => join(siteDir, f))],
  { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
);
if (run.error || run.stdout === '') {
  console.error(`vnu: could not run java -jar ${jar}: ${run.error || run.stderr}`);
  process.exit(1);
}
let report;
try {
  report = JSON.parse(run.stdout);
} catch (e) {
  console.error(`vnu: unreadable output (${e.message}):\n${run.stdout}\n${run.stderr}`);
  process.exit(1);
}
const problems = report.messages
  .filter((m) => m.type === 'error' || m.subType === 'fatal')
  .map((m) => {
    const file = m.url ? relative(siteDir, decodeURIComponent(new URL(m.url).pathname)) : '(no file)';
    const at = m.lastLine ? `:${m.lastLine}:${m.firstColumn ?? m.lastColumn}` : '';
    const extract = m.extract ? `\n      ${m.extract.replace(/\n/g, '↵')}` : '';
    return `${file}${at}: ${m.message}${extract}`;
  });
finish(`vnu ${report.version}`, `${html.length} pages and ${files.length - html.length} stylesheets checked`, problems);
