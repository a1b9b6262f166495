// Command-line arguments shared by the gates: `<site folder> [--published URL]`.

import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';

export const DEFAULT_PUBLISHED = 'https://example.github.io/polyref/';

/** `{ siteDir, published, basePath }` from argv, or exits with a usage message. */
export function siteArgs(argv, usage) {
  const args = argv.slice(2);
  let published = DEFAULT_PUBLISHED;
  const rest = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--published') published = args[++i];
    else rest.push(args[i]);
  }
  if (rest.length !== 1 || !published) {
    console.error(`usage: ${usage} <built site folder> [--published ${DEFAULT_PUBLISHED}]`);
    process.exit(2);
  }
  const siteDir = resolve(rest[0]);
  if (!existsSync(join(siteDir, 'index.html'))) {
    console.error(`${rest[0]} has no index.html: build the site first (cargo run -- build --out ${rest[0]})`);
    process.exit(2);
  }
  if (!published.endsWith('/')) published += '/';
  return { siteDir, published, basePath: new URL(published).pathname };
}

/** Every file below `dir` (no dotfiles), as `/`-separated paths relative to it, sorted. */
export function siteFiles(dir) {
  const out = [];
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      if (name.startsWith('.')) continue;
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.push(relative(dir, path).split(sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

/** The HTML pages of the site: every `.html` file, by path. */
export function sitePages(dir) {
  return siteFiles(dir).filter((f) => f.endsWith('.html'));
}

/** Prints a gate's result and sets the exit code: problems fail the run, they never skip. */
export function finish(gate, summary, problems) {
  if (problems.length === 0) {
    console.log(`${gate}: ${summary}; 0 problems`);
    return;
  }
  console.log(`${gate}: ${summary}; ${problems.length} problem${problems.length === 1 ? '' : 's'}:`);
  for (const p of problems) console.log(`  ✗ ${p}`);
  process.exitCode = 1;
}

/**
 * Every page of the site as the browser gates open it: `{ name, url }` under the served `base`.
 * The root is opened at `#choose` (its list, as a reader who asked for it sees it: otherwise its
 * script sends the browser on to a language) and 404.html where the host serves it: at an address
 * with no page.
 */
export function pageUrls(siteDir, base, missing) {
  return sitePages(siteDir).map((name) => {
    if (name === 'index.html') return { name, url: base + 'index.html#choose' };
    if (name === '404.html') return { name, url: base + missing };
    return { name, url: base + name };
  });
}
