// A plain static file server for the built site, as GitHub Pages serves a project site: the
// site's folder is published under a sub-path (`/polyref/`), a folder is served by its
// index.html (a folder address without its final `/` is redirected to it), and a missing file gets
// the site's 404.html with status 404. No content negotiation, no server code. It listens on
// 127.0.0.1 only, on a free port, and closes by itself after `lifetimeMs` whatever happens.

import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

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
  const notFound = async (res) => {
    const page = join(root, '404.html');
    res.writeHead(404, { 'content-type': TYPES['.html'] });
    res.end((await isFile(page)) ? await readFile(page) : 'Not found');
  };
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://127.0.0.1');
      let path;
      try {
        path = decodeURIComponent(url.pathname);
      } catch {
        return notFound(res);
      }
      if (!path.startsWith(basePath)) {
        if (path === basePath.slice(0, -1)) {
          res.writeHead(301, { location: basePath + url.search });
          return res.end();
        }
        return notFound(res);
      }
      const file = normalize(join(root, path.slice(basePath.length)));
      if (file !== root && !file.startsWith(root.endsWith(sep) ? root : root + sep)) return notFound(res);
      if (await isDir(file)) {
        if (!path.endsWith('/')) {
          res.writeHead(301, { location: url.pathname + '/' + url.search });
          return res.end();
        }
        const index = join(file, 'index.html');
        if (!(await isFile(index))) return notFound(res);
        res.writeHead(200, { 'content-type': TYPES['.html'] });
        return res.end(req.method === 'HEAD' ? undefined : await readFile(index));
      }
      if (!(await isFile(file))) return notFound(res);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream' });
      res.end(req.method === 'HEAD' ? undefined : await readFile(file));
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
