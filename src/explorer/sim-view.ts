// The simulation view: start a run with runSimulation, poll simulationRun for progress, then show the cascade and impact.
import { gql, type SchemaInfo } from './api';
import type { GraphData } from './data';
import { banner, byId, fmt, h, pct, s } from './dom';
import type { Store, ViewState } from './state';

type Obj = Record<string, any>;

interface Summary { mean: number; p50: number; p90: number; p99: number }
interface InopStats { id: string; finalInoperability: Summary; peakInoperability: Summary; probabilityDisrupted: number; downtimeHours: { mean: number; p90: number } }
interface SimResult {
  meta?: Obj;
  services?: InopStats[];
  sectors?: InopStats[];
  capabilities?: { id: string; probabilityShortfall: number; shortfall: { mean: number; p90: number } }[];
  criteria?: { id: string; mean: number; p90: number; classProbabilities: Record<string, number>; meanScore?: number }[];
  totalImpact?: { mean: number; halfWidth95: number | null; p90: number; histogram?: unknown };
  timeline?: unknown;
}

const TERMINAL_OK = /^(done|complete|completed|succeeded|success|finished)$/i;
const TERMINAL_BAD = /^(failed|error|errored|cancelled|canceled|aborted)$/i;
const POLL_MS = 400;

export class SimulationView {
  private pollToken = 0;
  private shownRun: string | null = null;
  readonly available: boolean;
  lastStatus: string | null = null;

