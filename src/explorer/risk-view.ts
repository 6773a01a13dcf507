// The risk diagram: scenarios placed by likelihood × impact from riskAssessment(method, horizons).diagram, drawn as
// plain SVG with one shape per horizon, with a horizon filter and a table of the same numbers.
import { gql } from './api';
import { banner, byId, fmt, h, s } from './dom';
import { t } from './i18n';
import { HORIZONS, RISK_ASSESSMENT, RISK_METHODS, type RiskAnswer, type RiskMethod } from './queries';
import type { Store, ViewState } from './state';

/** A point of the diagram. */
export interface RiskPoint {
  id: string;
  name: string;
  likelihood: number;
  impact: number;
  likelihoodClass: string | null;
  impactClass: string | null;
  risk: number;
  rank: number;
  /** short, medium, long, or null for a scenario without one. */
  horizon: string | null;
}

/** The shape of a point per horizon (never colour alone); `none` for a scenario without a horizon. */
const HORIZON_SHAPE: Record<string, (x: number, y: number) => string> = {
  short: (x, y) => `M${x - 7},${y}a7,7 0 1,0 14,0a7,7 0 1,0 -14,0Z`,
  medium: (x, y) => `M${x - 6.5},${y - 6.5}h13v13h-13Z`,
  long: (x, y) => `M${x},${y - 8}L${x + 8},${y + 6}L${x - 8},${y + 6}Z`,
  none: (x, y) => `M${x},${y - 8}L${x + 8},${y}L${x},${y + 8}L${x - 8},${y}Z`,
};
const shapeOf = (horizon: string | null) => HORIZON_SHAPE[horizon ?? 'none'] ?? HORIZON_SHAPE.none!;
const horizonName = (horizon: string | null) => t(`risk.horizonOf.${horizon ?? 'none'}`);

const isMethod = (m: string | null): m is RiskMethod => RISK_METHODS.includes(m as RiskMethod);

/**
 * The background of a risk diagram: 5 × 5 cells, greener low-left, redder high-right (the usual NRB risk diagram),
 * inside margins `m` and a plot area of `iw` × `ih`.
 */
export function riskGrid(svg: SVGElement, m: { l: number; t: number }, iw: number, ih: number): void {
  const colours = ['#e8f5e9', '#fff8e1', '#ffe0b2', '#ffccbc', '#ffab91'];
  for (let i = 0; i < 5; i++)
    for (let j = 0; j < 5; j++)
      svg.append(
        s('rect', {
          x: m.l + (i * iw) / 5,
          y: m.t + ih - ((j + 1) * ih) / 5,
          width: iw / 5,
          height: ih / 5,
          fill: colours[Math.min(4, Math.floor((i + j) / 2))],
          stroke: '#fff',
        }),
      );
}

export class RiskView {
  private lastKey = '';
  constructor(private readonly store: Store) {
    const select = byId<HTMLSelectElement>('risk-method');
    select.replaceChildren(...RISK_METHODS.map((m) => h('option', { value: m }, t(`risk.methods.${m}`))));
    select.addEventListener('change', () => this.store.update({ method: select.value }, 'replace'));
    // The horizon filter: all ticked means no filter (scenarios without a horizon are shown too).
    const boxes = HORIZONS.map((hz) =>
      h('input', {
        type: 'checkbox',
        id: `risk-horizon-${hz}`,
        value: hz,
        checked: true,
        class: 'utrecht-checkbox utrecht-checkbox--html-input',
      }),
    );
    const changed = () => {
      const ticked = boxes.filter((b) => b.checked).map((b) => b.value);
      this.store.update({ horizons: ticked.length === HORIZONS.length ? null : ticked }, 'replace');
    };
    for (const b of boxes) b.addEventListener('change', changed);
    byId('risk-status').before(
      h(
        'fieldset',
        {
          id: 'risk-horizons',
          class: 'utrecht-form-fieldset horizon-filter',
          'aria-describedby': 'risk-horizons-help',
        },
        h('legend', { class: 'label' }, t('risk.horizons')),
        boxes.map((b) =>
          h('label', { class: 'check', for: b.id }, b, ' ', shapeKey(b.value), ' ', horizonName(b.value)),
        ),
        h('p', { id: 'risk-horizons-help', class: 'help' }, t('risk.horizonsHelp')),
      ),
    );
  }

  apply(st: ViewState): void {
    const method = isMethod(st.method) ? st.method : RISK_METHODS[0];
    byId<HTMLSelectElement>('risk-method').value = method;
    for (const hz of HORIZONS)
      byId<HTMLInputElement>(`risk-horizon-${hz}`).checked = !st.horizons || st.horizons.includes(hz);
    const key = JSON.stringify([method, st.horizons]);
    if (key === this.lastKey) return;
    this.lastKey = key;
    void this.load(method, st.horizons, key);
  }

