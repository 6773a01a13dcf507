// The map: the safety regions of the Netherlands as markers at their positions, showing for one scenario and a
// time limit where a capability is held, what of it arrives in time, and where the scenario falls short; drawn with
// Vega-Lite (mercator projection over the country's outline from Natural Earth) and given again as a table. No public
// package ships the shapes of the safety regions, so each region is a marker at its position (lat, lon).
import type { TopLevelSpec } from 'vega-lite';
import type { View as VegaView } from 'vega';
import { gql } from './api';
import { banner, byId, fmt, h, pct } from './dom';
import { t } from './i18n';
import {
  MAP_GAPS,
  MAP_REGIONS,
  type MapBalance,
  type MapGapsAnswer,
  type MapRegion,
  type MapRegionsAnswer,
} from './queries';
import type { Store, ViewState } from './state';
import { REGION_STATUSES, regionRows, type RegionRow, type RegionStatus } from './map-rows';

/** Okabe–Ito colours and a distinct shape per status, so that no status is told by colour alone. */
const STATUS_STYLE: Record<RegionStatus, { colour: string; shape: string }> = {
  short: { colour: '#D55E00', shape: 'triangle-up' },
  covered: { colour: '#009E73', shape: 'square' },
  inTime: { colour: '#0072B2', shape: 'circle' },
  late: { colour: '#E69F00', shape: 'diamond' },
  none: { colour: '#999999', shape: 'cross' },
};

interface Choices {
  regions: MapRegion[];
  scenarios: { id: string; name: string; regions: string[] }[];
}

export class MapView {
  private choices: Promise<Choices> | null = null;
  private lastKey = '';
  private answer: { key: string; balance: MapBalance[] } | null = null;
  /** The Vega view of the map drawn last (for tests and diagnostics). */
  view: VegaView | null = null;
  /** The rows drawn last. */
  rows: RegionRow[] = [];
  /** What the map shows once drawn: [scenario, within, capability] as JSON (for tests and diagnostics). */
  drawn: string | null = null;
  private readonly root = byId('view-map');

  constructor(private readonly store: Store) {
    this.root.replaceChildren(
      h('div', { class: 'page-head' }, h('h1', { class: 'utrecht-heading-1' }, t('map.title'))),
      h(
        'form',
        { id: 'map-form', class: 'sim-form', onsubmit: (e: Event) => e.preventDefault() },
        h(
          'label',
          { class: 'utrecht-form-label' },
          h('span', {}, t('map.scenario')),
          h('select', { id: 'map-scenario', class: 'utrecht-select utrecht-select--html-select' }),
        ),
        h(
          'label',
          { class: 'utrecht-form-label' },
          h('span', {}, t('map.within')),
          h('input', {
            id: 'map-within',
            type: 'number',
            min: 0,
            step: 'any',
            inputmode: 'decimal',
            placeholder: t('map.withinAll'),
            'aria-describedby': 'map-within-help',
            class: 'utrecht-textbox utrecht-textbox--html-input',
          }),
        ),
        h(
          'label',
          { class: 'utrecht-form-label' },
          h('span', {}, t('map.capability')),
          h('select', { id: 'map-capability', class: 'utrecht-select utrecht-select--html-select' }),
        ),
      ),
      h('p', { id: 'map-within-help', class: 'help' }, t('map.withinHelp')),
      h('p', { id: 'map-status', class: 'muted', role: 'status' }),
      h('div', { id: 'map-results', class: 'map-results' }),
    );
    byId<HTMLSelectElement>('map-scenario').addEventListener('change', (e) =>
      this.store.update({ scenario: (e.target as HTMLSelectElement).value, capability: null }, 'replace'),
    );
    byId<HTMLInputElement>('map-within').addEventListener('change', (e) => {
      const raw = (e.target as HTMLInputElement).value.trim();
      const within = raw === '' ? null : Number(raw);
      if (within !== null && !(within >= 0)) {
        byId('map-status').textContent = t('map.badWithin');
        return;
      }
      this.store.update({ within }, 'replace');
    });
    byId<HTMLSelectElement>('map-capability').addEventListener('change', (e) =>
      this.store.update({ capability: (e.target as HTMLSelectElement).value }, 'replace'),
    );
  }

