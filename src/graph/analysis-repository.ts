// Graph reads for the risk assessment, gap analysis and party role: one round trip each, filtered for the viewer.
import type { Graph } from './graph.js';
import { viewerParam, type Viewer } from '../domain/viewer.js';
import type { NodeRecord } from './api-repository.js';
import type { RiskCriterion, ScoreInput, SimulatedCriterion } from '../analysis/risk.js';
import type { PlanningInput } from '../analysis/balance.js';

/** The parts of a stored SimulationResult the analyses use. */
export interface StoredRun {
  scenario: string;
  id: string;
  capabilities: {
    id: string;
    probabilityShortfall: number;
    shortfall: { mean: number; p90: number };
    avoidedImpact: number | null;
  }[];
  criteria: SimulatedCriterion[];
  totalImpact: { mean: number; p90: number } | null;
}

export interface RiskData {
  criteria: (RiskCriterion & NodeRecord)[];
  scenarios: NodeRecord[];
  scores: ScoreInput[];
  runs: Map<string, StoredRun>;
}

export type PlanningData = PlanningInput & {
  scenarios: NodeRecord[];
  tasks: NodeRecord[];
  capabilities: NodeRecord[];
  parties: NodeRecord[];
  targets: NodeRecord[];
  operations: { party: string; service: string }[];
  /** Every node read, by id. */
  nodes: Map<string, NodeRecord>;
  runs: Map<string, StoredRun>;
};

function parseRuns(rows: unknown): Map<string, StoredRun> {
  const out = new Map<string, StoredRun>();
  for (const r of (rows as { scenario: string; id: string; result: string | null }[]) ?? []) {
    if (!r.result) continue;
    try {
      const res = JSON.parse(r.result) as Partial<StoredRun>;
      out.set(r.scenario, {
        scenario: r.scenario,
        id: r.id,
        capabilities: res.capabilities ?? [],
        criteria: res.criteria ?? [],
        totalImpact: res.totalImpact ?? null,
      });
    } catch {
      // A run whose result does not parse is left out rather than failing the whole analysis.
    }
  }
  return out;
}

export class AnalysisRepository {
  constructor(
    private readonly graph: Graph,
    private readonly viewer: Viewer,
  ) {}

  async riskData(withRuns = true): Promise<RiskData> {
    const [row] = await this.graph.read('analysis', 'riskInputs', { viewer: viewerParam(this.viewer), withRuns });
    return {
      criteria: (row?.criteria ?? []) as RiskData['criteria'],
      scenarios: (row?.scenarios ?? []) as NodeRecord[],
      scores: (row?.scores ?? []) as ScoreInput[],
      runs: parseRuns(row?.runs),
    };
  }

  async planningData(withRuns = true): Promise<PlanningData> {
    const [row] = await this.graph.read('analysis', 'planningInputs', { viewer: viewerParam(this.viewer), withRuns });
    const r = row ?? {};
    const data: PlanningData = {
      scenarios: (r.scenarios ?? []) as NodeRecord[],
      tasks: (r.tasks ?? []) as NodeRecord[],
      capabilities: (r.capabilities ?? []) as NodeRecord[],
      parties: (r.parties ?? []) as NodeRecord[],
      requirements: (r.requirements ?? []) as PlanningInput['requirements'],
      needs: (r.needs ?? []) as PlanningInput['needs'],
      holdings: (r.holdings ?? []) as PlanningInput['holdings'],
      responsibilities: (r.responsibilities ?? []) as PlanningInput['responsibilities'],
      targets: [],
      operations: (r.operations ?? []) as PlanningData['operations'],
      regions: (r.regions ?? []) as NonNullable<PlanningInput['regions']>,
      travelTimes: (r.travelTimes ?? []) as NonNullable<PlanningInput['travelTimes']>,
      nodes: new Map(),
      runs: parseRuns(r.runs),
    };
    for (const list of [r.targets, r.scenarios, r.tasks, r.capabilities, r.parties] as NodeRecord[][])
      for (const n of list ?? []) data.nodes.set(n.id, n);
    data.targets = [...data.nodes.values()];
    return data;
  }
}