  constructor(private readonly data: GraphData, private readonly store: Store, private readonly schema: SchemaInfo) {
    this.available = schema.hasMutation('runSimulation') && schema.hasQuery('simulationRun');
    const select = byId<HTMLSelectElement>('sim-scenario');
    const scenarios = data.nodes.filter((n) => n.kind === 'Scenario').sort((a, b) => a.name.localeCompare(b.name));
    select.replaceChildren(...scenarios.map((n) => h('option', { value: n.id }, n.name)));
    select.addEventListener('change', () => this.store.update({ scenario: select.value }, 'replace'));
    const form = byId<HTMLFormElement>('sim-form');
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.start();
    });
    if (!this.available) {
      byId<HTMLButtonElement>('sim-run').disabled = true;
      byId('sim-status').textContent = `The server does not offer simulation runs yet (missing: ${[
        schema.hasMutation('runSimulation') ? null : 'mutation runSimulation',
        schema.hasQuery('simulationRun') ? null : 'query simulationRun',
      ].filter(Boolean).join(', ')}).`;
    }
  }

  apply(st: ViewState): void {
    const select = byId<HTMLSelectElement>('sim-scenario');
    if (st.scenario && [...select.options].some((o) => o.value === st.scenario)) select.value = st.scenario;
    if (this.available && st.run && st.run !== this.shownRun) {
      this.shownRun = st.run;
      void this.poll(st.run);
    }
  }

  private async start(): Promise<void> {
    const scenario = byId<HTMLSelectElement>('sim-scenario').value;
    const iterations = Number(byId<HTMLInputElement>('sim-iterations').value);
    const seed = byId<HTMLInputElement>('sim-seed').value.trim() || 'weerbaar';
    if (!scenario) return;
    if (!Number.isInteger(iterations) || iterations < 1) {
      byId('sim-status').textContent = 'Iterations: give a whole number of at least 1.';
      return;
    }
    const inputType = this.schema.argTypeName(this.schema.mutationType!, 'runSimulation', 'input');
    const fields = this.schema.inputFieldNames(inputType);
    const input: Obj = { scenario, iterations, seed };
    for (const k of Object.keys(input)) if (fields.length && !fields.includes(k)) delete input[k];
    byId<HTMLButtonElement>('sim-run').disabled = true;
    byId('sim-status').textContent = 'Starting the run…';
    byId('sim-results').replaceChildren();
    try {
      const d = await gql<{ runSimulation: { id: string; status: string } }>(
        `mutation Run($input: ${inputType}!) { runSimulation(input: $input) { id status } }`,
        { input },
      );
      this.shownRun = d.runSimulation.id;
      this.store.update({ run: d.runSimulation.id, scenario }, 'replace');
      await this.poll(d.runSimulation.id);
    } catch (e) {
      byId('sim-status').textContent = 'The run could not be started.';
      banner(`Simulation: ${(e as Error).message}`);
    } finally {
      byId<HTMLButtonElement>('sim-run').disabled = !this.available;
    }
  }

  private async poll(runId: string): Promise<void> {
    const token = ++this.pollToken;
    const ret = this.schema.returnType(this.schema.queryType, 'simulationRun')!;
    const query = `query RunState($id: ID!) { simulationRun(id: $id) { ${this.schema.selectAll(ret, 2)} } }`;
    const bar = byId<HTMLProgressElement>('sim-progress');
    const status = byId('sim-status');
    bar.hidden = false;
    bar.removeAttribute('value');
    for (;;) {
      if (token !== this.pollToken) return;
      let run: Obj | null;
      try {
        run = (await gql<{ simulationRun: Obj | null }>(query, { id: runId })).simulationRun;
      } catch (e) {
        status.textContent = 'Progress could not be read.';
        banner(`Simulation run ${runId}: ${(e as Error).message}`);
        bar.hidden = true;
        return;
      }
      if (!run) {
        status.textContent = `Run ${runId} does not exist (any more).`;
        bar.hidden = true;
        return;
      }
      const st = String(run.status ?? '');
      this.lastStatus = st;
      const fraction = progressFraction(run.progress);
      if (fraction !== null) bar.value = fraction;
      status.textContent = `Run ${runId}: ${st.toLowerCase()}${fraction !== null ? ` · ${Math.round(fraction * 100)} %` : ''}`;
      if (TERMINAL_OK.test(st) || (run.result && !/running|queued|pending/i.test(st))) {
        bar.value = 1;
        bar.hidden = true;
        const result = (typeof run.result === 'string' ? JSON.parse(run.result) : run.result) as SimResult | null;
        if (result) this.render(result);
        else status.textContent = `Run ${runId} finished without a result.`;
        return;
      }
      if (TERMINAL_BAD.test(st)) {
        bar.hidden = true;
        const msg = typeof run.error === 'string' ? run.error : typeof run.message === 'string' ? run.message : '';
        status.textContent = `Run ${runId} ${st.toLowerCase()}${msg ? `: ${msg}` : ''}.`;
        return;
      }
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  }

  // ---------------------------------------------------------------- results

  private name(id: string): string { return this.data.byId.get(id)?.name ?? id; }

  render(r: SimResult): void {
    const out = byId('sim-results');
    out.replaceChildren();
    const meta = r.meta ?? {};
    out.append(h('section', { class: 'card summary', id: 'sim-summary' },
      h('h2', {}, `Result: ${this.name(String(meta.scenario ?? ''))}`),
      h('dl', { class: 'inline' },
        h('dt', {}, 'Iterations'), h('dd', {}, fmt(meta.iterations)),
        h('dt', {}, 'Horizon'), h('dd', {}, `${fmt(meta.horizonHours)} h in steps of ${fmt(meta.stepHours)} h`),
        h('dt', {}, 'Seed'), h('dd', {}, String(meta.seed ?? '–')),
        h('dt', {}, 'Total impact (mean)'), h('dd', {}, `${fmt(r.totalImpact?.mean)}${r.totalImpact?.halfWidth95 != null ? ` ± ${fmt(r.totalImpact.halfWidth95)}` : ''}`),
        h('dt', {}, 'Total impact (P90)'), h('dd', {}, fmt(r.totalImpact?.p90)),
        h('dt', {}, 'Computed in'), h('dd', {}, `${fmt((Number(meta.elapsedMs) || 0) / 1000)} s`))));

    const timeline = readTimeline(r.timeline);
    if (timeline) out.append(this.timelineHeat('Services through time', timeline.services, timeline.hours), ...(timeline.sectors.length ? [this.timelineHeat('Sectors through time', timeline.sectors, timeline.hours)] : []));
    if (r.services?.length) out.append(this.statsHeat('Services: inoperability', r.services, 'sim-services', !timeline));
    if (r.sectors?.length) out.append(this.statsHeat('Sectors: inoperability', r.sectors, 'sim-sectors', true));
    if (r.criteria?.length) out.append(this.criteriaHistograms(r.criteria));
    const hist = readHistogram(r.totalImpact?.histogram);
    if (hist) out.append(h('section', { class: 'card' }, h('h3', {}, 'Total impact over the iterations'), barChart(hist.map((b) => ({ label: fmt(b.from), value: b.count })), 'iterations')));
    if (r.capabilities?.length) {
      const caps = [...r.capabilities].filter((c) => c.probabilityShortfall > 0).sort((a, b) => b.probabilityShortfall - a.probabilityShortfall).slice(0, 15);
      out.append(h('section', { class: 'card' }, h('h3', {}, 'Capabilities most likely to fall short'),
        caps.length ? h('table', { class: 'compact' },
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Capability'), h('th', { scope: 'col', class: 'num' }, 'P(shortfall)'), h('th', { scope: 'col', class: 'num' }, 'Shortfall mean'), h('th', { scope: 'col', class: 'num' }, 'P90'))),
          h('tbody', {}, caps.map((c) => h('tr', {}, h('td', {}, this.name(c.id)), h('td', { class: 'num' }, bar(c.probabilityShortfall)), h('td', { class: 'num' }, fmt(c.shortfall.mean)), h('td', { class: 'num' }, fmt(c.shortfall.p90)))))) : h('p', {}, 'No capability fell short in any iteration.')));
    }
    if (!timeline) out.append(h('p', { class: 'muted note' }, 'This server reports no per-step time series (result.timeline), so the heat maps show peak and final inoperability per service.'));
  }

  private statsHeat(title: string, rows: InopStats[], id: string, open: boolean): HTMLElement {
    const sorted = [...rows].sort((a, b) => b.peakInoperability.mean - a.peakInoperability.mean);
    const cols: [string, (r: InopStats) => number][] = [
      ['P(disrupted)', (r) => r.probabilityDisrupted],
      ['Peak mean', (r) => r.peakInoperability.mean],
      ['Peak P90', (r) => r.peakInoperability.p90],
      ['Final mean', (r) => r.finalInoperability.mean],
      ['Final P90', (r) => r.finalInoperability.p90],
    ];
    const sectorOf = (sid: string) => {
      const e = this.data.edges.find((x) => x.source === sid && x.type === 'PART_OF');
      return e ? this.name(e.target) : '';
    };
    const showSector = id === 'sim-services';
    return h('details', { class: 'card heat', id, open },
      h('summary', {}, h('h3', {}, title), h('span', { class: 'muted' }, ` ${rows.length} · sorted by peak`), legendScale()),
      h('div', { class: 'scroll' }, h('table', { class: 'heatmap' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Name'), showSector ? h('th', { scope: 'col' }, 'Sector') : null, ...cols.map(([c]) => h('th', { scope: 'col', class: 'num' }, c)), h('th', { scope: 'col', class: 'num' }, 'Down (h)'))),
        h('tbody', {}, sorted.map((r) => h('tr', {},
          h('th', { scope: 'row' }, this.name(r.id)),
          showSector ? h('td', { class: 'muted' }, sectorOf(r.id)) : null,
          ...cols.map(([, f]) => heatCell(f(r))),
          h('td', { class: 'num' }, fmt(r.downtimeHours.mean, 1))))))));
  }

  private timelineHeat(title: string, rows: { id: string; values: number[] }[], hours: number[] | null): HTMLElement {
    const sorted = [...rows].sort((a, b) => Math.max(...b.values) - Math.max(...a.values));
    const steps = Math.max(...sorted.map((r) => r.values.length));
    const cell = Math.max(2, Math.min(8, Math.floor(720 / steps)));
    const rowH = 14, labelW = 220;
    const canvas = h('canvas', { width: labelW + steps * cell + 10, height: sorted.length * rowH + 24, role: 'img', 'aria-label': `${title}: mean inoperability per step, ${sorted.length} rows × ${steps} steps` });
    const ctx = canvas.getContext('2d');
    if (ctx) {
      ctx.font = '11px system-ui, sans-serif';
      ctx.textBaseline = 'middle';
      sorted.forEach((r, i) => {
        ctx.fillStyle = '#1b1f24';
        ctx.fillText(truncate(this.name(r.id), 34), 2, i * rowH + rowH / 2);
        r.values.forEach((v, t) => {
          ctx.fillStyle = heatColour(v);
          ctx.fillRect(labelW + t * cell, i * rowH + 1, cell, rowH - 2);
        });
      });
      ctx.fillStyle = '#555';
      for (let t = 0; t < steps; t += Math.ceil(steps / 8)) ctx.fillText(`${hours ? fmt(hours[t]) : t} h`, labelW + t * cell, sorted.length * rowH + 12);
    }
    return h('section', { class: 'card heat' }, h('h3', {}, title, ' ', legendScale()), h('div', { class: 'scroll' }, canvas));
  }

  private criteriaHistograms(criteria: NonNullable<SimResult['criteria']>): HTMLElement {
    const classes = ['A', 'B', 'C', 'D', 'E'];
    return h('section', { class: 'card', id: 'sim-impact' },
      h('h3', {}, 'Impact per criterion: distribution over classes A–E'),
      h('p', { class: 'muted' }, 'Share of iterations in each impact class; the remainder fell below class A.'),
      h('div', { class: 'small-multiples' }, criteria.map((c) => {
        const below = Math.max(0, 1 - classes.reduce((a, k) => a + (c.classProbabilities[k] ?? 0), 0));
        return h('figure', {},
          h('figcaption', {}, this.name(c.id)),
          barChart([{ label: '<A', value: below }, ...classes.map((k) => ({ label: k, value: c.classProbabilities[k] ?? 0 }))], 'share', 1),
          h('p', { class: 'muted' }, `mean ${fmt(c.mean)} · P90 ${fmt(c.p90)}`));
      })));
  }
}

/** Progress as a fraction in [0, 1] from a number (fraction or percent) or an object with done/total. */
export function progressFraction(p: unknown): number | null {
  if (typeof p === 'number') return Math.max(0, Math.min(1, p > 1 ? p / 100 : p));
  if (p && typeof p === 'object') {
    const o = p as Obj;
    const done = o.done ?? o.completed ?? o.iterations ?? o.iterationsDone;
    const total = o.total ?? o.of ?? o.iterationsTotal ?? o.target;
    if (typeof o.fraction === 'number') return o.fraction;
    if (typeof done === 'number' && typeof total === 'number' && total > 0) return Math.min(1, done / total);
  }
  return null;
}

/** Accepts result.timeline as { hours?, services: [{id, mean|values}], sectors? } or { services: {id: number[]} }. */
function readTimeline(t: unknown): { hours: number[] | null; services: { id: string; values: number[] }[]; sectors: { id: string; values: number[] }[] } | null {
  if (!t || typeof t !== 'object') return null;
  const o = t as Obj;
  const rows = (v: unknown) => {
    if (Array.isArray(v)) return v.filter((x) => x && typeof x.id === 'string').map((x) => ({ id: x.id as string, values: (x.meanInoperability ?? x.mean ?? x.values ?? []) as number[] })).filter((x) => Array.isArray(x.values) && x.values.length);
    if (v && typeof v === 'object') return Object.entries(v as Obj).filter(([, a]) => Array.isArray(a)).map(([id, a]) => ({ id, values: a as number[] }));
    return [];
  };
  const services = rows(o.services);
  if (!services.length) return null;
  return { hours: Array.isArray(o.hours) ? o.hours : null, services, sectors: rows(o.sectors) };
}

function readHistogram(v: unknown): { from: number; count: number }[] | null {
  if (!Array.isArray(v) || !v.length) return null;
  const out = v.filter((b) => b && typeof b === 'object').map((b: Obj) => ({ from: Number(b.from ?? b.lower ?? b.x0 ?? NaN), count: Number(b.count ?? b.n ?? 0) }));
  return out.length ? out : null;
}

/** Sequential white → yellow → red (YlOrRd-like) for inoperability in [0, 1]. */
export function heatColour(v: number): string {
  const x = Math.max(0, Math.min(1, v));
  const stops = [[255, 255, 255], [255, 237, 160], [254, 178, 76], [240, 59, 32], [150, 0, 20]];
  const f = x * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(f));
  const t = f - i;
  const c = stops[i]!.map((a, k) => Math.round(a + (stops[i + 1]![k]! - a) * t));
  return `rgb(${c[0]},${c[1]},${c[2]})`;
}

