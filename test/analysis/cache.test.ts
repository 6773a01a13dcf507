// The analysis cache on a fake graph: which reads happen, when entries are reused, and that viewers never share one.
import { describe, expect, it } from 'vitest';
import { AnalysisService, cacheKey, Lru, visibilityKey } from '../../src/service/analysis.js';
import { ModelRevision } from '../../src/graph/model-revision.js';
import type { Graph } from '../../src/graph/graph.js';
import type { Viewer } from '../../src/domain/viewer.js';

const ADMIN: Viewer = { role: 'admin', party: null, subject: 'a', admin: true };
const ADMIN_OF_PARTY: Viewer = { role: 'admin', party: 'p-x', subject: 'b', admin: true };
const ANON: Viewer = { role: 'viewer', party: null, subject: 'anon', admin: false };
const PARTY_X: Viewer = { role: 'planner', party: 'p-x', subject: 'x', admin: false };
const PARTY_Y: Viewer = { role: 'planner', party: 'p-y', subject: 'y', admin: false };

/** A graph whose revision is `state.revision` and whose planning inputs name the viewer they were read for. */
function fakeGraph() {
  const state = { revision: 1, runs: 0, reads: [] as string[], fail: false };
  const graph = {
    writesEnded: 0,
    async read(_file: string, name: string, params: { viewer?: { admin: boolean; party: string | null } } = {}) {
      state.reads.push(name);
      await new Promise((r) => setTimeout(r, 1));
      if (name === 'modelRevision') return [{ epoch: 'e', revision: state.revision, runs: state.runs, lastRun: null }];
      if (state.fail) throw new Error('boom');
      const v = params.viewer!;
      const who = v.admin ? 'admin' : (v.party ?? 'anonymous');
      return [
        {
          parties: [{ id: `seen-by-${who}-at-${state.revision}`, __label: 'Party' }],
          scenarios: [],
          tasks: [],
          capabilities: [],
          targets: [],
        },
      ];
    },
  };
  return { graph: graph as unknown as Graph, state };
}

const count = (reads: string[], name: string) => reads.filter((r) => r === name).length;
const partyIds = async (cache: AnalysisService, v: Viewer) =>
  (await (await cache.entry(v)).planningData()).parties.map((p) => p.id);
/** An analysis service whose revision is read for every use (maxAgeMs 0) unless `maxAgeMs` is given. */
const service = (graph: Graph, options: { maxAgeMs?: number; maxEntries?: number } = {}) =>
  new AnalysisService(graph, {
    revision: new ModelRevision(graph, { maxAgeMs: options.maxAgeMs ?? 0 }),
    maxEntries: options.maxEntries,
  });

describe('Lru', () => {
  it('evicts the least recently used entry', () => {
    const lru = new Lru<string, number>(2);
    lru.set('a', 1);
    lru.set('b', 2);
    expect(lru.get('a')).toBe(1);
    lru.set('c', 3);
    expect(lru.keys()).toEqual(['a', 'c']);
    expect(lru.get('b')).toBeUndefined();
  });
});

describe('visibilityKey', () => {
  it('separates admins, anonymous callers and each party', () => {
    expect(visibilityKey(ADMIN)).toBe(visibilityKey(ADMIN_OF_PARTY));
    const keys = [ADMIN, ANON, PARTY_X, PARTY_Y].map(visibilityKey);
    expect(new Set(keys).size).toBe(4);
    expect(visibilityKey({ ...ANON, party: '' })).not.toBe(visibilityKey(ANON));
  });
});

