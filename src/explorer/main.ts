// Boots the explorer: introspects the schema, loads the graph over GraphQL, wires the views to the URL state.
import './styles.css';
import { introspect, type SchemaInfo } from './api';
import { loadGraph } from './data';
import { banner, byId } from './dom';
import { GraphView } from './graph-view';
import { RiskView } from './risk-view';
import { SimulationView } from './sim-view';
import { Store, type View, type ViewState } from './state';

declare global {
  interface Window {
    /** For tests and diagnostics only. */
    __weerbaar?: { ready: boolean; error?: string; graph?: GraphView; risk?: RiskView; simulation?: SimulationView; schema?: SchemaInfo; store: Store };
  }
}

const VIEWS: View[] = ['graph', 'risk', 'simulation'];

function showView(view: View): void {
  for (const v of VIEWS) {
    const tab = byId(`tab-${v}`);
    const panel = byId(`view-${v}`);
    tab.setAttribute('aria-selected', String(v === view));
    tab.tabIndex = v === view ? 0 : -1;
    panel.hidden = v !== view;
  }
}

async function main(): Promise<void> {
  const store = new Store();
  const app: NonNullable<Window['__weerbaar']> = { ready: false, store };
  window.__weerbaar = app;
  for (const v of VIEWS) byId(`tab-${v}`).addEventListener('click', () => store.update({ view: v }));
  byId('tabs').addEventListener('keydown', (e) => {
    const i = VIEWS.indexOf(store.state.view);
    const next = e.key === 'ArrowRight' ? VIEWS[(i + 1) % VIEWS.length] : e.key === 'ArrowLeft' ? VIEWS[(i + VIEWS.length - 1) % VIEWS.length] : null;
    if (next) { store.update({ view: next }); byId(`tab-${next}`).focus(); }
  });
  showView(store.state.view);

  const status = byId('graph-status');
  status.hidden = false;
  status.textContent = 'Loading the graph…';
  try {
    const t0 = performance.now();
    const [schema, data] = await Promise.all([introspect(), loadGraph()]);
    const loadMs = performance.now() - t0;
    app.schema = schema;
    if (!data.nodes.length) banner('The graph is empty: load a model with `weerbaar model load` or start with `weerbaar start`.', 'info');
    status.textContent = `Laying out ${data.nodes.length} nodes and ${data.edges.length} relationships…`;
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))); // let the status paint before the layout
    const graph = new GraphView(data, store, schema);
    graph.timings.loadMs = loadMs;
    const risk = new RiskView(data, store, schema);
    const simulation = new SimulationView(data, store, schema);
    Object.assign(app, { graph, risk, simulation });
    const apply = (st: ViewState, prev?: ViewState) => {
      showView(st.view);
      if (st.view === 'graph') {
        graph.apply(st);
        if (prev && prev.view !== 'graph') graph.cy.resize();
        if (st.node && prev?.node !== st.node) graph.centre(st.node);
      }
      if (st.view === 'risk') risk.apply(st);
      if (st.view === 'simulation') simulation.apply(st);
    };
    // The graph lays out once even when another view opens first, so switching to it is instant.
    graph.apply(store.state);
    apply(store.state);
    store.subscribe(apply);
    status.hidden = true;
    app.ready = true;
  } catch (e) {
    status.textContent = 'The graph could not be loaded.';
    app.error = (e as Error).message;
    banner(`Could not load the graph from /graphql: ${(e as Error).message}`);
  }
}

void main();
