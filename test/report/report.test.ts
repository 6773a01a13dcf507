// Reports as HTML (no browser): content, language, editions and the access rule, reproducibility, bad choices.
import { describe, expect, it } from 'vitest';
import { renderReport } from '../../src/report/index.js';
import { REPORT_MODEL } from './fixture.js';

const ADMIN = { admin: true, party: null };
const html = async (o: Partial<Parameters<typeof renderReport>[0]> & { kind: string }) =>
  (
    await renderReport({ model: REPORT_MODEL(), reader: ADMIN, format: 'html', date: '2008-06-01', ...o })
  ).body.toString('utf8');
/** The visible text of a page, without tags and the inline SVG's markup. */
const text = (h: string) =>
  h
    .replace(/<style>[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');

describe('risk profile (Risicobeeld)', () => {
  it('is Dutch by default: title, Dutch number notation, the ranked table computed from the scores', async () => {
    const t = text(await html({ kind: 'risk-profile' }));
    expect(t).toContain('Risicobeeld Nederland');
    expect(t).toContain('Openbare versie');
    expect(t).toContain('1 juni 2008');
    // cyber: impact 2,5 and risk 10, rank 1; flood: impact 2, risk 4.
    expect(t).toMatch(/1 Aanval op betalingsverkeer D 2,5 B 10/);
    expect(t).toMatch(/2 Overstroming Kust B 2 B 4/);
    expect(t).toContain('Natuurrampen');
  });

  it('speaks English with --lang en, with English notation', async () => {
    const t = text(await html({ kind: 'risk-profile', lang: 'en' }));
    expect(t).toContain('National Risk Profile');
    expect(t).toContain('Public edition');
    expect(t).toMatch(/1 Aanval op betalingsverkeer D 2\.5 B 10/);
    expect(t).toContain('1 June 2008');
  });

  it('leaves every restricted item out of the public edition, even for an admin', async () => {
    const h = await html({ kind: 'risk-profile', edition: 'public' });
    expect(h).not.toContain('Geheime sabotage');
    expect(h).not.toContain('sabotage');
  });

  it('shows restricted items, marked, in the full edition of a reader who may see them', async () => {
    const admin = text(await html({ kind: 'risk-profile', edition: 'full' }));
    expect(admin).toContain('Volledige versie');
    expect(admin).toMatch(/2 Geheime sabotage \[beperkt\] C 2 B 6/);
    const owner = text(await html({ kind: 'risk-profile', edition: 'full', reader: { admin: false, party: 'p-min' } }));
    expect(owner).toContain('Geheime sabotage');
    const other = await html({ kind: 'risk-profile', edition: 'full', reader: { admin: false, party: 'p-other' } });
    expect(other).not.toContain('Geheime sabotage');
  });

  it('draws the risk diagram and the sensitivity grid as SVG with a text alternative', async () => {
    const h = await html({ kind: 'risk-profile' });
    expect((h.match(/<svg role="img" aria-label="[^"]+"/g) ?? []).length).toBe(2);
  });

  it('gives the same content for the same options (the creation time aside)', async () => {
    const strip = (h: string) => h.replace(/<meta name="dcterms.created" content="[^"]*">/, '');
    expect(strip(await html({ kind: 'risk-profile', edition: 'full' }))).toBe(
      strip(await html({ kind: 'risk-profile', edition: 'full' })),
    );
  });
});

describe('capability analysis', () => {
  it('reports the shortfall computed by hand and the capability nobody holds', async () => {
    const t = text(await html({ kind: 'capabilities', edition: 'full' }));
    expect(t).toContain('Capaciteitenanalyse');
    // boats: required 100, available 20, national 20, shortfall 80.
    expect(t).toMatch(/Reddingsboten 100 20 20 80 0 Ministerie van Binnenlandse Zaken/);
    expect(t).toMatch(/Koelcentra 5 0 0 5 0 Ministerie van Volksgezondheid/);
  });
});

describe('party report', () => {
  it('shows a ministry the gaps in what it leads but does not hold', async () => {
    const t = text(await html({ kind: 'party', party: 'p-vws' }));
    expect(t).toContain('Partijrapportage');
    expect(t).toMatch(/Koelcentra 5 0 5 eerstverantwoordelijk/);
    expect(t).not.toContain('Reddingsboten 100');
  });

  it('refuses a party the edition does not show, as if it did not exist', async () => {
    await expect(html({ kind: 'party', party: 'nobody' })).rejects.toThrow('party: unknown party "nobody"');
    await expect(html({ kind: 'party' })).rejects.toThrow('party: the party report needs a party');
  });
});

describe('choices', () => {
  it('names the option and the value of a bad choice', async () => {
    await expect(html({ kind: 'risk' })).rejects.toThrow(
      'kind: unknown value "risk"; expected one of risk-profile, capabilities, progress, party',
    );
    await expect(html({ kind: 'risk-profile', format: 'docx' })).rejects.toThrow('format: unknown value "docx"');
    await expect(html({ kind: 'risk-profile', lang: 'de' })).rejects.toThrow('lang: unknown value "de"');
    await expect(html({ kind: 'risk-profile', edition: 'secret' })).rejects.toThrow('edition: unknown value "secret"');
  });

  it('refuses a progress report without an earlier cycle to compare with', async () => {
    await expect(html({ kind: 'progress' })).rejects.toThrow(/progress: the progress report compares two cycles/);
  });
});
