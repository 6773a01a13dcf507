// export(load(m)) equals m up to ordering, against the real Neo4j.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testGraph, resetGraph } from '../helpers/graph.js';
import { exportModel, loadModel, countEntities } from '../../src/graph/model-repository.js';
import { readModelFile, validateModel } from '../../src/model/validate.js';
import { defaultModelPath } from '../../src/graph/connect.js';
import { generateModel } from '../../src/simulation/generate.js';
import { RELATIONSHIP_KINDS } from '../../src/model/kinds.js';
import type { Model } from '../../src/model/schema.js';
import type { Graph } from '../../src/graph/graph.js';

/** The model with every list sorted by a stable key, so that order does not matter. */
function canonical(model: Model): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(model)) {
    if (!Array.isArray(value)) {
      out[key] = value;
      continue;
    }
    const rel = RELATIONSHIP_KINDS.find((r) => r.list === key);
    const sortKey = (x: Record<string, unknown>) => (rel ? rel.key.map((f) => x[f]).join('|') : String(x.id));
    out[key] = [...(value as Record<string, unknown>[])]
      .map((x) => (Array.isArray(x.threats) ? { ...x, threats: [...(x.threats as string[])].sort() } : x))
      .sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
  }
  return out;
}

describe('model round trip through Neo4j', () => {
  let graph: Graph;
  beforeAll(async () => {
    graph = await testGraph();
  });
  afterAll(async () => {
    await graph.close();
  });

  it('gives back the default model unchanged', async () => {
    await resetGraph(graph);
    const model = await readModelFile(defaultModelPath());
    await loadModel(graph, model);
    const exported = await exportModel(graph);
    expect(canonical(exported)).toEqual(canonical(model));
  });

  it('loading the same model twice changes nothing', async () => {
    const before = await exportModel(graph);
    await loadModel(graph, before);
    expect(canonical(await exportModel(graph))).toEqual(canonical(before));
  });

  it('gives back a generated large model unchanged', async () => {
    await resetGraph(graph);
    const model = validateModel(generateModel({ services: 3000, dependencies: 12000, seed: 'round-trip' }));
    await loadModel(graph, model);
    expect(await countEntities(graph)).toBe(
      model.services.length +
        model.sectors.length +
        model.scenarios.length +
        model.tasks.length +
        model.capabilities.length +
        model.parties.length +
        model.vitalInterests.length +
        model.impactCriteria.length,
    );
    expect(canonical(await exportModel(graph))).toEqual(canonical(model));
  });

  it('reset removes what was there before', async () => {
    const small = await readModelFile('simulations/examples/two-services.json');
    await loadModel(graph, small, { reset: true });
    expect(canonical(await exportModel(graph))).toEqual(canonical(small));
  });
});
