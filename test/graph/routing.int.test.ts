// The same code over a routing neo4j:// URI (as for a cluster or Aura) against the test server: the routing table
// names a writer, readers and routers; loads, writes, reads and exports work unchanged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Graph } from '../../src/graph/graph.js';
import { graphConfig } from '../../src/graph/config.js';
import { exportModel, loadModel } from '../../src/graph/model-repository.js';
import { readModelFile } from '../../src/model/validate.js';
import { resetGraph } from '../helpers/graph.js';

/** bolt://h:p → neo4j://h:p (bolt+s → neo4j+s); a routing URI stays as it is. */
function routingUri(uri: string): string {
  return uri.replace(/^bolt(\+s|\+ssc)?:\/\//, (_, tls: string | undefined) => `neo4j${tls ?? ''}://`);
}

let graph: Graph;

beforeAll(async () => {
  const config = graphConfig();
  graph = new Graph({ config: { ...config, uri: routingUri(config.uri) } });
  await graph.ping();
  await graph.applySchema();
  await resetGraph(graph);
});

afterAll(async () => {
  await resetGraph(graph);
  await graph.close();
});

describe('neo4j:// routing URIs', () => {
  it('connects through the routing table, which names a writer, readers and routers', async () => {
    expect(graph.config.uri).toMatch(/^neo4j(\+s|\+ssc)?:\/\//);
    const db = graph.config.database ?? 'neo4j';
    const { records } = await graph.driver.executeQuery('CALL dbms.routing.getRoutingTable({}, $db)', { db });
    const servers = records[0]!.get('servers') as { role: string; addresses: string[] }[];
    const roles = Object.fromEntries(servers.map((s) => [s.role, s.addresses]));
    expect(roles.WRITE?.length).toBeGreaterThan(0);
    expect(roles.READ?.length).toBeGreaterThan(0);
    expect(roles.ROUTE?.length).toBeGreaterThan(0);
  });

  it('loads a model over several transactions, reads it back from any member and exports it unchanged', async () => {
    const model = await readModelFile('simulations/examples/two-services.json');
    const { nodes } = await loadModel(graph, model, { reset: true });
    expect(nodes).toBeGreaterThan(0);
    // Reads go to a reader; the bookmarks of the load's write transactions make them see every batch.
    const exported = await exportModel(graph);
    expect(exported.services.map((s) => s.id).sort()).toEqual(model.services.map((s) => s.id).sort());
    expect(exported.dependencies).toEqual(model.dependencies);
    // A second load of the same model (MERGE path, leader) leaves it unchanged.
    await loadModel(graph, model);
    expect(await exportModel(graph)).toEqual(exported);
  });

  it('writes go to the writer inside managed transactions and are read back at once', async () => {
    const revision = async () => Number((await graph.read('analysis', 'modelRevision'))[0]?.revision);
    const before = await revision();
    for (let k = 1; k <= 3; k++) {
      await graph.write('model', 'bumpModelRevision');
      expect(await revision()).toBe(before + k);
    }
  });
});
