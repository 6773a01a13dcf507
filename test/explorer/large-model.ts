// A synthetic model with a few thousand graph elements for the explorer's load test: reproducible, valid, no dynamics
// claims.
import seedrandom from 'seedrandom';

export function largeModel(o: {
  services: number;
  dependencies: number;
  parties: number;
  seed?: string;
}): Record<string, unknown[] | string> {
  const rand = seedrandom.alea(o.seed ?? 'explorer-large');
  const pick = <T>(a: T[]): T => a[Math.floor(rand() * a.length)]!;
  const range = (n: number) => Array.from({ length: n }, (_, i) => i);
  const threats = range(9).map((i) => ({ id: `thr-${i}`, name: `Threat ${i}` }));
  const incidentCategories = range(15).map((i) => ({
    id: `cat-${i}`,
    name: `Incident category ${i}`,
    threats: [`thr-${i % 9}`],
  }));
  const scenarios = range(20).map((i) => ({
    id: `scn-${i}`,
    name: `Scenario ${i}`,
    incidentCategory: `cat-${i % 15}`,
  }));
  const sectors = range(12).map((i) => ({ id: `sec-${i}`, name: `Sector ${i}` }));
  const services = range(o.services).map((i) => ({
    id: `svc-${i}`,
    name: `Service ${i}`,
    sector: `sec-${i % 12}`,
    recoveryRate: 0.2,
  }));
  const tasks = range(60).map((i) => ({ id: `tsk-${i}`, name: `Task ${i}`, phase: 'response' }));
  const capabilities = range(60).map((i) => ({ id: `cap-${i}`, name: `Capability ${i}`, unit: 'teams' }));
  const parties = range(o.parties).map((i) => ({
    id: `pty-${i}`,
    name: `Party ${i}`,
    kind: i < 12 ? 'ministry' : 'company',
  }));
  const seen = new Set<string>();
  const dependencies: unknown[] = [];
  while (dependencies.length < o.dependencies) {
    const from = Math.floor(rand() * o.services),
      to = Math.floor(rand() * o.services);
    if (from === to || seen.has(`${from}>${to}`)) continue;
    seen.add(`${from}>${to}`);
    dependencies.push({ from: `svc-${from}`, to: `svc-${to}`, strength: 0.05 });
  }
  const uniq = <T>(items: T[], key: (t: T) => string) => [...new Map(items.map((t) => [key(t), t])).values()];
  return {
    name: 'explorer load test',
    threats,
    incidentCategories,
    scenarios,
    sectors,
    services,
    tasks,
    capabilities,
    parties,
    dependencies,
    disruptions: scenarios.map((s, i) => ({
      scenario: s.id,
      service: `svc-${(i * 7) % o.services}`,
      inoperability: 0.5,
      durationHours: 24,
    })),
    requirements: uniq(
      range(100).map(() => ({ scenario: pick(scenarios).id, task: pick(tasks).id, demand: 1 })),
      (r) => `${r.scenario}|${r.task}`,
    ),
    needs: uniq(
      range(90).map(() => ({ task: pick(tasks).id, capability: pick(capabilities).id, perUnit: 1 })),
      (r) => `${r.task}|${r.capability}`,
    ),
    holdings: uniq(
      range(150).map(() => ({ party: pick(parties).id, capability: pick(capabilities).id, capacity: 2 })),
      (r) => `${r.party}|${r.capability}`,
    ),
    operations: uniq(
      range(200).map(() => ({ party: pick(parties).id, service: pick(services).id })),
      (r) => `${r.party}|${r.service}`,
    ),
    responsibilities: uniq(
      range(250).map(() => ({
        party: pick(parties).id,
        target: pick([...services, ...tasks, ...capabilities, ...threats]).id,
        role: rand() < 0.3 ? 'lead' : 'support',
      })),
      (r) => `${r.party}|${r.target}`,
    ),
  };
}
