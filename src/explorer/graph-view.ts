// The graph view: Cytoscape with fcose, kind filter, party focus, search, details, neighbourhood expansion and the gap
// overlay.
import cytoscape, { type Core, type ElementDefinition, type NodeSingular } from 'cytoscape';
import fcose from 'cytoscape-fcose';
import { gql } from './api';
import type { GraphData, GraphNode } from './data';
import { banner, byId, h } from './dom';
import { date, dateTime, fmt, pct, t } from './i18n';
import { KINDS, KIND_ORDER, kindLabel, kindPlural, relLabel, type Kind } from './kinds';
import { mayEditHoldings } from './auth';
import {
  EDIT_HOLDING,
  HOLDING_HISTORY,
  NODE_DETAILS,
  type EditHoldingAnswer,
  type HoldingHistoryAnswer,
  type NodeDetailsAnswer,
} from './queries';
import type { Store, ViewState } from './state';
import { loadGaps, type GapOverlay } from './gaps';

cytoscape.use(fcose);

export interface Timings {
  loadMs: number;
  renderMs: number;
  layoutMs: number;
  elements: number;
  visible: number;
}

const ROLE_ORDER = ['lead', 'support'];

export class GraphView {
  readonly cy: Core;
  readonly timings: Timings = { loadMs: 0, renderMs: 0, layoutMs: 0, elements: 0, visible: 0 };
  private visibleKey = '';
  private gaps: GapOverlay | null = null;
  private gapsPending: Promise<void> | null = null;
  private readonly out = new Map<string, { type: string; other: string; props: Record<string, unknown> }[]>();
  private readonly inc = new Map<string, { type: string; other: string; props: Record<string, unknown> }[]>();
  private detailsToken = 0;
  layoutRuns = 0;
  /** Holdings saved from this page (for tests and diagnostics). */
  holdingEdits = 0;

  constructor(
    private readonly data: GraphData,
    private readonly store: Store,
  ) {
    for (const e of data.edges) {
      (this.out.get(e.source) ?? this.out.set(e.source, []).get(e.source)!).push({
        type: e.type,
        other: e.target,
        props: e.props,
      });
      (this.inc.get(e.target) ?? this.inc.set(e.target, []).get(e.target)!).push({
        type: e.type,
        other: e.source,
        props: e.props,
      });
    }
    const t0 = performance.now();
    const big = data.nodes.length + data.edges.length > 1500;
    this.cy = cytoscape({
      container: byId('cy'),
      elements: this.elements(),
      style: this.style(big),
      layout: { name: 'preset' },
      minZoom: 0.05,
      maxZoom: 4,
      wheelSensitivity: 0.3,
      // Large graphs: cheaper rendering while panning and zooming keeps the page responsive.
      hideEdgesOnViewport: big,
      textureOnViewport: big,
      pixelRatio: big ? 1 : 'auto',
    });
    this.timings.renderMs = performance.now() - t0;
    this.timings.elements = data.nodes.length + data.edges.length;
    this.cy.on('tap', 'node', (ev) => this.store.update({ node: ev.target.id() }, 'replace'));
    this.cy.on('tap', (ev) => {
      if (ev.target === this.cy) this.store.update({ node: null }, 'replace');
    });
    this.buildControls();
  }

  private elements(): ElementDefinition[] {
    const els: ElementDefinition[] = [];
    for (const n of this.data.nodes)
      els.push({ group: 'nodes', data: { id: n.id, label: n.name, kind: n.kind }, classes: n.kind });
    for (const e of this.data.edges) {
      const role = e.type === 'RESPONSIBLE_FOR' ? String(e.props.role ?? '') : '';
      els.push({
        group: 'edges',
        data: { id: e.id, source: e.source, target: e.target, type: e.type },
        classes: `${e.type} ${role}`,
      });
    }
    return els;
  }

