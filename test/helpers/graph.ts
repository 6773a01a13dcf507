// Integration-test access to the real Neo4j: one Graph per file, data cleared between tests that need it.
import { Graph } from '../../src/graph/graph.js';
import { graphConfig } from '../../src/graph/config.js';
import { clearModel } from '../../src/graph/model-repository.js';

export async function testGraph(): Promise<Graph> {
  const graph = new Graph({ config: graphConfig() });
  await graph.ping();
  await graph.applySchema();
  return graph;
}

/** Removes every model node, simulation run and audit entry, and the mark of an unfinished load. */
export async function resetGraph(graph: Graph): Promise<void> {
  await clearModel(graph);
  await graph.write('model', 'deleteRunsAndAudit');
  await graph.write('load-state', 'endLoad');
}
