// The model revision read: concurrent callers share reads, but never one that started before they asked.
import { describe, expect, it } from 'vitest';
import { ModelRevision } from '../../src/graph/model-revision.js';
import type { Graph } from '../../src/graph/graph.js';

/** A graph whose modelRevision read takes the state's revision when the read starts and answers after `ms`. */
function slowGraph(ms: number) {
  const state = { revision: 1, reads: 0 };
  const graph = {
    writesEnded: 0,
    async read(_file: string, name: string) {
      if (name !== 'modelRevision') throw new Error(`unexpected read ${name}`);
      state.reads++;
      const revision = state.revision;
      await new Promise((r) => setTimeout(r, ms));
      return [{ epoch: 'e', revision, runs: 0, lastRun: null }];
    },
  };
  return { graph: graph as unknown as Graph, state };
}

const rev = (token: string) => JSON.parse(token)[1] as number;

describe('ModelRevision.fresh', () => {
  it('a burst of callers costs at most two reads', async () => {
    const { graph, state } = slowGraph(20);
    const cache = new ModelRevision(graph);
    const all = await Promise.all(Array.from({ length: 20 }, () => cache.fresh()));
    expect(all.map(rev)).toEqual(Array(20).fill(1));
    // The first caller's read is in flight when the other 19 ask: they share the next read instead of one each.
    expect(state.reads).toBe(2);
  });

  it('a caller that asks while a read is in flight gets a read that starts after it asked', async () => {
    const { graph, state } = slowGraph(30);
    const cache = new ModelRevision(graph);
    const first = cache.fresh();
    await new Promise((r) => setTimeout(r, 5)); // the first read is in flight and has taken revision 1
    state.revision = 2; // a write commits
    const late = [cache.fresh(), cache.fresh(), cache.fresh()];
    expect(rev(await first)).toBe(1);
    expect((await Promise.all(late)).map(rev)).toEqual([2, 2, 2]);
    expect(state.reads).toBe(2);
  });

  it('current() answers without a read while the last is younger than maxAgeMs, then from a new read', async () => {
    const { graph, state } = slowGraph(5);
    const revision = new ModelRevision(graph, { maxAgeMs: 100 });
    expect(rev(await revision.current())).toBe(1);
    state.revision = 2; // a write by another process
    expect(revision.peek()).not.toBeNull();
    expect(rev(await revision.current())).toBe(1);
    expect(state.reads).toBe(1);
    await new Promise((r) => setTimeout(r, 105));
    expect(revision.peek()).toBeNull(); // too old to use
    expect(rev(await revision.current())).toBe(2);
    expect(state.reads).toBe(2);
  });

  it("a write through this process's Graph makes the next caller wait for a new read", async () => {
    const { graph, state } = slowGraph(5);
    const revision = new ModelRevision(graph, { maxAgeMs: 60_000 });
    expect(rev(await revision.current())).toBe(1);
    state.revision = 2;
    (graph as { writesEnded: number }).writesEnded++;
    expect(revision.peek()).toBeNull();
    expect(rev(await revision.current())).toBe(2);
    expect(rev(await revision.current())).toBe(2);
    expect(state.reads).toBe(2);
  });
});
