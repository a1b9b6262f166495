// Preview: serves a built site under its base path as GitHub Pages would (folders by their
// index.html, 404.html for a missing address), on 127.0.0.1, until Ctrl-C or for an hour.
// Usage: node serve.mjs <site> [--published URL]

import { siteArgs } from './lib/cli.mjs';
import { serve } from './lib/server.mjs';

const { siteDir, basePath } = siteArgs(process.argv, 'node serve.mjs');
const server = await serve(siteDir, { basePath, lifetimeMs: 60 * 60 * 1000 });
console.log(`Serving ${siteDir} at ${server.base} (Ctrl-C stops it)`);
process.on('SIGINT', () => server.close().then(() => process.exit(0)));
