// The simulation view: start a run with runSimulation, follow it through the simulationProgress subscription
// (server-sent events), then read its result once and show the cascade and the impact.
import { gql, subscribe } from './api';
import type { GraphData } from './data';
import { banner, byId, h, s } from './dom';
import { fmt, pct, t } from './i18n';
import {
  RUN_SIMULATION,
  SIMULATION_PROGRESS,
  SIMULATION_RUN,
  TERMINAL,
  type InoperabilityStats,
  type ProgressAnswer,
  type ProgressEvent,
  type RunAnswer,
  type RunSimulationAnswer,
  type RunStatus,
  type SimulationResult,
  type Timeline,
} from './queries';
import type { Store, ViewState } from './state';

export class SimulationView {
  private following: AbortController | null = null;
  private shownRun: string | null = null;
  /** The last status the subscription reported, and how many events it delivered (for tests and diagnostics). */
  lastStatus: RunStatus | null = null;
  events = 0;

  constructor(
    private readonly data: GraphData,
    private readonly store: Store,
  ) {
    const select = byId<HTMLSelectElement>('sim-scenario');
    const scenarios = data.nodes.filter((n) => n.kind === 'Scenario').sort((a, b) => a.name.localeCompare(b.name));
    select.replaceChildren(...scenarios.map((n) => h('option', { value: n.id }, n.name)));
    select.addEventListener('change', () => this.store.update({ scenario: select.value }, 'replace'));
    byId<HTMLFormElement>('sim-form').addEventListener('submit', (e) => {
      e.preventDefault();
      void this.start();
    });
  }

  apply(st: ViewState): void {
    const select = byId<HTMLSelectElement>('sim-scenario');
    if (st.scenario && [...select.options].some((o) => o.value === st.scenario)) select.value = st.scenario;
    if (st.run && st.run !== this.shownRun) {
      this.shownRun = st.run;
      void this.follow(st.run);
    }
  }

  private async start(): Promise<void> {
    const scenario = byId<HTMLSelectElement>('sim-scenario').value;
    const iterations = Number(byId<HTMLInputElement>('sim-iterations').value);
    const seed = byId<HTMLInputElement>('sim-seed').value.trim() || 'weerbaar';
    const status = byId('sim-status');
    if (!scenario) return;
    if (!Number.isInteger(iterations) || iterations < 1) {
      status.textContent = t('sim.badIterations');
      return;
    }
    const button = byId<HTMLButtonElement>('sim-run');
    button.disabled = true;
    status.textContent = t('sim.starting');
    byId('sim-results').replaceChildren();
    try {
      const d = await gql<RunSimulationAnswer>(RUN_SIMULATION, { input: { scenario, iterations, seed } });
      this.shownRun = d.runSimulation.id;
      this.store.update({ run: d.runSimulation.id, scenario }, 'replace');
      await this.follow(d.runSimulation.id);
    } catch (e) {
      status.textContent = t('sim.startFailed');
      banner(t('sim.startFailedBanner', { message: (e as Error).message }));
    } finally {
      button.disabled = false;
    }
  }

  /** Follows a run over the subscription until it ends, then shows its result. */
  private async follow(runId: string): Promise<void> {
    this.following?.abort();
    const controller = new AbortController();
    this.following = controller;
    const bar = byId<HTMLProgressElement>('sim-progress');
    const status = byId('sim-status');
    bar.hidden = false;
    bar.removeAttribute('value');
    let last: ProgressEvent | null = null;
    const show = (e: ProgressEvent) => {
      last = e;
      this.lastStatus = e.status;
      this.events++;
      bar.value = e.progress;
      const statusWord = t(`sim.status.${e.status}`);
      status.textContent = t('sim.progress', { id: runId, status: statusWord, percent: pct(e.progress) });
    };
    try {
      const onEvent = (d: ProgressAnswer) => show(d.simulationProgress);
      await subscribe<ProgressAnswer>(SIMULATION_PROGRESS, { runId }, onEvent, controller.signal);
    } catch (e) {
      if (controller.signal.aborted) return;
      bar.hidden = true;
      const missing = e instanceof Error && 'codes' in e && (e as { codes: string[] }).codes.includes('NOT_FOUND');
      status.textContent = missing ? t('sim.missing', { id: runId }) : t('sim.progressFailed');
      if (!missing) banner(t('sim.progressFailedBanner', { id: runId, message: (e as Error).message }));
      return;
    }
    if (controller.signal.aborted) return;
    bar.hidden = true;
    const end = last as ProgressEvent | null;
    if (!end || !TERMINAL.has(end.status)) {
      status.textContent = t('sim.progressFailed');
      return;
    }
    if (end.status !== 'done') {
      status.textContent = t('sim.ended', { id: runId, status: t(`sim.status.${end.status}`), error: end.error ?? '' });
      return;
    }
    try {
      const run = (await gql<RunAnswer>(SIMULATION_RUN, { id: runId })).simulationRun;
      if (controller.signal.aborted) return;
      if (!run) status.textContent = t('sim.missing', { id: runId });
      else if (!run.result) status.textContent = t('sim.noResult', { id: runId });
      else this.render(run.result);
    } catch (e) {
      banner(t('sim.progressFailedBanner', { id: runId, message: (e as Error).message }));
    }
  }

