// The crawler: serves the site under its base path and follows, from the root, every link,
// asset and #anchor of every page — plus robots.txt, the sitemap it names, and the 404 page as the
// host serves it at a missing address. Links in the published site's absolute form (canonical,
// hreflang, sitemap, og:url) are checked against the local copy; other sites' links are listed,
// never fetched.

import { serve } from './server.mjs';
import { references, cssReferences, robotsSitemaps, sitemapUrls } from './html.mjs';
import { sitePages } from './cli.mjs';

/** A deep address where the site has no page: the host answers with 404.html. */
export const MISSING = 'de/web/api/no-such-page/';

/**
 * Crawls `siteDir` served under the path of `published`. Resolves to
 * `{ pages, checked, anchors, external, problems }`.
 */
export async function crawl({ siteDir, published }) {
  const basePath = new URL(published).pathname;
  const server = await serve(siteDir, { basePath });
  const problems = [];
  const external = new Map(); // url → first page linking to it
  const docs = new Map(); // local URL without fragment → Promise of the fetched document
  const queue = []; // fetched documents whose references are still to be checked
  let checked = 0;
  let anchors = 0;
  const show = (u) => (u.startsWith(server.origin) ? u.slice(server.origin.length) : u);
  const toLocal = (u) => (u.startsWith(published) ? server.base + u.slice(published.length) : u);

  // Fetches a local URL once and reads what it refers to.
  function fetchDoc(url) {
    if (!docs.has(url)) {
      docs.set(
        url,
        (async () => {
          const res = await fetch(url, { redirect: 'follow' });
          const type = res.headers.get('content-type') || '';
          const body = await res.text();
          const doc = { url: res.url, status: res.status, type, ids: new Set(), refs: [] };
          if (res.status !== 200) return doc;
          if (type.startsWith('text/html')) {
            const { links, ids, duplicateIds } = references(body);
            doc.ids = ids;
            doc.refs = links;
            for (const id of duplicateIds) problems.push(`${show(doc.url)}: the id "${id}" is used more than once`);
          } else if (type.startsWith('text/css')) {
            doc.refs = cssReferences(body).map((url) => ({ url, kind: 'resource', tag: 'css url()' }));
          } else if (doc.url.endsWith('/robots.txt')) {
            const maps = robotsSitemaps(body);
            if (maps.length === 0) problems.push(`${show(doc.url)}: names no sitemap`);
            doc.refs = maps.map((url) => ({ url, kind: 'metadata', tag: 'Sitemap:' }));
          } else if (new URL(doc.url).pathname.endsWith('.xml')) {
            const { locs, alternates } = sitemapUrls(body);
            if (locs.length === 0) problems.push(`${show(doc.url)}: lists no page`);
            doc.refs = [
              ...locs.map((url) => ({ url, kind: 'metadata', tag: '<loc>' })),
              ...alternates.map((url) => ({ url, kind: 'metadata', tag: 'xhtml:link' })),
            ];
          }
          queue.push(doc);
          return doc;
        })(),
      );
    }
    return docs.get(url);
  }

  // Checks one reference `raw` found in the document `here` (at `here.url`).
  async function check(here, { url: raw, kind, tag }) {
    const from = here.url;
    let url;
    try {
      url = new URL(toLocal(raw), from);
    } catch {
      problems.push(`${show(from)}: ${tag} "${raw}" is not a valid URL`);
      return;
    }
    if (!['http:', 'https:'].includes(url.protocol) || url.origin !== server.origin) {
      if (kind === 'resource') problems.push(`${show(from)}: ${tag} loads "${raw}" from outside the site`);
      else if (kind === 'metadata') problems.push(`${show(from)}: ${tag} "${raw}" is not under ${published}`);
      else if (!external.has(url.href)) external.set(url.href, show(from));
      return;
    }
    if (!url.pathname.startsWith(basePath)) {
      problems.push(`${show(from)}: ${tag} "${raw}" leaves the base path ${basePath} (→ ${url.pathname})`);
      return;
    }
    const fragment = url.hash ? decodeURIComponent(url.hash.slice(1)) : '';
    url.hash = '';
    checked++;
    // A link into the same document needs no fetch (the 404 page is at an address that answers
    // 404); a folder is its index.html, as the host serves it.
    const same = url.href === new URL(from).href.replace(/#.*$/, '');
    const key = url.pathname.endsWith('/') ? url.href + 'index.html' : url.href;
    const doc = same ? { ...here, status: 200 } : await fetchDoc(key);
    if (doc.status !== 200) {
      problems.push(`${show(from)}: ${tag} "${raw}" → ${show(url.href)} answers ${doc.status}`);
    } else if (fragment && fragment !== 'top') {
      // HTML Standard §7.4.6.4: the fragment names an element by id (or an `a` by name); "top"
      // is the top of the document.
      anchors++;
      if (!doc.type.startsWith('text/html')) {
        problems.push(`${show(from)}: "${raw}" has an #anchor, but ${show(url.href)} is not HTML`);
      } else if (!doc.ids.has(fragment)) {
        problems.push(`${show(from)}: "${raw}": there is no id "${fragment}" in ${show(url.href)}`);
      }
    }
  }

  try {
    for (const [path, what] of [['index.html', 'the root page'], ['robots.txt', 'robots.txt']]) {
      const doc = await fetchDoc(server.base + path);
      if (doc.status !== 200) problems.push(`${show(server.base + path)}: ${what} answers ${doc.status}`);
    }
    // At a missing (deep) address the host answers 404 with the site's 404.html, whose links must
    // work from there.
    const missing = server.base + MISSING;
    const res = await fetch(missing);
    const body = await res.text();
    if (res.status !== 404 || !body.includes('data-not-found')) {
      problems.push(`${show(missing)}: a missing address answers ${res.status} without the site's 404 page`);
    } else {
      const { links, ids, duplicateIds } = references(body);
      for (const id of duplicateIds) problems.push(`${show(missing)}: the id "${id}" is used more than once`);
      const page = { url: missing, type: 'text/html', ids };
      for (const ref of links) await check(page, ref);
    }
    while (queue.length) {
      const doc = queue.shift();
      for (const ref of doc.refs) await check(doc, ref);
    }
    // Every page of every locale is reachable by following links.
    const reached = new Set();
    for (const p of docs.values()) {
      const doc = await p;
      if (doc.status === 200) reached.add(decodeURIComponent(new URL(doc.url).pathname));
    }
    const pages = sitePages(siteDir).filter((f) => f !== '404.html');
    for (const page of pages) {
      const path = basePath + page;
      const folder = path.endsWith('index.html') ? path.slice(0, -'index.html'.length) : null;
      if (!reached.has(path) && !(folder !== null && reached.has(folder))) {
        problems.push(`${page} is not reachable by following links from the root`);
      }
    }
    return { pages: pages.length + 1, checked, anchors, external: [...external], problems };
  } finally {
    await server.close();
  }
}
