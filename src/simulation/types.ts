// The public shapes of a simulation: its result JSON (pinned; extra fields are additions) and its options.

// The options are declared once, as a zod schema, in options.ts; the variants of a replay are here, where the
// explorer can read them without Node's modules.
/** Replays of the same iterations: none, or with every capability topped up to its demand. */
export const COUNTERFACTUALS = ['none', 'close-gaps'] as const;
export type Counterfactual = (typeof COUNTERFACTUALS)[number];

export interface Summary {
  mean: number;
  p50: number;
  p90: number;
  p99: number;
}
export interface MeanP90 {
  mean: number;
  p90: number;
}

export interface InoperabilityStats {
  id: string;
  finalInoperability: Summary;
  peakInoperability: Summary;
  /** P(peak inoperability ≥ disruptedThreshold). */
  probabilityDisrupted: number;
  /** Hours within the horizon with inoperability ≥ disruptedThreshold. */
  downtimeHours: MeanP90;
}

export interface CapabilityStats {
  id: string;
  /** P(shortfall > 0 at some step). */
  probabilityShortfall: number;
  /** Largest shortfall (demand − available, in the capability's unit) over the horizon. */
  shortfall: MeanP90;
  /** Shortfall integrated over the horizon, in unit-hours. */
  shortfallUnitHours: MeanP90;
  /** Drop in mean total impact when this capability alone is topped up to its demand; null without the counterfactual.
   * */
  avoidedImpact: number | null;
}

/** When the government lead takes over from the operator of a service (its escalationThreshold). */
export interface EscalationStats {
  /** The service. */
  id: string;
  threshold: number;
  /** P(q ≥ threshold at some time within the horizon). */
  probabilityCrossed: number;
  /** Summary of the first hour with q ≥ threshold, over the iterations where it is reached; null when it never is. */
  firstHour: Summary | null;
  /** P(the first crossing is at `hour`), per hour at which it happens, ascending; sums to probabilityCrossed. */
  distribution: { hour: number; probability: number }[];
}

export interface CriterionStats {
  id: string;
  /** Criterion value in its own unit. */
  mean: number;
  p90: number;
  /** P(class) for A–E; the rest of the mass is below class A. */
  classProbabilities: Record<'A' | 'B' | 'C' | 'D' | 'E', number>;
  /** Mean score on the 0–5 class scale (impactScore). */
  meanScore: number;
}

export interface SimulationResult {
  meta: {
    iterations: number;
    seed: string;
    workers: number;
    horizonHours: number;
    stepHours: number;
    steps: number;
    elapsedMs: number;
    scenario: string;
    disruptedThreshold: number;
    targetRelativeError: number | null;
    /** With a target: whether it was reached before the iteration cap. */
    converged: boolean | null;
    counterfactual: Counterfactual;
    rng: string;
    quantiles: string;
    model: { name: string | null; version: string | null; services: number; dependencies: number };
  };
  services: InoperabilityStats[];
  sectors: InoperabilityStats[];
  capabilities: CapabilityStats[];
  criteria: CriterionStats[];
  /** Per service with an escalationThreshold, in model order. */
  escalations: EscalationStats[];
  /** Weighted impact (weightedImpact of the criteria's impactScore) per iteration. */
  totalImpact: { mean: number; halfWidth95: number | null; p90: number };
  /** With close-gaps: every capability topped up at once. */
  allGapsClosed: { totalImpactMean: number; avoidedImpact: number } | null;
  /** Mean inoperability through time (the explorer's heat map); null with `timeline: false`. */
  timeline: Timeline | null;
}

export interface TimelineSeries {
  id: string;
  /** Mean over the iterations of q at each of `hours` (for a sector: of the mean q of its services). */
  meanInoperability: number[];
}

/**
 * q at recorded times: every step when there are at most 199 steps, otherwise every s-th step with
 * s = ⌈steps / 199⌉, always with t = 0 and the final state q(N) (at most 200 points). `hours[p]` = t·stepHours.
 */
export interface Timeline {
  hours: number[];
  services: TimelineSeries[];
  sectors: TimelineSeries[];
}
