// What every resolver gets: the viewer, the repositories and per-request batch loaders.
import DataLoader from 'dataloader';
import type { Graph } from '../graph/graph.js';
import { ApiRepository, type NodeRecord, type RelationshipRecord } from '../graph/api-repository.js';
import type { Viewer } from '../domain/viewer.js';

export interface Loaders {
  node: DataLoader<string, NodeRecord | null>;
  relationships(type: string, direction: 'out' | 'in'): DataLoader<string, RelationshipRecord[]>;
}

export interface Services {
  graph: Graph;
  /** Extra services the server wires in (simulation jobs, audit, …), keyed by name. */
  [name: string]: unknown;
}

export interface Context {
  graph: Graph;
  viewer: Viewer;
  api: ApiRepository;
  loaders: Loaders;
  services: Services;
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

export function createContext(services: Services, viewer: Viewer, requestId: string): Context {
  const api = new ApiRepository(services.graph, viewer);
  return { graph: services.graph, viewer, api, loaders: createLoaders(api), services, requestId };
}
