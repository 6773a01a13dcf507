// The explorer's map of the safety regions and the risk diagram's horizons, in real headless Chromium against a real
// server and Neo4j with the default model; numbers are checked against the API's own answers.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { readModelFile } from '../../src/model/validate.js';
import { DEFAULT_MODEL } from '../../src/graph/connect.js';
import type { RunningServer } from '../../src/server/main.js';
import { ARTIFACTS, axeViolations, startExplorer, waitReady, watchErrors, type ExplorerFixture } from './browser.js';

/** A number as the page writes it in Dutch (src/explorer/i18n.ts fmt). */
const nl = (n: number) =>
  new Intl.NumberFormat('nl-NL', { maximumFractionDigits: Math.abs(n) >= 1000 ? 0 : 2 }).format(n);

/** The fill of each marker state (src/explorer/map-view.ts), to read the drawn map back. */
const FILL: Record<string, string> = {
  short: '#d55e00',
  covered: '#009e73',
  inTime: '#0072b2',
  late: '#e69f00',
  none: '#999999',
};

interface Balance {
  capability: { id: string };
  scenario: { id: string } | null;
  required: number;
  available: number;
  shortfall: number;
  holders: { available: number; counted: boolean; region: { id: string } | null }[];
  regions: { region: { id: string }; available: number }[];
}

