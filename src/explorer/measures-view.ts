// Measures: a budget slider (with a number field beside it) and the portfolio the server chooses for that budget
// (`portfolio(budget)`): the chosen measures with their cost and core index, and the gaps and the risk of the
// scenarios before and after the portfolio, as tables and a small before/after risk diagram.
import { gql } from './api';
import { banner, byId, fmt, h, s } from './dom';
import { locale, t } from './i18n';
import { PORTFOLIO, type PortfolioAnswer, type PortfolioRisk } from './queries';
import type { Store, ViewState } from './state';
import { riskGrid } from './risk-view';

/** Slider changes wait this long for the next one before the server is asked (a held arrow key asks once). */
const DEBOUNCE_MS = 350;

type Portfolio = PortfolioAnswer['portfolio'];

/** Euros in the page's locale, without cents. */
export function euros(n: number): string {
  return new Intl.NumberFormat(locale(), { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }).format(n);
}

/** A step for the slider: about a hundredth of the range, rounded to 1, 2 or 5 × a power of ten. */
function niceStep(max: number): number {
  if (!(max > 0)) return 1;
  const raw = max / 100;
  const p = 10 ** Math.floor(Math.log10(raw));
  for (const f of [1, 2, 5, 10]) if (f * p >= raw) return f * p;
  return 10 * p;
}

export class MeasuresView {
  private readonly range = byId<HTMLInputElement>('budget-range');
  private readonly number = byId<HTMLInputElement>('budget-number');
  /** Sum of the cost of every measure the viewer sees: the slider's end (known after the first answer). */
  private total: number | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private controller: AbortController | null = null;
  /** The budget last asked of the server (a URL change to it asks nothing more). */
  private requested: number | null = null;
  private started = false;
  /** The portfolio shown, for tests and diagnostics. */
  current: Portfolio | null = null;

