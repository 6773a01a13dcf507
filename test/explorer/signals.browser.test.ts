// Signals in the explorer (real Chromium, real server and Neo4j, the default model): on the graph, linked to their
// threats, and the timeline of signals per threat in the details panel, with the access rule applied.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { readModelFile } from '../../src/model/validate.js';
import { DEFAULT_MODEL } from '../../src/graph/connect.js';
import type { RunningServer } from '../../src/server/main.js';
import { issueToken } from '../../src/server/auth.js';
import { axeViolations, startExplorer, waitReady, watchErrors, type ExplorerFixture } from './browser.js';

const SECRET = new TextEncoder().encode('signals browser test secret, 32+ characters');

describe('signals in the explorer', () => {
  let server: RunningServer;
  let browser: Browser;

  let fixture: ExplorerFixture | undefined;

  beforeAll(async () => {
    fixture = await startExplorer(await readModelFile(DEFAULT_MODEL), { secret: SECRET });
    ({ server, browser } = fixture);
  });

  afterAll(() => fixture?.close());

  /** A page at `path`, signed in with `token` (kept in the session, as the sign-in form does) or anonymous. */
  async function open(path: string, token?: string): Promise<{ page: Page; errors: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    if (token) await page.addInitScript((t) => sessionStorage.setItem('weerbaar.token', t), token);
    const errors = watchErrors(page);
    await page.goto(`${server.url}${path}`);
    await waitReady(page);
    return { page, errors };
  }

  const timeline = (page: Page) =>
    page.$$eval('.signal-timeline li', (items) =>
      items.map((li) => ({ date: li.querySelector('time')!.getAttribute('datetime'), text: li.textContent ?? '' })),
    );

  it('lists the signals about a threat in the order observed, in Dutch, with direction in words', async () => {
    const { page, errors } = await open('/?node=threat-infectious-disease&kinds=Threat,Signal');
    await page.waitForSelector('.signal-timeline li');
    // simulations/nederland.json: four public signals name the threat of infectious and animal diseases.
    const items = await timeline(page);
    expect(items.map((i) => i.date)).toEqual(['2006-02-15', '2006-05-23', '2006-08-17', '2007-06-01']);
    expect(items[0]!.text).toContain('15 februari 2006');
    expect(items[0]!.text).toContain('stijgend, sterkte 4 van 5');
    await expect(page.locator('.signal-timeline h3').innerText()).resolves.toBe('Signalen in de tijd (4)');
    // On the graph: the signal nodes and their SIGNALS_THREAT edges to the threat.
    const edges = await page.evaluate(
      () =>
        window.__weerbaar!.graph!.cy.edges('[type = "SIGNALS_THREAT"][target = "threat-infectious-disease"]').length,
    );
    expect(edges).toBe(4);
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows a restricted signal to an admin only, and English on request', async () => {
    const anonymous = await open('/?node=threat-cbrn&kinds=Threat,Signal');
    await anonymous.page.waitForSelector('.signal-timeline');
    await expect(anonymous.page.locator('.signal-timeline').innerText()).resolves.toContain(
      'Geen signalen over deze dreiging.',
    );
    expect(
      await anonymous.page.evaluate(
        () => window.__weerbaar!.graph!.cy.getElementById('sig-port-radiological-tip').length,
      ),
    ).toBe(0);
    await anonymous.page.close();

    const token = await issueToken(SECRET, { subject: 'the-admin', role: 'admin' });
    const admin = await open('/?node=threat-cbrn&kinds=Threat,Signal&lang=en', token);
    await admin.page.waitForSelector('.signal-timeline li');
    const items = await timeline(admin.page);
    expect(items.map((i) => i.date)).toEqual(['2007-09-15']);
    expect(items[0]!.text).toContain('15 September 2007');
    expect(items[0]!.text).toContain('rising, strength 3 of 5');
    expect(admin.errors).toEqual([]);
    await admin.page.close();
  });
});