describe('AnalysisService', () => {
  it('reads the inputs once per revision and visibility class, the revision on every use (maxAgeMs 0)', async () => {
    const { graph, state } = fakeGraph();
    const cache = service(graph);
    expect(await partyIds(cache, ADMIN)).toEqual(['seen-by-admin-at-1']);
    expect(await partyIds(cache, ADMIN)).toEqual(['seen-by-admin-at-1']);
    expect(count(state.reads, 'planningInputs')).toBe(1);
    expect(count(state.reads, 'modelRevision')).toBe(2);
    state.revision = 2;
    expect(await partyIds(cache, ADMIN)).toEqual(['seen-by-admin-at-2']);
    expect(count(state.reads, 'planningInputs')).toBe(2);
    expect(cache.size).toBe(1); // the entry of revision 1 is gone
  });

  it('never hands one visibility class the entry of another', async () => {
    const { graph } = fakeGraph();
    const cache = service(graph);
    expect(await partyIds(cache, ADMIN)).toEqual(['seen-by-admin-at-1']);
    expect(await partyIds(cache, ANON)).toEqual(['seen-by-anonymous-at-1']);
    expect(await partyIds(cache, PARTY_X)).toEqual(['seen-by-p-x-at-1']);
    expect(await partyIds(cache, PARTY_Y)).toEqual(['seen-by-p-y-at-1']);
    expect(await partyIds(cache, ADMIN_OF_PARTY)).toEqual(['seen-by-admin-at-1']);
    expect(await partyIds(cache, PARTY_X)).toEqual(['seen-by-p-x-at-1']);
    expect(cache.size).toBe(4);
  });

  it('sees a finished simulation run as a new revision', async () => {
    const { graph, state } = fakeGraph();
    const cache = service(graph);
    const first = await cache.entry(ADMIN);
    state.runs = 1;
    expect(await cache.entry(ADMIN)).not.toBe(first);
  });

  it('with maxAgeMs reuses a revision read until that time passes or a write of this process ends', async () => {
    const { graph, state } = fakeGraph();
    const cache = service(graph, { maxAgeMs: 150 });
    await partyIds(cache, ADMIN);
    await partyIds(cache, ADMIN);
    expect(count(state.reads, 'modelRevision')).toBe(1);
    // A write by another process is not seen before maxAgeMs …
    state.revision = 2;
    expect(await partyIds(cache, ADMIN)).toEqual(['seen-by-admin-at-1']);
    // … but is once it has passed.
    await new Promise((r) => setTimeout(r, 160));
    expect(await partyIds(cache, ADMIN)).toEqual(['seen-by-admin-at-2']);
    // A read in the background once half the bound has passed keeps a steadily used cache from waiting for one.
    await new Promise((r) => setTimeout(r, 90));
    const reads = count(state.reads, 'modelRevision');
    expect(await partyIds(cache, ADMIN)).toEqual(['seen-by-admin-at-2']);
    expect(count(state.reads, 'modelRevision')).toBe(reads + 1);
    // A write of this process (through its Graph) is seen at once.
    state.revision = 3;
    (graph as { writesEnded: number }).writesEnded++;
    expect(await partyIds(cache, ADMIN)).toEqual(['seen-by-admin-at-3']);
  });

  it('keeps at most maxEntries entries', async () => {
    const { graph } = fakeGraph();
    const cache = service(graph, { maxEntries: 2 });
    for (const v of [ADMIN, ANON, PARTY_X, PARTY_Y]) await partyIds(cache, v);
    expect(cache.size).toBe(2);
  });

  it('does not keep a failed read or a failed result', async () => {
    const { graph, state } = fakeGraph();
    const cache = service(graph);
    state.fail = true;
    await expect((await cache.entry(ADMIN)).planningData()).rejects.toThrow('boom');
    state.fail = false;
    expect(await partyIds(cache, ADMIN)).toEqual(['seen-by-admin-at-1']);
    const entry = await cache.entry(ADMIN);
    await expect(
      entry.memo('k', {}, () => {
        throw new Error('bad');
      }),
    ).rejects.toThrow('bad');
    expect(await entry.memo('k', {}, () => 42)).toBe(42);
    expect(await entry.memo('k', {}, () => 43)).toBe(42);
  });

  it('keys a result by its operation and every argument, whatever their order', async () => {
    const { graph } = fakeGraph();
    const entry = await service(graph).entry(ADMIN);
    expect(await entry.memo('gapAnalysis', { phases: ['response'], overcapacityFactor: 2 }, () => 1)).toBe(1);
    const reordered = { overcapacityFactor: 2, phases: ['response'], method: undefined };
    expect(await entry.memo('gapAnalysis', reordered, () => 2)).toBe(1);
    expect(await entry.memo('gapAnalysis', { overcapacityFactor: 3, phases: ['response'] }, () => 3)).toBe(3);
    expect(await entry.memo('gapAnalysis', { overcapacityFactor: 2, phases: ['aftercare'] }, () => 4)).toBe(4);
    expect(await entry.memo('riskAssessment', { overcapacityFactor: 2, phases: ['response'] }, () => 5)).toBe(5);
    const nested = cacheKey('a', { x: { b: 1, a: [2, { d: 1, c: 2 }] } });
    expect(nested).toBe(cacheKey('a', { x: { a: [2, { c: 2, d: 1 }], b: 1 } }));
  });
});
