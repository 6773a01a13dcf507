// Load test: the explorer with a generated model of 2,000+ graph elements; times data loading, first render and layout.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { validateModel } from '../../src/model/validate.js';
import type { RunningServer } from '../../src/server/main.js';
import { ARTIFACTS, startExplorer, waitReady, watchErrors, type ExplorerFixture } from './browser.js';
import { largeModel } from './large-model.js';

describe('graph explorer with a 2,000+ element model', () => {
  let server: RunningServer;
  let browser: Browser;

  let fixture: ExplorerFixture | undefined;

  beforeAll(async () => {
    fixture = await startExplorer(
      validateModel(largeModel({ services: 600, dependencies: 1100, parties: 120 }), 'explorer load test'),
    );
    ({ server, browser } = fixture);
  });

  afterAll(() => fixture?.close());

  it('loads, renders and lays out the whole graph without freezing the page', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const errors = watchErrors(page);
    const t0 = Date.now();
    await page.goto(`${server.url}/`);
    await waitReady(page, 120_000);
    const wallMs = Date.now() - t0;
    const t = await page.evaluate(() => ({ ...window.__weerbaar.graph.timings }));
    expect(t.elements).toBeGreaterThanOrEqual(2000);
    expect(t.visible).toBeGreaterThanOrEqual(2000);
    // Once laid out, the page answers input at once: a party switch re-lays out the narrowed graph quickly.
    const t1 = Date.now();
    await page.selectOption('#party', 'pty-0');
    await page.waitForSelector('#party-panel');
    const partySwitchMs = Date.now() - t1;
    // Panning and zooming keep frames coming (hideEdgesOnViewport / textureOnViewport for big graphs).
    const frameGapMs = await page.evaluate(async () => {
      const cy = window.__weerbaar.graph.cy;
      window.__weerbaar.store.update({ party: null });
      let worst = 0,
        last = performance.now();
      for (let i = 0; i < 20; i++) {
        cy.zoom({ level: cy.zoom() * 1.05, renderedPosition: { x: 400, y: 300 } });
        await new Promise((r) => requestAnimationFrame(r));
        const now = performance.now();
        worst = Math.max(worst, now - last);
        last = now;
      }
      return worst;
    });
    const figure = {
      ...t,
      wallMs,
      partySwitchMs,
      worstFrameWhileZoomingMs: Math.round(frameGapMs),
      chromium: await browser.version(),
    };
    writeFileSync(join(ARTIFACTS, 'explorer-large-timings.json'), `${JSON.stringify(figure, null, 2)}\n`);
    process.stderr.write(`[explorer] ${JSON.stringify(figure)}\n`);
    await page.screenshot({ path: join(ARTIFACTS, 'explorer-large.png') });
    expect(t.layoutMs).toBeLessThan(20_000);
    expect(partySwitchMs).toBeLessThan(10_000);
    expect(errors).toEqual([]);
    await page.close();
  });
});
