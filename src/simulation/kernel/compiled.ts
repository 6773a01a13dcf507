// The compiled model: everything the kernel needs for one scenario, as typed arrays laid out for the inner loops.

/**
 * One scenario of one model, flattened. Plain data (typed arrays, numbers, string arrays) so it
 * can be posted to a worker by structured clone. Indices refer to the id arrays in `ids`.
 */
export interface CompiledModel {
  /** Ids for reporting; the kernel itself only uses indices. */
  ids: {
    services: string[];
    sectors: string[];
    tasks: string[];
    capabilities: string[];
    criteria: string[];
    /** Services with an escalation threshold, in model order. */
    escalations: string[];
  };
  nServices: number;
  nSectors: number;
  nTasks: number;
  nCapabilities: number;
  nCriteria: number;
  /** Number of time steps N; states q(0) … q(N). */
  steps: number;
  stepHours: number;

  /** k_i per step of `stepHours` (see compile.ts for the conversion from the per-hour recoveryRate). */
  recovery: Float64Array;
  /** Sector index of each service. */
  serviceSector: Int32Array;
  /** Number of services in each sector (for the sector mean). */
  sectorSize: Int32Array;

  /** Dependencies, compressed by the dependent service i: edges of i are depStart[i] … depStart[i+1]-1. */
  depStart: Int32Array;
  /** j: the service depended on. */
  depSource: Int32Array;
  /** a_ij. */
  depStrength: Float64Array;
  /** P(e_ij = 1). */
  depProbability: Float64Array;
  /** d_ij in steps, already capped at `steps` (a longer delay never arrives within the horizon). */
  depDelay: Int32Array;
  /** Position of the edge in the model's `dependencies` list: the order in which activations are drawn. */
  depDrawOrder: Int32Array;
  /** Largest d_ij. */
  maxDelay: number;

  /** Direct shocks of the scenario: service, level c, active for steps shockFrom ≤ t < shockUntil. */
  shockService: Int32Array;
  shockLevel: Float64Array;
  shockFrom: Int32Array;
  shockUntil: Int32Array;

  /** Scenario REQUIRES.demand per task. */
  taskBaseDemand: Float64Array;
  /** TRIGGERS: service → task, demand per inoperability-hour. */
  triggerService: Int32Array;
  triggerTask: Int32Array;
  triggerRate: Float64Array;
  /** NEEDS: task → capability, per unit of task demand. */
  needTask: Int32Array;
  needCapability: Int32Array;
  needPerUnit: Float64Array;
  /**
   * HOLDS: capability, capacity, readiness (presence probability), first step from which it counts: the holding's
   * arrival at the scenario (mobilisationHours + travel to the nearest affected region).
   */
  holdingCapability: Int32Array;
  holdingCapacity: Float64Array;
  holdingReadiness: Float64Array;
  holdingFromStep: Int32Array;
  /** 1 at the steps where some holder starts to count: only then does availability change within an iteration. */
  availabilityChanges: Uint8Array;
  /** MITIGATES: capability → service with reduction. */
  mitigationCapability: Int32Array;
  mitigationService: Int32Array;
  mitigationReduction: Float64Array;

  /** Consequences from services (per inoperability-hour) and capabilities (per shortfall-unit-hour). */
  serviceConsequenceService: Int32Array;
  serviceConsequenceCriterion: Int32Array;
  serviceConsequenceRate: Float64Array;
  capabilityConsequenceCapability: Int32Array;
  capabilityConsequenceCriterion: Int32Array;
  capabilityConsequenceRate: Float64Array;

  /** Class lower bounds A–E per criterion, 5 per criterion. */
  criterionThresholds: Float64Array;
  criterionWeight: Float64Array;

  /** Inoperability from which a service or sector counts as disrupted (probabilityDisrupted, downtime). */
  disruptedThreshold: number;

  /** Services with an escalationThreshold (the government lead takes over from the operator) and that threshold. */
  escalationService: Int32Array;
  escalationThreshold: Float64Array;
}

/**
 * Layout of one iteration's record in a flat Float64Array: named offsets, as graphology does for nodes.
 * Per iteration: services (final, peak, downtime), sectors (same), capabilities (peak shortfall,
 * shortfall unit-hours), criteria values, total weighted impact, and with the counterfactual the total
 * impact with each capability topped up and with all topped up.
 */
export interface RecordLayout {
  serviceFinal: number;
  servicePeak: number;
  serviceDowntime: number;
  sectorFinal: number;
  sectorPeak: number;
  sectorDowntime: number;
  capabilityShortfall: number;
  capabilityShortfallHours: number;
  criterionValue: number;
  /** Per escalating service, the first hour with q ≥ its threshold; −1 when it is never reached. */
  escalationHour: number;
  total: number;
  /** −1 without counterfactual. */
  closedOne: number;
  /** −1 without counterfactual. */
  closedAll: number;
  stride: number;
}

export function recordLayout(
  m: Pick<CompiledModel, 'nServices' | 'nSectors' | 'nCapabilities' | 'nCriteria'> & {
    escalationService?: ArrayLike<number>;
  },
  counterfactual: boolean,
): RecordLayout {
  let o = 0;
  const take = (n: number) => {
    const at = o;
    o += n;
    return at;
  };
  const serviceFinal = take(m.nServices);
  const servicePeak = take(m.nServices);
  const serviceDowntime = take(m.nServices);
  const sectorFinal = take(m.nSectors);
  const sectorPeak = take(m.nSectors);
  const sectorDowntime = take(m.nSectors);
  const capabilityShortfall = take(m.nCapabilities);
  const capabilityShortfallHours = take(m.nCapabilities);
  const criterionValue = take(m.nCriteria);
  const escalationHour = take(m.escalationService?.length ?? 0);
  const total = take(1);
  const closedOne = counterfactual ? take(m.nCapabilities) : -1;
  const closedAll = counterfactual ? take(1) : -1;
  return {
    serviceFinal,
    servicePeak,
    serviceDowntime,
    sectorFinal,
    sectorPeak,
    sectorDowntime,
    capabilityShortfall,
    capabilityShortfallHours,
    criterionValue,
    escalationHour,
    total,
    closedOne,
    closedAll,
    stride: o,
  };
}
