// The risk diagram: scenarios placed by likelihood × impact from riskAssessment(method), drawn as plain SVG with a table.
import { gql, type SchemaInfo } from './api';
import type { GraphData } from './data';
import { banner, byId, fmt, h, s } from './dom';
import type { Store, ViewState } from './state';

export interface RiskPoint { id: string; name: string; likelihood: number; impact: number; likelihoodClass?: string; impactClass?: string; risk?: number }

type Obj = Record<string, unknown>;

const num = (o: Obj, re: RegExp, not?: RegExp): number | undefined => {
  for (const [k, v] of Object.entries(o)) if (typeof v === 'number' && re.test(k) && !(not && not.test(k))) return v;
  return undefined;
};
const str = (o: Obj, re: RegExp): string | undefined => {
  for (const [k, v] of Object.entries(o)) if (typeof v === 'string' && re.test(k)) return v;
  return undefined;
};

/** Finds the diagram's points in a result whose exact shape may vary: a list of items with likelihood and impact numbers. */
export function findPoints(v: unknown, data: GraphData): RiskPoint[] {
  if (Array.isArray(v)) {
    const pts: RiskPoint[] = [];
    for (const item of v) {
      if (!item || typeof item !== 'object') continue;
      const o = item as Obj;
      const likelihood = num(o, /^likelihood(score|value)?$/i) ?? num(o, /likelihood/i, /class/i);
      const impact = num(o, /^impact(score|value)?$/i) ?? num(o, /impact/i, /class/i) ?? num(o, /^score$/i);
      const sc = (o.scenario && typeof o.scenario === 'object' ? o.scenario : o) as Obj;
      if (likelihood === undefined || impact === undefined || typeof sc.id !== 'string') continue;
      pts.push({
        id: sc.id,
        name: typeof sc.name === 'string' ? sc.name : data.byId.get(sc.id)?.name ?? sc.id,
        likelihood,
        impact,
        likelihoodClass: str(o, /likelihoodClass/i),
        impactClass: str(o, /impactClass/i),
        risk: num(o, /^risk/i),
      });
    }
    if (pts.length) return pts;
    for (const item of v) {
      const inner = findPoints(item, data);
      if (inner.length) return inner;
    }
    return [];
  }
  if (v && typeof v === 'object') {
    for (const x of Object.values(v as Obj)) {
      const inner = findPoints(x, data);
      if (inner.length) return inner;
    }
  }
  return [];
}

export class RiskView {
  private methods: string[] = [];
  private lastKey = '';
  constructor(private readonly data: GraphData, private readonly store: Store, private readonly schema: SchemaInfo) {
    this.methods = schema.enumValuesOfArg(schema.queryType, 'riskAssessment', 'method');
    // The method argument may be a plain String documented as "WEIGHTED_SUM or MEDAL": read the names from its description.
    if (!this.methods.length) this.methods = schema.argDescriptionWords(schema.queryType, 'riskAssessment', 'method');
    const select = byId<HTMLSelectElement>('risk-method');
    select.replaceChildren(...this.methods.map((m) => h('option', { value: m }, m.replace(/_/g, ' ').toLowerCase().replace(/^./, (c) => c.toUpperCase()))));
    select.disabled = this.methods.length === 0;
    select.addEventListener('change', () => this.store.update({ method: select.value }, 'replace'));
  }

  apply(st: ViewState): void {
    const method = st.method && this.methods.includes(st.method) ? st.method : this.methods[0] ?? null;
    if (method) byId<HTMLSelectElement>('risk-method').value = method;
    const key = `${method}`;
    if (key === this.lastKey) return;
    this.lastKey = key;
    void this.load(method);
  }