  private async load(method: RiskMethod, horizons: string[] | null, key: string): Promise<void> {
    const out = byId('risk-chart');
    const status = byId('risk-status');
    status.textContent = t('risk.loading');
    try {
      const d = await gql<RiskAnswer>(RISK_ASSESSMENT, { method, horizons });
      const pts: RiskPoint[] = d.riskAssessment.diagram.map((p) => ({
        id: p.scenario.id,
        name: p.scenario.name,
        likelihood: p.likelihoodScore,
        impact: p.impactScore,
        likelihoodClass: p.likelihoodClass,
        impactClass: p.impactClass,
        risk: p.riskScore,
        rank: p.rank,
        horizon: p.scenario.horizon,
      }));
      if (this.lastKey !== key) return;
      if (!pts.length) {
        out.replaceChildren();
        status.textContent = horizons && !horizons.length ? t('risk.noHorizon') : t('risk.empty');
        return;
      }
      status.textContent = t('risk.status', { count: pts.length, method: t(`risk.methods.${method}`) });
      out.replaceChildren(this.chart(pts), this.horizonKey(pts), this.table(pts));
    } catch (e) {
      out.replaceChildren();
      status.textContent = t('risk.failed');
      banner(t('risk.failedBanner', { message: (e as Error).message }));
    }
  }

  private chart(pts: RiskPoint[]): SVGSVGElement {
    const W = 760,
      H = 520,
      m = { l: 64, r: 24, t: 20, b: 56 };
    const iw = W - m.l - m.r,
      ih = H - m.t - m.b;
    // Scores on the NRB 0–5 class scale keep that scale, so diagrams of different methods compare.
    const maxX = Math.max(5, niceMax(Math.max(...pts.map((p) => p.likelihood))));
    const maxY = Math.max(5, niceMax(Math.max(...pts.map((p) => p.impact))));
    const x = (v: number) => m.l + (v / maxX) * iw;
    const y = (v: number) => m.t + ih - (v / maxY) * ih;
    // A group, not an image: its points are links a keyboard reaches (the table below has the same numbers).
    const svg = s('svg', {
      viewBox: `0 0 ${W} ${H}`,
      role: 'group',
      'aria-labelledby': 'risk-title',
      class: 'risk-svg',
    });
    svg.append(s('title', { id: 'risk-title' }, t('risk.svgTitle')));
    riskGrid(svg, m, iw, ih);
    for (let k = 0; k <= 5; k++) {
      const vx = (maxX * k) / 5,
        vy = (maxY * k) / 5;
      const cls = maxX === 5 && k > 0 ? ` (${'ABCDE'[k - 1]})` : '';
      svg.append(s('text', { x: x(vx), y: m.t + ih + 18, 'text-anchor': 'middle', class: 'tick' }, `${fmt(vx)}${cls}`));
      svg.append(s('text', { x: m.l - 8, y: y(vy) + 4, 'text-anchor': 'end', class: 'tick' }, fmt(vy)));
    }
    svg.append(s('line', { x1: m.l, y1: m.t + ih, x2: m.l + iw, y2: m.t + ih, class: 'axis' }));
    svg.append(s('line', { x1: m.l, y1: m.t, x2: m.l, y2: m.t + ih, class: 'axis' }));
    svg.append(
      s('text', { x: m.l + iw / 2, y: H - 12, 'text-anchor': 'middle', class: 'axis-label' }, t('risk.xAxis')),
    );
    const yLabel = {
      x: 16,
      y: m.t + ih / 2,
      'text-anchor': 'middle',
      class: 'axis-label',
      transform: `rotate(-90 16 ${m.t + ih / 2})`,
    };
    svg.append(s('text', yLabel, t('risk.yAxis')));
    // Labels are placed greedily, highest risk first, on the side with room; a label that would overlap another
    // label or a point is left out (the tooltip and the table below still name every scenario).
    const labelled = new Map<RiskPoint, { x: number; anchor: 'start' | 'end'; text: string }>();
    const boxes: { x0: number; x1: number; y0: number; y1: number }[] = pts.map((p) => ({
      x0: x(p.likelihood) - 7,
      x1: x(p.likelihood) + 7,
      y0: y(p.impact) - 7,
      y1: y(p.impact) + 7,
    }));
    const overlaps = (b: { x0: number; x1: number; y0: number; y1: number }, own: number) =>
      b.x0 < m.l ||
      b.x1 > W - 4 ||
      boxes.some((o, i) => i !== own && b.x0 < o.x1 && o.x0 < b.x1 && b.y0 < o.y1 && o.y0 < b.y1);
    const byRisk = [...pts].sort((a, b) => a.rank - b.rank);
    for (const p of byRisk) {
      const text = truncate(p.name, 34);
      const width = text.length * 6.4;
      const cx = x(p.likelihood);
      const cy = y(p.impact);
      const own = pts.indexOf(p);
      const preferRight = cx < m.l + iw * 0.7;
      for (const right of preferRight ? [true, false] : [false, true]) {
        const box = right
          ? { x0: cx + 9, x1: cx + 11 + width, y0: cy - 7, y1: cy + 7 }
          : { x0: cx - 11 - width, x1: cx - 9, y0: cy - 7, y1: cy + 7 };
        if (overlaps(box, own)) continue;
        boxes.push(box);
        labelled.set(p, { x: right ? cx + 10 : cx - 10, anchor: right ? 'start' : 'end', text });
        break;
      }
    }
    const labels = s('g', { class: 'labels', 'aria-hidden': 'true' });
    for (const p of [...pts].sort((a, b) => a.impact - b.impact)) {
      const likelihood = withClass(p.likelihood, p.likelihoodClass);
      const impact = withClass(p.impact, p.impactClass);
      const g = s('g', {
        class: 'point',
        tabindex: 0,
        role: 'link',
        'data-horizon': p.horizon ?? 'none',
        'aria-label': t('risk.pointHorizon', {
          name: p.name,
          horizon: horizonName(p.horizon),
          likelihood,
          impact,
          rank: p.rank,
        }),
      });
      g.append(s('title', {}, `${t('risk.tooltip', { name: p.name, likelihood, impact })}\n${horizonName(p.horizon)}`));
      g.append(s('path', { d: shapeOf(p.horizon)(x(p.likelihood), y(p.impact)), class: 'mark' }));
      const label = labelled.get(p);
      // The visible label may be shortened, so it is drawn beside the focusable point, hidden from assistive
      // technology: the point's accessible name is the full name with its numbers.
      if (label) labels.append(s('text', { x: label.x, y: y(p.impact) + 4, 'text-anchor': label.anchor }, label.text));
      const go = () => this.store.update({ view: 'graph', node: p.id });
      g.addEventListener('click', go);
      g.addEventListener('keydown', (e) => {
        if ((e as KeyboardEvent).key === 'Enter') go();
      });
      svg.append(g);
    }
    svg.append(labels);
    return svg;
  }

