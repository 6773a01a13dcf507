// A real app on the real Neo4j for API tests, built by the composition root: call it through app.fetch, or listen.
import { createWeerbaar, type WeerbaarOptions } from '../../src/server/app.js';
import type { Graph } from '../../src/graph/graph.js';

export const TEST_SECRET = new TextEncoder().encode('test-secret-for-weerbaar-0123456789abcdef');

export async function testApp(graph: Graph, options: Partial<Omit<WeerbaarOptions, 'graph'>> = {}) {
  const weerbaar = await createWeerbaar({ auth: false, secret: TEST_SECRET, workers: 1, ...options, graph });
  const { app } = weerbaar;
  async function gql<T = any>(
    query: string,
    variables: Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ): Promise<{ data?: T; errors?: { message: string; extensions?: { code?: string } }[]; status: number }> {
    const res = await app.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return { ...(await res.json()), status: res.status };
  }
  return { app, gql, weerbaar };
}
