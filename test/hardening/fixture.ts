// Shared by the hardening tests: a model with public, restricted and confidential items, tokens, a real server on
// loopback.
import {
  getNamedType,
  isInterfaceType,
  isLeafType,
  isObjectType,
  type GraphQLField,
  type GraphQLSchema,
} from 'graphql';
import { validateModel } from '../../src/model/validate.js';
import type { Model } from '../../src/model/schema.js';
import { issueToken } from '../../src/server/auth.js';
import type { Role } from '../../src/domain/viewer.js';
import { TEST_SECRET } from '../helpers/server.js';
import { createWeerbaar } from '../../src/server/app.js';
import type { RunningServer } from '../../src/server/main.js';
import type { Graph } from '../../src/graph/graph.js';
import type { RequestLimits } from '../../src/server/limits.js';

/**
 * p-min owns the restricted items (scada, cyber, c-cyber); vault and p-spy are confidential (admins only).
 * Relationships: public ones that point at hidden nodes, and a restricted one (p-ngo supports water) seen by p-ngo.
 */
export const MODEL = (): Model =>
  validateModel({
    name: 'hardening',
    sectors: [{ id: 'energy', name: 'Energy' }],
    services: [
      { id: 'power', name: 'Electricity', sector: 'energy', recoveryRate: 0.2 },
      { id: 'water', name: 'Drinking water', sector: 'energy', recoveryRate: 0.2 },
      {
        id: 'scada',
        name: 'Grid control',
        sector: 'energy',
        recoveryRate: 0.2,
        classification: 'restricted',
        owner: 'p-min',
      },
      {
        id: 'vault',
        name: 'Vault',
        sector: 'energy',
        recoveryRate: 0.2,
        classification: 'confidential',
        owner: 'p-min',
      },
    ],
    dependencies: [
      { from: 'water', to: 'power', strength: 0.5, probability: 1, delayHours: 0 },
      { from: 'water', to: 'scada', strength: 0.3, probability: 1, delayHours: 0 },
      { from: 'power', to: 'vault', strength: 0.2, probability: 1, delayHours: 0 },
    ],
    scenarios: [
      { id: 'blackout', name: 'Long power outage', likelihoodClass: 'B' },
      {
        id: 'cyber',
        name: 'Cyber attack on the grid',
        likelihoodClass: 'C',
        classification: 'restricted',
        owner: 'p-min',
      },
    ],
    disruptions: [
      { scenario: 'blackout', service: 'power', inoperability: 0.8, durationHours: 72 },
      { scenario: 'blackout', service: 'scada', inoperability: 0.5, durationHours: 24 },
      { scenario: 'blackout', service: 'vault', inoperability: 0.5, durationHours: 24 },
      { scenario: 'cyber', service: 'scada', inoperability: 0.9, durationHours: 48 },
    ],
    tasks: [{ id: 't-restore', name: 'Restore power', phase: 'response' }],
    capabilities: [
      { id: 'c-gen', name: 'Generators', unit: 'sets' },
      { id: 'c-cyber', name: 'Cyber response team', unit: 'teams', classification: 'restricted', owner: 'p-min' },
    ],
    parties: [
      { id: 'p-min', name: 'Ministry', kind: 'ministry' },
      { id: 'p-ngo', name: 'Red Cross', kind: 'ngo' },
      { id: 'p-spy', name: 'Spy agency', kind: 'ministry', classification: 'confidential' },
    ],
    requirements: [
      { scenario: 'blackout', task: 't-restore', demand: 10 },
      { scenario: 'cyber', task: 't-restore', demand: 5 },
    ],
    needs: [
      { task: 't-restore', capability: 'c-gen', perUnit: 1 },
      { task: 't-restore', capability: 'c-cyber', perUnit: 0.1 },
    ],
    holdings: [
      { party: 'p-min', capability: 'c-gen', capacity: 4 },
      { party: 'p-spy', capability: 'c-gen', capacity: 9 },
      { party: 'p-min', capability: 'c-cyber', capacity: 1 },
    ],
    mitigations: [{ capability: 'c-cyber', service: 'scada', reduction: 0.5 }],
    responsibilities: [
      { party: 'p-min', target: 'power', role: 'lead' },
      { party: 'p-spy', target: 'power', role: 'lead' },
      { party: 'p-min', target: 'scada', role: 'lead' },
      { party: 'p-ngo', target: 'water', role: 'support', classification: 'restricted' },
    ],
    operations: [
      { party: 'p-min', service: 'power' },
      { party: 'p-spy', service: 'vault' },
    ],
  }) as Model;

/** Ids each viewer must never meet, in any answer. */
export const HIDDEN = {
  anonymous: ['scada', 'vault', 'cyber', 'c-cyber', 'p-spy'],
  ministry: ['vault', 'p-spy'],
  ngo: ['scada', 'vault', 'cyber', 'c-cyber', 'p-spy'],
} as const;

export function token(
  role: Role,
  party: string | null = null,
  subject = `${role}-${party ?? 'none'}`,
): Promise<string> {
  return issueToken(TEST_SECRET, { subject, role, party });
}

/** Ids mentioned anywhere in a JSON answer, as string values (keys are not ids). */
export function idsIn(value: unknown, into = new Set<string>()): Set<string> {
  if (typeof value === 'string') into.add(value);
  else if (Array.isArray(value)) for (const v of value) idsIn(v, into);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) idsIn(v, into);
  return into;
}

/**
 * A selection of every field reachable from `type` down to `depth` levels, taking only fields without required
 * arguments: so every nested path (relationship ends, responsibleParties, party roles, analyses) is asked for.
 */
export function selectAll(schema: GraphQLSchema, typeName: string, depth: number): string {
  const type = schema.getType(typeName);
  if (!type || !(isObjectType(type) || isInterfaceType(type))) return '';
  const parts: string[] = [];
  for (const f of Object.values(type.getFields()) as GraphQLField<unknown, unknown>[]) {
    if (f.args.some((a) => a.type.toString().endsWith('!') && a.defaultValue === undefined)) continue;
    const named = getNamedType(f.type);
    if (isLeafType(named)) parts.push(f.name);
    else if (depth > 0 && (isObjectType(named) || isInterfaceType(named))) {
      const inner = selectAll(schema, named.name, depth - 1);
      if (inner) parts.push(`${f.name} { ${inner} }`);
    }
  }
  return parts.join(' ');
}

export interface LiveServer {
  server: RunningServer;
  url: string;
  shutdown(): Promise<void>;
  post(body: unknown, headers?: Record<string, string>): Promise<{ status: number; json: any }>;
}

/** A real HTTP server on 127.0.0.1 (port 0) with authentication on, over the given graph. */
export async function liveServer(
  graph: Graph,
  options: { limits?: Partial<RequestLimits>; workers?: number; auth?: boolean } = {},
): Promise<LiveServer> {
  const weerbaar = await createWeerbaar({
    graph,
    auth: options.auth ?? true,
    secret: TEST_SECRET,
    workers: options.workers ?? 1,
    limits: options.limits,
  });
  const server = await weerbaar.listen(0, '127.0.0.1');
  const url = `${server.url}/graphql`;
  return {
    server,
    url,
    shutdown: () => server.close(),
    async post(body, headers = {}) {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
        signal: AbortSignal.timeout(60_000),
      });
      const text = await res.text();
      let json: unknown = null;
      try {
        json = JSON.parse(text);
      } catch {
        json = { raw: text };
      }
      return { status: res.status, json };
    },
  };
}