  apply(st: ViewState): void {
    void this.load(st);
  }

  private async load(st: ViewState): Promise<void> {
    const status = byId('map-status');
    let choices: Choices;
    try {
      this.choices ??= gql<MapRegionsAnswer>(MAP_REGIONS).then((d) => ({
        regions: d.regions.edges.map((e) => e.node),
        scenarios: d.scenarios.edges
          .map((e) => ({ ...e.node, regions: e.node.regions.map((r) => r.id) }))
          .sort((a, b) => a.name.localeCompare(b.name)),
      }));
      choices = await this.choices;
    } catch (e) {
      this.choices = null;
      status.textContent = t('map.failed');
      banner(t('map.failedBanner', { message: (e as Error).message }));
      return;
    }
    const select = byId<HTMLSelectElement>('map-scenario');
    if (select.options.length !== choices.scenarios.length) {
      select.replaceChildren(
        ...choices.scenarios.map((s) =>
          h('option', { value: s.id }, s.regions.length ? s.name : t('map.noRegions', { name: s.name })),
        ),
      );
    }
    if (!choices.scenarios.length) {
      status.textContent = t('map.empty');
      byId('map-results').replaceChildren();
      return;
    }
    // Without a choice: the first scenario (by name) that hits regions.
    const scenario =
      choices.scenarios.find((s) => s.id === st.scenario) ??
      choices.scenarios.find((s) => s.regions.length) ??
      choices.scenarios[0]!;
    select.value = scenario.id;
    const within = byId<HTMLInputElement>('map-within');
    if (document.activeElement !== within) within.value = st.within === null ? '' : String(st.within);

    const key = JSON.stringify([scenario.id, st.within]);
    this.lastKey = key;
    if (this.answer?.key !== key) {
      status.textContent = t('map.loading');
      try {
        const d = await gql<MapGapsAnswer>(MAP_GAPS, { scenarioIds: [scenario.id], withinHours: st.within });
        if (this.lastKey !== key) return;
        this.answer = { key, balance: d.gapAnalysis.balance };
      } catch (e) {
        if (this.lastKey !== key) return;
        status.textContent = t('map.failed');
        byId('map-results').replaceChildren();
        banner(t('map.failedBanner', { message: (e as Error).message }));
        return;
      }
    }
    // The capabilities the scenario needs, those furthest short (as a share of the requirement) first.
    const needed = this.answer.balance
      .filter((b) => b.required > 0 && b.scenario?.id === scenario.id)
      .sort(
        (a, b) =>
          b.shortfall / b.required - a.shortfall / a.required || a.capability.name.localeCompare(b.capability.name),
      );
    const capSelect = byId<HTMLSelectElement>('map-capability');
    capSelect.replaceChildren(
      ...needed.map((b) =>
        h(
          'option',
          { value: b.capability.id },
          b.shortfall > 0
            ? t('map.capabilityShort', {
                name: b.capability.name,
                shortfall: fmt(b.shortfall),
                unit: b.capability.unit,
              })
            : b.capability.name,
        ),
      ),
    );
    if (!needed.length) {
      status.textContent = t('map.nothingNeeded', { scenario: scenario.name });
      this.rows = [];
      this.drop();
      byId('map-results').replaceChildren();
      return;
    }
    const balance = needed.find((b) => b.capability.id === st.capability) ?? needed[0]!;
    capSelect.value = balance.capability.id;
    const affected = new Set(scenario.regions);
    const { rows, elsewhere } = regionRows(choices.regions, affected, balance);
    this.rows = rows;
    const short = needed.filter((b) => b.shortfall > 0).length;
    status.textContent =
      st.within === null
        ? t('map.statusAll', { count: needed.length, short, scenario: scenario.name })
        : t('map.status', { count: needed.length, short, scenario: scenario.name, hours: fmt(st.within) });
    const out = byId('map-results');
    const figure = h('figure', { class: 'map-figure' });
    const chart = h('div', { id: 'map-chart', class: 'map-chart', role: 'img', 'aria-labelledby': 'map-caption' });
    figure.append(
      chart,
      h('figcaption', { id: 'map-caption', class: 'help' }, this.caption(scenario.name, balance, st.within)),
    );
    out.replaceChildren(
      figure,
      this.summary(balance, scenario.regions, choices.regions, st.within),
      this.table(rows, elsewhere, balance, st.within),
    );
    this.drawn = null;
    try {
      await this.draw(chart, rows, balance);
      if (chart.isConnected) this.drawn = JSON.stringify([scenario.id, st.within, balance.capability.id]);
    } catch (e) {
      banner(t('map.failedBanner', { message: (e as Error).message }));
    }
  }

