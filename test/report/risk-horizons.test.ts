// The report's risk diagram shows horizons apart: one point shape per horizon, with a legend naming them.
import { describe, expect, it } from 'vitest';
import { riskDiagram, toSvg } from '../../src/report/charts.js';
import { renderReport } from '../../src/report/index.js';
import { REPORT_MODEL } from './fixture.js';

const point = (scenario: string, likelihood: number, horizon?: string) => ({
  scenario,
  likelihood,
  impact: 2,
  risk: likelihood * 2,
  rank: 1,
  horizon,
});
const titles = { x: 'Waarschijnlijkheid', y: 'Impact', horizon: 'Horizon' };

describe('risk diagram by horizon', () => {
  it('gives each horizon its own shape and names the horizons shown in a legend', async () => {
    const all = ['kort', 'middellang', 'lang', '–'];
    const spec = riskDiagram([point('a', 1, 'kort'), point('b', 3, 'middellang'), point('c', 4, 'lang')], titles, all);
    const svg = await toSvg(spec);
    expect(svg).toContain('>Horizon<');
    for (const label of ['kort', 'middellang', 'lang']) expect(svg).toContain(`>${label}<`);
    expect(svg).not.toContain('>–<');
    type Layer = { encoding?: { shape?: { scale: { domain: string[]; range: string[] } } } };
    const scale = (s: unknown) => (s as { layer: Layer[] }).layer[0]!.encoding?.shape?.scale;
    expect(scale(spec)).toEqual({ domain: ['kort', 'middellang', 'lang'], range: ['circle', 'square', 'triangle-up'] });
    // Without a medium-term scenario, the long term keeps its triangle (shapes do not move up).
    const gap = scale(riskDiagram([point('a', 1, 'kort'), point('c', 4, 'lang'), point('d', 2, '–')], titles, all));
    expect(gap).toEqual({ domain: ['kort', 'lang', '–'], range: ['circle', 'triangle-up', 'diamond'] });
  });

  it('draws no horizon legend when no horizons are given', async () => {
    const svg = await toSvg(riskDiagram([point('a', 1), point('b', 3)], titles));
    expect(svg).not.toContain('>Horizon<');
  });

  it('the Risicobeeld names the horizons of its scenarios in the diagram', async () => {
    const { body } = await renderReport({
      kind: 'risk-profile',
      model: REPORT_MODEL(),
      reader: { admin: true, party: null },
      format: 'html',
      date: '2008-06-01',
    });
    const html = body.toString('utf8');
    const diagram = html.slice(html.indexOf('<svg'), html.indexOf('</svg>'));
    const horizons = new Set(REPORT_MODEL().scenarios.map((s) => s.horizon ?? null));
    expect(horizons.has('long')).toBe(true);
    expect(diagram).toContain('>Horizon<');
    expect(diagram).toContain('>lang<');
  });
});
