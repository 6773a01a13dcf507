// `weerbaar simulate` without --model: the model comes from Neo4j and the run is stored as a SimulationRun.
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testGraph, resetGraph } from '../helpers/graph.js';
import { loadModel } from '../../src/graph/model-repository.js';
import { readModelFile } from '../../src/model/validate.js';
import { listRuns, getRun } from '../../src/graph/run-repository.js';
import type { Graph } from '../../src/graph/graph.js';

describe('simulate from the graph', () => {
  let graph: Graph;
  beforeAll(async () => {
    graph = await testGraph();
    await resetGraph(graph);
    await loadModel(graph, await readModelFile('simulations/examples/two-services.json'));
  });
  afterAll(async () => {
    await graph.close();
  });

  it('reads the model from Neo4j and stores the run with its parameters, seed and code version', async () => {
    const r = spawnSync(
      process.execPath,
      ['bin/weerbaar.js', 'simulate', '--scenario', 'blackout', '--iterations', '20', '--seed', '7', '--workers', '1'],
      { encoding: 'utf8' },
    );
    expect(r.status, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result.meta.iterations).toBe(20);
    const runs = await listRuns(graph, 'blackout', 10);
    expect(runs).toHaveLength(1);
    const stored = (await getRun(graph, runs[0]!.id))!;
    expect(stored.status).toBe('done');
    expect(stored.seed).toBe('7');
    expect(stored.codeVersion).toMatch(/^\d+\.\d+\.\d+/);
    expect(JSON.parse(stored.parameters)).toMatchObject({ scenario: 'blackout', iterations: 20 });
    expect(JSON.parse(stored.result!).totalImpact.mean).toBe(result.totalImpact.mean);
  });

  it('refuses an unknown scenario of the graph model with exit 1', () => {
    const r = spawnSync(
      process.execPath,
      ['bin/weerbaar.js', 'simulate', '--scenario', 'atlantis', '--iterations', '5', '--seed', '1'],
      { encoding: 'utf8' },
    );
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/atlantis/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