  private async load(method: string | null): Promise<void> {
    const out = byId('risk-chart');
    const status = byId('risk-status');
    if (!this.schema.hasQuery('riskAssessment')) {
      out.replaceChildren();
      status.textContent = 'The server does not offer riskAssessment yet, so there is no risk diagram to show.';
      return;
    }
    status.textContent = 'Loading risk assessment…';
    const ret = this.schema.returnType(this.schema.queryType, 'riskAssessment')!;
    const hasMethod = this.schema.argNames(this.schema.queryType, 'riskAssessment').includes('method');
    const methodType = this.schema.argTypeName(this.schema.queryType, 'riskAssessment', 'method');
    try {
      // The diagram's own points when the server has them; otherwise everything, searched for likelihood and impact.
      const selection = this.schema.has(ret, 'diagram')
        ? `method profile diagram { scenario { id name } ${['likelihoodScore', 'likelihoodClass', 'impactScore', 'impactClass', 'riskScore', 'rank'].filter((f) => this.schema.has(this.schema.returnType(ret, 'diagram'), f)).join(' ')} }`
        : this.schema.selectAll(ret, 3);
      const query = hasMethod && method
        ? `query Risk($method: ${methodType}) { riskAssessment(method: $method) { ${selection} } }`
        : `query Risk { riskAssessment { ${selection} } }`;
      const d = await gql<{ riskAssessment: unknown }>(query, hasMethod && method ? { method } : {});
      const pts = findPoints(d.riskAssessment, this.data);
      if (!pts.length) {
        out.replaceChildren();
        status.textContent = 'riskAssessment answered, but without points that have a likelihood and an impact.';
        return;
      }
      status.textContent = `${pts.length} scenarios${method ? `, method ${method}` : ''}. Click a scenario to see it in the graph; names that do not fit beside their point are in its tooltip and in the table.`;
      out.replaceChildren(this.chart(pts), this.table(pts));
    } catch (e) {
      out.replaceChildren();
      status.textContent = 'The risk assessment could not be loaded.';
      banner(`Risk assessment: ${(e as Error).message}`);
    }
  }