  constructor(private readonly store: Store) {
    this.range.addEventListener('input', () => {
      const v = Number(this.range.value);
      this.number.value = String(v);
      this.describe(v);
      this.schedule(v);
    });
    this.number.addEventListener('change', () => this.commitNumber());
    this.number.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') this.commitNumber();
    });
  }

  /** A typed amount: checked, mirrored on the slider, and asked of the server after the debounce. */
  private commitNumber(): void {
    const v = Number(this.number.value);
    if (this.number.value.trim() === '' || !Number.isFinite(v) || v < 0) {
      this.number.setAttribute('aria-invalid', 'true');
      byId('measures-status').textContent = t('measures.badBudget');
      return;
    }
    this.number.removeAttribute('aria-invalid');
    this.range.value = String(Math.min(v, Number(this.range.max) || v));
    this.describe(v);
    if (v !== this.requested || this.timer) this.schedule(v);
  }

  apply(st: ViewState): void {
    if (this.total === null) {
      // The first answer (budget 0 is cheap: nothing is affordable) gives every measure's cost, hence the range.
      if (!this.started) {
        this.started = true;
        void this.load(0, st.budget);
      }
      return;
    }
    if (st.budget !== null && st.budget !== this.requested) this.set(st.budget, false);
  }

  /** Sets the budget as if the user had chosen it, and loads the portfolio after the debounce. */
  set(budget: number, debounce = true): void {
    this.range.value = String(Math.min(budget, Number(this.range.max)));
    this.number.value = String(budget);
    this.describe(budget);
    if (debounce) this.schedule(budget);
    else void this.load(budget);
  }

  private describe(budget: number): void {
    this.range.setAttribute('aria-valuetext', euros(budget));
  }

  private schedule(budget: number): void {
    if (this.timer) clearTimeout(this.timer);
    byId('measures-status').textContent = t('measures.waiting', { budget: euros(budget) });
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.load(budget);
      this.store.update({ budget }, 'replace');
    }, DEBOUNCE_MS);
  }

  private async load(budget: number, then?: number | null): Promise<void> {
    this.controller?.abort();
    const controller = (this.controller = new AbortController());
    this.requested = budget;
    const status = byId('measures-status');
    status.textContent = t('measures.loading', { budget: euros(budget) });
    try {
      const d = await gql<PortfolioAnswer>(PORTFOLIO, { budget }, controller.signal);
      if (controller.signal.aborted) return;
      const p = d.portfolio;
      if (this.total === null) {
        this.total = p.measures.reduce((sum, m) => sum + m.cost, 0);
        this.range.max = String(this.total);
        this.range.step = String(niceStep(this.total));
        // Without a budget in the URL, start halfway: a portfolio with something in it.
        const start = then ?? Math.round(this.total / 2 / niceStep(this.total)) * niceStep(this.total);
        if (start !== budget) {
          this.set(start, false);
          return;
        }
        this.range.value = String(Math.min(budget, this.total));
        this.number.value = String(budget);
        this.describe(budget);
      }
      this.current = p;
      status.textContent = p.measures.length
        ? t('measures.status', {
            count: p.chosen.length,
            cost: euros(p.cost),
            budget: euros(p.budget),
            years: fmt(p.years),
          })
        : t('measures.none');
      byId('measures-results').replaceChildren(...this.render(p));
    } catch (e) {
      if ((e as Error).name === 'AbortError') return;
      status.textContent = t('measures.failed');
      banner(t('measures.failedBanner', { message: (e as Error).message }));
    }
  }

  private render(p: Portfolio): HTMLElement[] {
    const th = (key: string, cls?: string) => h('th', { scope: 'col', class: cls }, t(key));
    const table = (id: string, head: HTMLElement[], rows: HTMLElement[]) =>
      h(
        'div',
        { class: 'scroll', tabindex: 0, role: 'region', 'aria-labelledby': `${id}-title` },
        h(
          'table',
          { class: 'utrecht-table utrecht-table--html-table compact', id },
          h('thead', {}, h('tr', {}, head)),
          h('tbody', {}, rows),
        ),
      );
    const name = (m: { id: string; measure: { name: string } | null }) => m.measure?.name ?? m.id;
    const chosen = p.measures.filter((m) => m.chosen).sort((a, b) => b.coreIndex - a.coreIndex || b.cost - a.cost);
    const measureRow = (m: Portfolio['measures'][number], withChosen: boolean) =>
      h(
        'tr',
        { 'data-measure': m.id },
        h('th', { scope: 'row' }, name(m)),
        h('td', { class: 'num' }, euros(m.cost)),
        h('td', { class: 'num' }, fmt(m.coreIndex)),
        h('td', {}, t(`measures.labels.${m.label}`)),
        withChosen ? h('td', {}, t(m.chosen ? 'measures.yes' : 'measures.no')) : null,
      );
    const measureHead = (withChosen: boolean) => [
      th('measures.measure'),
      th('measures.cost', 'num'),
      th('measures.coreIndex', 'num'),
      th('measures.robustness'),
      ...(withChosen ? [th('measures.chosen')] : []),
    ];
    const out: HTMLElement[] = [];
    out.push(
      h(
        'section',
        { 'aria-labelledby': 'portfolio-chosen-title' },
        h('h2', { id: 'portfolio-chosen-title', class: 'utrecht-heading-2' }, t('measures.chosenTitle')),
        h(
          'p',
          { id: 'portfolio-summary' },
          t('measures.summary', {
            count: p.chosen.length,
            cost: euros(p.cost),
            budget: euros(p.budget),
            years: fmt(p.years),
          }),
        ),
        chosen.length
          ? table(
              'portfolio-chosen',
              measureHead(false),
              chosen.map((m) => measureRow(m, false)),
            )
          : h('p', {}, t('measures.noneChosen')),
        h('p', { class: 'help' }, t('measures.coreHelp')),
        h(
          'details',
          {},
          h('summary', {}, h('span', { id: 'portfolio-all-title' }, t('measures.allTitle'))),
          table(
            'portfolio-all',
            measureHead(true),
            p.measures.map((m) => measureRow(m, true)),
          ),
        ),
      ),
    );
    const gapRows = p.gaps.map((g) =>
      h(
        'tr',
        { 'data-capability': g.capability?.id ?? '' },
        h('th', { scope: 'row' }, g.capability?.name ?? '–'),
        h('td', {}, g.scenario?.name ?? '–'),
        h('td', { class: 'num' }, fmt(g.required)),
        h('td', { class: 'num' }, fmt(g.availableBefore)),
        h('td', { class: 'num' }, fmt(g.availableAfter)),
        h('td', { class: 'num' }, fmt(g.shortfallBefore)),
        h('td', { class: 'num' }, fmt(g.shortfallAfter)),
        h('td', {}, g.capability?.unit ?? ''),
        h(
          'td',
          {},
          t(
            g.shortfallAfter <= 0
              ? 'measures.gapClosed'
              : g.shortfallAfter < g.shortfallBefore
                ? 'measures.gapSmaller'
                : 'measures.gapSame',
          ),
        ),
      ),
    );
    out.push(
      h(
        'section',
        { 'aria-labelledby': 'portfolio-gaps-title' },
        h('h2', { id: 'portfolio-gaps-title', class: 'utrecht-heading-2' }, t('measures.gapsTitle')),
        h(
          'p',
          { class: 'help' },
          t('measures.gapsSummary', {
            before: p.gaps.length,
            after: p.gaps.filter((g) => g.shortfallAfter > 0).length,
          }),
        ),
        p.gaps.length
          ? table(
              'portfolio-gaps',
              [
                th('measures.capability'),
                th('measures.scenario'),
                th('measures.required', 'num'),
                th('measures.availableBefore', 'num'),
                th('measures.availableAfter', 'num'),
                th('measures.shortfallBefore', 'num'),
                th('measures.shortfallAfter', 'num'),
                th('measures.unit'),
                th('measures.gapChange'),
              ],
              gapRows,
            )
          : h('p', {}, t('measures.noGaps')),
      ),
    );
    const riskRows = p.risk.map((r) =>
      h(
        'tr',
        { 'data-scenario': r.scenario.id },
        h('th', { scope: 'row' }, r.scenario.name),
        h('td', { class: 'num' }, withClass(r.likelihoodScore, r.likelihoodClass)),
        h('td', { class: 'num' }, withClass(r.impactBefore, r.impactClassBefore)),
        h('td', { class: 'num' }, withClass(r.impactAfter, r.impactClassAfter)),
        h('td', { class: 'num' }, fmt(r.riskBefore)),
        h('td', { class: 'num' }, fmt(r.riskAfter)),
        h('td', { class: 'num' }, String(r.rankBefore)),
        h('td', { class: 'num' }, String(r.rankAfter)),
      ),
    );
    out.push(
      h(
        'section',
        { 'aria-labelledby': 'portfolio-risk-title' },
        h('h2', { id: 'portfolio-risk-title', class: 'utrecht-heading-2' }, t('measures.riskTitle')),
        h('p', { class: 'help' }, t('measures.riskHelp')),
        p.risk.length ? this.chart(p.risk) : null,
        p.risk.length
          ? table(
              'portfolio-risk',
              [
                th('measures.scenario'),
                th('measures.likelihood', 'num'),
                th('measures.impactBefore', 'num'),
                th('measures.impactAfter', 'num'),
                th('measures.riskBefore', 'num'),
                th('measures.riskAfter', 'num'),
                th('measures.rankBefore', 'num'),
                th('measures.rankAfter', 'num'),
              ],
              riskRows,
            )
          : h('p', {}, t('risk.empty')),
      ),
    );
    return out;
  }

  /**
   * The risk diagram before and after: each scenario that moves is drawn as an open circle (before) joined to a
   * filled one (after); the table below has the same numbers, so the picture is hidden from assistive technology.
   */
  private chart(rows: PortfolioRisk[]): SVGSVGElement {
    const W = 640,
      H = 360,
      m = { l: 56, r: 16, t: 16, b: 48 };
    const iw = W - m.l - m.r,
      ih = H - m.t - m.b;
    const x = (v: number) => m.l + (v / 5) * iw;
    const y = (v: number) => m.t + ih - (v / 5) * ih;
    const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'risk-svg portfolio-risk-svg', 'aria-hidden': 'true' });
    riskGrid(svg, m, iw, ih);
    for (let k = 0; k <= 5; k++) {
      const cls = k > 0 ? ` (${'ABCDE'[k - 1]})` : '';
      svg.append(s('text', { x: x(k), y: m.t + ih + 18, 'text-anchor': 'middle', class: 'tick' }, `${k}${cls}`));
      svg.append(s('text', { x: m.l - 8, y: y(k) + 4, 'text-anchor': 'end', class: 'tick' }, String(k)));
    }
    svg.append(
      s('text', { x: m.l + iw / 2, y: H - 10, 'text-anchor': 'middle', class: 'axis-label' }, t('risk.xAxis')),
    );
    svg.append(
      s(
        'text',
        {
          x: 14,
          y: m.t + ih / 2,
          'text-anchor': 'middle',
          class: 'axis-label',
          transform: `rotate(-90 14 ${m.t + ih / 2})`,
        },
        t('risk.yAxis'),
      ),
    );
    for (const r of rows) {
      const cx = x(r.likelihoodScore);
      if (r.impactAfter !== r.impactBefore)
        svg.append(s('line', { x1: cx, y1: y(r.impactBefore), x2: cx, y2: y(r.impactAfter), class: 'move' }));
      svg.append(s('circle', { cx, cy: y(r.impactBefore), r: 6, class: 'before' }));
      svg.append(s('circle', { cx, cy: y(r.impactAfter), r: 5, class: 'after' }));
    }
    const key = s('g', { class: 'key' });
    key.append(
      s('circle', { cx: W - 190, cy: m.t + 10, r: 6, class: 'before' }),
      s('text', { x: W - 178, y: m.t + 14 }, t('measures.keyBefore')),
      s('circle', { cx: W - 100, cy: m.t + 10, r: 5, class: 'after' }),
      s('text', { x: W - 88, y: m.t + 14 }, t('measures.keyAfter')),
    );
    svg.append(key);
    return svg;
  }
}

function withClass(v: number, cls: string | null): string {
  return `${fmt(v)}${cls ? ` (${cls})` : ''}`;
}
