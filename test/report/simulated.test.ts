// The simulated sections of the reports on a hand-made model (test/report/planning-fixture.ts): the cascade heat map
// and impact-class histograms of a stored run, simulated shortfalls, the recommended portfolio, a party's measures,
// the design tokens, and the openness of each edition.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderReport, type ReportRequest } from '../../src/report/index.js';
import { runSimulation } from '../../src/simulation/run.js';
import { PLANNING_MODEL } from './planning-fixture.js';

const ADMIN = { admin: true, party: null };
/** The names and ids of every restricted item of the fixture: none may appear in a public edition. */
const RESTRICTED = [
  'Geheime dienst',
  'secret-svc',
  'Geheim criterium',
  'secret-crit',
  'G-1',
  'Geheime capaciteit',
  'secret-cap',
  'Geheime maatregel',
  'm-secret',
  'Bewaken',
];
const text = (h: string) =>
  h
    .replace(/<style>[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;|\u00a0|\u202f/g, ' ')
    .replace(/\s+/g, ' ');

let storedRun: { id: string; scenario: string; result: string };
const render = async (o: Partial<ReportRequest> & { kind: string }) =>
  (
    await renderReport({
      model: PLANNING_MODEL(),
      reader: ADMIN,
      format: 'html',
      date: '2008-06-01',
      runs: [storedRun],
      simulation: { iterations: 20, seed: 'test', budget: 20_000_000, workers: 1 },
      ...o,
    })
  ).body.toString('utf8');

beforeAll(async () => {
  // A run as the graph stores it: made on the whole model (restricted items included), with its timeline.
  const result = await runSimulation(PLANNING_MODEL(), {
    scenario: 'blackout',
    iterations: 20,
    seed: 'stored',
    workers: 1,
    timeline: true,
  });
  storedRun = { id: 'run-hand-made', scenario: 'blackout', result: JSON.stringify(result) };
}, 60_000);

describe('risk profile: simulated consequences of a stored run', () => {
  it('draws the cascade heat map with its table: power peaks at 80 % in hour 72 and is back to 0 %', async () => {
    const h = await render({ kind: 'risk-profile' });
    const t = text(h);
    expect(t).toContain('Gesimuleerde gevolgen');
    expect(t).toContain('Uitval van vitale diensten in de tijd (gemiddelde inoperabiliteit): Langdurige stroomuitval');
    expect(t).toMatch(/Elektriciteit 80 % 72 0 % Drinkwater 40 % 73 0 %/);
    expect(t).toContain('Drinkwater');
    expect(t).toContain('Simulatie run-hand-made: 20 iteraties, seed stored, horizon 168 uur.');
    // Risk diagram, rank grid, histogram, heat map.
    expect((h.match(/<svg role="img" aria-label="[^"]+"/g) ?? []).length).toBe(4);
    expect(h).toMatch(/aria-label="Heatmap: per vitale dienst/);
  });

  it(
    'shows the impact-class histogram beside the expert class, from the class ' + 'probabilities the run keeps',
    async () => {
      const t = text(await render({ kind: 'risk-profile', edition: 'full' }));
      // Costs: expert 500 (class C); simulated (2 + 3) × 168 = 840 M€ in every iteration, so class C with 100 %.
      expect(t).toMatch(/Kosten C 0 % 0 % 0 % 100 % 0 % 0 % 840 840 M€/);
      expect(t).toContain('Verdeling van de gesimuleerde impactklasse per criterium: Langdurige stroomuitval');
      expect(t).toContain('Geheim criterium [beperkt]');
      expect(t).toContain('Geheime dienst [beperkt]');
    },
  );

  it(
    'computes the runs again on the public items for a public edition, so no figure has ' + 'a hidden contribution',
    async () => {
      const t = text(await render({ kind: 'risk-profile' }));
      expect(t).toContain('In deze openbare versie zijn de simulaties opnieuw doorgerekend');
      // Without the restricted capability's shortfall of 3: 2 × 168 = 336 M€ (the stored run on the whole model: 840).
      expect(t).toMatch(/Kosten C 0 % 0 % 0 % 100 % 0 % 0 % 336 336 M€/);
      expect(t).toContain('Simulatie run-hand-made: 20 iteraties, seed stored');
      const tooLarge = text(await render({ kind: 'risk-profile', simulation: { maxWork: 10 } }));
      expect(tooLarge).toMatch(
        /Langdurige stroomuitval: Niet berekend: met 20 iteraties zou dit [\d.]+ afhankelijkheid/,
      );
      expect(tooLarge).not.toContain('840');
    },
  );

  it('leaves a run out of a public edition when the time limit runs out, and says so', async () => {
    // A stored run whose recomputation takes far longer than the limit: its meta asks for 200,000 iterations.
    const long = JSON.parse(storedRun.result) as { meta: { iterations: number } };
    long.meta.iterations = 200_000;
    const run = { ...storedRun, result: JSON.stringify(long) };
    const started = Date.now();
    const t = text(await render({ kind: 'risk-profile', runs: [run], simulation: { timeoutMs: 2_000 } }));
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(t).toContain('Langdurige stroomuitval: Niet (volledig) berekend: de berekening stopte na 2 seconden.');
    expect(t).not.toContain('Simulatie run-hand-made');
  });

  it('says so when there is no run, instead of leaving the section out', async () => {
    const none = text(await render({ kind: 'risk-profile', runs: [] }));
    expect(none).toContain('Voor geen van de scenario’s in dit rapport is een afgeronde simulatie beschikbaar.');
    const file = text(await render({ kind: 'risk-profile', runs: null }));
    expect(file).toContain('Een rapport op een modelbestand heeft geen opgeslagen simulaties');
  });
});

describe('capability analysis: simulated shortfalls and the recommended portfolio', () => {
  it('gives the shortfall probability and the value of closing the gap worked out by hand', async () => {
    const t = text(await render({ kind: 'capabilities' }));
    expect(t).toContain('Gesimuleerde tekorten en de waarde van het dichten');
    expect(t).toContain('20 iteraties (seed test)');
    // Generators short by 2 in every iteration; topping them up avoids the whole impact, score 3 + 236/900, weighted
    // by the likelihood 0.1: 0,32622.
    expect(t).toMatch(/Noodstroomaggregaten 100 % Langdurige stroomuitval 2 1 0,3262/);
    expect(t).not.toMatch(/Noodpompen \d+ %/);
  });

  it('recommends the exact portfolio with its core index, and its simulated value equals the static one', async () => {
    const t = text(await render({ kind: 'capabilities' }));
    expect(t).toContain('Aanbevolen maatregelenpakket');
    expect(t).toMatch(/1 maatregelen, kosten € 10\.000\.000, waarde 0,00002\./);
    expect(t).toMatch(/Aggregaten bijkopen Netbeheerder Hoogspanning € 10\.000\.000 0,00002 ja 1 kern/);
    expect(t).toMatch(/Aggregatenpark Netbeheerder Hoogspanning € 30\.000\.000 0,00002 nee 0 buiten/);
    expect(t).toMatch(/Extra pompen Waterbedrijf West € 2\.000\.000 0 nee 0 buiten/);
    // Deterministic model, constant demand: the paired simulation gives V exactly, with no spread.
    expect(t).toContain('het pakket vermijdt een waarde van 0,00002 ± 0');
  });

  it('chooses the restricted measure too in the full edition of a reader who may see it', async () => {
    const t = text(await render({ kind: 'capabilities', edition: 'full' }));
    expect(t).toMatch(/2 maatregelen, kosten € 12\.000\.000, waarde 0,00005\./);
    expect(t).toContain('Geheime maatregel [beperkt]');
  });

  it('says why there is no portfolio or no simulation rather than leaving the section out', async () => {
    const noBudget = text(await render({ kind: 'capabilities', simulation: { iterations: 5, workers: 1 } }));
    expect(noBudget).toContain('Geen budget opgegeven');
    expect(noBudget).toMatch(/Aggregaten bijkopen Netbeheerder Hoogspanning € 10\.000\.000 0,00002/);
    const tooLarge = text(
      await render({ kind: 'capabilities', simulation: { iterations: 20, budget: 20e6, maxWork: 1000, workers: 1 } }),
    );
    expect(tooLarge).toMatch(/Niet berekend: met 20 iteraties zou dit [\d.]+ afhankelijkheid-stappen kosten/);
    const m = PLANNING_MODEL();
    m.measures = [];
    m.effects = [];
    const none = text(await render({ kind: 'capabilities', model: m }));
    expect(none).toContain('Het model bevat geen maatregelen; er is geen pakket te kiezen.');
  });

  it('stops the simulations at the time limit and says so instead of waiting', async () => {
    const started = Date.now();
    const simulation = { iterations: 200_000, seed: 'test', budget: 20e6, workers: 1, timeoutMs: 2_000 };
    const t = text(await render({ kind: 'capabilities', simulation }));
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(t).toContain('Niet (volledig) berekend: de berekening stopte na 2 seconden.');
    // The exact portfolio needs no simulation: it is still there.
    expect(t).toMatch(/Aggregaten bijkopen Netbeheerder Hoogspanning € 10\.000\.000 0,00002 ja 1 kern/);
  });

  it('is reproducible: the same options give the same document', async () => {
    const strip = (h: string) => h.replace(/<meta name="dcterms.created" content="[^"]*">/, '');
    expect(strip(await render({ kind: 'capabilities' }))).toBe(strip(await render({ kind: 'capabilities' })));
  });
});

describe('party report: the party’s measures', () => {
  const cycle = {
    id: '2008',
    status: 'open',
    openedAt: '2008-01-01T00:00:00Z',
    closedAt: null,
    priorities: [],
    decisions: [
      {
        kind: 'measure' as const,
        target: 'm-gen-small',
        status: null,
        owner: 'p-grid',
        date: '2008-01-15',
        note: null,
      },
      { kind: 'measure' as const, target: 'm-gen-big', status: null, owner: 'p-grid', date: '2008-03-01', note: null },
    ],
  };

  it('lists status, cost, lead time and flags the measure whose lead time has passed', async () => {
    const t = text(await render({ kind: 'party', party: 'p-grid', cycle }));
    expect(t).toContain('Maatregelen');
    // Decided 15 January 2008 with 3 months: due 15 April 2008, before the report's 1 June 2008.
    expect(t).toMatch(
      new RegExp(
        'Aggregaten bijkopen uitvoerder investering besloten € 10\\.000\\.000 € 0 3 ' +
          '15 januari 2008 15 april 2008 over tijd',
      ),
    );
    expect(t).toMatch(
      /Aggregatenpark uitvoerder investering besloten € 30\.000\.000 € 0 12 1 maart 2008 1 maart 2009 –/,
    );
    expect(t).toContain('Over tijd: 1.');
    expect(t).not.toContain('Extra pompen');
  });

  it('shows the restricted measure only to a reader who may see it, marked', async () => {
    const owner = text(
      await render({ kind: 'party', party: 'p-grid', edition: 'full', reader: { admin: false, party: 'p-grid' } }),
    );
    expect(owner).toMatch(/Geheime maatregel \[beperkt\] uitvoerder, eigenaar organisatie voorgesteld/);
    const other = await render({
      kind: 'party',
      party: 'p-grid',
      edition: 'full',
      reader: { admin: false, party: 'p-water' },
    });
    expect(other).not.toContain('Geheime maatregel');
  });
});

describe('openness of the public edition', () => {
  for (const kind of ['risk-profile', 'capabilities', 'party'])
    it(`${kind}: no restricted item in text, tables or charts, even for an admin`, async () => {
      const h = await render({ kind, party: kind === 'party' ? 'p-grid' : null });
      // The page without its style sheet: text, tables, the charts' SVG and their data.
      const page = h.replace(/<style>[\s\S]*?<\/style>/, '');
      for (const s of RESTRICTED) expect(page, `${kind} names "${s}"`).not.toContain(s);
    });
});

describe('design tokens', () => {
  it('inlines the NL Design System tokens the report uses, so the page is self-contained', async () => {
    const h = await render({ kind: 'party', party: 'p-grid' });
    expect(h).toContain('<body class="rhc-theme">');
    expect(h).toContain('--rhc-color-lintblauw-500: #154273;');
    expect(h).toMatch(/--rhc-text-font-family-sans: 'Fira Sans'/);
    expect(h).not.toMatch(/@import|url\(/);
    // Every token referenced is defined in the page.
    const defined = new Set([...h.matchAll(/(--rhc-[a-z0-9-]+):/g)].map((m) => m[1]));
    for (const [, name] of h.matchAll(/var\((--rhc-[a-z0-9-]+)/g)) expect(defined, name).toContain(name);
  });
});

describe('PDF', () => {
  it('prints the heat map and histogram tables and the portfolio into the PDF, read back with pdftotext', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'weerbaar-sim-report-'));
    const pdf = await renderReport({
      model: PLANNING_MODEL(),
      reader: ADMIN,
      format: 'pdf',
      kind: 'risk-profile',
      date: '2008-06-01',
      runs: [storedRun],
    });
    const file = join(dir, 'risk.pdf');
    writeFileSync(file, pdf.body);
    const t = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, ' ');
    expect(t).toContain('Gesimuleerde gevolgen');
    expect(t).toMatch(/Elektriciteit 80 ?% 72 0 ?% Drinkwater 40 ?% 73 0 ?%/);
    // Public edition: the run computed again without the restricted capability's shortfall, 2 × 168 = 336 M€.
    expect(t).toMatch(/Kosten C 0 ?% 0 ?% 0 ?% 100 ?% 0 ?% 0 ?% 336 336 M€/);
    for (const s of ['Geheime dienst', 'Geheim criterium']) expect(t).not.toContain(s);
    const info = spawnSync('pdfinfo', [file], { encoding: 'utf8' }).stdout;
    for (const s of RESTRICTED.slice(0, 4)) expect(info).not.toContain(s);
  }, 120_000);
});