  private chart(pts: RiskPoint[]): SVGSVGElement {
    const W = 760, H = 520, m = { l: 64, r: 24, t: 20, b: 56 };
    const iw = W - m.l - m.r, ih = H - m.t - m.b;
    // Scores on the NRB 0–5 class scale keep that scale, so diagrams of different methods compare.
    const maxX = Math.max(5, niceMax(Math.max(...pts.map((p) => p.likelihood))));
    const maxY = Math.max(5, niceMax(Math.max(...pts.map((p) => p.impact))));
    const x = (v: number) => m.l + (v / maxX) * iw;
    const y = (v: number) => m.t + ih - (v / maxY) * ih;
    const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-labelledby': 'risk-title', class: 'risk-svg' });
    svg.append(s('title', { id: 'risk-title' }, 'Risk diagram: scenarios by likelihood and impact'));
    // Background: 5 × 5 cells, greener low-left, redder high-right (the usual NRB risk diagram).
    const colours = ['#e8f5e9', '#fff8e1', '#ffe0b2', '#ffccbc', '#ffab91'];
    for (let i = 0; i < 5; i++) for (let j = 0; j < 5; j++) {
      svg.append(s('rect', { x: m.l + (i * iw) / 5, y: m.t + ih - ((j + 1) * ih) / 5, width: iw / 5, height: ih / 5, fill: colours[Math.min(4, Math.floor((i + j) / 2))], stroke: '#fff' }));
    }
    for (let k = 0; k <= 5; k++) {
      const vx = (maxX * k) / 5, vy = (maxY * k) / 5;
      const cls = maxX === 5 && k > 0 ? ` (${'ABCDE'[k - 1]})` : '';
      svg.append(s('text', { x: x(vx), y: m.t + ih + 18, 'text-anchor': 'middle', class: 'tick' }, `${fmt(vx)}${cls}`));
      svg.append(s('text', { x: m.l - 8, y: y(vy) + 4, 'text-anchor': 'end', class: 'tick' }, fmt(vy)));
    }
    svg.append(s('line', { x1: m.l, y1: m.t + ih, x2: m.l + iw, y2: m.t + ih, class: 'axis' }));
    svg.append(s('line', { x1: m.l, y1: m.t, x2: m.l, y2: m.t + ih, class: 'axis' }));
    svg.append(s('text', { x: m.l + iw / 2, y: H - 12, 'text-anchor': 'middle', class: 'axis-label' }, 'Likelihood score (class A–E) →'));
    svg.append(s('text', { x: 16, y: m.t + ih / 2, 'text-anchor': 'middle', class: 'axis-label', transform: `rotate(-90 16 ${m.t + ih / 2})` }, 'Impact score (0–5 class scale) →'));
    // Labels are placed greedily, highest risk first, on the side with room; a label that would overlap another
    // label or a point is left out (the tooltip and the table below still name every scenario).
    const labelled = new Map<RiskPoint, { x: number; anchor: 'start' | 'end'; text: string }>();
    const boxes: { x0: number; x1: number; y0: number; y1: number }[] = pts.map((p) => ({ x0: x(p.likelihood) - 7, x1: x(p.likelihood) + 7, y0: y(p.impact) - 7, y1: y(p.impact) + 7 }));
    const overlaps = (b: { x0: number; x1: number; y0: number; y1: number }, own: number) =>
      b.x0 < m.l || b.x1 > W - 4 || boxes.some((o, i) => i !== own && b.x0 < o.x1 && o.x0 < b.x1 && b.y0 < o.y1 && o.y0 < b.y1);
    const byRisk = [...pts].sort((a, b) => (b.risk ?? b.likelihood * b.impact) - (a.risk ?? a.likelihood * a.impact));
    for (const p of byRisk) {
      const text = truncate(p.name, 34);
      const width = text.length * 6.4;
      const cx = x(p.likelihood);
      const cy = y(p.impact);
      const own = pts.indexOf(p);
      const preferRight = cx < m.l + iw * 0.7;
      for (const right of preferRight ? [true, false] : [false, true]) {
        const box = right ? { x0: cx + 9, x1: cx + 11 + width, y0: cy - 7, y1: cy + 7 } : { x0: cx - 11 - width, x1: cx - 9, y0: cy - 7, y1: cy + 7 };
        if (overlaps(box, own)) continue;
        boxes.push(box);
        labelled.set(p, { x: right ? cx + 10 : cx - 10, anchor: right ? 'start' : 'end', text });
        break;
      }
    }
    for (const p of [...pts].sort((a, b) => a.impact - b.impact)) {
      const g = s('g', { class: 'point', tabindex: 0, role: 'link', 'aria-label': `${p.name}: likelihood ${fmt(p.likelihood)}, impact ${fmt(p.impact)}` });
      g.append(s('title', {}, `${p.name}\nlikelihood ${fmt(p.likelihood)}${p.likelihoodClass ? ` (${p.likelihoodClass})` : ''}\nimpact ${fmt(p.impact)}${p.impactClass ? ` (${p.impactClass})` : ''}`));
      g.append(s('circle', { cx: x(p.likelihood), cy: y(p.impact), r: 7 }));
      const label = labelled.get(p);
      if (label) g.append(s('text', { x: label.x, y: y(p.impact) + 4, 'text-anchor': label.anchor }, label.text));
      const go = () => this.store.update({ view: 'graph', node: p.id });
      g.addEventListener('click', go);
      g.addEventListener('keydown', (e) => { if ((e as KeyboardEvent).key === 'Enter') go(); });
      svg.append(g);
    }
    return svg;
  }

  private table(pts: RiskPoint[]): HTMLElement {
    const sorted = [...pts].sort((a, b) => (b.risk ?? b.likelihood * b.impact) - (a.risk ?? a.likelihood * a.impact));
    return h('details', { class: 'risk-table' }, h('summary', {}, 'Table of the scenarios'),
      h('table', { class: 'compact' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Scenario'), h('th', { scope: 'col', class: 'num' }, 'Likelihood'), h('th', { scope: 'col', class: 'num' }, 'Impact'), h('th', { scope: 'col', class: 'num' }, 'Risk'))),
        h('tbody', {}, sorted.map((p) => h('tr', {},
          h('td', {}, p.name),
          h('td', { class: 'num' }, `${fmt(p.likelihood)}${p.likelihoodClass ? ` (${p.likelihoodClass})` : ''}`),
          h('td', { class: 'num' }, `${fmt(p.impact)}${p.impactClass ? ` (${p.impactClass})` : ''}`),
          h('td', { class: 'num' }, p.risk !== undefined ? fmt(p.risk) : '–'))))));
  }
}

function niceMax(v: number): number {
  if (!(v > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const f of [1, 2, 2.5, 5, 10]) if (f * p >= v) return f * p;
  return 10 * p;
}

function truncate(t: string, n: number): string { return t.length > n ? `${t.slice(0, n - 1)}…` : t; }
