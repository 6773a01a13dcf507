// Boots the explorer: language, sign-in, the graph over GraphQL, and the views wired to the URL state.
import '@rijkshuisstijl-community/design-tokens/dist/index.css';
import '@rijkshuisstijl-community/components-css/dist/index.css';
import './styles.css';
import { ApiError, getToken, setToken } from './api';
import { setUpSignIn } from './auth';
import { loadGraph } from './data';
import { banner, byId } from './dom';
import { fmt, initI18n, t, translateStatic } from './i18n';
import { GraphView } from './graph-view';
import { MapView } from './map-view';
import { RiskView } from './risk-view';
import { SimulationView } from './sim-view';
import { MeasuresView } from './measures-view';
import { ReportsView } from './reports-view';
import { Store, toSearch, type View, type ViewState } from './state';

declare global {
  interface Window {
    /** For tests and diagnostics only. */
    __weerbaar?: {
      ready: boolean;
      error?: string;
      graph?: GraphView;
      risk?: RiskView;
      simulation?: SimulationView;
      measures?: MeasuresView;
      reports?: ReportsView;
      map?: MapView;
      store: Store;
    };
  }
}

const VIEWS: View[] = ['graph', 'risk', 'simulation', 'measures', 'reports', 'map'];

function showView(view: View): void {
  for (const v of VIEWS) {
    const tab = byId(`tab-${v}`);
    const panel = byId(`view-${v}`);
    tab.setAttribute('aria-selected', String(v === view));
    tab.tabIndex = v === view ? 0 : -1;
    panel.hidden = v !== view;
  }
}

/** The link to the same view in the other language (an ordinary navigation: the page loads in that language). */
function updateLanguageLink(st: ViewState): void {
  const other = st.lang === 'nl' ? 'en' : 'nl';
  const link = byId<HTMLAnchorElement>('lang-switch');
  link.href = `${location.pathname}${toSearch({ ...st, lang: other })}` || location.pathname;
  link.hreflang = other;
  link.lang = other;
}

async function main(): Promise<void> {
  initI18n();
  translateStatic();
  const store = new Store();
  const app: NonNullable<Window['__weerbaar']> = { ready: false, store };
  window.__weerbaar = app;
  setUpSignIn();
  updateLanguageLink(store.state);
  for (const v of VIEWS) byId(`tab-${v}`).addEventListener('click', () => store.update({ view: v }));
  byId('tabs').addEventListener('keydown', (e) => {
    const i = VIEWS.indexOf(store.state.view);
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? VIEWS.length - 1 : 0;
    if (!step) return;
    const next = VIEWS[(i + step) % VIEWS.length]!;
    store.update({ view: next });
    byId(`tab-${next}`).focus();
  });
  showView(store.state.view);

  const status = byId('graph-status');
  status.hidden = false;
  status.textContent = t('app.loading');
  try {
    const t0 = performance.now();
    const data = await loadGraph();
    const loadMs = performance.now() - t0;
    if (!data.nodes.length) banner(t('app.empty'), 'info');
    status.textContent = t('app.layingOut', { nodes: fmt(data.nodes.length), edges: fmt(data.edges.length) });
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))); // let the status paint before the layout
    const graph = new GraphView(data, store);
    graph.timings.loadMs = loadMs;
    const risk = new RiskView(store);
    const simulation = new SimulationView(data, store);
    const measures = new MeasuresView(store);
    const reports = new ReportsView();
    const map = new MapView(store);
    Object.assign(app, { graph, risk, simulation, measures, reports, map });
    const apply = (st: ViewState, prev?: ViewState) => {
      showView(st.view);
      updateLanguageLink(st);
      if (st.view === 'graph') {
        graph.apply(st);
        if (prev && prev.view !== 'graph') graph.cy.resize();
        if (st.node && prev?.node !== st.node) graph.centre(st.node);
      }
      if (st.view === 'risk') risk.apply(st);
      if (st.view === 'simulation') simulation.apply(st);
      if (st.view === 'measures') measures.apply(st);
      if (st.view === 'reports') reports.apply(st);
      if (st.view === 'map') map.apply(st);
    };
    // The graph lays out once even when another view opens first, so switching to it is instant.
    graph.apply(store.state);
    apply(store.state);
    store.subscribe(apply);
    status.hidden = true;
    app.ready = true;
  } catch (e) {
    status.textContent = t('app.loadFailed');
    app.error = (e as Error).message;
    // A stored token the server no longer accepts (expired, other secret): forget it, so a reload is anonymous.
    if (e instanceof ApiError && e.codes.includes('UNAUTHENTICATED') && getToken()) setToken(null);
    banner(t('app.loadFailedBanner', { message: (e as Error).message }));
  }
}

void main();
