// How the browser tests (tests/browser/) and the site-quality gates (tests/site-quality/) start
// Chromium: the system's browser, headless, with a fresh profile and no traffic of its own.
// No dependencies, so that both npm packages import it as it is.

/** The browser when none is named: CHROMIUM, else Debian's. */
export const DEFAULT_CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

/**
 * Options for playwright-core's `chromium.launch`. Playwright gives the browser a fresh temporary
 * profile folder (--user-data-dir) and removes it when the browser closes.
 */
export function launchOptions(executablePath) {
  return {
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  };
}