  private drop(): void {
    this.view?.finalize();
    this.view = null;
  }

  private caption(scenario: string, b: MapBalance, within: number | null): string {
    return t('map.caption', {
      scenario,
      capability: b.capability.name,
      limit: within === null ? t('map.noLimit') : t('map.limit', { hours: fmt(within) }),
    });
  }

  private summary(b: MapBalance, affected: string[], regions: MapRegion[], within: number | null): HTMLElement {
    const names = affected.map((id) => regions.find((r) => r.id === id)?.name ?? id);
    const item = (term: string, value: string, id?: string) =>
      [h('dt', {}, term), h('dd', { id }, value)] as HTMLElement[];
    return h(
      'dl',
      { class: 'map-summary', id: 'map-summary' },
      item(t('map.affected'), names.length ? names.join(', ') : t('map.noAffected')),
      item(t('map.required'), `${fmt(b.required)} ${b.capability.unit}`, 'map-required'),
      item(
        within === null ? t('map.availableAll') : t('map.available', { hours: fmt(within) }),
        `${fmt(b.available)} ${b.capability.unit}`,
        'map-available',
      ),
      item(
        t('map.shortfall'),
        b.shortfall > 0 ? `${fmt(b.shortfall)} ${b.capability.unit}` : t('map.noShortfall'),
        'map-shortfall',
      ),
    );
  }

  private async draw(el: HTMLElement, rows: RegionRow[], b: MapBalance): Promise<void> {
    const [vega, vl, outline] = await Promise.all([
      import('vega'),
      import('vega-lite'),
      import('virtual:netherlands-outline'),
    ]);
    if (!el.isConnected) return;
    const labels = REGION_STATUSES.map((s) => t(`map.statusKey.${s}`));
    const values = rows.map((r) => ({
      ...r,
      statusLabel: t(`map.statusKey.${r.status}`),
      // Beside the marker: the shortfall on an affected region, else what is held there (nothing for empty regions).
      label: r.status === 'short' ? `−${fmt(r.shortfall)}` : r.held > 0 ? fmt(r.held) : '',
      heldText: fmt(r.held),
      inTimeText: fmt(r.inTime),
    }));
    const maxHeld = Math.max(1, ...rows.map((r) => r.held));
    const spec: TopLevelSpec = {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      width: 460,
      height: 540,
      background: 'white',
      config: {
        font: getComputedStyle(el).fontFamily,
        view: { stroke: null },
        legend: { labelFontSize: 12, titleFontSize: 12, titleLimit: 320, symbolStrokeColor: '#1b1f24' },
      },
      projection: { type: 'mercator' },
      layer: [
        {
          data: { values: [outline.default] },
          mark: { type: 'geoshape', fill: '#e8edf2', stroke: '#6b7785', strokeWidth: 0.8, aria: false },
        },
        {
          name: 'markers',
          data: { values },
          mark: { type: 'point', filled: true, stroke: '#1b1f24', strokeWidth: 1, opacity: 0.95, aria: false },
          encoding: {
            longitude: { field: 'lon', type: 'quantitative' },
            latitude: { field: 'lat', type: 'quantitative' },
            size: {
              field: 'held',
              type: 'quantitative',
              scale: { domain: [0, maxHeld], range: [90, 900] },
              // No size key when no region holds any of it (everything is national or international).
              legend: rows.some((r) => r.held > 0) ? { title: t('map.legendHeld', { unit: b.capability.unit }) } : null,
            },
            shape: {
              field: 'statusLabel',
              type: 'nominal',
              scale: { domain: labels, range: REGION_STATUSES.map((s) => STATUS_STYLE[s].shape) },
              legend: { title: t('map.legendStatus') },
            },
            color: {
              field: 'statusLabel',
              type: 'nominal',
              scale: { domain: labels, range: REGION_STATUSES.map((s) => STATUS_STYLE[s].colour) },
              legend: { title: t('map.legendStatus') },
            },
            tooltip: [
              { field: 'name', title: t('map.region') },
              { field: 'statusLabel', title: t('map.state') },
              { field: 'heldText', title: t('map.held', { unit: b.capability.unit }) },
              { field: 'inTimeText', title: t('map.inTime') },
            ],
          },
        },
        {
          data: { values },
          mark: {
            type: 'text',
            align: 'left',
            dx: 10,
            dy: -8,
            fontSize: 11,
            fontWeight: 600,
            color: '#1b1f24',
            aria: false,
          },
          encoding: {
            longitude: { field: 'lon', type: 'quantitative' },
            latitude: { field: 'lat', type: 'quantitative' },
            text: { field: 'label', type: 'nominal' },
          },
        },
      ],
    };
    const compiled = vl.compile(spec).spec;
    const view = new vega.View(vega.parse(compiled), { renderer: 'svg', container: el, hover: false });
    await view.runAsync();
    this.drop();
    this.view = view;
  }

