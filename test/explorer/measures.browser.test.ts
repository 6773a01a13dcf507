// The measures view and report downloads in real headless Chromium against a real server and Neo4j: the budget
// slider chooses the portfolio the server computes (hand-computed on a small model), by mouse-free keyboard use too,
// with the gaps and the risk before and after; reports download with the session's token, and an anonymous user is
// offered the public edition only.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { validateModel } from '../../src/model/validate.js';
import type { Graph } from '../../src/graph/graph.js';
import type { RunningServer } from '../../src/server/main.js';
import { issueToken } from '../../src/server/auth.js';
import { measure, portfolioModel } from '../portfolio/fixture.js';
import {
  ARTIFACTS,
  axeViolations,
  serve,
  startExplorer,
  waitReady,
  watchErrors,
  type ExplorerFixture,
} from './browser.js';

/**
 * The portfolio fixture (a: short 6 in s1, likelihood 0.5, u = 0.1; b: short 1.5 in s1 and 3.5 in s2, u = 0.2) with
 * three measures: m1 +5 on a (value 0.25, €5 m), m2 +3 on a through a new holding (0.15, €3 m), m3 +2 on b at
 * readiness 0.5, so +1 (0.1 + 0.2 = 0.3, €2 m). Best sets: €2 m {m3}; €5 m {m2, m3} (0.45); €8 m {m1, m3} (0.55,
 * €7 m, since m1 + m2 saturate a); €10 m all three (0.6). All measures together cost €10 m: the slider's end.
 */
const MODEL = validateModel({
  ...portfolioModel(
    [
      { ...measure('m1', 5_000_000), name: 'Extra pompcapaciteit' },
      { ...measure('m2', 3_000_000), name: 'Contract met pomphuur' },
      { ...measure('m3', 2_000_000), name: 'Reserve materieel B' },
    ],
    [
      { measure: 'm1', party: 'p1', capability: 'a', capacityDelta: 5 },
      { measure: 'm2', party: 'p2', capability: 'a', capacityDelta: 3 },
      { measure: 'm3', party: 'p2', capability: 'b', capacityDelta: 2 },
    ],
  ),
  scores: [
    { scenario: 's1', criterion: 'k', value: 500 },
    { scenario: 's2', criterion: 'k', value: 600 },
  ],
});

/** Text with the no-break spaces that Intl puts after the euro sign made plain. */
const plain = (text: string | null) => (text ?? '').replace(/\u00a0/g, ' ');
const chosenRows = (p: Page) =>
  p.$$eval('#portfolio-chosen tbody tr', (rows) => rows.map((r) => r.getAttribute('data-measure')).sort());
const shownBudget = (p: Page) => p.evaluate(() => window.__weerbaar.measures.current?.budget ?? null);
const waitBudget = (p: Page, budget: number) =>
  p.waitForFunction((b) => window.__weerbaar.measures.current?.budget === b, budget, { timeout: 60_000 });

async function portfolioOf(server: RunningServer, budget: number): Promise<any> {
  const res = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: `query($b: Float!) { portfolio(budget: $b) { chosen cost
        gaps { capability { id } shortfallBefore shortfallAfter }
        risk { scenario { id } impactBefore impactAfter riskBefore riskAfter } } }`,
      variables: { b: budget },
    }),
  });
  return ((await res.json()) as any).data.portfolio;
}