  // ---------------------------------------------------------------- results

  private name(id: string): string {
    return this.data.byId.get(id)?.name ?? id;
  }

  render(r: SimulationResult): void {
    const out = byId('sim-results');
    out.replaceChildren();
    const meta = r.meta;
    const dd = (key: string, value: string) => [h('dt', {}, t(key)), h('dd', {}, value)];
    const half = r.totalImpact.halfWidth95 != null ? ` ± ${fmt(r.totalImpact.halfWidth95)}` : '';
    out.append(
      h(
        'section',
        { class: 'card summary', id: 'sim-summary', 'aria-labelledby': 'sim-summary-title' },
        h('h2', { id: 'sim-summary-title' }, t('sim.result', { scenario: this.name(meta.scenario) })),
        h(
          'dl',
          { class: 'inline' },
          ...dd('sim.iterations', fmt(meta.iterations)),
          ...dd('sim.horizon', t('sim.horizonValue', { hours: fmt(meta.horizonHours), step: fmt(meta.stepHours) })),
          ...dd('sim.seed', meta.seed),
          ...dd('sim.totalMean', `${fmt(r.totalImpact.mean)}${half}`),
          ...dd('sim.totalP90', fmt(r.totalImpact.p90)),
          ...dd('sim.computedIn', t('sim.seconds', { value: fmt(meta.elapsedMs / 1000) })),
        ),
      ),
    );

    if (r.timeline) out.append(...this.timelineHeat(r.timeline));
    if (r.services.length) out.append(this.statsHeat(t('sim.servicesInop'), r.services, 'sim-services', !r.timeline));
    if (r.sectors.length) out.append(this.statsHeat(t('sim.sectorsInop'), r.sectors, 'sim-sectors', true));
    if (r.criteria.length) out.append(this.criteriaHistograms(r.criteria));
    const caps = r.capabilities
      .filter((c) => c.probabilityShortfall > 0)
      .sort((a, b) => b.probabilityShortfall - a.probabilityShortfall)
      .slice(0, 15);
    const th = (key: string, cls?: string) => h('th', { scope: 'col', class: cls }, t(key));
    out.append(
      h(
        'section',
        { class: 'card', 'aria-labelledby': 'sim-caps-title' },
        h('h3', { id: 'sim-caps-title' }, t('sim.capabilitiesShort')),
        caps.length
          ? h(
              'table',
              { class: 'utrecht-table utrecht-table--html-table compact' },
              h(
                'thead',
                {},
                h(
                  'tr',
                  {},
                  th('sim.capability'),
                  th('sim.pShort', 'num'),
                  th('sim.shortMean', 'num'),
                  h('th', { scope: 'col', class: 'num' }, 'P90'),
                ),
              ),
              h(
                'tbody',
                {},
                caps.map((c) =>
                  h(
                    'tr',
                    {},
                    h('th', { scope: 'row' }, this.name(c.id)),
                    h('td', { class: 'num' }, bar(c.probabilityShortfall)),
                    h('td', { class: 'num' }, fmt(c.shortfall.mean)),
                    h('td', { class: 'num' }, fmt(c.shortfall.p90)),
                  ),
                ),
              ),
            )
          : h('p', {}, t('sim.noneShort')),
      ),
    );
  }

