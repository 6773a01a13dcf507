// What every resolver gets: the viewer, the repositories, the analysis scope, simulation jobs and per-request loaders.
import DataLoader from 'dataloader';
import type { Graph } from '../graph/graph.js';
import { ApiRepository, type NodeRecord, type RelationshipRecord } from '../graph/api-repository.js';
import type { Viewer } from '../domain/viewer.js';
import type { SimulationJobs } from '../graph/simulation-jobs.js';
import type { AnalysisScope, AnalysisService } from '../service/analysis.js';

export interface Loaders {
  node: DataLoader<string, NodeRecord | null>;
  relationships(type: string, direction: 'out' | 'in'): DataLoader<string, RelationshipRecord[]>;
}

/** The app's parts the resolvers use, built once by the composition root (src/server/app.ts createWeerbaar). */
export interface AppParts {
  graph: Graph;
  analysis: AnalysisService;
  /** Null on an app without simulation jobs: runSimulation and cancelSimulation answer UNAVAILABLE. */
  jobs: SimulationJobs | null;
}

export interface Context {
  graph: Graph;
  viewer: Viewer;
  api: ApiRepository;
  loaders: Loaders;
  /** Analysis inputs and results of this request: one model revision and the viewer's visibility class. */
  analysis: AnalysisScope;
  jobs: SimulationJobs | null;
  /** Where the request came from, for the audit trail. */
  requestId: string;
}

export function createLoaders(api: ApiRepository): Loaders {
  const node = new DataLoader<string, NodeRecord | null>(async (ids) => {
    const found = await api.byIds(ids);
    return ids.map((id) => found.get(id) ?? null);
  });
  const rels = new Map<string, DataLoader<string, RelationshipRecord[]>>();
  return {
    node,
    relationships(type, direction) {
      const key = `${type}:${direction}`;
      let loader = rels.get(key);
      if (!loader) {
        loader = new DataLoader<string, RelationshipRecord[]>(async (ids) => {
          const found = await api.relationships(type, direction, ids);
          return ids.map((id) => found.get(id) ?? []);
        });
        rels.set(key, loader);
      }
      return loader;
    },
  };
}

/** The context of one request; `analysis` is given when the scope was already made for this request and viewer. */
export function createContext(parts: AppParts, viewer: Viewer, requestId: string, analysis?: AnalysisScope): Context {
  const api = new ApiRepository(parts.graph, viewer);
  return {
    graph: parts.graph,
    viewer,
    api,
    loaders: createLoaders(api),
    analysis: analysis ?? parts.analysis.scope(viewer),
    jobs: parts.jobs,
    requestId,
  };
}
