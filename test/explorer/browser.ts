// Real headless Chromium (Debian's package) through playwright-core, and a real server on a free loopback port.
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Graph } from '../../src/graph/graph.js';
import type { RunningServer } from '../../src/server/main.js';
import { EXPLORER_DIR } from '../../src/server/http.js';
import { createWeerbaar } from '../../src/server/app.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = resolve('test-artifacts');

export function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: run .ci/install-browser.sh (or set CHROMIUM_PATH)`);
  if (!existsSync(resolve(EXPLORER_DIR, 'index.html'))) throw new Error(`the explorer is not built (${EXPLORER_DIR}): run npm run build`);
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export async function serve(graph: Graph): Promise<RunningServer> {
  return (await createWeerbaar({ graph, auth: false })).listen(0, '127.0.0.1');
}

/** Collects console errors, page errors and failed requests, so a test can assert a clean page. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('requestfailed', (r) => errors.push(`requestfailed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
  page.on('request', (r) => { if (!r.url().startsWith('http://127.0.0.1')) errors.push(`external request: ${r.url()}`); });
  return errors;
}

export async function waitReady(page: Page, timeout = 60_000): Promise<void> {
  await page.waitForFunction(() => window.__weerbaar?.ready === true || !!window.__weerbaar?.error, undefined, { timeout });
  const error = await page.evaluate(() => window.__weerbaar?.error);
  if (error) throw new Error(`explorer failed to load: ${error}`);
}

declare global {
  interface Window { __weerbaar?: any }
}
