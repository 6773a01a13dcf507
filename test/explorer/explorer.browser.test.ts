// The graph explorer in real headless Chromium against a real server and Neo4j: load, language, party focus, overlays,
// risk, simulation over server-sent events, accessibility (axe-core, keyboard) and sign-in with a token.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { readModelFile } from '../../src/model/validate.js';
import { DEFAULT_MODEL } from '../../src/graph/connect.js';
import type { Graph } from '../../src/graph/graph.js';
import type { RunningServer } from '../../src/server/main.js';
import { issueToken } from '../../src/server/auth.js';
import {
  ARTIFACTS,
  axeViolations,
  serve,
  startExplorer,
  waitReady,
  watchErrors,
  type ExplorerFixture,
} from './browser.js';

describe('graph explorer on the default Dutch model', () => {
  let graph: Graph;
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let errors: string[];

  let fixture: ExplorerFixture | undefined;

  beforeAll(async () => {
    fixture = await startExplorer(await readModelFile(DEFAULT_MODEL));
    ({ graph, server, browser } = fixture);
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    errors = watchErrors(page);
  });

  afterAll(() => fixture?.close());

  it('loads with no console errors and draws the graph', async () => {
    await page.goto(`${server.url}/`);
    await waitReady(page);
    const counts = await page.evaluate(() => ({
      nodes: window.__weerbaar.graph.cy.nodes().length,
      visible: window.__weerbaar.graph.cy.nodes(':visible').length,
      edges: window.__weerbaar.graph.cy.edges().length,
    }));
    expect(counts.nodes).toBeGreaterThan(200);
    expect(counts.visible).toBeGreaterThan(200);
    expect(counts.edges).toBeGreaterThan(500);
    await expect(page.locator('#legend li').count()).resolves.toBeGreaterThanOrEqual(8);
    // Dutch by default, and the table equivalent of the canvas lists the same nodes.
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('nl');
    await expect(page.locator('#tab-graph').innerText()).resolves.toBe('Graaf');
    await page.click('#graph-table summary');
    await page.waitForSelector('#graph-table-body tr');
    expect(await page.locator('#graph-table-body tr').count()).toBe(Math.min(400, counts.visible));
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'explorer-graph.png') });
    expect(errors).toEqual([]);
  });

  it('switches to English by a link that keeps the view in the URL, and back', async () => {
    const p = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const errs = watchErrors(p);
    await p.goto(`${server.url}/?party=min-bzk&gaps=1`);
    await waitReady(p);
    await p.waitForSelector('#gap-panel', { timeout: 30_000 });
    await expect(p.locator('#lang-switch').innerText()).resolves.toBe('English');
    await expect(p.locator('#gap-panel h2').innerText()).resolves.toBe('Capaciteitstekorten');
    const edgesNl = await p.evaluate(() => window.__weerbaar.graph.cy.edges().length);
    await expect(p.locator('#graph-count').innerText()).resolves.toContain(edgesNl.toLocaleString('nl-NL'));
    await Promise.all([p.waitForEvent('load'), p.click('#lang-switch')]);
    await waitReady(p);
    await p.waitForSelector('#gap-panel', { timeout: 30_000 });
    const url = new URL(p.url());
    expect(url.searchParams.get('lang')).toBe('en');
    expect(url.searchParams.get('party')).toBe('min-bzk');
    expect(url.searchParams.get('gaps')).toBe('1');
    expect(await p.evaluate(() => document.documentElement.lang)).toBe('en');
    await expect(p.locator('#tab-graph').innerText()).resolves.toBe('Graph');
    await expect(p.locator('#gap-panel h2').innerText()).resolves.toBe('Capability gaps');
    // Numbers follow the language: 1.234 in Dutch, 1,234 in English (the count line has the total edges).
    const edges = await p.evaluate(() => window.__weerbaar.graph.cy.edges().length);
    expect(edges).toBeGreaterThan(999);
    await expect(p.locator('#graph-count').innerText()).resolves.toContain(edges.toLocaleString('en-GB'));
    // The link back to Dutch keeps the view and drops lang (Dutch is the default).
    const back = new URL((await p.locator('#lang-switch').getAttribute('href')) ?? '', p.url());
    expect(back.searchParams.get('lang')).toBeNull();
    expect(back.searchParams.get('party')).toBe('min-bzk');
    await expect(p.locator('#lang-switch').innerText()).resolves.toBe('Nederlands');
    expect(errs).toEqual([]);
    await p.close();
  });

  it(
    'narrows the graph to a ministry’s responsibilities, holdings and operated services, ' + 'and keeps it in the URL',
    async () => {
      const ministry = await page.evaluate(
        () =>
          window.__weerbaar.graph.cy
            .nodes('.Party')
            .filter((n: any) => /^Ministerie van Binnenlandse/i.test(n.data('label')))
            .first()
            .id() || window.__weerbaar.graph.cy.nodes('.Party').first().id(),
      );
      const before = await page.evaluate(() => window.__weerbaar.graph.cy.nodes(':visible').length);
      await page.selectOption('#party', ministry);
      await page.waitForSelector('#party-panel');
      const after = await page.evaluate(() => window.__weerbaar.graph.cy.nodes(':visible').length);
      expect(after).toBeGreaterThan(3);
      expect(after).toBeLessThan(before);
      // Everything shown is the ministry itself or reachable from it by its responsibilities, holdings or operations.
      const { shown, scope } = await page.evaluate(
        (id) => ({
          shown: window.__weerbaar.graph.cy.nodes(':visible').map((n: any) => n.id()),
          scope: [...window.__weerbaar.graph.partyScope(id)],
        }),
        ministry,
      );
      for (const id of shown) expect(scope).toContain(id);
      expect(new URL(page.url()).searchParams.get('party')).toBe(ministry);
      const panel = await page.locator('#party-panel').innerText();
      expect(panel).toMatch(/Eerstverantwoordelijk|Ondersteunende rol|Beschikt over capaciteiten|Levert diensten/);
      expect(await axeViolations(page)).toEqual([]);
      await page.screenshot({ path: join(ARTIFACTS, 'explorer-ministry.png') });

      // The shared URL restores the same view in a fresh page.
      const again = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      await again.goto(page.url());
      await waitReady(again);
      expect(await again.evaluate(() => window.__weerbaar.graph.cy.nodes(':visible').length)).toBe(after);
      await again.close();
      expect(errors).toEqual([]);
    },
  );

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
    await page.getByRole('button', { name: 'Omgeving uitklappen' }).click();
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
      const inside = cy
        .nodes(':visible')
        .filter(
          (n: any) =>
            !n.selected() &&
            n.renderedPosition('x') > 30 &&
            n.renderedPosition('x') < box.width - 30 &&
            n.renderedPosition('y') > 30 &&
            n.renderedPosition('y') < box.height - 40,
        );
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

  it('chooses a party and a node by keyboard alone, with visible focus', async () => {
    await page.goto(`${server.url}/`);
    await waitReady(page);
    await page.focus('#search');
    await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('party');
    await page.keyboard.press('ArrowDown');
    await page.waitForSelector('#party-panel');
    const party = await page.evaluate(() => window.__weerbaar.store.state.party);
    expect(party).toBeTruthy();
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe('none');
    // Tab from the party list into the side panel's first item, and Enter selects that node.
    let id: string | null = null;
    for (let i = 0; i < 60 && !id; i++) {
      await page.keyboard.press('Tab');
      id = await page.evaluate(() => (document.activeElement?.closest('#party-panel button.item') ? 'yes' : null));
    }
    expect(id).toBe('yes');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#details h2');
    expect(await page.evaluate(() => window.__weerbaar.store.state.node)).toBeTruthy();
    expect(errors).toEqual([]);
  });

  it('overlays capability gaps from gapAnalysis in red', async () => {
    await page.goto(`${server.url}/?gaps=1`);
    await waitReady(page);
    await page.waitForSelector('#gap-panel', { timeout: 30_000 });
    const gaps = await page.evaluate(() => window.__weerbaar.graph.cy.nodes('.gap').length);
    expect(gaps).toBeGreaterThan(0); // the default model has deliberate gaps (simulations/SOURCES.md)
    const onlyCapabilities = await page.evaluate(() =>
      window.__weerbaar.graph.cy.nodes('.gap').every((n: any) => n.hasClass('Capability')),
    );
    expect(onlyCapabilities).toBe(true);
    // Not by colour alone: the table equivalent marks the same capabilities in words.
    await page.click('#graph-table summary');
    await page.waitForSelector('#graph-table-body tr');
    const marked = await page.locator('#graph-table-body .mark.gap').count();
    const visibleGaps = await page.evaluate(() => window.__weerbaar.graph.cy.nodes('.gap:visible').length);
    expect(marked).toBe(visibleGaps);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'explorer-gaps.png') });
    expect(errors).toEqual([]);
  });

  it('draws the risk diagram and switches method', async () => {
    await page.goto(`${server.url}/?view=risk`);
    await waitReady(page);
    await page.waitForSelector('.risk-svg .point', { timeout: 30_000 });
    const scenarios = await page.evaluate(() => window.__weerbaar.graph.cy.nodes('.Scenario').length);
    expect(await page.locator('.risk-svg .point').count()).toBe(scenarios);
    expect(await page.locator('#risk-table tbody tr').count()).toBe(scenarios);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'explorer-risk.png'), fullPage: true });
    expect(await page.locator('#risk-method option').allTextContents()).toEqual(['Gewogen som', 'Medaillemethode']);
    await page.selectOption('#risk-method', 'MEDAL');
    await page.waitForFunction(() => document.getElementById('risk-status')!.textContent!.includes('Medaillemethode'));
    expect(new URL(page.url()).searchParams.get('method')).toBe('MEDAL');
    expect(await page.locator('.risk-svg .point').count()).toBe(scenarios);
    expect(errors).toEqual([]);
  });

  it('opens a scenario from the risk diagram by keyboard alone', async () => {
    // The last control before the diagram is the horizon filter's last box.
    await page.focus('#risk-horizon-long');
    await page.keyboard.press('Tab');
    const id = await page.evaluate(() => {
      const el = document.activeElement as Element | null;
      return el?.matches('.risk-svg .point') ? el.getAttribute('aria-label') : null;
    });
    expect(id).toBeTruthy();
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      () => window.__weerbaar.store.state.view === 'graph' && !!window.__weerbaar.store.state.node,
    );
    const node = await page.evaluate(() => window.__weerbaar.store.state.node);
    expect(id).toContain(await page.evaluate((n) => window.__weerbaar.graph.cy.getElementById(n).data('label'), node));
    expect(errors).toEqual([]);
  });

  it('starts a simulation run, follows it over the simulationProgress subscription and shows the result', async () => {
    const requests: { accept: string; body: string }[] = [];
    const record = (r: import('playwright-core').Request) => {
      if (r.url().endsWith('/graphql')) requests.push({ accept: r.headers().accept ?? '', body: r.postData() ?? '' });
    };
    page.on('request', record);
    await page.goto(`${server.url}/?view=simulation`);
    await waitReady(page);
    const scenario = await page.locator('#sim-scenario option').first().getAttribute('value');
    await page.selectOption('#sim-scenario', scenario!);
    await page.fill('#sim-iterations', '200');
    await page.click('#sim-run');
    await page.waitForSelector('#sim-summary', { timeout: 120_000 });
    page.off('request', record);
    const sim = await page.evaluate(() => ({
      status: window.__weerbaar.simulation.lastStatus,
      events: window.__weerbaar.simulation.events,
    }));
    expect(sim.status).toBe('done');
    expect(sim.events).toBeGreaterThanOrEqual(2); // the run's state when subscribed, then at least the end
    // Progress came over server-sent events; the run itself was read once, for its result (no polling).
    const streams = requests.filter((r) => r.accept === 'text/event-stream');
    expect(streams).toHaveLength(1);
    expect(streams[0]!.body).toContain('simulationProgress');
    expect(requests.filter((r) => r.body.includes('simulationRun(')).length).toBe(1);
    expect(new URL(page.url()).searchParams.get('run')).toBeTruthy();
    expect(await page.locator('#sim-services tbody tr').count()).toBeGreaterThan(10);
    expect(await page.locator('#sim-impact figure').count()).toBeGreaterThan(0);
    expect(await page.locator('canvas[data-series="sim.servicesThroughTime"]').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'explorer-simulation.png'), fullPage: true });
    expect(errors).toEqual([]);
  });

  it(
    'signs in with a party token, sees restricted items an anonymous user does not, and ' + 'edits its own holding',
    async () => {
      const secret = new TextEncoder().encode('explorer browser test secret, 32+ characters');
      const authServer = await serve(graph, secret);
      const p = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      const errs = watchErrors(p);
      const shows = (id: string) => p.evaluate((x) => window.__weerbaar.graph.cy.getElementById(x).nonempty(), id);
      const cap = 'cap-intelligence-analysis'; // restricted, owned and held by the AIVD (simulations/nederland.json)
      try {
        await p.goto(`${authServer.url}/?party=aivd&gaps=1&kinds=Capability`);
        await waitReady(p);
        expect(await shows(cap)).toBe(false);
        expect(await shows('cap-usar')).toBe(true);
        await expect(p.locator('#who').innerText()).resolves.toMatch(/Niet ingelogd/);
        await p.click('#signin-toggle');
        // A token of another server is refused, and the page stays anonymous.
        const foreign = await issueToken(new TextEncoder().encode('another secret that is 32+ characters long'), {
          subject: 'x',
          role: 'viewer',
        });
        await p.fill('#signin-token', foreign);
        await p.click('#signin-submit');
        // The refusal arrives with the server's answer: wait for it instead of reading the text at once.
        await expect.poll(() => p.locator('#signin-error').innerText(), { timeout: 30_000 }).toMatch(/token: invalid/);
        expect(await axeViolations(p)).toEqual([]);
        const token = await issueToken(secret, { subject: 'planner-aivd', role: 'planner', party: 'aivd' });
        await p.fill('#signin-token', token);
        await p.waitForSelector('#gap-panel', { timeout: 30_000 }); // the reload below would abort the gap analysis
        await Promise.all([p.waitForEvent('load'), p.click('#signin-submit')]);
        await waitReady(p);
        expect(await shows(cap)).toBe(true);
        await expect(p.locator('#who').innerText()).resolves.toBe(
          'Ingelogd als planner-aivd · rol planner · partij aivd',
        );

        // The planner edits its holding with a reason; the gap overlay follows and the history shows who and why.
        await p.waitForSelector('#gap-panel', { timeout: 30_000 });
        expect(await p.evaluate((id) => window.__weerbaar.graph.cy.getElementById(id).hasClass('gap'), cap)).toBe(
          false,
        );
        await p.getByRole('button', { name: 'Capaciteit Inlichtingenanalyse bewerken' }).click();
        await p.fill(`#holding-${cap}-capacity`, '0');
        await p.fill(`#holding-${cap}-reason`, 'Analisten ingezet voor een andere operatie');
        expect(await axeViolations(p)).toEqual([]);
        await p.click(`#holding-${cap} button[type=submit]`);
        await p.waitForFunction((id) => window.__weerbaar.graph.cy.getElementById(id).hasClass('gap'), cap, {
          timeout: 30_000,
        });
        await expect(p.locator('#gap-panel').innerText()).resolves.toContain('Inlichtingenanalyse');
        await p.getByRole('button', { name: 'Geschiedenis van capaciteit Inlichtingenanalyse' }).click();
        const history = p.locator(`#holding-${cap} .holding-history li`).first();
        await expect(history.innerText()).resolves.toMatch(
          /planner-aivd \(planner\) · bijgewerkt[\s\S]*omvang 0[\s\S]*Analisten ingezet/,
        );

        await Promise.all([p.waitForEvent('load'), p.click('#signin-toggle')]); // sign out
        await waitReady(p);
        expect(await shows(cap)).toBe(false);
        // The one refused request is the foreign token's 401, logged by the browser.
        expect(errs.filter((e) => !/status of 401/.test(e))).toEqual([]);
      } finally {
        await p.close();
        await authServer.close();
      }
    },
  );
});