  private style(big: boolean): cytoscape.StylesheetJson {
    const kindStyles = KIND_ORDER.map((k) => ({
      selector: `node.${k}`,
      style: { 'background-color': KINDS[k].color, shape: KINDS[k].shape as cytoscape.Css.NodeShape },
    }));
    return [
      {
        selector: 'node',
        style: {
          label: 'data(label)',
          width: 22,
          height: 22,
          'font-size': 10,
          'font-family': 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
          color: '#1b1f24',
          'text-valign': 'bottom',
          'text-margin-y': 3,
          'text-wrap': 'ellipsis',
          'text-max-width': '120px',
          'text-background-color': '#ffffff',
          'text-background-opacity': 0.75,
          'text-background-padding': '1px',
          'min-zoomed-font-size': big ? 9 : 6,
          'border-width': 1,
          'border-color': '#ffffff',
        },
      },
      ...kindStyles,
      { selector: 'node.Party', style: { width: 26, height: 18 } },
      { selector: 'node.Threat', style: { width: 30, height: 28 } },
      { selector: 'node.Sector', style: { width: 30, height: 24 } },
      {
        selector: 'edge',
        style: {
          width: 1,
          'line-color': '#b8c0cc',
          'target-arrow-color': '#b8c0cc',
          'target-arrow-shape': big ? 'none' : 'triangle',
          'arrow-scale': 0.6,
          'curve-style': big ? 'haystack' : 'straight',
          opacity: 0.8,
        },
      },
      { selector: 'edge.DEPENDS_ON', style: { 'line-color': '#3b6e9e', 'target-arrow-color': '#3b6e9e', width: 1.4 } },
      { selector: 'edge.RESPONSIBLE_FOR', style: { 'line-color': '#4B3A8C', 'target-arrow-color': '#4B3A8C' } },
      { selector: 'edge.RESPONSIBLE_FOR.support', style: { 'line-style': 'dashed' } },
      { selector: 'edge.HOLDS', style: { 'line-color': '#009E73', 'target-arrow-color': '#009E73' } },
      { selector: '.hidden', style: { display: 'none' } },
      { selector: '.faded', style: { opacity: 0.15, 'text-opacity': 0 } },
      {
        selector: 'edge.highlight',
        style: { width: 2.5, opacity: 1, 'line-color': '#1b1f24', 'target-arrow-color': '#1b1f24', 'z-index': 9 },
      },
      {
        selector: 'node:selected',
        style: {
          'border-width': 4,
          'border-color': '#111',
          'font-weight': 'bold',
          'font-size': 12,
          'z-index': 10,
          'min-zoomed-font-size': 0,
        },
      },
      { selector: 'node.match', style: { 'border-width': 3, 'border-color': '#111', 'min-zoomed-font-size': 0 } },
      {
        selector: 'node.gap',
        style: {
          'underlay-color': '#d40000',
          'underlay-opacity': 0.55,
          'underlay-padding': 7,
          'underlay-shape': 'ellipse',
          'border-color': '#d40000',
          'border-width': 3,
          color: '#a00000',
          'font-weight': 'bold',
        },
      },
      {
        selector: 'node.duplicate',
        style: { 'outline-color': '#111', 'outline-width': 3, 'outline-style': 'dashed', 'outline-offset': 3 },
      },
    ] as unknown as cytoscape.StylesheetJson;
  }

  // ---------------------------------------------------------------- controls (left column)

