// A plain static file server for the built site, as GitHub Pages serves a project site: the
// site's folder is published under a sub-path (`/polyref/`), a folder is served by its
// index.html (a folder address without its final `/` is redirected to it), a missing file gets
// the site's 404.html with status 404, and text is sent gzip-compressed to a client that accepts it
// (RFC 9110 §8.4.1), as GitHub Pages sends it. No content negotiation of languages, no server code.
// It listens on 127.0.0.1 only, on a free port, and closes by itself after `lifetimeMs`.

import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

const COMPRESSED = /^(text\/|application\/(json|xml)|image\/svg)/;

/** Sends `body`, gzipped when the type is text and the client accepts gzip. */
function send(req, res, status, type, body) {
  const headers = { 'content-type': type };
  if (COMPRESSED.test(type)) {
    headers.vary = 'Accept-Encoding';
    if (/\bgzip\b/.test(req.headers['accept-encoding'] || '')) {
      body = gzipSync(body);
      headers['content-encoding'] = 'gzip';
    }
  }
  headers['content-length'] = body.length;
  res.writeHead(status, headers);
  res.end(req.method === 'HEAD' ? undefined : body);
}

async function isFile(path) {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

async function isDir(path) {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Serves `siteDir` under `basePath` (starting and ending with `/`). Resolves to
 * `{ origin, base, close }`, `base` being the site's root URL (`http://127.0.0.1:PORT/polyref/`).
 */
export async function serve(siteDir, { basePath = '/polyref/', lifetimeMs = 10 * 60 * 1000 } = {}) {
  const root = normalize(siteDir);
  const server = createServer(async (req, res) => {
    const notFound = async () => {
      const page = join(root, '404.html');
      send(req, res, 404, TYPES['.html'], (await isFile(page)) ? await readFile(page) : Buffer.from('Not found'));
    };
    try {
      const url = new URL(req.url, 'http://127.0.0.1');
      let path;
      try {
        path = decodeURIComponent(url.pathname);
      } catch {
        return notFound();
      }
      if (!path.startsWith(basePath)) {
        if (path === basePath.slice(0, -1)) {
          res.writeHead(301, { location: basePath + url.search });
          return res.end();
        }
        return notFound();
      }
      const file = normalize(join(root, path.slice(basePath.length)));
      if (file !== root && !file.startsWith(root.endsWith(sep) ? root : root + sep)) return notFound();
      if (await isDir(file)) {
        if (!path.endsWith('/')) {
          res.writeHead(301, { location: url.pathname + '/' + url.search });
          return res.end();
        }
        const index = join(file, 'index.html');
        if (!(await isFile(index))) return notFound();
        return send(req, res, 200, TYPES['.html'], await readFile(index));
      }
      if (!(await isFile(file))) return notFound();
      send(req, res, 200, TYPES[extname(file)] || 'application/octet-stream', await readFile(file));
    } catch (err) {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(err));
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const timer = setTimeout(() => server.close(), lifetimeMs);
  timer.unref();
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    base: origin + basePath,
    close: () =>
      new Promise((resolve) => {
        clearTimeout(timer);
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
