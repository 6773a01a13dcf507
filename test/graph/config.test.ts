// Default memory of the local Neo4j: sized from the machine, within bounds, overridable from the environment.
import { afterEach, describe, expect, it } from 'vitest';
import { defaultNeo4jMemoryMb, localServerConfig } from '../../src/graph/config.js';

const GiB = 1024 * 1024 * 1024;

describe('defaultNeo4jMemoryMb', () => {
  it('takes an eighth of the memory for heap and for page cache', () => {
    expect(defaultNeo4jMemoryMb(16 * GiB)).toEqual({ heapMb: 2048, pageCacheMb: 2048 });
    expect(defaultNeo4jMemoryMb(24 * GiB)).toEqual({ heapMb: 3072, pageCacheMb: 3072 });
  });

  it('keeps the old defaults on small machines and caps large ones', () => {
    expect(defaultNeo4jMemoryMb(4 * GiB)).toEqual({ heapMb: 1024, pageCacheMb: 512 });
    expect(defaultNeo4jMemoryMb(6 * GiB)).toEqual({ heapMb: 1024, pageCacheMb: 768 });
    expect(defaultNeo4jMemoryMb(256 * GiB)).toEqual({ heapMb: 4096, pageCacheMb: 4096 });
  });
});

describe('localServerConfig memory', () => {
  const saved = { heap: process.env.WEERBAAR_NEO4J_HEAP_MB, cache: process.env.WEERBAAR_NEO4J_PAGECACHE_MB };
  afterEach(() => {
    const vars = [
      ['WEERBAAR_NEO4J_HEAP_MB', saved.heap],
      ['WEERBAAR_NEO4J_PAGECACHE_MB', saved.cache],
    ] as const;
    for (const [k, v] of vars) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });

  it('uses the machine-sized defaults unless the environment sets them', () => {
    delete process.env.WEERBAAR_NEO4J_HEAP_MB;
    delete process.env.WEERBAAR_NEO4J_PAGECACHE_MB;
    const d = defaultNeo4jMemoryMb();
    expect(localServerConfig()).toMatchObject({ heapMb: d.heapMb, pageCacheMb: d.pageCacheMb });
    process.env.WEERBAAR_NEO4J_HEAP_MB = '1500';
    process.env.WEERBAAR_NEO4J_PAGECACHE_MB = '700';
    expect(localServerConfig()).toMatchObject({ heapMb: 1500, pageCacheMb: 700 });
  });

  it('refuses a heap that is not a whole number of MiB, naming the variable', () => {
    process.env.WEERBAAR_NEO4J_HEAP_MB = '2g';
    expect(() => localServerConfig()).toThrow(
      'WEERBAAR_NEO4J_HEAP_MB: must be an integer between 256 and 65536, got "2g"',
    );
  });
});