  /** The key to the shapes drawn (the horizons of the points shown). */
  private horizonKey(pts: RiskPoint[]): HTMLElement {
    const shown = [...HORIZONS, null].filter((hz) => pts.some((p) => p.horizon === hz));
    return h(
      'div',
      { class: 'horizon-key' },
      h('p', { class: 'help' }, t('risk.horizonKey')),
      h(
        'ul',
        { class: 'legend key' },
        shown.map((hz) => h('li', {}, shapeKey(hz), ' ', horizonName(hz))),
      ),
    );
  }

  private table(pts: RiskPoint[]): HTMLElement {
    const sorted = [...pts].sort((a, b) => a.rank - b.rank);
    const th = (key: string, cls?: string) => h('th', { scope: 'col', class: cls }, t(key));
    return h(
      'section',
      { class: 'risk-table', 'aria-labelledby': 'risk-table-title' },
      h('h2', { id: 'risk-table-title', class: 'utrecht-heading-2' }, t('risk.table')),
      h(
        'table',
        { class: 'utrecht-table utrecht-table--html-table compact', id: 'risk-table' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            th('risk.rank', 'num'),
            th('risk.scenario'),
            th('risk.horizon'),
            th('risk.likelihood', 'num'),
            th('risk.impact', 'num'),
            th('risk.risk', 'num'),
          ),
        ),
        h(
          'tbody',
          {},
          sorted.map((p) =>
            h(
              'tr',
              {},
              h('td', { class: 'num' }, String(p.rank)),
              h(
                'th',
                { scope: 'row' },
                h(
                  'button',
                  { type: 'button', class: 'item', onclick: () => this.store.update({ view: 'graph', node: p.id }) },
                  p.name,
                ),
              ),
              h('td', {}, horizonName(p.horizon)),
              h('td', { class: 'num' }, withClass(p.likelihood, p.likelihoodClass)),
              h('td', { class: 'num' }, withClass(p.impact, p.impactClass)),
              h('td', { class: 'num' }, fmt(p.risk)),
            ),
          ),
        ),
      ),
    );
  }
}

/** A small drawing of a horizon's shape, for keys (hidden from assistive technology: the text beside it says it). */
function shapeKey(horizon: string | null): SVGSVGElement {
  return s(
    'svg',
    { viewBox: '0 0 20 20', width: 16, height: 16, class: 'shape-key', 'aria-hidden': 'true', focusable: 'false' },
    s('path', { d: shapeOf(horizon)(10, 11) }),
  );
}

function withClass(v: number, cls: string | null): string {
  return `${fmt(v)}${cls ? ` (${cls})` : ''}`;
}

function niceMax(v: number): number {
  if (!(v > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const f of [1, 2, 2.5, 5, 10]) if (f * p >= v) return f * p;
  return 10 * p;
}

function truncate(t: string, n: number): string {
  return t.length > n ? `${t.slice(0, n - 1)}…` : t;
}
