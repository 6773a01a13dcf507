// The threat picture (Dreigingsbeeld) from a hand-made model: signals per threat since a date, the scenarios whose
// likelihood moved and why, review candidates, editions under the access rule, HTML and PDF (real Chromium).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderReport } from '../../src/report/index.js';
import { validateModel } from '../../src/model/validate.js';
import type { Model } from '../../src/model/schema.js';
import { REPORT_MODEL } from './fixture.js';

const ADMIN = { admin: true, party: null };
const sig = (id: string, name: string, observedOn: string, o: Record<string, unknown>) => ({
  id,
  name,
  observedOn,
  horizon: 'short',
  direction: 'rising',
  strength: 3,
  source: `Bron van ${id}`,
  ...o,
});

/**
 * flood: named only by sig-old (2006), so a review candidate; its revision of 2006 is before the picture.
 * cyber: D (30 %) → E (60 %) on 2008-04-15, justified by sig-ddos. sabotage (restricted, p-min): sig-secret.
 */
const MODEL = (withNews = true): Model => {
  const base = REPORT_MODEL() as unknown as Record<string, unknown>;
  return validateModel({
    ...base,
    signals: [
      sig('sig-old', 'Oude waarneming kust', '2006-01-01', { scenarios: ['flood'] }),
      sig('sig-storm', 'Stormvloed in de Noordzee', '2008-03-01', { threats: ['th-nature'], direction: 'stable' }),
      ...(withNews
        ? [
            sig('sig-ddos', 'DDoS-golf op Europese banken', '2008-04-10', { scenarios: ['cyber'], strength: 4 }),
            sig('sig-secret', 'Geheime aanwijzing sabotage', '2008-05-01', {
              scenarios: ['sabotage'],
              classification: 'restricted',
              owner: 'p-min',
            }),
          ]
        : []),
    ],
    likelihoodRevisions: [
      {
        id: 'rev-flood',
        name: 'Kust',
        scenario: 'flood',
        date: '2006-02-01',
        likelihoodClass: 'B',
        justification: 'oud',
        signals: ['sig-old'],
      },
      ...(withNews
        ? [
            {
              id: 'rev-cyber',
              name: 'Betalingsverkeer naar E',
              scenario: 'cyber',
              date: '2008-04-15',
              likelihoodClass: 'E',
              likelihood: 0.6,
              justification: 'Aanvallen op banken in buurlanden',
              signals: ['sig-ddos'],
            },
          ]
        : []),
    ],
  });
};

const render = async (o: Partial<Parameters<typeof renderReport>[0]> = {}) =>
  renderReport({
    kind: 'threat-picture',
    model: MODEL(),
    reader: ADMIN,
    format: 'html',
    date: '2008-06-01',
    since: '2008-01-01',
    ...o,
  });
const text = (h: string) =>
  h
    .replace(/<style>[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');

describe('threat picture (Dreigingsbeeld)', () => {
  it(
    'is Dutch by default: signals per threat since the date, the moved scenario with its ' +
      'reason, review candidates',
    async () => {
      const t = text((await render()).body.toString('utf8'));
      expect(t).toContain('Dreigingsbeeld Nederland');
      expect(t).toContain('Van 1 januari 2008 tot 1 juni 2008 zijn 2 signalen waargenomen over 2 dreigingen');
      expect(t).toContain('Natuurrampen Signalen bij Natuurrampen, nieuwste eerst');
      expect(t).toContain('1 maart 2008 Stormvloed in de Noordzee kort gelijkblijvend 3 – Bron van sig-storm');
      expect(t).toContain(
        '10 april 2008 DDoS-golf op Europese banken kort stijgend 4 Aanval op betalingsverkeer Bron van sig-ddos',
      );
      expect(t).not.toContain('Oude waarneming kust kort');
      expect(t).toContain(
        'Aanval op betalingsverkeer D (30 %) E (60 %) 15 april 2008: Aanvallen op banken in buurlanden ' +
          'DDoS-golf op Europese banken',
      );
      expect(t).toContain('Overstroming Kust lang 1 januari 2006');
    },
  );

  it('leaves restricted signals out of the public edition and marks them in the full one', async () => {
    const pub = (await render({ edition: 'public' })).body.toString('utf8');
    expect(pub).not.toContain('Geheime');
    expect(pub).not.toContain('sig-secret');
    const full = text((await render({ edition: 'full' })).body.toString('utf8'));
    expect(full).toContain('Geheime aanwijzing sabotage [beperkt]');
    const other = (await render({ edition: 'full', reader: { admin: false, party: 'p-other' } })).body.toString('utf8');
    expect(other).not.toContain('Geheime');
  });

  it('compares with the previous cycle when there is one, from its close', async () => {
    const cycle = (id: string, closedAt: string) => ({
      id,
      status: 'closed',
      openedAt: '2007-01-01',
      closedAt,
      priorities: [],
    });
    const t = text(
      (
        await render({
          since: undefined,
          cycle: cycle('2008', '2008-06-01T00:00:00Z'),
          previous: { cycle: cycle('2007', '2008-02-01T12:00:00Z'), model: MODEL(false) },
        })
      ).body.toString('utf8'),
    );
    expect(t).toContain('Vergeleken met cyclus 2007.');
    expect(t).toContain('Van 1 februari 2008 tot 1 juni 2008 zijn 2 signalen');
    expect(t).toContain('Aanval op betalingsverkeer D (30 %) E (60 %)');
  });

  it('speaks English with lang en, and refuses a bad date naming the option', async () => {
    const t = text((await render({ lang: 'en' })).body.toString('utf8'));
    expect(t).toContain('Threat Picture of the Netherlands');
    expect(t).toContain('Scenarios whose likelihood changed, and why');
    await expect(render({ since: '2008-13-01' })).rejects.toThrow('since: must be a date YYYY-MM-DD, got "2008-13-01"');
  });

  it('renders to PDF whose text names the signals and the moved scenario, without the restricted signal', async () => {
    const out = await render({ format: 'pdf', edition: 'public' });
    expect(out.fileName).toBe('weerbaar-threat-picture-2008-06-01-nl-public.pdf');
    const file = join(mkdtempSync(join(tmpdir(), 'weerbaar-threat-')), out.fileName);
    writeFileSync(file, out.body);
    const pdf = spawnSync('pdftotext', [file, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, ' ');
    expect(pdf).toContain('Dreigingsbeeld Nederland');
    expect(pdf).toContain('DDoS-golf op Europese banken');
    expect(pdf).toContain('Stormvloed in de Noordzee');
    expect(pdf).toContain('Aanvallen op banken in buurlanden');
    expect(pdf).not.toContain('Geheime');
  });
});
