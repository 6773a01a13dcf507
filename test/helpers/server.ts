// A real app on the real Neo4j for API tests: call it through yoga.fetch, or listen on loopback.
import { createApp } from '../../src/server/yoga.js';
import { buildServerExtras } from '../../src/server/extras.js';
import type { Graph } from '../../src/graph/graph.js';

export const TEST_SECRET = new TextEncoder().encode('test-secret-for-weerbaar-0123456789abcdef');

export async function testApp(graph: Graph, options: { auth?: boolean; workers?: number } = {}) {
  const extras = await buildServerExtras(graph, { auth: options.auth ?? false, log: () => {}, secret: TEST_SECRET, workers: options.workers ?? 1 });
  const app = createApp({ services: { graph, ...extras.services }, authenticate: extras.authenticate });
  async function gql<T = any>(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<{ data?: T; errors?: { message: string; extensions?: { code?: string } }[]; status: number }> {
    const res = await app.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return { ...(await res.json()), status: res.status };
  }
  return { app, gql, extras };
}
