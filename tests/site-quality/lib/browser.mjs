// Headless Chromium for the gates, driven by playwright-core. The browser is the system's
// (CHROMIUM, else /usr/bin/chromium); when it is missing the gates fail, they never skip.

import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { DEFAULT_CHROMIUM as CHROMIUM, launchOptions } from '../../chromium.mjs';

/** Starts headless Chromium with a fresh profile and no traffic of its own. */
export async function launch() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is not at ${CHROMIUM}: install it (apt-get install chromium) or set CHROMIUM`);
  }
  return chromium.launch(launchOptions(CHROMIUM));
}

/**
 * Keeps `context` on the machine: a request to any other origin than `origin` is recorded by the
 * page's listeners and then aborted before it leaves (no lookup, no connection).
 */
export async function confine(context, origin) {
  await context.route(
    (url) => url.origin !== origin && url.protocol !== 'data:',
    (route) => route.abort('blockedbyclient'),
  );
}
