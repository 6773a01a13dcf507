// Reports over HTTP from a real server on loopback and the real Neo4j: a bounded number are made at once, the rest are
// answered 503 with Retry-After at once (docs/reports.md), and the limit is read from the environment with a clear
// message for a bad value.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testGraph, resetGraph } from '../helpers/graph.js';
import { loadModel } from '../../src/graph/model-repository.js';
import type { Graph } from '../../src/graph/graph.js';
import type { RunningServer } from '../../src/server/main.js';
import { reportConcurrency } from '../../src/server/reports.js';
import { serve } from '../explorer/browser.js';
import { REPORT_MODEL } from './fixture.js';

describe('reports over HTTP', () => {
  let graph: Graph;
  let server: RunningServer;

  beforeAll(async () => {
    graph = await testGraph();
    await resetGraph(graph);
    await loadModel(graph, REPORT_MODEL());
    process.env.WEERBAAR_REPORT_CONCURRENCY = '1';
    try {
      server = await serve(graph);
    } finally {
      delete process.env.WEERBAAR_REPORT_CONCURRENCY;
    }
  });

  afterAll(async () => {
    await server?.close();
    await graph?.close();
  });

  it(
    'makes one report at a time when the limit is 1, and answers the second request 503 ' + 'with Retry-After',
    async () => {
      const get = () => fetch(`${server.url}/reports/risk-profile?format=pdf&edition=public`);
      const [a, b] = await Promise.all([get(), get()]);
      const answers = await Promise.all(
        [a, b].map(async (r) => ({
          status: r.status,
          retryAfter: r.headers.get('retry-after'),
          body: Buffer.from(await r.arrayBuffer()),
        })),
      );
      answers.sort((x, y) => x.status - y.status);
      expect(answers.map((x) => x.status)).toEqual([200, 503]);
      expect(answers[0]!.body.subarray(0, 5).toString()).toBe('%PDF-');
      expect(answers[1]!.retryAfter).toBe('5');
      expect(JSON.parse(answers[1]!.body.toString())).toEqual({
        error: { message: 'reports: 1 report is being made; try again in a few seconds', code: 'UNAVAILABLE' },
      });
      // The slot is free again once the first is done.
      const again = await fetch(`${server.url}/reports/risk-profile?format=html&edition=public`);
      expect(again.status).toBe(200);
      expect(await again.text()).toContain('<html');
    },
  );

  it('reads the limit from WEERBAAR_REPORT_CONCURRENCY: default 2, a whole number ≥ 1', () => {
    expect(reportConcurrency({})).toBe(2);
    expect(reportConcurrency({ WEERBAAR_REPORT_CONCURRENCY: '3' })).toBe(3);
    for (const bad of ['0', '-1', '1.5', 'two'])
      expect(() => reportConcurrency({ WEERBAAR_REPORT_CONCURRENCY: bad })).toThrow(
        `WEERBAAR_REPORT_CONCURRENCY: expected a whole number ≥ 1, got "${bad}"`,
      );
  });
});
