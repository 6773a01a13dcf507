// Opens the graph for a command or the server: starts the local Neo4j when no NEO4J_URI is set, then applies the
// schema.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Graph } from './graph.js';
import { graphConfig, localServerConfig, ROOT } from './config.js';
import { startLocal } from './local-server.js';
import { countEntities, loadModel } from './model-repository.js';
import { readModelFile } from '../model/validate.js';
import { readLoadState } from './load-state.js';

export const DEFAULT_MODEL = join(ROOT, 'simulations', 'nederland.json');
export const FALLBACK_MODEL = join(ROOT, 'simulations', 'examples', 'two-services.json');

/** The default model: the Dutch model when present, else the two-service example. */
export function defaultModelPath(): string {
  return existsSync(DEFAULT_MODEL) ? DEFAULT_MODEL : FALLBACK_MODEL;
}

export async function openGraph(
  options: { log?: (s: string) => void; startLocalServer?: boolean; applySchema?: boolean } = {},
): Promise<Graph> {
  const log = options.log ?? (() => {});
  const config = graphConfig();
  if (config.local && options.startLocalServer !== false) {
    const { started, pid } = await startLocal(localServerConfig(), log);
    log(
      started
        ? `Neo4j started on ${config.uri} (pid ${pid}); stop it with: npx weerbaar db stop`
        : `Neo4j already running on ${config.uri} (pid ${pid})`,
    );
  }
  const graph = new Graph({ config });
  try {
    await graph.ping();
    if (options.applySchema !== false) await graph.applySchema();
  } catch (e) {
    await graph.close();
    throw e;
  }
  return graph;
}

/** Loads the default model when the graph holds no model yet; returns the file loaded, if any. */
export async function loadDefaultIfEmpty(
  graph: Graph,
  log: (s: string) => void = () => {},
): Promise<string | undefined> {
  // An unfinished load is not an empty graph: it is left for the user to recover (start says how).
  if ((await readLoadState(graph)).incomplete || (await countEntities(graph)) > 0) return undefined;
  const path = defaultModelPath();
  const model = await readModelFile(path);
  const { nodes, relationships } = await loadModel(graph, model, { source: path, command: 'start' });
  log(`Loaded the default model ${path} (${nodes} nodes, ${relationships} relationships)`);
  return path;
}
