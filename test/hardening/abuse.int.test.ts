// Hostile and malformed requests against a real server on loopback: each gets a GraphQL error or a 4xx, never a 5xx, a
// hang or a change.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { testGraph, resetGraph } from '../helpers/graph.js';
import { loadModel, exportModel } from '../../src/graph/model-repository.js';
import { Graph } from '../../src/graph/graph.js';
import { DEFAULT_LIMITS } from '../../src/server/limits.js';
import { MODEL, liveServer, token, type LiveServer } from './fixture.js';

const code = (r: { json: any }) => r.json?.errors?.[0]?.extensions?.code;

describe('hostile GraphQL', () => {
  let graph: Graph;
  let live: LiveServer;
  let admin: Record<string, string>;

  beforeAll(async () => {
    graph = await testGraph();
    live = await liveServer(graph);
    admin = { authorization: `Bearer ${await token('admin')}` };
  });
  beforeEach(async () => {
    await resetGraph(graph);
    await loadModel(graph, MODEL());
  });
  afterAll(async () => {
    await live?.shutdown();
    await graph?.close();
  });

  it('refuses a query deeper than the limit', async () => {
    let sel = 'id';
    for (let i = 0; i < 8; i++) sel = `dependsOn { service { ${sel} } }`;
    const r = await live.post({ query: `{ node(id: "water") { ... on Service { ${sel} } } }` });
    expect(r.status).toBeLessThan(500);
    expect(r.json.data ?? null).toBeNull();
    expect(r.json.errors[0].message).toMatch(new RegExp(`depth limit of ${DEFAULT_LIMITS.maxDepth}`));
  });

  it('refuses too many aliases, too many tokens, too many directives and too high a cost', async () => {
    const aliasList = Array.from(
      { length: DEFAULT_LIMITS.maxAliases + 1 },
      (_, i) => `a${i}: node(id: "power") { id }`,
    );
    const aliases = `{ ${aliasList.join(' ')} }`;
    const tokens = `{ ${Array.from({ length: DEFAULT_LIMITS.maxTokens }, () => '__typename').join(' ')} }`;
    const directives =
      `{ node(id: "power") { id ` +
      `${Array.from({ length: DEFAULT_LIMITS.maxDirectives + 1 }, () => '@include(if: true)').join(' ')} ` +
      `} }`;
    const cost = `{ services(first: 1000) { edges { node { ${Array.from(
      { length: 40 },
      () => 'dependsOn { service { id name description } strength }',
    )
      .map((s, i) => `d${i}: ${s}`)
      .slice(0, 15)
      .join(' ')} } } } }`;
    for (const [what, query, pattern] of [
      ['aliases', aliases, /Aliases limit/],
      ['tokens', tokens, /Token limit/],
      ['directives', directives, /Directives limit/],
      ['cost', cost, /Cost limit/],
    ] as const) {
      const r = await live.post({ query });
      expect(r.status, what).toBeLessThan(500);
      expect(r.json.data ?? null, what).toBeNull();
      expect(r.json.errors?.[0]?.message, what).toMatch(pattern);
    }
  });

  it('does not suggest field names', async () => {
    const r = await live.post({ query: '{ node(id: "power") { idd } }' });
    expect(r.status).toBeLessThan(500);
    expect(r.json.errors[0].message).toMatch(/Cannot query field "idd"/);
    expect(JSON.stringify(r.json)).not.toMatch(/Did you mean/);
  });

  it('answers a body over the limit with 413 before parsing, declared or streamed', async () => {
    const big = JSON.stringify({ query: `{ __typename }`, variables: { pad: 'x'.repeat(DEFAULT_LIMITS.bodyBytes) } });
    const r = await live.post(big);
    expect(r.status).toBe(413);
    expect(r.json.errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
    // Chunked, no Content-Length: counted as it arrives.
    const url = new URL(live.url);
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      const chunk = 'x'.repeat(64 * 1024);
      let sent = 0;
      const pump = () => {
        while (sent < DEFAULT_LIMITS.bodyBytes * 2) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        req.end();
      };
      pump();
    });
    expect(status).toBe(413);
    // The server still serves.
    expect((await live.post({ query: '{ __typename }' })).status).toBe(200);
  });

  it('answers malformed requests with 4xx', async () => {
    for (const body of [
      '{',
      '[]',
      '"query"',
      JSON.stringify({ query: 42 }),
      JSON.stringify({ query: '{ node(id: ) }' }),
      JSON.stringify({ query: '{ __typename }', variables: 'nope' }),
      '',
    ]) {
      const r = await live.post(body);
      expect(r.status, body).toBeLessThan(500);
      // A 4xx, or (GraphQL over HTTP with application/json) a 200 that carries errors and no data.
      if (r.status < 400) expect([r.json.errors?.length > 0, r.json.data ?? null], body).toEqual([true, null]);
    }
    const badToken = await live.post({ query: '{ __typename }' }, { authorization: 'Bearer not.a.token' });
    expect(badToken.status).toBe(401);
    const wrongScheme = await live.post({ query: '{ __typename }' }, { authorization: 'Basic abc' });
    expect(wrongScheme.status).toBe(401);
  });

  it('names the item and field of bad mutation input, and bad arguments', async () => {
    const cases: [string, RegExp][] = [
      ['mutation { createDependency(input: { from: "water", to: "power", strength: -1 }) { strength } }', /strength/],
      ['mutation { createService(input: { id: "bad id!", name: "x", sector: "energy" }) { id } }', /id/],
      [
        'mutation { createService(input: { id: "s9", name: "x", sector: "nowhere" }) { id } }',
        /sector.*nowhere|nowhere.*sector/,
      ],
      [
        'mutation { createHolding(input: { party: "p-min", capability: "c-gen", capacity: 1 }) { capacity } }',
        /already exists/,
      ],
      ['mutation { updateService(id: "ghost", patch: { name: "x" }) { id } }', /ghost/],
      ['{ services(first: 5000) { totalCount } }', /first\/last must be at most/],
      ['{ gapAnalysis(phases: ["lunch"]) { phases } }', /phases\[0\].*lunch/],
      ['{ search(text: "' + 'x'.repeat(300) + '") { id } }', /at most 200/],
    ];
    for (const [query, message] of cases) {
      const r = await live.post({ query }, admin);
      expect(r.status, query).toBeLessThan(500);
      expect(r.json.errors?.[0]?.message, query).toMatch(message);
      expect(['BAD_USER_INPUT', 'NOT_FOUND'], query).toContain(code(r));
    }
  });

  it('finds nothing and changes nothing through Cypher injection in any string argument', async () => {
    const before = await exportModel(graph);
    const payloads = [
      "') MATCH (n) DETACH DELETE n //",
      '" }) MATCH (n) DETACH DELETE n //',
      '`) DETACH DELETE n //',
      "power' OR 1=1 //",
      '{id: "power"}',
      '$viewer',
      '\\u0027; CALL db.clearQueryCaches() //',
      "x'}) RETURN 1 UNION MATCH (n) SET n.classification = 'public' RETURN 1 //",
    ];
    for (const p of payloads) {
      const v = { p };
      const reads = await live.post({
        query:
          'query($p: String!, $id: ID!) { search(text: $p) { id } node(id: $id) { id } ' +
          'party(id: $id) { id } services(search: $p) { totalCount } }',
        variables: { p, id: p },
      });
      expect(reads.json.errors, p).toBeUndefined();
      expect(reads.json.data.search, p).toEqual([]);
      expect(reads.json.data.node, p).toBeNull();
      expect(reads.json.data.services.totalCount, p).toBe(0);
      for (const m of [
        'mutation($p: ID!) { updateService(id: $p, patch: { name: "x" }) { id } }',
        'mutation($p: ID!) { deleteService(id: $p) { id } }',
        'mutation($p: ID!) { deleteDependency(from: $p, to: $p) }',
        'mutation($p: ID!) { createDependency(input: { from: "water", to: $p, strength: 0.1 }) { strength } }',
      ]) {
        const r = await live.post({ query: m, variables: v }, admin);
        expect(r.status, `${m} ${p}`).toBeLessThan(500);
        expect(['NOT_FOUND', 'BAD_USER_INPUT'], `${m} ${p}`).toContain(code(r));
      }
      // A name is data: stored as given, nothing else moves.
      const named = await live.post(
        { query: 'mutation($p: String!) { updateSector(id: "energy", patch: { name: $p }) { name } }', variables: v },
        admin,
      );
      expect(named.json.data?.updateSector?.name ?? named.json.errors?.[0]?.extensions?.code, p).toSatisfy(
        (x: unknown) => x === p || x === 'BAD_USER_INPUT',
      );
    }
    const after = await exportModel(graph);
    expect({ ...after, sectors: [] }).toEqual({ ...before, sectors: [] });
    expect(after.sectors.map((s) => s.id)).toEqual(before.sectors.map((s) => s.id));
  });

  it('masks internal errors: no stack, no driver message, a code', async () => {
    const broken = new Graph({ config: graph.config });
    // An unexpected (non-user) failure inside a read.
    broken.read = async () => {
      throw new TypeError('secret internal detail at /srv/weerbaar/x.js:1');
    };
    const other = await liveServer(broken, { auth: false });
    try {
      const r = await other.post({ query: '{ services { totalCount } }' });
      expect(r.status).toBe(200);
      expect(r.json.errors[0].extensions.code).toBe('INTERNAL_SERVER_ERROR');
      expect(JSON.stringify(r.json)).not.toMatch(/secret internal detail|x\.js|stack/);
    } finally {
      await other.shutdown();
      await broken.close();
    }
  });

  it('stops a request at the deadline with a TIMEOUT error instead of hanging', async () => {
    const slow = new Graph({ config: graph.config });
    const read = slow.read.bind(slow);
    slow.read = async (...args) => {
      await new Promise((r) => setTimeout(r, 5_000));
      return read(...args);
    };
    const other = await liveServer(slow, { auth: false, limits: { requestTimeoutMs: 500 } });
    try {
      const t0 = Date.now();
      const r = await other.post({ query: '{ services { totalCount } }' });
      expect(Date.now() - t0).toBeLessThan(3_000);
      expect(r.status).toBeLessThan(500);
      expect(r.json.errors[0].extensions.code).toBe('TIMEOUT');
    } finally {
      await other.shutdown();
      await slow.close();
    }
  });
});
