// A synthetic model of a given size for benchmarks and load tests: random but reproducible, stable dynamics.
import seedrandom from 'seedrandom';
import type { ModelInput } from '../model/schema.js';

export interface GenerateOptions {
  services: number;
  dependencies: number;
  seed?: string;
  /** Share of dependencies with a delay of 1–6 hours. Default 0.2. */
  delayedShare?: number;
  /** Services hit directly by the scenario. Default 10. */
  shocked?: number;
}

/**
 * Services in 12 sectors, each dependency between distinct random services; strengths scaled so that
 * every service's strengths sum to at most 0.8 (a stable A*). One scenario "generated" shocks a few
 * services; a handful of tasks, capabilities, holdings, mitigations and criteria exercise the rest.
 */
export function generateModel(o: GenerateOptions): ModelInput {
  const rand = seedrandom.alea(o.seed ?? 'generated');
  const n = o.services;
  const pick = (k: number) => Math.floor(rand() * k);
  const sectors = Array.from({ length: 12 }, (_, s) => ({ id: `sector-${s}`, name: `Sector ${s}` }));
  const services = Array.from({ length: n }, (_, i) => ({
    id: `svc-${i}`,
    name: `Service ${i}`,
    sector: `sector-${i % 12}`,
    recoveryRate: 0.05 + 0.45 * rand(),
  }));
  const seen = new Set<number>();
  const raw: { from: number; to: number; strength: number }[] = [];
  const rowSum = new Float64Array(n);
  while (raw.length < o.dependencies && raw.length < n * (n - 1)) {
    const from = pick(n);
    const to = pick(n);
    if (from === to || seen.has(from * n + to)) continue;
    seen.add(from * n + to);
    const strength = rand();
    rowSum[from] += strength;
    raw.push({ from, to, strength });
  }
  const delayed = o.delayedShare ?? 0.2;
  const dependencies = raw.map((d) => ({
    from: `svc-${d.from}`,
    to: `svc-${d.to}`,
    strength: rowSum[d.from]! > 0.8 ? (d.strength / rowSum[d.from]!) * 0.8 : d.strength,
    probability: 0.3 + 0.7 * rand(),
    delayHours: rand() < delayed ? 1 + pick(6) : 0,
  }));
  const shocked = Math.min(n, o.shocked ?? 10);
  const disruptions = Array.from({ length: shocked }, (_, k) => ({
    scenario: 'generated',
    service: `svc-${Math.floor((k * n) / shocked)}`,
    inoperability: 0.5 + 0.5 * rand(),
    durationHours: 24 + pick(96),
  }));
  const capabilities = Array.from({ length: 8 }, (_, c) => ({
    id: `cap-${c}`,
    name: `Capability ${c}`,
    unit: 'units',
  }));
  const tasks = Array.from({ length: 4 }, (_, t) => ({
    id: `task-${t}`,
    name: `Task ${t}`,
    phase: 'response' as const,
  }));
  // Spread over the services without repeating a pair (small models would otherwise list one twice).
  const unique = <T>(items: T[], key: (t: T) => string) => [...new Map(items.map((t) => [key(t), t])).values()];
  return {
    name: `generated ${n} services / ${dependencies.length} dependencies`,
    vitalInterests: [{ id: 'vi-physical', name: 'Physical security' }],
    impactCriteria: [
      {
        id: 'crit-people',
        name: 'People affected',
        vitalInterest: 'vi-physical',
        unit: 'person-hours',
        thresholds: [10, 100, 1000, 10000, 100000],
      },
      {
        id: 'crit-shortfall',
        name: 'Unmet demand',
        vitalInterest: 'vi-physical',
        unit: 'unit-hours',
        thresholds: [10, 100, 1000, 10000, 100000],
      },
    ],
    scenarios: [{ id: 'generated', name: 'Generated scenario' }],
    sectors,
    services,
    dependencies,
    disruptions,
    tasks,
    capabilities,
    parties: [
      { id: 'party-0', name: 'Party 0', kind: 'ministry' },
      { id: 'party-1', name: 'Party 1', kind: 'company' },
    ],
    requirements: tasks.map((t) => ({ scenario: 'generated', task: t.id, demand: 5 + pick(20) })),
    triggers: unique(
      Array.from({ length: 20 }, (_, k) => ({
        service: `svc-${Math.floor((k * n) / 20)}`,
        task: `task-${k % 4}`,
        demandPerInoperabilityHour: 1 + pick(10),
      })),
      (t) => `${t.service} ${t.task}`,
    ),
    needs: capabilities.map((c, k) => ({ task: `task-${k % 4}`, capability: c.id, perUnit: 1 })),
    holdings: capabilities.flatMap((c, k) => [
      {
        party: 'party-0',
        capability: c.id,
        capacity: 10 + pick(20),
        readiness: 0.5 + 0.5 * rand(),
        mobilisationHours: pick(24),
      },
      { party: 'party-1', capability: c.id, capacity: 5 + pick(10), readiness: 0.9, mobilisationHours: k },
    ]),
    mitigations: unique(
      Array.from({ length: 20 }, (_, k) => ({
        capability: `cap-${k % 8}`,
        service: `svc-${(Math.floor((k * n) / 20) + 1) % n}`,
        reduction: 0.2 + 0.6 * rand(),
      })),
      (m) => `${m.capability} ${m.service}`,
    ),
    consequences: [
      ...unique(
        Array.from({ length: 50 }, (_, k) => ({
          from: `svc-${Math.floor((k * n) / 50)}`,
          criterion: 'crit-people',
          perUnitHour: 1 + pick(10),
        })),
        (c) => c.from,
      ),
      ...capabilities.map((c) => ({ from: c.id, criterion: 'crit-shortfall', perUnitHour: 1 })),
    ],
  };
}
