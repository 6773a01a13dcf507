// Real headless Chromium (Debian's package) through playwright-core, and a real server on a free loopback port.
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Graph } from '../../src/graph/graph.js';
import { loadModel } from '../../src/graph/model-repository.js';
import type { Model } from '../../src/model/schema.js';
import type { RunningServer } from '../../src/server/main.js';
import { resetGraph, testGraph } from '../helpers/graph.js';
import { EXPLORER_DIR } from '../../src/server/http.js';
import { createWeerbaar } from '../../src/server/app.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = resolve('test-artifacts');

export function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(`no Chromium at ${CHROMIUM}: run .ci/install-browser.sh (or set CHROMIUM_PATH)`);
  if (!existsSync(resolve(EXPLORER_DIR, 'index.html')))
    throw new Error(`the explorer is not built (${EXPLORER_DIR}): run npm run build`);
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A real server on a free loopback port; with `secret`, it takes bearer tokens (anonymous callers: public items). */
export async function serve(graph: Graph, secret?: Uint8Array): Promise<RunningServer> {
  return (await createWeerbaar({ graph, auth: !!secret, secret })).listen(0, '127.0.0.1');
}

/** Collects console errors, page errors and failed requests, so a test can assert a clean page. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('requestfailed', (r) => errors.push(`requestfailed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
  page.on('request', (r) => {
    if (!r.url().startsWith('http://127.0.0.1')) errors.push(`external request: ${r.url()}`);
  });
  return errors;
}

export async function waitReady(page: Page, timeout = 60_000): Promise<void> {
  await page.waitForFunction(() => window.__weerbaar?.ready === true || !!window.__weerbaar?.error, undefined, {
    timeout,
  });
  const error = await page.evaluate(() => window.__weerbaar?.error);
  if (error) throw new Error(`explorer failed to load: ${error}`);
}

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA rules) on the page as it is and returns the violations of impact serious or
 * critical, each as "rule: target …" lines, so that a failing test names what to fix.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: any }).axe;
    const runOnly = { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] };
    const result = await axe.run(document, { runOnly });
    return result.violations
      .filter((v: any) => v.impact === 'serious' || v.impact === 'critical')
      .flatMap((v: any) =>
        v.nodes.slice(0, 5).map((n: any) => `${v.id} (${v.impact}): ${n.target.join(' ')} ${n.failureSummary ?? ''}`),
      );
  });
}

declare global {
  interface Window {
    __weerbaar?: any;
  }
}

/** What every explorer browser test starts from: a graph holding one model, a real server on it, and Chromium. */
export interface ExplorerFixture {
  graph: Graph;
  server: RunningServer;
  browser: Browser;
  /** Closes Chromium and the server, empties the graph (after `cleanUp`) and closes it. */
  close(): Promise<void>;
}

/**
 * Empties the test graph (after `cleanUp`, e.g. for nodes outside the model), loads `model`, starts a server (with
 * `secret`, it takes bearer tokens) and Chromium. If a step fails, what was started is closed again before the error
 * is thrown, so a missing browser never leaves a server or a driver behind.
 */
export async function startExplorer(
  model: Model,
  options: { secret?: Uint8Array; cleanUp?: (graph: Graph) => Promise<void> } = {},
): Promise<ExplorerFixture> {
  const graph = await testGraph();
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close();
    await server?.close();
    await options.cleanUp?.(graph);
    await resetGraph(graph);
    await graph.close();
  };
  try {
    await options.cleanUp?.(graph);
    await resetGraph(graph);
    await loadModel(graph, model);
    server = await serve(graph, options.secret);
    browser = await launchChromium();
    return { graph, server, browser, close };
  } catch (e) {
    await close().catch(() => {});
    throw e;
  }
}
