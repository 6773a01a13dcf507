// The single boundary between model objects and the kernel's arrays: compiles one scenario of a validated model.
import type { Model } from '../model/schema.js';
import type { CompiledModel } from './kernel/compiled.js';
import { arrivalHours, holdingRegion, TravelTimes } from '../analysis/regions.js';

export interface CompileOptions {
  scenario: string;
  horizonHours: number;
  stepHours: number;
  disruptedThreshold: number;
}

/** Hours → first step index t with t·dt ≥ hours. The tolerance keeps 0.3 h / 0.1 h at step 3, not 4. */
function stepAtOrAfter(hours: number, dt: number): number {
  return Math.max(0, Math.ceil(hours / dt - 1e-9));
}

/** "Never ends" for a shock without durationHours. */
const FOREVER = 0x7fffffff;

/**
 * k_i per step from the per-hour recoveryRate r: k = 1 − (1 − r)^dt, the share recovered in dt hours
 * when r is recovered per hour (and 1 stays 1). For dt = 1 it is r itself, exactly the pinned formula.
 */
export function recoveryPerStep(ratePerHour: number, dt: number): number {
  if (dt === 1) return ratePerHour;
  return 1 - Math.pow(1 - ratePerHour, dt);
}

/** Compiles `options.scenario` of `model` (already validated, defaults filled) into typed arrays. */
export function compileModel(model: Model, options: CompileOptions): CompiledModel {
  const dt = options.stepHours;
  const steps = Math.max(1, Math.ceil(options.horizonHours / dt - 1e-9));
  const index = (ids: string[]) => new Map(ids.map((id, i) => [id, i]));
  const services = model.services.map((s) => s.id);
  const sectors = model.sectors.map((s) => s.id);
  const tasks = model.tasks.map((t) => t.id);
  const capabilities = model.capabilities.map((c) => c.id);
  const criteria = model.impactCriteria.map((c) => c.id);
  const svc = index(services);
  const sec = index(sectors);
  const task = index(tasks);
  const cap = index(capabilities);
  const crit = index(criteria);
  const nS = services.length;

  const serviceSector = Int32Array.from(model.services, (s) => sec.get(s.sector)!);
  const sectorSize = new Int32Array(sectors.length);
  for (const s of serviceSector) sectorSize[s]!++;

  // Compressed adjacency by the dependent service; within a service, edges keep model order. A counting
  // sort by the dependent service over the model order (stable), i.e. ordered by (service, model index).
  const nDeps = model.dependencies.length;
  const depFrom = new Int32Array(nDeps);
  const depStart = new Int32Array(nS + 1);
  for (let k = 0; k < nDeps; k++) {
    const i = svc.get(model.dependencies[k]!.from)!;
    depFrom[k] = i;
    depStart[i + 1]!++;
  }
  for (let i = 0; i < nS; i++) depStart[i + 1]! += depStart[i]!;
  const depSource = new Int32Array(nDeps);
  const depStrength = new Float64Array(nDeps);
  const depProbability = new Float64Array(nDeps);
  const depDelay = new Int32Array(nDeps);
  const depDrawOrder = new Int32Array(nDeps);
  const fill = depStart.slice(0, nS);
  let maxDelay = 0;
  for (let k = 0; k < nDeps; k++) {
    const d = model.dependencies[k]!;
    const e = fill[depFrom[k]!]!++;
    depSource[e] = svc.get(d.to)!;
    depStrength[e] = d.strength;
    depProbability[e] = d.probability;
    const delay = Math.min(steps, Math.round(d.delayHours / dt));
    depDelay[e] = delay;
    if (delay > maxDelay) maxDelay = delay;
    depDrawOrder[e] = k;
  }

  const shocks = model.disruptions.filter((d) => d.scenario === options.scenario);
  const requirements = model.requirements.filter((r) => r.scenario === options.scenario);
  const taskBaseDemand = new Float64Array(tasks.length);
  for (const r of requirements) taskBaseDemand[task.get(r.task)!]! += r.demand;

  const fromService = model.consequences.filter((c) => svc.has(c.from));
  const fromCapability = model.consequences.filter((c) => cap.has(c.from));

  // A present holder counts from its arrival: mobilisation plus travel to the nearest affected region.
  const travel = new TravelTimes(model.regions, model.travelTimes);
  const affected = model.scenarios.find((s) => s.id === options.scenario)?.regions ?? null;
  const partyRegion = new Map(model.parties.map((p) => [p.id, p.region]));
  const holdingFromStep = Int32Array.from(model.holdings, (h) => {
    const arrival = arrivalHours(h.mobilisationHours, holdingRegion(h, partyRegion.get(h.party)), affected, travel);
    return Math.min(FOREVER, stepAtOrAfter(arrival, dt));
  });
  const availabilityChanges = new Uint8Array(steps + 1);
  for (const t of holdingFromStep) if (t <= steps) availabilityChanges[t] = 1;

  const escalating = model.services.filter((s) => s.escalationThreshold !== undefined);

  return {
    ids: { services, sectors, tasks, capabilities, criteria, escalations: escalating.map((s) => s.id) },
    nServices: nS,
    nSectors: sectors.length,
    nTasks: tasks.length,
    nCapabilities: capabilities.length,
    nCriteria: criteria.length,
    steps,
    stepHours: dt,
    recovery: Float64Array.from(model.services, (s) => recoveryPerStep(s.recoveryRate, dt)),
    serviceSector,
    sectorSize,
    depStart,
    depSource,
    depStrength,
    depProbability,
    depDelay,
    depDrawOrder,
    maxDelay,
    shockService: Int32Array.from(shocks, (d) => svc.get(d.service)!),
    shockLevel: Float64Array.from(shocks, (d) => d.inoperability),
    shockFrom: Int32Array.from(shocks, (d) => Math.min(FOREVER, stepAtOrAfter(d.startHour, dt))),
    shockUntil: Int32Array.from(shocks, (d) =>
      d.durationHours === undefined ? FOREVER : Math.min(FOREVER, stepAtOrAfter(d.startHour + d.durationHours, dt)),
    ),
    taskBaseDemand,
    triggerService: Int32Array.from(model.triggers, (g) => svc.get(g.service)!),
    triggerTask: Int32Array.from(model.triggers, (g) => task.get(g.task)!),
    triggerRate: Float64Array.from(model.triggers, (g) => g.demandPerInoperabilityHour),
    needTask: Int32Array.from(model.needs, (n) => task.get(n.task)!),
    needCapability: Int32Array.from(model.needs, (n) => cap.get(n.capability)!),
    needPerUnit: Float64Array.from(model.needs, (n) => n.perUnit),
    holdingCapability: Int32Array.from(model.holdings, (h) => cap.get(h.capability)!),
    holdingCapacity: Float64Array.from(model.holdings, (h) => h.capacity),
    holdingReadiness: Float64Array.from(model.holdings, (h) => h.readiness),
    holdingFromStep,
    availabilityChanges,
    mitigationCapability: Int32Array.from(model.mitigations, (m) => cap.get(m.capability)!),
    mitigationService: Int32Array.from(model.mitigations, (m) => svc.get(m.service)!),
    mitigationReduction: Float64Array.from(model.mitigations, (m) => m.reduction),
    serviceConsequenceService: Int32Array.from(fromService, (c) => svc.get(c.from)!),
    serviceConsequenceCriterion: Int32Array.from(fromService, (c) => crit.get(c.criterion)!),
    serviceConsequenceRate: Float64Array.from(fromService, (c) => c.perUnitHour),
    capabilityConsequenceCapability: Int32Array.from(fromCapability, (c) => cap.get(c.from)!),
    capabilityConsequenceCriterion: Int32Array.from(fromCapability, (c) => crit.get(c.criterion)!),
    capabilityConsequenceRate: Float64Array.from(fromCapability, (c) => c.perUnitHour),
    criterionThresholds: Float64Array.from(model.impactCriteria.flatMap((c) => c.thresholds)),
    criterionWeight: Float64Array.from(model.impactCriteria, (c) => c.weight),
    disruptedThreshold: options.disruptedThreshold,
    escalationService: Int32Array.from(escalating, (s) => svc.get(s.id)!),
    escalationThreshold: Float64Array.from(escalating, (s) => s.escalationThreshold!),
  };
}