describe('measures view and report downloads', () => {
  let graph: Graph;
  let server: RunningServer;
  let browser: Browser;

  let fixture: ExplorerFixture | undefined;

  beforeAll(async () => {
    // Cycles are no model items: emptied before and after, like the graph.
    fixture = await startExplorer(MODEL, { cleanUp: async (g) => void (await g.write('cycles', 'deleteAllCycles')) });
    ({ graph, server, browser } = fixture);
  });

  afterAll(() => fixture?.close());

  it('shows the portfolio the server chooses as the slider moves, with gaps and risk before and after', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const errors = watchErrors(page);
    await page.goto(`${server.url}/?view=measures`);
    await waitReady(page);
    // Without a budget in the URL the slider starts halfway along the €10 m all measures cost: €5 m → {m2, m3}.
    await waitBudget(page, 5_000_000);
    expect(await page.getAttribute('#budget-range', 'max')).toBe('10000000');
    expect(await chosenRows(page)).toEqual(['m2', 'm3']);
    expect(plain(await page.locator('#portfolio-summary').innerText())).toMatch(
      /^2 maatregelen, totale kosten € 5\.000\.000 binnen een budget van € 5\.000\.000 over 4 jaar\.$/,
    );
    await expect(page.locator('#tab-measures').innerText()).resolves.toBe('Maatregelen');

    // Dragging the slider (input events) to €8 m: m1 and m3, €7 m; m1 + m2 would saturate a.
    await page.$eval('#budget-range', (el: HTMLInputElement) => {
      el.value = '8000000';
      el.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await waitBudget(page, 8_000_000);
    expect(await chosenRows(page)).toEqual(['m1', 'm3']);
    expect(plain(await page.locator('#measures-status').innerText())).toContain('€ 7.000.000 van € 8.000.000');
    expect(new URL(page.url()).searchParams.get('budget')).toBe('8000000');

    // The before/after tables carry the server's numbers (Dutch notation).
    const api = await portfolioOf(server, 8_000_000);
    expect(api.chosen).toEqual(['m1', 'm3']);
    const gapRows = await page.$$eval('#portfolio-gaps tbody tr', (rows) =>
      rows.map((r) => [r.getAttribute('data-capability'), ...[...r.children].map((c) => c.textContent)]),
    );
    expect(gapRows.map((r) => r[0])).toEqual(api.gaps.map((g: any) => g.capability.id));
    const nl = (v: number) => v.toLocaleString('nl-NL', { maximumFractionDigits: 2 });
    // a: 10 required, 4 → 9 available, short 6 → 1; b: 4, 0.5 → 1.5, short 3.5 → 2.5; both smaller, not closed.
    expect(gapRows).toEqual([
      ['a', 'A', 'S1', '10', '4', '9', nl(api.gaps[0].shortfallBefore), nl(api.gaps[0].shortfallAfter), 'x', 'kleiner'],
      ['b', 'B', 'S2', '4', '0,5', '1,5', '3,5', nl(api.gaps[1].shortfallAfter), 'y', 'kleiner'],
    ]);
    expect([api.gaps[0].shortfallAfter, api.gaps[1].shortfallAfter]).toEqual([1, 2.5]);
    const riskRows = await page.$$eval('#portfolio-risk tbody tr', (rows) =>
      rows.map((r) => [r.getAttribute('data-scenario'), ...[...r.children].map((c) => c.textContent)]),
    );
    expect(riskRows.map((r) => r[0])).toEqual(api.risk.map((r: any) => r.scenario.id));
    for (const [i, r] of api.risk.entries()) {
      expect(riskRows[i]![5]).toBe(nl(r.riskBefore));
      expect(riskRows[i]![6]).toBe(nl(r.riskAfter));
    }
    // s1 (class E) scores 500 on k (class E, 5): the set avoids 168 h × (1 × 5 on a + 2 × 1 on b) = 1176, so 0 is left.
    expect(api.risk[0]).toMatchObject({ scenario: { id: 's1' }, riskBefore: 25, riskAfter: 0 });
    expect(await page.locator('.portfolio-risk-svg > circle.after').count()).toBe(2);

    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'explorer-measures.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it(
    'works by keyboard alone: arrow keys, Home and End on the slider, a typed amount in ' + 'the number field',
    async () => {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      const errors = watchErrors(page);
      const portfolioRequests: string[] = [];
      page.on('request', (r) => {
        if (r.url().endsWith('/graphql') && (r.postData() ?? '').includes('query Portfolio'))
          portfolioRequests.push('x');
      });
      await page.goto(`${server.url}/?view=measures&budget=5000000`);
      await waitReady(page);
      await waitBudget(page, 5_000_000);
      // Tab from the tab list into the view reaches the slider; its focus ring is visible.
      await page.focus('#tab-measures');
      for (let i = 0; i < 10; i++) {
        if ((await page.evaluate(() => document.activeElement?.id)) === 'budget-range') break;
        await page.keyboard.press('Tab');
      }
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('budget-range');
      expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).not.toBe('none');
      expect(plain(await page.getAttribute('#budget-range', 'aria-valuetext'))).toBe('€ 5.000.000');

      await page.keyboard.press('End');
      await waitBudget(page, 10_000_000);
      expect(await chosenRows(page)).toEqual(['m1', 'm2', 'm3']);
      await page.keyboard.press('Home');
      await waitBudget(page, 0);
      expect(await page.locator('#portfolio-chosen').count()).toBe(0);
      await expect(page.locator('#measures-results').innerText()).resolves.toContain('Geen maatregel past');

      // Twenty quick steps of €100,000 reach €2 m, and the debounce asks the server once for them.
      const before = portfolioRequests.length;
      for (let i = 0; i < 20; i++) await page.keyboard.press('ArrowRight');
      await waitBudget(page, 2_000_000);
      expect(await chosenRows(page)).toEqual(['m3']);
      expect(portfolioRequests.length - before).toBe(1);

      // The number field: Tab, type an amount, Enter.
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('budget-number');
      await page.keyboard.press('Control+A');
      await page.keyboard.type('8000000');
      await page.keyboard.press('Enter');
      await waitBudget(page, 8_000_000);
      expect(await chosenRows(page)).toEqual(['m1', 'm3']);
      expect(await page.inputValue('#budget-range')).toBe('8000000');
      expect(await shownBudget(page)).toBe(8_000_000);
      expect(await axeViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
      await page.close();
    },
  );

  it('downloads reports with the session token; an anonymous user is offered the public edition only', async () => {
    const secret = new TextEncoder().encode('measures browser test secret, 32+ characters');
    const authServer = await serve(graph, secret);
    const pdfOf = async (path: string | null) => readFileSync(path!).subarray(0, 5).toString('latin1');
    const options = (p: Page, id: string) => p.$$eval(`#${id} option`, (os) => os.map((o) => (o as any).value));
    try {
      // Anonymous: public edition only, no party report, no progress report (no cycles yet).
      const anon = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      const anonErrors = watchErrors(anon);
      await anon.goto(`${authServer.url}/?view=reports`);
      await waitReady(anon);
      await anon.waitForSelector('#report-edition option', { state: 'attached' });
      expect(await options(anon, 'report-edition')).toEqual(['public']);
      expect(await options(anon, 'report-kind')).toEqual(['risk-profile', 'capabilities', 'threat-picture']);
      await expect(anon.locator('#reports-intro').innerText()).resolves.toMatch(/niet ingelogd/);
      const [anonDownload] = await Promise.all([anon.waitForEvent('download'), anon.click('#report-download')]);
      expect(anonDownload.suggestedFilename()).toMatch(/^weerbaar-risk-profile(-.+)?-nl-public\.pdf$/);
      expect(await pdfOf(await anonDownload.path())).toBe('%PDF-');
      expect(await axeViolations(anon)).toEqual([]);
      expect(anonErrors).toEqual([]);
      await anon.close();
      // The server refuses the full edition to an anonymous caller.
      const refused = await fetch(`${authServer.url}/reports/risk-profile?edition=full`);
      expect(refused.status).toBe(401);

      // A planner of p1, signed in for the session; two cycles exist, so the progress report is offered too.
      const token = await issueToken(secret, { subject: 'planner-p1', role: 'planner', party: 'p1' });
      for (const id of ['2007', '2008']) {
        const res = await fetch(`${authServer.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query: `mutation { openCycle(id: "${id}") { id } }` }),
        });
        expect(((await res.json()) as any).errors).toBeUndefined();
      }
      const p = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      const errs = watchErrors(p);
      await p.addInitScript((tk) => sessionStorage.setItem('weerbaar.token', tk), token);
      const reportRequests: { url: string; authorization: string | undefined }[] = [];
      p.on('request', (r) => {
        if (r.url().includes('/reports/'))
          reportRequests.push({ url: r.url(), authorization: r.headers().authorization });
      });
      await p.goto(`${authServer.url}/?view=reports&lang=en`);
      await waitReady(p);
      await p.waitForSelector('#report-edition option', { state: 'attached' });
      expect(await options(p, 'report-edition')).toEqual(['public', 'full']);
      expect(await options(p, 'report-kind')).toEqual([
        'risk-profile',
        'capabilities',
        'threat-picture',
        'party',
        'progress',
      ]);
      await p.selectOption('#report-kind', 'progress');
      expect(await options(p, 'report-cycle')).toEqual(['2008']);
      await p.selectOption('#report-kind', 'party');
      await p.selectOption('#report-edition', 'full');
      const [download] = await Promise.all([p.waitForEvent('download'), p.click('#report-download')]);
      expect(download.suggestedFilename()).toMatch(/^weerbaar-party(-.+)?-en-full\.pdf$/);
      expect(await pdfOf(await download.path())).toBe('%PDF-');
      // The token went in the header, never in the URL; the report is in the page's language.
      expect(reportRequests).toHaveLength(1);
      const url = new URL(reportRequests[0]!.url);
      expect(reportRequests[0]!.authorization).toBe(`Bearer ${token}`);
      expect(url.pathname).toBe('/reports/party');
      expect(Object.fromEntries(url.searchParams)).toEqual({ format: 'pdf', lang: 'en', edition: 'full', party: 'p1' });
      expect(url.href).not.toContain(token);
      await expect(p.locator('#reports-status').innerText()).resolves.toMatch(/^Downloaded: weerbaar-party-/);
      expect(await axeViolations(p)).toEqual([]);
      await p.screenshot({ path: join(ARTIFACTS, 'explorer-reports.png'), fullPage: true });
      // The capability analysis recommends a portfolio under the measures view's budget (kept in the URL).
      await p.goto(`${authServer.url}/?view=reports&lang=en&budget=8000000`);
      await waitReady(p);
      await p.waitForSelector('#report-kind option', { state: 'attached' });
      await p.selectOption('#report-kind', 'capabilities');
      await p.selectOption('#report-format', 'html');
      const [capabilities] = await Promise.all([p.waitForEvent('download'), p.click('#report-download')]);
      expect(new URL(reportRequests.at(-1)!.url).searchParams.get('budget')).toBe('8000000');
      const html = readFileSync((await capabilities.path())!, 'utf8');
      expect(html).toContain('The portfolio with the largest static value within the budget of');
      expect(html).not.toContain('No budget given');
      expect(errs).toEqual([]);
      await p.close();
    } finally {
      await authServer.close();
    }
  });
});