  private statsHeat(title: string, rows: InoperabilityStats[], id: string, open: boolean): HTMLElement {
    const sorted = [...rows].sort((a, b) => b.peakInoperability.mean - a.peakInoperability.mean);
    const cols: [string, (r: InoperabilityStats) => number][] = [
      ['sim.pDisrupted', (r) => r.probabilityDisrupted],
      ['sim.peakMean', (r) => r.peakInoperability.mean],
      ['sim.peakP90', (r) => r.peakInoperability.p90],
      ['sim.finalMean', (r) => r.finalInoperability.mean],
      ['sim.finalP90', (r) => r.finalInoperability.p90],
    ];
    const sectorOf = (sid: string) => {
      const e = this.data.edges.find((x) => x.source === sid && x.type === 'PART_OF');
      return e ? this.name(e.target) : '';
    };
    const showSector = id === 'sim-services';
    const th = (key: string, cls?: string) => h('th', { scope: 'col', class: cls }, t(key));
    return h(
      'details',
      { class: 'card heat', id, open },
      h(
        'summary',
        {},
        h('h3', {}, title),
        h('span', { class: 'muted' }, ` ${t('sim.sortedByPeak', { count: rows.length })}`),
        legendScale(),
      ),
      h(
        'div',
        { class: 'scroll', tabindex: 0, role: 'region', 'aria-label': title },
        h(
          'table',
          { class: 'heatmap' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              th('sim.name'),
              showSector ? th('sim.sector') : null,
              ...cols.map(([c]) => th(c, 'num')),
              th('sim.down', 'num'),
            ),
          ),
          h(
            'tbody',
            {},
            sorted.map((r) =>
              h(
                'tr',
                {},
                h('th', { scope: 'row' }, this.name(r.id)),
                showSector ? h('td', { class: 'muted' }, sectorOf(r.id)) : null,
                ...cols.map(([, f]) => heatCell(f(r))),
                h('td', { class: 'num' }, fmt(r.downtimeHours.mean, 1)),
              ),
            ),
          ),
        ),
      ),
    );
  }

  /** The heat maps through time: a canvas for the eye and a table of the same series at a few hours. */
  private timelineHeat(timeline: Timeline): HTMLElement[] {
    const parts: [string, Timeline['services']][] = [['sim.servicesThroughTime', timeline.services]];
    if (timeline.sectors.length) parts.push(['sim.sectorsThroughTime', timeline.sectors]);
    return parts
      .filter(([, rows]) => rows.length)
      .map(([key, rows]) => {
        const title = t(key);
        const sorted = [...rows].sort((a, b) => Math.max(...b.meanInoperability) - Math.max(...a.meanInoperability));
        const steps = Math.max(...sorted.map((r) => r.meanInoperability.length));
        const cell = Math.max(2, Math.min(8, Math.floor(720 / steps)));
        const rowH = 14,
          labelW = 220;
        const label = t('sim.throughTimeLabel', { title, rows: sorted.length, steps });
        const canvas = h('canvas', {
          width: labelW + steps * cell + 10,
          height: sorted.length * rowH + 24,
          role: 'img',
          'aria-label': label,
          'data-series': key,
        });
        const ctx = canvas.getContext('2d');
        if (ctx) {
          ctx.font = '11px system-ui, sans-serif';
          ctx.textBaseline = 'middle';
          sorted.forEach((r, i) => {
            ctx.fillStyle = '#1b1f24';
            ctx.fillText(truncate(this.name(r.id), 34), 2, i * rowH + rowH / 2);
            r.meanInoperability.forEach((v, k) => {
              ctx.fillStyle = heatColour(v);
              ctx.fillRect(labelW + k * cell, i * rowH + 1, cell, rowH - 2);
            });
          });
          ctx.fillStyle = '#555';
          for (let k = 0; k < steps; k += Math.ceil(steps / 8)) {
            ctx.fillText(
              t('sim.hours', { value: fmt(timeline.hours[k]) }),
              labelW + k * cell,
              sorted.length * rowH + 12,
            );
          }
        }
        // The same numbers as a table, at up to eight hours spread over the horizon.
        const picks = [...new Set(Array.from({ length: 8 }, (_, i) => Math.round((i * (steps - 1)) / 7)))];
        const tableTitle = t('sim.throughTimeTable', { title });
        const table = h(
          'details',
          {},
          h('summary', {}, tableTitle),
          h(
            'div',
            { class: 'scroll', tabindex: 0, role: 'region', 'aria-label': tableTitle },
            h(
              'table',
              { class: 'heatmap' },
              h(
                'thead',
                {},
                h(
                  'tr',
                  {},
                  h('th', { scope: 'col' }, t('sim.name')),
                  ...picks.map((k) =>
                    h('th', { scope: 'col', class: 'num' }, t('sim.hours', { value: fmt(timeline.hours[k]) })),
                  ),
                ),
              ),
              h(
                'tbody',
                {},
                sorted.map((r) =>
                  h(
                    'tr',
                    {},
                    h('th', { scope: 'row' }, this.name(r.id)),
                    ...picks.map((k) => heatCell(r.meanInoperability[k] ?? 0)),
                  ),
                ),
              ),
            ),
          ),
        );
        return h(
          'section',
          { class: 'card heat' },
          h('h3', {}, title, ' ', legendScale()),
          h('div', { class: 'scroll' }, canvas),
          table,
        );
      });
  }

  private criteriaHistograms(criteria: SimulationResult['criteria']): HTMLElement {
    const classes = ['A', 'B', 'C', 'D', 'E'] as const;
    return h(
      'section',
      { class: 'card', id: 'sim-impact', 'aria-labelledby': 'sim-impact-title' },
      h('h3', { id: 'sim-impact-title' }, t('sim.impactTitle')),
      h('p', { class: 'muted' }, t('sim.impactNote')),
      h(
        'div',
        { class: 'small-multiples' },
        criteria.map((c) => {
          const below = Math.max(0, 1 - classes.reduce((a, k) => a + (c.classProbabilities[k] ?? 0), 0));
          const bins = [
            { label: '<A', value: below },
            ...classes.map((k) => ({ label: k, value: c.classProbabilities[k] ?? 0 })),
          ];
          return h(
            'figure',
            {},
            h('figcaption', {}, this.name(c.id)),
            barChart(bins),
            h('p', { class: 'muted' }, t('sim.meanP90', { mean: fmt(c.mean), p90: fmt(c.p90) })),
          );
        }),
      ),
    );
  }
}

