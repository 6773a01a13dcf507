// The graph explorer in real headless Chromium against a real server and Neo4j: load, party focus, overlays, risk, simulation.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { testGraph, resetGraph } from '../helpers/graph.js';
import { loadModel } from '../../src/graph/model-repository.js';
import { readModelFile } from '../../src/model/validate.js';
import { DEFAULT_MODEL } from '../../src/graph/connect.js';
import type { Graph } from '../../src/graph/graph.js';
import { printSdl } from '../../src/schema/index.js';
import type { RunningServer } from '../../src/server/main.js';
import { ARTIFACTS, launchChromium, serve, waitReady, watchErrors } from './browser.js';

// The server's own schema (the SDL the running code builds, not the checked-in file).
const SDL = printSdl();
const HAS_SIMULATION = /runSimulation\(/.test(SDL) && /simulationRun\(/.test(SDL);

describe('graph explorer on the default Dutch model', () => {
  let graph: Graph;
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    graph = await testGraph();
    await resetGraph(graph);
    await loadModel(graph, await readModelFile(DEFAULT_MODEL));
    server = await serve(graph);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    errors = watchErrors(page);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (graph) {
      await resetGraph(graph);
      await graph.close();
    }
  });

  it('loads with no console errors and draws the graph', async () => {
    await page.goto(`${server.url}/`);
    await waitReady(page);
    const counts = await page.evaluate(() => ({ nodes: window.__weerbaar.graph.cy.nodes().length, visible: window.__weerbaar.graph.cy.nodes(':visible').length, edges: window.__weerbaar.graph.cy.edges().length }));
    expect(counts.nodes).toBeGreaterThan(200);
    expect(counts.visible).toBeGreaterThan(200);
    expect(counts.edges).toBeGreaterThan(500);
    await expect(page.locator('#legend li').count()).resolves.toBeGreaterThanOrEqual(8);
    await page.screenshot({ path: join(ARTIFACTS, 'explorer-graph.png') });
    expect(errors).toEqual([]);
  });

  it('narrows the graph to a ministry’s responsibilities, holdings and operated services, and keeps it in the URL', async () => {
    const ministry = await page.evaluate(() => window.__weerbaar.graph.cy.nodes('.Party').filter((n: any) => /^Ministerie van Binnenlandse/i.test(n.data('label'))).first().id()
      || window.__weerbaar.graph.cy.nodes('.Party').first().id());
    const before = await page.evaluate(() => window.__weerbaar.graph.cy.nodes(':visible').length);
    await page.selectOption('#party', ministry);
    await page.waitForSelector('#party-panel');
    const after = await page.evaluate(() => window.__weerbaar.graph.cy.nodes(':visible').length);
    expect(after).toBeGreaterThan(3);
    expect(after).toBeLessThan(before);
    // Everything shown is the ministry itself or reachable from it by its responsibilities, holdings or operations.
    const { shown, scope } = await page.evaluate((id) => ({
      shown: window.__weerbaar.graph.cy.nodes(':visible').map((n: any) => n.id()),
      scope: [...window.__weerbaar.graph.partyScope(id)],
    }), ministry);
    for (const id of shown) expect(scope).toContain(id);
    expect(new URL(page.url()).searchParams.get('party')).toBe(ministry);
    const panel = await page.locator('#party-panel').innerText();
    expect(panel).toMatch(/Lead responsibility|Supporting role|Holds capabilities|Operates services/);
    await page.screenshot({ path: join(ARTIFACTS, 'explorer-ministry.png') });

    // The shared URL restores the same view in a fresh page.
    const again = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await again.goto(page.url());
    await waitReady(again);
    expect(await again.evaluate(() => window.__weerbaar.graph.cy.nodes(':visible').length)).toBe(after);
    await again.close();
    expect(errors).toEqual([]);
  });

  it('shows a node’s details on click, expands its neighbourhood and finds nodes by name', async () => {
    await page.selectOption('#party', '');
    await page.fill('#search', 'drinkwater');
    const hits = await page.locator('#search-results button').count();
    expect(hits).toBeGreaterThan(0);
    await page.press('#search', 'Enter');
    await page.waitForSelector('#details h2');
    const selected = await page.evaluate(() => window.__weerbaar.store.state.node);
    expect(selected).toBeTruthy();
    const visibleBefore = await page.evaluate(() => window.__weerbaar.graph.cy.nodes(':visible').length);
    await page.getByRole('button', { name: 'Expand neighbourhood' }).click();
    const visibleAfter = await page.evaluate(() => window.__weerbaar.graph.cy.nodes(':visible').length);
    expect(visibleAfter).toBeGreaterThanOrEqual(visibleBefore);
    expect(new URL(page.url()).searchParams.get('expand')).toBe(selected);
    // Clicking on the canvas node itself selects it too: wait until the view has stopped moving, then click a
    // node that no other element covers at its centre.
    await page.waitForFunction(() => {
      const cy = window.__weerbaar.graph.cy;
      return !cy.animated() && cy.nodes().every((n: any) => !n.animated());
    });
    const pos = await page.evaluate(() => {
      const cy = window.__weerbaar.graph.cy;
      const box = document.getElementById('cy')!.getBoundingClientRect();
      const inside = cy.nodes(':visible').filter((n: any) => !n.selected() && n.renderedPosition('x') > 30 && n.renderedPosition('x') < box.width - 30 && n.renderedPosition('y') > 30 && n.renderedPosition('y') < box.height - 40);
      const free = inside.filter((n: any) => {
        const p = n.position();
        const hit = cy.renderer().findNearestElement(p.x, p.y, true, false);
        return hit && hit.id() === n.id();
      });
      const n = (free.nonempty() ? free : inside).first();
      return { id: n.id(), x: box.left + n.renderedPosition('x'), y: box.top + n.renderedPosition('y') };
    });
    await page.mouse.click(pos.x, pos.y);
    await page.waitForFunction((id) => window.__weerbaar.store.state.node === id, pos.id);
    await page.screenshot({ path: join(ARTIFACTS, 'explorer-details.png') });
    expect(errors).toEqual([]);
  });

  it('overlays capability gaps from gapAnalysis in red', async () => {
    await page.goto(`${server.url}/?gaps=1`);
    await waitReady(page);
    const hasGapAnalysis = /gapAnalysis\(/.test(SDL);
    if (!hasGapAnalysis) {
      await expect(page.locator('#gap-note').innerText()).resolves.toMatch(/does not offer gapAnalysis/);
      return;
    }
    await page.waitForSelector('#gap-panel', { timeout: 30_000 });
    const gaps = await page.evaluate(() => window.__weerbaar.graph.cy.nodes('.gap').length);
    expect(gaps).toBeGreaterThan(0); // the default model has deliberate gaps (simulations/SOURCES.md)
    const onlyCapabilities = await page.evaluate(() => window.__weerbaar.graph.cy.nodes('.gap').every((n: any) => n.hasClass('Capability')));
    expect(onlyCapabilities).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'explorer-gaps.png') });
    expect(errors).toEqual([]);
  });

  it('draws the risk diagram and switches method', async () => {
    await page.goto(`${server.url}/?view=risk`);
    await waitReady(page);
    if (!/riskAssessment\(/.test(SDL)) {
      await expect(page.locator('#risk-status').innerText()).resolves.toMatch(/does not offer riskAssessment/);
      return;
    }
    await page.waitForSelector('.risk-svg .point', { timeout: 30_000 });
    const scenarios = await page.evaluate(() => window.__weerbaar.graph.cy.nodes('.Scenario').length);
    expect(await page.locator('.risk-svg .point').count()).toBe(scenarios);
    await page.screenshot({ path: join(ARTIFACTS, 'explorer-risk.png'), fullPage: true });
    const methods = await page.locator('#risk-method option').allTextContents();
    if (methods.length > 1) {
      const value = await page.locator('#risk-method option').nth(1).getAttribute('value');
      await page.selectOption('#risk-method', value!);
      await page.waitForFunction((m) => document.getElementById('risk-status')!.textContent!.includes(m), value!);
      expect(new URL(page.url()).searchParams.get('method')).toBe(value);
      expect(await page.locator('.risk-svg .point').count()).toBe(scenarios);
    }
    expect(errors).toEqual([]);
  });

  const SIMULATION_TEST = 'starts a simulation run, follows its progress and shows the cascade and impact histograms';
  it.skipIf(!HAS_SIMULATION)(HAS_SIMULATION ? SIMULATION_TEST : `${SIMULATION_TEST} (skipped: runSimulation/simulationRun not in the server’s schema yet)`, async () => {
    await page.goto(`${server.url}/?view=simulation`);
    await waitReady(page);
    const scenario = await page.locator('#sim-scenario option').first().getAttribute('value');
    await page.selectOption('#sim-scenario', scenario!);
    await page.fill('#sim-iterations', '200');
    await page.click('#sim-run');
    await page.waitForSelector('#sim-summary', { timeout: 120_000 });
    expect(await page.evaluate(() => window.__weerbaar.simulation.lastStatus)).toBe('done');
    expect(new URL(page.url()).searchParams.get('run')).toBeTruthy();
    expect(await page.locator('#sim-services tbody tr').count()).toBeGreaterThan(10);
    expect(await page.locator('#sim-impact figure').count()).toBeGreaterThan(0);
    // With result.timeline the cascade is drawn through time as well.
    const timeline = await page.locator('canvas[aria-label^="Services through time"]').count();
    process.stderr.write(`[explorer] simulation heat map through time: ${timeline ? 'yes' : 'no (result.timeline absent)'}\n`);
    await page.screenshot({ path: join(ARTIFACTS, 'explorer-simulation.png'), fullPage: true });
    expect(errors).toEqual([]);
  });
});
