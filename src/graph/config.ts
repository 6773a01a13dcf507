// Where the graph lives: a server named by NEO4J_URI, or the local embedded Neo4j this project runs itself.
import { totalmem } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserError } from '../domain/errors.js';

/** Repository root: two levels above this file in both src/ and dist/. */
export const ROOT = resolve(fileURLToPath(import.meta.url), '..', '..', '..');

export interface GraphConfig {
  uri: string;
  user?: string;
  password?: string;
  database?: string;
  /** True when weerbaar runs the server itself (no NEO4J_URI). */
  local: boolean;
}

export interface LocalServerConfig {
  host: string;
  port: number;
  home: string;
  heapMb: number;
  pageCacheMb: number;
}

function intFromEnv(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new UserError(`${name}: must be an integer between ${min} and ${max}, got "${raw}"`, 'ENVIRONMENT');
  }
  return n;
}

/**
 * Default heap and page cache of the local Neo4j, from the machine's memory: an eighth of it each, at least
 * 1024 MiB heap and 512 MiB page cache (the old fixed defaults, enough for the default model) and at most 4096 MiB
 * each. On a 16 GiB machine that is 2048 + 2048 MiB, what a 100,000-service model needs to load in under half a
 * minute (docs/loading.md); on small machines it stays at the old defaults.
 */
export function defaultNeo4jMemoryMb(totalBytes: number = totalmem()): { heapMb: number; pageCacheMb: number } {
  const eighth = Math.floor(totalBytes / (8 * 1024 * 1024));
  return {
    heapMb: Math.min(4096, Math.max(1024, eighth)),
    pageCacheMb: Math.min(4096, Math.max(512, eighth)),
  };
}

export function localServerConfig(overrides: Partial<LocalServerConfig> = {}): LocalServerConfig {
  const memory = defaultNeo4jMemoryMb();
  return {
    host: '127.0.0.1',
    port: intFromEnv('WEERBAAR_NEO4J_PORT', 7687, 1, 65535),
    home: process.env.WEERBAAR_NEO4J_HOME
      ? resolve(process.env.WEERBAAR_NEO4J_HOME)
      : resolve(ROOT, '.weerbaar', 'neo4j'),
    heapMb: intFromEnv('WEERBAAR_NEO4J_HEAP_MB', memory.heapMb, 256, 65536),
    pageCacheMb: intFromEnv('WEERBAAR_NEO4J_PAGECACHE_MB', memory.pageCacheMb, 16, 65536),
    ...overrides,
  };
}

export function graphConfig(): GraphConfig {
  const uri = process.env.NEO4J_URI;
  if (uri) {
    return {
      uri,
      user: process.env.NEO4J_USER ?? process.env.NEO4J_USERNAME,
      password: process.env.NEO4J_PASSWORD,
      database: process.env.NEO4J_DATABASE || undefined,
      local: false,
    };
  }
  const local = localServerConfig();
  return { uri: `bolt://${local.host}:${local.port}`, local: true };
}