  private table(
    rows: RegionRow[],
    elsewhere: ReturnType<typeof regionRows>['elsewhere'],
    b: MapBalance,
    within: number | null,
  ): HTMLElement {
    const th = (text: string, cls?: string) => h('th', { scope: 'col', class: cls }, text);
    const holders = (list: RegionRow['holders']) =>
      list.map((x) => (x.counted ? x.name : t('map.tooLate', { name: x.name }))).join(', ') || '–';
    // Affected regions first, then by what is held there.
    const sorted = [...rows].sort(
      (a, c) => Number(c.affected) - Number(a.affected) || c.held - a.held || a.name.localeCompare(c.name),
    );
    const row = (
      name: string,
      r: Omit<RegionRow, 'id' | 'name' | 'lat' | 'lon' | 'status'>,
      status: string,
      id?: string,
    ) =>
      h(
        'tr',
        { 'data-region': id },
        h('th', { scope: 'row' }, name),
        h('td', {}, status),
        h('td', { class: 'num' }, fmt(r.held)),
        h('td', { class: 'num' }, fmt(r.inTime)),
        h('td', { class: 'num' }, r.earliest === null ? '–' : t('map.hours', { value: fmt(r.earliest) })),
        h('td', { class: 'num' }, r.share === null ? '–' : pct(r.share)),
        h('td', { class: 'num' }, r.shortfall === null ? '–' : fmt(r.shortfall)),
        h('td', {}, holders(r.holders)),
      );
    return h(
      'section',
      { class: 'map-table', 'aria-labelledby': 'map-table-title' },
      h('h2', { id: 'map-table-title', class: 'utrecht-heading-2' }, t('map.table')),
      h('p', { class: 'help' }, t('map.tableNote', { unit: b.capability.unit })),
      h(
        'div',
        { class: 'scroll', tabindex: 0, role: 'region', 'aria-labelledby': 'map-table-title' },
        h(
          'table',
          { class: 'utrecht-table utrecht-table--html-table compact', id: 'map-table' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              th(t('map.region')),
              th(t('map.state')),
              th(t('map.held', { unit: b.capability.unit }), 'num'),
              th(within === null ? t('map.inTimeAll') : t('map.inTimeWithin', { hours: fmt(within) }), 'num'),
              th(t('map.earliest'), 'num'),
              th(t('map.share'), 'num'),
              th(t('map.shortfallColumn'), 'num'),
              th(t('map.holders')),
            ),
          ),
          h(
            'tbody',
            {},
            sorted.map((r) => row(r.name, r, t(`map.statusKey.${r.status}`), r.id)),
            elsewhere.holders.length ? row(t('map.elsewhere'), elsewhere, t('map.elsewhereState'), 'elsewhere') : null,
          ),
        ),
      ),
    );
  }
}