describe('map of the safety regions and horizons in the risk diagram', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let errors: string[];

  const api = async <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const res = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data: T; errors?: { message: string }[] };
    if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join('; '));
    return body.data;
  };

  const gaps = (scenario: string, withinHours: number | null) =>
    api<{ gapAnalysis: { balance: Balance[] } }>(
      `query ($s: [ID!], $w: Float) { gapAnalysis(scenarioIds: $s, withinHours: $w) { balance {
        capability { id } scenario { id } required available shortfall
        holders { available counted region { id } }
        regions { region { id } available } } } }`,
      { s: [scenario], w: withinHours },
    ).then((d) => d.gapAnalysis.balance);

  /** The table's rows as { region id → cells }. */
  const tableRows = () =>
    page.$$eval('#map-table tbody tr', (trs) =>
      trs.map((tr) => ({
        region: tr.getAttribute('data-region'),
        cells: [...tr.querySelectorAll('th, td')].map((c) => c.textContent ?? ''),
      })),
    );

  /** Waits until the map is drawn for this scenario, limit and capability (any, where not given). */
  const mapDrawn = (scenario?: string, within?: number | null, capability?: string) =>
    page.waitForFunction(
      ([s, w, c]) => {
        const drawn = window.__weerbaar?.map?.drawn as string | null | undefined;
        if (!drawn) return false;
        const [ds, dw, dc] = JSON.parse(drawn) as [string, number | null, string];
        return (s === undefined || ds === s) && (w === undefined || dw === w) && (c === undefined || dc === c);
      },
      [scenario, within, capability] as const,
    );

  let fixture: ExplorerFixture | undefined;

  beforeAll(async () => {
    fixture = await startExplorer(await readModelFile(DEFAULT_MODEL));
    ({ server, browser } = fixture);
    page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    errors = watchErrors(page);
  });

  afterAll(() => fixture?.close());

  it('draws one marker per safety region of the default model, and a table row for each', async () => {
    const { regions } = await api<{ regions: { edges: { node: { id: string } }[] } }>(
      '{ regions(first: 100) { edges { node { id } } } }',
    );
    expect(regions.edges).toHaveLength(25);
    await page.goto(`${server.url}/?view=map`);
    await waitReady(page);
    await mapDrawn();
    await expect(page.locator('#tab-map').innerText()).resolves.toBe('Kaart');
    // The markers are the symbols of the layer named "markers" (the legend's symbols are not).
    await expect(page.locator('#map-chart g.mark-symbol.markers_marks path').count()).resolves.toBe(25);
    // The outline of the country is drawn beneath them.
    await expect(page.locator('#map-chart g.mark-shape path').count()).resolves.toBe(1);
    const rows = await tableRows();
    const ids = rows.map((r) => r.region).filter((r) => r !== 'elsewhere');
    expect(ids.sort()).toEqual(regions.edges.map((e) => e.node.id).sort());
    expect(errors).toEqual([]);
  });

  it(
    'shows the shortfall in the affected region for a scenario and a small arrival ' + 'limit, as the API says',
    async () => {
      const scenario = 'sc-nuclear-accident'; // hits vr-zeeland only
      await page.goto(`${server.url}/?view=map`);
      await waitReady(page);
      await mapDrawn();
      await page.selectOption('#map-scenario', scenario);
      await page.fill('#map-within', '1');
      await page.dispatchEvent('#map-within', 'change');
      await mapDrawn(scenario, 1);

      const balance = await gaps(scenario, 1);
      const needed = balance.filter((b) => b.required > 0 && b.scenario?.id === scenario);
      const short = needed.filter((b) => b.shortfall > 0);
      expect(short.length).toBeGreaterThan(0);
      // The page starts with a capability furthest short, as a share of its requirement (ties: by name).
      const chosen = await page.locator('#map-capability').inputValue();
      const worst = short.find((b) => b.capability.id === chosen)!;
      expect(worst).toBeDefined();
      expect(worst.shortfall / worst.required).toBe(Math.max(...short.map((b) => b.shortfall / b.required)));
      await expect(page.locator('#map-capability option').count()).resolves.toBe(needed.length);

      const summary = await page.locator('#map-shortfall').innerText();
      expect(summary).toContain(nl(worst.shortfall));
      await expect(page.locator('#map-required').innerText()).resolves.toContain(nl(worst.required));
      await expect(page.locator('#map-available').innerText()).resolves.toContain(nl(worst.available));

      const rows = await tableRows();
      const zeeland = rows.find((r) => r.region === 'vr-zeeland')!;
      // Columns: region, state, held, in time, earliest arrival, share, shortfall, holders.
      expect(zeeland.cells[1]).toBe('getroffen, tekort');
      expect(zeeland.cells[6]).toBe(nl(worst.shortfall));
      const heldThere = worst.regions.find((r) => r.region.id === 'vr-zeeland')?.available ?? 0;
      expect(zeeland.cells[2]).toBe(nl(heldThere));
      // No other region carries the shortfall.
      for (const r of rows.filter((x) => x.region !== 'vr-zeeland')) expect(r.cells[6]).toBe('–');
      // Per region, held and in time are the API's holders summed by region.
      for (const r of rows) {
        const here = worst.holders.filter((h) => (h.region?.id ?? 'elsewhere') === r.region);
        expect(r.cells[2], r.region!).toBe(nl(here.reduce((s, h) => s + h.available, 0)));
        expect(r.cells[3], r.region!).toBe(nl(here.reduce((s, h) => s + (h.counted ? h.available : 0), 0)));
      }
      // On the map: Zeeland's marker is the "short" triangle, labelled with the shortfall.
      const labels = await page.$$eval('#map-chart g.mark-text text', (ts) => ts.map((x) => x.textContent));
      expect(labels).toContain(`−${nl(worst.shortfall)}`);
      const drawn = await page.evaluate(() => window.__weerbaar.map.rows.find((r: any) => r.id === 'vr-zeeland'));
      expect(drawn.status).toBe('short');

      // Without the limit every holding counts: never a larger shortfall.
      await page.fill('#map-within', '');
      await page.dispatchEvent('#map-within', 'change');
      await mapDrawn(scenario, null);
      await page.selectOption('#map-capability', worst.capability.id);
      await mapDrawn(scenario, null, worst.capability.id);
      const all = (await gaps(scenario, null)).find((b) => b.capability.id === worst.capability.id)!;
      expect(all.shortfall).toBeLessThanOrEqual(worst.shortfall);
      await expect(page.locator('#map-shortfall').innerText()).resolves.toContain(
        all.shortfall > 0 ? nl(all.shortfall) : 'geen',
      );
      await page.screenshot({ path: join(ARTIFACTS, 'explorer-map.png'), fullPage: true });
      expect(errors).toEqual([]);
    },
  );

  it('the table says what the map draws: one row per marker, the same state', async () => {
    await page.goto(`${server.url}/?view=map&scenario=sc-storm-surge-zuid-holland&within=6`);
    await waitReady(page);
    await mapDrawn('sc-storm-surge-zuid-holland', 6);
    const fills = await page.$$eval('#map-chart g.mark-symbol.markers_marks path', (ps) =>
      ps.map((p) => (p.getAttribute('fill') ?? '').toLowerCase()),
    );
    const states = await page.evaluate(() =>
      (window.__weerbaar.map.rows as { id: string; status: string }[]).map((r) => r.status),
    );
    const rows = (await tableRows()).filter((r) => r.region !== 'elsewhere');
    const label: Record<string, string> = {
      short: 'getroffen, tekort',
      covered: 'getroffen, gedekt',
      inTime: 'heeft capaciteit, op tijd',
      late: 'heeft capaciteit, te laat',
      none: 'heeft niets',
    };
    const count = (xs: string[]) => xs.reduce((m, x) => m.set(x, (m.get(x) ?? 0) + 1), new Map<string, number>());
    expect(count(fills)).toEqual(count(states.map((s) => FILL[s]!)));
    expect(count(rows.map((r) => r.cells[1]!))).toEqual(count(states.map((s) => label[s]!)));
    // The four affected regions of the storm surge are the affected rows, listed first.
    expect(
      rows
        .slice(0, 4)
        .map((r) => r.region)
        .sort(),
    ).toEqual(['vr-haaglanden', 'vr-hollands-midden', 'vr-rotterdam-rijnmond', 'vr-zuid-holland-zuid']);
    await page.screenshot({ path: join(ARTIFACTS, 'explorer-map-storm-surge.png'), fullPage: true });
    expect(errors).toEqual([]);
  });

  it('has no serious or critical accessibility violations in the map view', async () => {
    expect(await axeViolations(page)).toEqual([]);
  });

  it(
    'the horizon filter shows the scenarios riskAssessment(horizons:) returns, each ' + 'shaped by its horizon',
    async () => {
      type Diagram = { riskAssessment: { diagram: { scenario: { id: string; horizon: string | null } }[] } };
      const risk = (horizons: string[] | null) =>
        api<Diagram>(
          'query ($h: [Horizon!]) { riskAssessment(horizons: $h) { diagram { scenario { id horizon } } } }',
          {
            h: horizons,
          },
        ).then((d) => d.riskAssessment.diagram.map((p) => p.scenario));
      const all = await risk(null);
      const nearer = await risk(['short', 'medium']);
      expect(nearer.length).toBeGreaterThan(0);
      expect(nearer.length).toBeLessThan(all.length);

      await page.goto(`${server.url}/?view=risk`);
      await waitReady(page);
      await page.waitForFunction((n) => document.querySelectorAll('#risk-table tbody tr').length === n, all.length);
      const shown = () =>
        page.$$eval('#risk-chart g.point', (gs) => gs.map((g) => g.getAttribute('data-horizon')).sort());
      expect(await shown()).toEqual(all.map((s) => s.horizon ?? 'none').sort());

      await page.uncheck('#risk-horizon-long');
      await page.waitForFunction(() => new URL(location.href).searchParams.get('horizons') === 'short,medium');
      await page.waitForFunction((n) => document.querySelectorAll('#risk-table tbody tr').length === n, nearer.length);
      expect(await shown()).toEqual(nearer.map((s) => s.horizon).sort());
      expect(await shown()).not.toContain('long');
      // The table names the horizon of every row, and the points' shapes differ per horizon.
      const horizonCells = await page.$$eval('#risk-table tbody tr td:nth-of-type(2)', (tds) =>
        tds.map((td) => td.textContent),
      );
      expect(new Set(horizonCells)).toEqual(new Set(['korte termijn', 'middellange termijn']));
      const shapes = await page.$$eval('#risk-chart g.point', (gs) =>
        gs.map((g) => `${g.getAttribute('data-horizon')}:${g.querySelector('path')!.getAttribute('d')![0]}`),
      );
      expect(shapes.length).toBe(nearer.length);
      const d = await page.$$eval('#risk-chart g.point path', (ps) => ps.map((p) => p.getAttribute('d')!));
      const shortShape = d.find((_, i) => shapes[i]!.startsWith('short'))!;
      const mediumShape = d.find((_, i) => shapes[i]!.startsWith('medium'))!;
      expect(shortShape.includes('a7,7')).toBe(true); // a circle
      expect(mediumShape.includes('a7,7')).toBe(false); // a square
      expect(await axeViolations(page)).toEqual([]);
      await page.screenshot({ path: join(ARTIFACTS, 'explorer-risk-horizons.png'), fullPage: true });

      // The same in a new page from the URL alone.
      const p = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      await p.goto(`${server.url}/?view=risk&horizons=long`);
      await waitReady(p);
      const longOnly = await risk(['long']);
      await p.waitForFunction((n) => document.querySelectorAll('#risk-table tbody tr').length === n, longOnly.length);
      await expect(p.locator('#risk-horizon-long').isChecked()).resolves.toBe(true);
      await expect(p.locator('#risk-horizon-short').isChecked()).resolves.toBe(false);
      await p.close();
      expect(errors).toEqual([]);
    },
  );
});
