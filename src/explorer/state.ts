// The view's state, kept in the URL's query string so that a view can be shared and the back button works.
import { langFrom, type Lang } from './i18n';
import { DEFAULT_KINDS, isKind, type Kind } from './kinds';

export type View = 'graph' | 'risk' | 'simulation' | 'measures' | 'reports' | 'map';

export interface ViewState {
  /** The page's language (nl by default); a change reloads the page in that language. */
  lang: Lang;
  view: View;
  /** Party whose responsibilities narrow the graph. */
  party: string | null;
  kinds: Kind[];
  /** Selected node (details panel). */
  node: string | null;
  /** Nodes whose neighbourhood is shown in addition to the narrowed view. */
  expand: string[];
  /** Gap overlay on. */
  gaps: boolean;
  /** Risk method (one of RISK_METHODS). */
  method: string | null;
  /** Simulation: scenario and run id. */
  scenario: string | null;
  run: string | null;
  /** Measures: the budget in euros for the portfolio. */
  budget: number | null;
  /** Risk diagram: only these horizons (null: every scenario). */
  horizons: string[] | null;
  /** Map: count a holding only when it arrives within this many hours (null: every holding counts). */
  within: number | null;
  /** Map: the capability whose holdings are drawn. */
  capability: string | null;
}

const list = (s: string | null) => (s ? s.split(',').filter(Boolean) : []);
const budgetFrom = (s: string | null) => (s && Number.isFinite(Number(s)) && Number(s) >= 0 ? Number(s) : null);

export function readState(search: string = location.search): ViewState {
  const p = new URLSearchParams(search);
  const view = p.get('view');
  const within = p.get('within');
  const kinds = p.has('kinds') ? list(p.get('kinds')).filter(isKind) : DEFAULT_KINDS;
  return {
    lang: langFrom(search),
    view:
      view === 'risk' || view === 'simulation' || view === 'measures' || view === 'reports' || view === 'map'
        ? view
        : 'graph',
    party: p.get('party'),
    kinds,
    node: p.get('node'),
    expand: list(p.get('expand')),
    gaps: p.get('gaps') === '1',
    method: p.get('method'),
    scenario: p.get('scenario'),
    run: p.get('run'),
    budget: budgetFrom(p.get('budget')),
    horizons: p.has('horizons') ? list(p.get('horizons')) : null,
    within: within !== null && within.trim() !== '' && Number(within) >= 0 ? Number(within) : null,
    capability: p.get('capability'),
  };
}

export function toSearch(s: ViewState): string {
  const p = new URLSearchParams();
  if (s.lang !== 'nl') p.set('lang', s.lang);
  if (s.view !== 'graph') p.set('view', s.view);
  if (s.party) p.set('party', s.party);
  const sameKinds = s.kinds.length === DEFAULT_KINDS.length && DEFAULT_KINDS.every((k) => s.kinds.includes(k));
  if (!sameKinds) p.set('kinds', s.kinds.join(','));
  if (s.node) p.set('node', s.node);
  if (s.expand.length) p.set('expand', s.expand.join(','));
  if (s.gaps) p.set('gaps', '1');
  if (s.method) p.set('method', s.method);
  if (s.scenario) p.set('scenario', s.scenario);
  if (s.run) p.set('run', s.run);
  if (s.budget != null) p.set('budget', String(s.budget));
  if (s.horizons) p.set('horizons', s.horizons.join(','));
  if (s.within !== null) p.set('within', String(s.within));
  if (s.capability) p.set('capability', s.capability);
  const q = p.toString();
  return q ? `?${q}` : '';
}

type Listener = (s: ViewState, previous: ViewState) => void;

/** One store: updates write the URL (push for navigation, replace for small changes) and notify the views. */
export class Store {
  private current: ViewState = readState();
  private readonly listeners: Listener[] = [];

  constructor() {
    window.addEventListener('popstate', () => {
      const previous = this.current;
      this.current = readState();
      for (const l of this.listeners) l(this.current, previous);
    });
  }

  get state(): ViewState {
    return this.current;
  }

  subscribe(l: Listener): void {
    this.listeners.push(l);
  }

  update(patch: Partial<ViewState>, mode: 'push' | 'replace' = 'push'): void {
    const previous = this.current;
    this.current = { ...previous, ...patch };
    const url = `${location.pathname}${toSearch(this.current)}${location.hash}`;
    if (url !== `${location.pathname}${location.search}${location.hash}`) {
      if (mode === 'push') history.pushState(null, '', url);
      else history.replaceState(null, '', url);
    }
    for (const l of this.listeners) l(this.current, previous);
  }
}
