// What a page refers to and what it can be linked to, read with a real HTML parser (parse5,
// which follows the HTML Standard's parsing algorithm).

import { parse } from 'parse5';

/** Every element of the document, depth first, with its attributes as an object. */
function* elements(node) {
  for (const child of node.childNodes || []) {
    if (child.tagName) {
      const attrs = Object.fromEntries(child.attrs.map((a) => [a.name, a.value]));
      yield { tag: child.tagName, attrs, node: child };
    }
    if (child.content) yield* elements(child.content); // <template>
    yield* elements(child);
  }
}

/** URLs in a `srcset` attribute (HTML Standard §4.8.4.2.1, without descriptors). */
function srcset(value) {
  return value
    .split(',')
    .map((c) => c.trim().split(/\s+/)[0])
    .filter(Boolean);
}

/**
 * The references of an HTML document: `{ links, ids }`. Each link is `{ url, kind, tag }` where
 * kind is `navigation` (a, area), `resource` (stylesheet, script, image… fetched by the page),
 * or `metadata` (canonical, alternate, og:url: absolute URLs of the published site). `ids` are
 * the document's fragment targets: every id, and the name of every `a` (HTML Standard §7.4.6.4).
 */
export function references(html) {
  const doc = parse(html);
  const links = [];
  const ids = new Set();
  const duplicateIds = new Set();
  const add = (url, kind, tag) => {
    if (url !== undefined && url.trim() !== '') links.push({ url: url.trim(), kind, tag });
  };
  for (const { tag, attrs } of elements(doc)) {
    if (attrs.id !== undefined) {
      if (ids.has(attrs.id)) duplicateIds.add(attrs.id);
      ids.add(attrs.id);
    }
    if (tag === 'a' && attrs.name) ids.add(attrs.name);
    switch (tag) {
      case 'a':
      case 'area':
        add(attrs.href, 'navigation', tag);
        break;
      case 'link': {
        const rel = (attrs.rel || '').toLowerCase().split(/\s+/);
        const meta = rel.includes('canonical') || rel.includes('alternate');
        add(attrs.href, meta ? 'metadata' : 'resource', `link rel=${attrs.rel}`);
        break;
      }
      case 'script':
      case 'iframe':
      case 'embed':
      case 'audio':
      case 'video':
      case 'track':
        add(attrs.src, 'resource', tag);
        if (attrs.poster) add(attrs.poster, 'resource', tag);
        break;
      case 'img':
      case 'source':
      case 'input':
        add(attrs.src, 'resource', tag);
        if (attrs.srcset) for (const u of srcset(attrs.srcset)) add(u, 'resource', tag);
        break;
      case 'object':
        add(attrs.data, 'resource', tag);
        break;
      case 'form':
        add(attrs.action, 'navigation', tag);
        break;
      case 'meta': {
        const property = (attrs.property || '').toLowerCase();
        if (property === 'og:url' || property === 'og:image') add(attrs.content, 'metadata', `meta ${property}`);
        if ((attrs['http-equiv'] || '').toLowerCase() === 'refresh') {
          const m = /url\s*=\s*['"]?([^'"]+)/i.exec(attrs.content || '');
          if (m) add(m[1], 'navigation', 'meta refresh');
        }
        break;
      }
      default:
        break;
    }
  }
  return { links, ids, duplicateIds };
}

/** URLs a stylesheet loads: `url(…)` and `@import "…"`. */
export function cssReferences(css) {
  const out = [];
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '');
  for (const m of text.matchAll(/url\(\s*(['"]?)([^'")]+)\1\s*\)/g)) out.push(m[2]);
  for (const m of text.matchAll(/@import\s+(['"])([^'"]+)\1/g)) out.push(m[2]);
  return out.filter((u) => !u.startsWith('data:'));
}

/** The `Sitemap:` URLs of a robots.txt (RFC 9309 §2.2.4). */
export function robotsSitemaps(text) {
  return [...text.matchAll(/^\s*sitemap\s*:\s*(\S+)/gim)].map((m) => m[1]);
}

/** The `loc` and `xhtml:link href` URLs of a sitemap (Sitemaps protocol 0.9). */
export function sitemapUrls(xml) {
  const unescape = (s) =>
    s
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&');
  const locs = [...xml.matchAll(/<loc>\s*([^<]+?)\s*<\/loc>/g)].map((m) => unescape(m[1]));
  const alternates = [...xml.matchAll(/<xhtml:link\b[^>]*\bhref="([^"]+)"/g)].map((m) => unescape(m[1]));
  return { locs, alternates };
}