/** Sequential white → yellow → red (YlOrRd-like) for inoperability in [0, 1]. */
export function heatColour(v: number): string {
  const x = Math.max(0, Math.min(1, v));
  const stops = [
    [255, 255, 255],
    [255, 237, 160],
    [254, 178, 76],
    [240, 59, 32],
    [150, 0, 20],
  ];
  const f = x * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(f));
  const t = f - i;
  const c = stops[i]!.map((a, k) => Math.round(a + (stops[i + 1]![k]! - a) * t));
  return `rgb(${c[0]},${c[1]},${c[2]})`;
}

function heatCell(v: number): HTMLElement {
  const style = `background:${heatColour(v)};color:${v > 0.6 ? '#fff' : '#1b1f24'}`;
  return h('td', { class: 'num heat-cell', style }, pct(v));
}

function bar(v: number): HTMLElement {
  const fill = h('span', { class: 'fill', style: `width:${Math.round(v * 100)}%` });
  return h('span', { class: 'bar' }, fill, h('span', { class: 'v' }, pct(v)));
}

function legendScale(): HTMLElement {
  const ramp = h('span', { class: 'ramp' });
  return h('span', { class: 'scale', role: 'img', 'aria-label': t('sim.scale') }, pct(0), ramp, pct(1));
}

/** Shares per class as bars, each labelled with its percentage (a shape and a number, not colour alone). */
function barChart(bins: { label: string; value: number }[]): SVGSVGElement {
  const W = 220,
    H = 110,
    m = { l: 4, r: 4, t: 14, b: 18 };
  const top = 1;
  const bw = (W - m.l - m.r) / bins.length;
  const label = bins.map((b) => `${b.label}: ${pct(b.value)}`).join(', ');
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'hist', role: 'img', 'aria-label': label });
  bins.forEach((b, i) => {
    const hgt = ((H - m.t - m.b) * b.value) / top;
    const x = m.l + i * bw;
    svg.append(s('rect', { x: x + 2, y: H - m.b - hgt, width: bw - 4, height: Math.max(0, hgt), class: 'hist-bar' }));
    svg.append(s('text', { x: x + bw / 2, y: H - 5, 'text-anchor': 'middle', class: 'tick' }, b.label));
    const at = { x: x + bw / 2, y: H - m.b - hgt - 3, 'text-anchor': 'middle', class: 'tick' };
    if (b.value > 0) svg.append(s('text', at, pct(b.value)));
  });
  return svg;
}

function truncate(t: string, n: number): string {
  return t.length > n ? `${t.slice(0, n - 1)}…` : t;
}