  private buildControls(): void {
    const select = byId<HTMLSelectElement>('party');
    const parties = this.data.nodes.filter((n) => n.kind === 'Party');
    const groups = new Map<string, GraphNode[]>();
    for (const p of parties) {
      const k = String(p.extra.partyKind ?? 'party');
      (groups.get(k) ?? groups.set(k, []).get(k)!).push(p);
    }
    select.replaceChildren(h('option', { value: '' }, t('graph.allParties')));
    const order = [
      'ministry',
      'safety-region',
      'municipality',
      'other-government',
      'company',
      'ngo',
      'international',
      'party',
    ];
    const sorted = [...groups.keys()].sort(
      (a, b) => ((order.indexOf(a) + 99) % 99) - ((order.indexOf(b) + 99) % 99) || a.localeCompare(b),
    );
    for (const g of sorted) {
      const og = h('optgroup', { label: t(`partyKind.${g}`, { defaultValue: g }) });
      for (const p of groups.get(g)!.sort((a, b) => a.name.localeCompare(b.name)))
        og.append(h('option', { value: p.id }, p.name));
      select.append(og);
    }
    select.addEventListener('change', () =>
      this.store.update({ party: select.value || null, node: select.value || null, expand: [] }),
    );

    const legend = byId('legend');
    legend.replaceChildren();
    for (const k of KIND_ORDER) {
      const count = this.data.nodes.filter((n) => n.kind === k).length;
      if (!count) continue;
      const box = h('input', { type: 'checkbox', id: `kind-${k}`, value: k, 'data-kind': k });
      box.addEventListener('change', () => {
        const kinds = KIND_ORDER.filter(
          (x) => (document.getElementById(`kind-${x}`) as HTMLInputElement | null)?.checked,
        );
        this.store.update({ kinds }, 'replace');
      });
      legend.append(
        h(
          'li',
          {},
          box,
          h(
            'label',
            { for: `kind-${k}` },
            swatch(k),
            h('span', {}, kindPlural(k)),
            h('span', { class: 'count' }, String(count)),
          ),
        ),
      );
    }

    byId('graph-table').addEventListener('toggle', () => this.renderTable(this.store.state));

    const gaps = byId<HTMLInputElement>('gaps');
    gaps.addEventListener('change', () => this.store.update({ gaps: gaps.checked }, 'replace'));
    byId('fit').addEventListener('click', () => this.cy.fit(this.cy.elements(':visible'), 30));
    byId('relayout').addEventListener('click', () => {
      this.visibleKey = '';
      this.apply(this.store.state);
    });

    const search = byId<HTMLInputElement>('search');
    const results = byId('search-results');
    const run = () => {
      const q = search.value.trim().toLowerCase();
      results.replaceChildren();
      this.cy.nodes('.match').removeClass('match');
      if (q.length < 2) return;
      const hits = this.data.nodes
        .filter((n) => n.name.toLowerCase().includes(q) || n.id.toLowerCase().includes(q))
        .slice(0, 30);
      const found = hits.length === 30 ? t('graph.foundMany') : t('graph.found', { count: hits.length });
      results.append(h('li', { class: 'muted', role: 'status' }, hits.length ? found : t('graph.nothingFound')));
      for (const n of hits) {
        results.append(
          h(
            'li',
            {},
            h('button', { type: 'button', class: 'item', onclick: () => this.focusNode(n.id) }, swatch(n.kind), n.name),
          ),
        );
        this.cy.getElementById(n.id).addClass('match');
      }
    };
    search.addEventListener('input', run);
    search.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') {
        const first = results.querySelector<HTMLButtonElement>('button');
        first?.click();
      }
      if (e.key === 'Escape') {
        search.value = '';
        run();
      }
    });
  }

  /** Select a node, making sure it is visible (expanding to it when the current view hides it). */
  focusNode(id: string): void {
    const st = this.store.state;
    const el = this.cy.getElementById(id);
    const node = this.data.byId.get(id);
    if (!node) return;
    const patch: Partial<ViewState> = { node: id };
    if (el.hasClass('hidden')) {
      if (!st.kinds.includes(node.kind)) patch.kinds = [...st.kinds, node.kind];
      if (st.party && !this.partyScope(st.party).has(id)) patch.expand = [...new Set([...st.expand, id])];
    }
    this.store.update(patch, 'replace');
  }

  // ---------------------------------------------------------------- state → view

  /** The party's responsibilities (lead and support), holdings, operated services and what depends on them. */
  partyScope(partyId: string): Set<string> {
    const scope = new Set<string>([partyId]);
    const services: string[] = [];
    for (const r of this.out.get(partyId) ?? []) {
      scope.add(r.other);
      if (this.data.byId.get(r.other)?.kind === 'Service') services.push(r.other);
      if (this.data.byId.get(r.other)?.kind === 'Capability') {
        for (const n of this.inc.get(r.other) ?? []) if (n.type === 'NEEDS') scope.add(n.other);
      }
    }
    // Services that depend (directly or through others) on the party's services.
    const queue = [...services];
    while (queue.length) {
      const s = queue.pop()!;
      for (const d of this.inc.get(s) ?? []) {
        if (d.type === 'DEPENDS_ON' && !scope.has(d.other)) {
          scope.add(d.other);
          queue.push(d.other);
        }
      }
    }
    return scope;
  }

  private visibleIds(st: ViewState): Set<string> {
    const scope = st.party && this.data.byId.has(st.party) ? this.partyScope(st.party) : null;
    const kinds = new Set(st.kinds);
    const ids = new Set<string>();
    for (const n of this.data.nodes) if (kinds.has(n.kind) && (!scope || scope.has(n.id))) ids.add(n.id);
    if (st.party) ids.add(st.party);
    for (const x of st.expand) {
      if (!this.data.byId.has(x)) continue;
      ids.add(x);
      for (const r of this.out.get(x) ?? []) ids.add(r.other);
      for (const r of this.inc.get(x) ?? []) ids.add(r.other);
    }
    if (st.node && this.data.byId.has(st.node)) ids.add(st.node);
    return ids;
  }

  apply(st: ViewState): void {
    byId<HTMLSelectElement>('party').value = st.party ?? '';
    for (const k of KIND_ORDER) {
      const box = document.getElementById(`kind-${k}`) as HTMLInputElement | null;
      if (box) box.checked = st.kinds.includes(k);
    }
    byId<HTMLInputElement>('gaps').checked = st.gaps;

    const ids = this.visibleIds(st);
    const key = [...ids].sort().join('|');
    if (key !== this.visibleKey) {
      this.visibleKey = key;
      this.cy.batch(() => {
        this.cy.nodes().forEach((n) => {
          if (ids.has(n.id())) n.removeClass('hidden');
          else n.addClass('hidden');
        });
      });
      this.layout();
    }
    this.timings.visible = this.cy.elements(':visible').length;
    byId('graph-count').textContent = t('graph.count', {
      nodes: fmt(this.cy.nodes(':visible').length),
      edges: fmt(this.cy.edges(':visible').length),
      allNodes: fmt(this.data.nodes.length),
      allEdges: fmt(this.data.edges.length),
    });

    this.cy.batch(() => {
      this.cy.elements().removeClass('faded highlight');
      this.cy.nodes(':selected').unselect();
      const sel = st.node ? this.cy.getElementById(st.node) : null;
      if (sel && sel.nonempty()) {
        sel.select();
        const hood = sel.closedNeighborhood();
        this.cy.elements(':visible').not(hood).addClass('faded');
        sel.connectedEdges().addClass('highlight');
      }
    });

    void this.applyGaps(st.gaps);
    this.renderSide(st);
    this.renderTable(st);
  }

  private layout(): void {
    const visible = this.cy.elements(':visible');
    const n = visible.nodes().length;
    if (!n) return;
    const t0 = performance.now();
    visible
      .layout({
        name: 'fcose',
        quality: n > 600 ? 'draft' : 'default',
        randomize: true,
        animate: false,
        fit: true,
        padding: 30,
        // Small views make room for their labels; large ones favour speed.
        nodeDimensionsIncludeLabels: n <= 400,
        packComponents: true,
        idealEdgeLength: () => (n > 600 ? 50 : 90),
        nodeRepulsion: () => (n > 600 ? 4500 : 20000),
        numIter: n > 600 ? 1500 : 2500,
      } as cytoscape.LayoutOptions)
      .run();
    this.timings.layoutMs = performance.now() - t0;
    this.layoutRuns++;
    // A few nodes should not fill the screen at giant zoom.
    if (this.cy.zoom() > 1.3) {
      this.cy.zoom(1.3);
      this.cy.center(visible);
    }
  }

  centre(id: string): void {
    const el = this.cy.getElementById(id);
    if (el.nonempty()) this.cy.animate({ center: { eles: el }, zoom: Math.max(this.cy.zoom(), 1) }, { duration: 250 });
  }

  // ---------------------------------------------------------------- gap overlay

  private async applyGaps(on: boolean): Promise<void> {
    const note = byId('gap-note');
    if (!on) {
      this.cy.nodes('.gap, .duplicate').removeClass('gap duplicate');
      note.textContent = '';
      return;
    }
    if (!this.gaps) {
      if (!this.gapsPending) {
        note.textContent = t('gaps.loading');
        this.gapsPending = loadGaps().then(
          (g) => {
            this.gaps = g;
            if (this.store.state.gaps) this.apply(this.store.state);
          },
          (e: Error) => {
            note.textContent = t('gaps.failed');
            banner(t('gaps.failedBanner', { message: e.message }));
            this.gapsPending = null;
          },
        );
      }
      return;
    }
    const g = this.gaps;
    this.cy.batch(() => {
      this.cy.nodes('.gap, .duplicate').removeClass('gap duplicate');
      for (const [id] of g.shortfalls) this.cy.getElementById(id).addClass('gap');
      for (const [id] of g.duplicates) this.cy.getElementById(id).addClass('duplicate');
    });
    note.textContent = t('gaps.note', {
      short: g.shortfalls.size,
      duplicates: g.duplicates.size,
      scenarios: g.scenarioCount,
    });
  }

  // ---------------------------------------------------------------- side panel

  private renderSide(st: ViewState): void {
    const side = byId('side');
    side.replaceChildren();
    if (st.node && this.data.byId.has(st.node)) side.append(this.details(this.data.byId.get(st.node)!, st));
    if (st.party && this.data.byId.has(st.party)) side.append(this.partyPanel(st.party));
    if (st.gaps && this.gaps) side.append(this.gapPanel());
    if (!side.childElementCount) {
      side.append(
        h(
          'section',
          { class: 'card' },
          h('h2', {}, t('graph.exploreTitle')),
          h('p', {}, t('graph.exploreText')),
          h('p', { class: 'muted' }, t('graph.exploreShare')),
        ),
      );
    }
  }

  private nodeButton(id: string, suffix?: string): HTMLElement {
    const n = this.data.byId.get(id);
    if (!n) return h('span', {}, id);
    return h(
      'button',
      { type: 'button', class: 'item', title: `${kindLabel(n.kind)}: ${n.name}`, onclick: () => this.focusNode(id) },
      swatch(n.kind),
      h('span', {}, n.name),
      suffix ? h('span', { class: 'muted' }, ` ${suffix}`) : null,
    );
  }

  private partyPanel(partyId: string): HTMLElement {
    const p = this.data.byId.get(partyId)!;
    const rels = this.out.get(partyId) ?? [];
    const resp = rels.filter((r) => r.type === 'RESPONSIBLE_FOR');
    const holds = rels.filter((r) => r.type === 'HOLDS');
    const ops = rels.filter((r) => r.type === 'OPERATES');
    const scope = this.partyScope(partyId);
    const direct = new Set(rels.map((r) => r.other));
    const dependents = [...scope].filter(
      (id) => !direct.has(id) && id !== partyId && this.data.byId.get(id)?.kind === 'Service',
    );
    const tasks = [...scope].filter((id) => !direct.has(id) && this.data.byId.get(id)?.kind === 'Task');
    const list = (title: string, items: HTMLElement[]) =>
      items.length
        ? h(
            'details',
            { open: true },
            h('summary', {}, `${title} (${items.length})`),
            h(
              'ul',
              { class: 'items' },
              items.map((i) => h('li', {}, i)),
            ),
          )
        : null;
    const byRole = (role: string) =>
      resp
        .filter((r) => r.props.role === role)
        .sort((a, b) => kindRank(this.data.byId.get(a.other)) - kindRank(this.data.byId.get(b.other)))
        .map((r) => this.nodeButton(r.other));
    const partyKind = String(p.extra.partyKind ?? 'party');
    const holdsLine = (r: { props: Record<string, unknown> }) =>
      t('graph.holdsLine', { capacity: fmt(r.props.capacity), readiness: fmt(r.props.readiness) });
    return h(
      'section',
      { class: 'card', 'aria-label': t('graph.responsibilitiesOf', { name: p.name }), id: 'party-panel' },
      h('h2', {}, p.name),
      h(
        'p',
        { class: 'muted' },
        t('graph.inScope', { kind: t(`partyKind.${partyKind}`, { defaultValue: partyKind }), count: scope.size - 1 }),
      ),
      ...ROLE_ORDER.map((role) => list(t(role === 'lead' ? 'graph.lead' : 'graph.support'), byRole(role))),
      list(
        t('graph.holds'),
        holds.map((r) =>
          mayEditHoldings(partyId)
            ? this.editableHolding(partyId, r.other, r.props, holdsLine)
            : this.nodeButton(r.other, holdsLine(r)),
        ),
      ),
      list(
        t('graph.operates'),
        ops.map((r) => this.nodeButton(r.other)),
      ),
      list(
        t('graph.dependents'),
        dependents.map((id) => this.nodeButton(id)),
      ),
      list(
        t('graph.tasks'),
        tasks.map((id) => this.nodeButton(id)),
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'utrecht-button utrecht-button--secondary-action',
          onclick: () => this.store.update({ party: null, expand: [] }),
        },
        t('graph.wholeGraph'),
      ),
    );
  }

  // ---------------------------------------------------------------- keeping one's own holdings current

  /** A holding of the planner's own party: the node, and buttons to edit it (with a reason) or see its history. */
  private editableHolding(
    party: string,
    capability: string,
    props: Record<string, unknown>,
    line: (r: { props: Record<string, unknown> }) => string,
  ): HTMLElement {
    const name = this.data.byId.get(capability)?.name ?? capability;
    const panel = h('div', { class: 'holding-panel', id: `holding-${capability}` });
    const edit = h(
      'button',
      {
        type: 'button',
        class: 'utrecht-button utrecht-button--subtle small',
        'aria-label': t('holding.editLabel', { capability: name }),
        'aria-expanded': 'false',
        onclick: () => this.holdingForm(party, capability, props, panel, edit),
      },
      t('holding.edit'),
    );
    const history = h(
      'button',
      {
        type: 'button',
        class: 'utrecht-button utrecht-button--subtle small',
        'aria-label': t('holding.historyLabel', { capability: name }),
        onclick: () => void this.holdingHistory(party, capability, panel),
      },
      t('holding.history'),
    );
    const actions = h('div', { class: 'holding-actions' }, edit, history);
    return h('div', { class: 'holding' }, this.nodeButton(capability, line({ props })), actions, panel);
  }

  private holdingForm(
    party: string,
    capability: string,
    props: Record<string, unknown>,
    panel: HTMLElement,
    opener: HTMLElement,
  ): void {
    const name = this.data.byId.get(capability)?.name ?? capability;
    const field = (key: string, value: unknown, attrs: Record<string, string>) => {
      const id = `holding-${capability}-${key}`;
      return h(
        'div',
        { class: 'utrecht-form-field' },
        h('label', { for: id, class: 'utrecht-form-label' }, t(`holding.${key}`)),
        h('input', {
          id,
          name: key,
          type: 'number',
          required: true,
          value: String(value ?? ''),
          class: 'utrecht-textbox utrecht-textbox--html-input',
          ...attrs,
        }),
      );
    };
    const message = h('p', { class: 'holding-message', role: 'status' });
    const form = h(
      'form',
      { class: 'holding-form' },
      h(
        'fieldset',
        { class: 'utrecht-form-fieldset' },
        h('legend', {}, t('holding.legend', { capability: name })),
        field('capacity', props.capacity, { min: '0', step: 'any' }),
        field('readiness', props.readiness ?? 1, { min: '0', max: '1', step: 'any' }),
        field('mobilisationHours', props.mobilisationHours ?? 0, { min: '0', step: 'any' }),
        h(
          'div',
          { class: 'utrecht-form-field' },
          h('label', { for: `holding-${capability}-reason`, class: 'utrecht-form-label' }, t('holding.reason')),
          h('textarea', {
            id: `holding-${capability}-reason`,
            name: 'reason',
            required: true,
            rows: 2,
            class: 'utrecht-textarea',
          }),
        ),
      ),
      message,
      h(
        'div',
        { class: 'buttons' },
        h('button', { type: 'submit', class: 'utrecht-button utrecht-button--primary-action' }, t('holding.save')),
        h(
          'button',
          {
            type: 'button',
            class: 'utrecht-button utrecht-button--secondary-action',
            onclick: () => {
              panel.replaceChildren();
              opener.setAttribute('aria-expanded', 'false');
              opener.focus();
            },
          },
          t('holding.cancel'),
        ),
      ),
    );
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const value = (k: string) => Number((form.elements.namedItem(k) as HTMLInputElement).value);
      const reason = (form.elements.namedItem('reason') as HTMLTextAreaElement).value;
      const edit = {
        capacity: value('capacity'),
        readiness: value('readiness'),
        mobilisationHours: value('mobilisationHours'),
      };
      void gql<EditHoldingAnswer>(EDIT_HOLDING, { party, capability, edit, reason }).then(
        (d) => {
          // The same props object backs the edge, the side panel and the table: update it, then redo the gap overlay.
          Object.assign(props, d.editHolding);
          this.gaps = null;
          this.gapsPending = null;
          this.holdingEdits++;
          this.apply(this.store.state);
          const again = document.getElementById(`holding-${capability}`);
          again?.append(h('p', { class: 'holding-message', role: 'status' }, t('holding.saved')));
          again?.parentElement?.querySelector<HTMLButtonElement>('.holding-actions button')?.focus();
        },
        (err: Error) => {
          message.textContent = t('holding.failed', { message: err.message });
        },
      );
    });
    panel.replaceChildren(form);
    opener.setAttribute('aria-expanded', 'true');
    (form.elements.namedItem('capacity') as HTMLInputElement).focus();
  }

  private async holdingHistory(party: string, capability: string, panel: HTMLElement): Promise<void> {
    try {
      const d = await gql<HoldingHistoryAnswer>(HOLDING_HISTORY, { party, capability });
      panel.replaceChildren(
        d.holdingHistory.length
          ? h(
              'ol',
              { class: 'holding-history' },
              d.holdingHistory.map((c) =>
                h(
                  'li',
                  {},
                  h(
                    'p',
                    {},
                    t('holding.entry', {
                      when: dateTime(c.at),
                      who: c.subject,
                      role: c.role,
                      action: t(`holding.action.${c.action}`, { defaultValue: c.action }),
                    }),
                  ),
                  h(
                    'p',
                    { class: 'muted' },
                    t('holding.values', {
                      capacity: fmt(c.capacity),
                      readiness: fmt(c.readiness),
                      hours: fmt(c.mobilisationHours),
                    }),
                  ),
                  c.reason ? h('p', { class: 'reason' }, c.reason) : null,
                ),
              ),
            )
          : h('p', { class: 'muted' }, t('holding.noHistory')),
      );
    } catch (e) {
      panel.replaceChildren(h('p', { class: 'error-text' }, t('holding.failed', { message: (e as Error).message })));
    }
  }

  private details(n: GraphNode, st: ViewState): HTMLElement {
    const expanded = st.expand.includes(n.id);
    const rows: HTMLElement[] = [];
    const group = (rels: { type: string; other: string; props: Record<string, unknown> }[], dir: 0 | 1) => {
      const byType = new Map<string, typeof rels>();
      for (const r of rels) (byType.get(r.type) ?? byType.set(r.type, []).get(r.type)!).push(r);
      for (const [type, rs] of byType) {
        const label = relLabel(type, dir);
        rows.push(
          h(
            'details',
            { open: rs.length <= 8 },
            h('summary', {}, `${label} (${rs.length})`),
            h(
              'ul',
              { class: 'items' },
              rs.map((r) => h('li', {}, this.nodeButton(r.other, propsText(r.props)))),
            ),
          ),
        );
      }
    };
    group(this.out.get(n.id) ?? [], 0);
    group(this.inc.get(n.id) ?? [], 1);
    const more = h(
      'div',
      { class: 'more', 'aria-live': 'polite' },
      h('p', { class: 'muted' }, t('graph.loadingDetails')),
    );
    void this.loadDetails(n.id, more);
    const facts = Object.entries(n.extra).filter(([k]) => k !== 'partyKind');
    const classification =
      n.classification !== 'public'
        ? h('span', { class: 'tag' }, t(`classification.${n.classification}`, { defaultValue: n.classification }))
        : null;
    return h(
      'section',
      { class: 'card', id: 'details', 'aria-label': t('graph.detailsOf', { name: n.name }) },
      h('p', { class: 'kind-line' }, swatch(n.kind), kindLabel(n.kind), classification),
      h('h2', {}, n.name),
      h('p', { class: 'muted mono' }, n.id),
      facts.length
        ? h(
            'dl',
            {},
            facts.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, fmt(v))]),
          )
        : null,
      more,
      n.kind === 'Threat' ? this.signalTimeline(n) : null,
      h(
        'div',
        { class: 'buttons' },
        h(
          'button',
          {
            type: 'button',
            class: 'utrecht-button utrecht-button--primary-action',
            onclick: () =>
              this.store.update(
                { expand: expanded ? st.expand.filter((x) => x !== n.id) : [...st.expand, n.id] },
                'replace',
              ),
          },
          t(expanded ? 'graph.collapse' : 'graph.expand'),
        ),
        h(
          'button',
          {
            type: 'button',
            class: 'utrecht-button utrecht-button--secondary-action',
            onclick: () => this.centre(n.id),
          },
          t('graph.centre'),
        ),
        n.kind === 'Party' && st.party !== n.id
          ? h(
              'button',
              {
                type: 'button',
                class: 'utrecht-button utrecht-button--secondary-action',
                onclick: () => this.store.update({ party: n.id, expand: [] }),
              },
              t('graph.showResponsibilities'),
            )
          : null,
      ),
      ...rows,
    );
  }

  /**
   * The signals about a threat in the order they were observed (the threat picture's timeline, docs/explorer.md):
   * signals that name the threat, or one of its incident categories, or a scenario of those. Direction and strength
   * are written out, never carried by colour alone.
   */
  private signalTimeline(threat: GraphNode): HTMLElement {
    const into = (id: string, type: string) => (this.inc.get(id) ?? []).filter((r) => r.type === type);
    const found = new Map<string, string | null>(); // signal id → the node it names, when not the threat itself
    for (const r of into(threat.id, 'SIGNALS_THREAT')) found.set(r.other, null);
    for (const c of into(threat.id, 'OF_THREAT')) {
      const categories = [c.other, ...into(c.other, 'INSTANCE_OF').map((x) => x.other)];
      for (const id of categories)
        for (const r of [...into(id, 'SIGNALS_CATEGORY'), ...into(id, 'SIGNALS_SCENARIO')])
          if (!found.has(r.other)) found.set(r.other, id);
    }
    const signals = [...found]
      .map(([id, via]) => ({ node: this.data.byId.get(id), via }))
      .filter((x): x is { node: GraphNode; via: string | null } => !!x.node)
      .sort(
        (a, b) =>
          String(a.node.extra.observedOn).localeCompare(String(b.node.extra.observedOn)) ||
          a.node.id.localeCompare(b.node.id),
      );
    const heading = h('h3', { id: `signals-of-${threat.id}` }, t('signals.timeline', { count: signals.length }));
    if (!signals.length)
      return h('section', { class: 'signal-timeline' }, heading, h('p', { class: 'muted' }, t('signals.none')));
    return h(
      'section',
      { class: 'signal-timeline', 'aria-labelledby': `signals-of-${threat.id}` },
      heading,
      h(
        'ol',
        { class: 'timeline' },
        signals.map(({ node, via }) => {
          const x = node.extra;
          const direction = String(x.direction);
          const arrow = direction === 'rising' ? '▲' : direction === 'falling' ? '▼' : '■';
          return h(
            'li',
            { class: `signal ${direction}` },
            h('time', { datetime: String(x.observedOn) }, date(String(x.observedOn))),
            ' ',
            h('span', { 'aria-hidden': 'true' }, arrow),
            ' ',
            this.nodeButton(node.id),
            h(
              'span',
              { class: 'muted' },
              ' · ',
              t('signals.facts', {
                direction: t(`signals.direction.${direction}`, { defaultValue: direction }),
                strength: fmt(x.strength),
                horizon: t(`signals.horizon.${String(x.horizon)}`, { defaultValue: String(x.horizon) }),
              }),
              via ? ` · ${t('signals.via', { name: this.data.byId.get(via)?.name ?? via })}` : '',
            ),
          );
        }),
      ),
    );
  }

  private async loadDetails(id: string, into: HTMLElement): Promise<void> {
    const token = ++this.detailsToken;
    try {
      const d = await gql<NodeDetailsAnswer>(NODE_DETAILS, { id });
      if (token !== this.detailsToken) return;
      into.replaceChildren();
      if (!d.node) {
        into.append(h('p', { class: 'muted' }, t('graph.notVisible')));
        return;
      }
      if (d.node.description) into.append(h('p', {}, d.node.description));
      const facts: [string, string][] = [];
      if (d.node.source) facts.push([t('graph.source'), d.node.source]);
      if (d.node.owner) facts.push([t('graph.owner'), d.node.owner]);
      if (d.node.assumption) facts.push([t('graph.numbers'), t('graph.assumption')]);
      if (facts.length)
        into.append(
          h(
            'dl',
            {},
            facts.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]),
          ),
        );
      const rp = d.node.responsibleParties.filter((r) => r.party);
      if (rp.length) {
        into.append(
          h(
            'p',
            { class: 'resp' },
            t('graph.responsible'),
            ...rp.map((r) =>
              h(
                'span',
                { class: `role ${r.role}` },
                `${r.party!.name} (${t(`graph.role.${r.role}`, { defaultValue: r.role })})`,
              ),
            ),
          ),
        );
      }
    } catch (e) {
      if (token === this.detailsToken) {
        into.replaceChildren(
          h('p', { class: 'error-text' }, t('graph.detailsFailed', { message: (e as Error).message })),
        );
      }
    }
  }

  private gapPanel(): HTMLElement {
    const g = this.gaps!;
    const rows = [...g.shortfalls.entries()].sort((a, b) => b[1].shortfall - a[1].shortfall);
    const th = (key: string, cls?: string) => h('th', { scope: 'col', class: cls }, t(key));
    return h(
      'section',
      { class: 'card', id: 'gap-panel', 'aria-label': t('gaps.title') },
      h('h2', {}, t('gaps.title')),
      h('p', { class: 'muted' }, t('gaps.explain', { scenarios: g.scenarioCount })),
      rows.length
        ? h(
            'table',
            { class: 'utrecht-table utrecht-table--html-table compact' },
            h('thead', {}, h('tr', {}, th('gaps.capability'), th('gaps.short', 'num'), th('gaps.covered', 'num'))),
            h(
              'tbody',
              {},
              rows.map(([id, r]) =>
                h(
                  'tr',
                  { title: t('gaps.required', { required: fmt(r.required), available: fmt(r.available) }) },
                  h('td', {}, this.nodeButton(id)),
                  h('td', { class: 'num short' }, fmt(r.shortfall)),
                  h('td', { class: 'num' }, r.required > 0 ? pct(Math.min(1, r.available / r.required)) : '–'),
                ),
              ),
            ),
          )
        : h('p', {}, t('gaps.none')),
      g.duplicates.size
        ? h(
            'details',
            {},
            h('summary', {}, t('gaps.duplicates', { count: g.duplicates.size })),
            h(
              'ul',
              { class: 'items' },
              [...g.duplicates.entries()].map(([id, why]) =>
                h('li', { title: why.join('; ') }, this.nodeButton(id), h('p', { class: 'why' }, why.join('; '))),
              ),
            ),
          )
        : null,
      ...g.doubtful.map((d) =>
        h(
          'details',
          {},
          h('summary', {}, `${d.title} (${d.ids.length})`),
          h(
            'ul',
            { class: 'items' },
            d.ids.map((id) => h('li', {}, this.nodeButton(id))),
          ),
        ),
      ),
    );
  }

  // ---------------------------------------------------------------- the graph as a table (screen readers, keyboard)

  /** The nodes the canvas shows, with their relationships to other shown nodes; rebuilt whenever the canvas changes. */
  private renderTable(st: ViewState): void {
    // Built while the table is open (and when it opens), so a closed table costs nothing on each change.
    if (!byId<HTMLDetailsElement>('graph-table').open) return;
    const body = byId('graph-table-body');
    const shown = this.cy.nodes(':visible').map((n: NodeSingular) => n.id());
    const visible = new Set(shown);
    const ordered = shown
      .map((id) => this.data.byId.get(id)!)
      .filter(Boolean)
      .sort((a, b) => kindRank(a) - kindRank(b) || a.name.localeCompare(b.name));
    const limit = 400;
    const marks = (id: string) => {
      if (!st.gaps || !this.gaps) return [];
      return [
        this.gaps.shortfalls.has(id) ? h('span', { class: 'mark gap' }, t('gaps.marker.gap')) : null,
        this.gaps.duplicates.has(id) ? h('span', { class: 'mark dup' }, t('gaps.marker.duplicate')) : null,
      ];
    };
    const rels = (id: string) => {
      const parts: string[] = [];
      for (const [list, dir] of [
        [this.out.get(id) ?? [], 0],
        [this.inc.get(id) ?? [], 1],
      ] as const) {
        const byType = new Map<string, string[]>();
        for (const r of list) {
          if (!visible.has(r.other)) continue;
          const key = relLabel(r.type, dir);
          (byType.get(key) ?? byType.set(key, []).get(key)!).push(this.data.byId.get(r.other)?.name ?? r.other);
        }
        for (const [label, names] of byType) {
          parts.push(`${label}: ${names.slice(0, 8).join(', ')}${names.length > 8 ? ` (+${names.length - 8})` : ''}`);
        }
      }
      return parts.join(' · ');
    };
    const row = (n: GraphNode) =>
      h(
        'tr',
        { 'data-id': n.id, class: st.node === n.id ? 'selected' : null },
        h(
          'th',
          { scope: 'row' },
          h(
            'button',
            {
              type: 'button',
              class: 'item',
              'aria-current': st.node === n.id ? 'true' : null,
              onclick: () => this.focusNode(n.id),
            },
            n.name,
          ),
          ...marks(n.id),
        ),
        h('td', {}, kindLabel(n.kind)),
        h('td', { class: 'rels' }, rels(n.id)),
      );
    body.replaceChildren(...ordered.slice(0, limit).map(row));
    byId('graph-table-more').textContent =
      ordered.length > limit ? t('graph.tableMore', { shown: limit, count: ordered.length }) : '';
  }

  /** For tests and diagnostics: counts per kind of what is shown. */
  visibleCounts(): Record<string, number> {
    const out: Record<string, number> = {};
    this.cy.nodes(':visible').forEach((n: NodeSingular) => {
      out[n.data('kind')] = (out[n.data('kind')] ?? 0) + 1;
    });
    return out;
  }
}

function kindRank(n: GraphNode | undefined): number {
  return n ? KIND_ORDER.indexOf(n.kind) : 99;
}

function propsText(p: Record<string, unknown>): string {
  const parts = Object.entries(p)
    .filter(([, v]) => v != null)
    .map(([k, v]) => `${k} ${fmt(v)}`);
  return parts.length ? `(${parts.join(', ')})` : '';
}

/** A small coloured shape for a kind, the same as in the graph (legend, lists). */
export function swatch(kind: Kind): HTMLElement {
  const k = KINDS[kind];
  return h('span', { class: `swatch shape-${k.shape}`, style: `--c:${k.color}`, 'aria-hidden': 'true' });
}