function heatCell(v: number): HTMLElement {
  return h('td', { class: 'num heat-cell', style: `background:${heatColour(v)};color:${v > 0.6 ? '#fff' : '#1b1f24'}` }, pct(v));
}

function bar(v: number): HTMLElement {
  return h('span', { class: 'bar' }, h('span', { class: 'fill', style: `width:${Math.round(v * 100)}%` }), h('span', { class: 'v' }, pct(v)));
}

function legendScale(): HTMLElement {
  return h('span', { class: 'scale', 'aria-label': 'colour scale from 0 % to 100 % inoperability' }, '0 %', h('span', { class: 'ramp' }), '100 %');
}

function barChart(bins: { label: string; value: number }[], unit: string, max?: number): SVGSVGElement {
  const W = 220, H = 110, m = { l: 4, r: 4, t: 14, b: 18 };
  const top = max ?? Math.max(1e-9, ...bins.map((b) => b.value));
  const bw = (W - m.l - m.r) / bins.length;
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'hist', role: 'img', 'aria-label': bins.map((b) => `${b.label}: ${unit === 'share' ? pct(b.value) : fmt(b.value)}`).join(', ') });
  bins.forEach((b, i) => {
    const hgt = ((H - m.t - m.b) * b.value) / top;
    const x = m.l + i * bw;
    svg.append(s('rect', { x: x + 2, y: H - m.b - hgt, width: bw - 4, height: Math.max(0, hgt), class: 'hist-bar' }));
    svg.append(s('text', { x: x + bw / 2, y: H - 5, 'text-anchor': 'middle', class: 'tick' }, b.label));
    if (b.value > 0) svg.append(s('text', { x: x + bw / 2, y: H - m.b - hgt - 3, 'text-anchor': 'middle', class: 'tick' }, unit === 'share' ? pct(b.value) : fmt(b.value)));
  });
  return svg;
}

function truncate(t: string, n: number): string { return t.length > n ? `${t.slice(0, n - 1)}…` : t; }
