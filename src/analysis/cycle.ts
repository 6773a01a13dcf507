// Planning cycles (pure): what a closed cycle freezes, and what moved between two cycles (docs/reports.md).
import { MEASURE_STATUSES, type Model } from '../model/schema.js';
import {
  assessRisks,
  rankSensitivity,
  resolveWeights,
  RISK_METHODS,
  type RankSensitivity,
  type ScenarioRisk,
} from './risk.js';
import { WEIGHT_PROFILES } from './profiles.js';
import { riskInput } from './inputs.js';
import { gapReport, type GapReport, type PlanningInput } from './balance.js';

export const DECISION_KINDS = ['priority', 'measure', 'status'] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];
/** The life of a measure, from proposal to done (or dropped): the model format's list, in that order. */
export { MEASURE_STATUSES };

export interface Decision {
  kind: DecisionKind;
  /** A scenario (priority) or a measure (measure, status). */
  target: string;
  /** The new status of a measure (kind status; `decided` for kind measure). */
  status: string | null;
  owner: string | null;
  /** The day the decision was taken (ISO date). */
  date: string;
  note: string | null;
}

export interface CycleAssessment {
  /** The ranking under every method and weight profile. */
  rankings: { method: string; profile: string; scenarios: ScenarioRisk[] }[];
  sensitivity: RankSensitivity[];
  gaps: GapReport;
}

/** A measure as the cycle needs it; measures are optional in a model. */
interface MeasureLike {
  id: string;
  status?: string;
  leadTimeMonths?: number;
}
const measuresOf = (m: Model): MeasureLike[] => (m as unknown as { measures?: MeasureLike[] }).measures ?? [];

export function freezeAssessment(model: Model, planning: PlanningInput): CycleAssessment {
  const input = riskInput(model);
  const rankings = RISK_METHODS.flatMap((method) =>
    WEIGHT_PROFILES.map((p) => ({
      method,
      profile: p.id,
      scenarios: assessRisks(input, method, resolveWeights(model.impactCriteria, p)),
    })),
  );
  return { rankings, sensitivity: rankSensitivity(input, 'WEIGHTED_SUM', WEIGHT_PROFILES), gaps: gapReport(planning) };
}

export interface CycleState {
  id: string;
  model: Model;
  assessment: CycleAssessment;
  decisions: readonly Decision[];
  date: string;
}

export interface CycleComparison {
  from: string;
  to: string;
  /** Scenarios whose rank (weighted sum, model weights) or likelihood/impact class changed. */
  moved: {
    scenario: string;
    rankBefore: number | null;
    rankAfter: number | null;
    classBefore: string | null;
    classAfter: string | null;
  }[];
  gapsClosed: string[];
  gapsOpened: string[];
  /** Measures whose status moved forward between the cycles. */
  progressed: { measure: string; before: string | null; after: string }[];
  /** Decided measures whose lead time has passed on the later cycle's date without being done. */
  overdue: { measure: string; decidedOn: string; dueOn: string; status: string }[];
}

const base = (a: CycleAssessment) =>
  a.rankings.find((r) => r.method === 'WEIGHTED_SUM' && r.profile === 'model')!.scenarios;
const cls = (r: ScenarioRisk | undefined) => (r ? `${r.likelihoodClass ?? '–'}/${r.impactClass ?? '–'}` : null);

/** The status of each measure after the cycle: the model's, overridden by the cycle's status decisions in order. */
export function measureStatuses(
  state: Pick<CycleState, 'model' | 'decisions'>,
): Map<string, { status: string; decidedOn: string | null }> {
  const out = new Map<string, { status: string; decidedOn: string | null }>();
  for (const m of measuresOf(state.model)) out.set(m.id, { status: m.status ?? 'proposed', decidedOn: null });
  for (const d of state.decisions) {
    if (d.kind === 'priority') continue;
    const prev = out.get(d.target);
    const status = d.kind === 'measure' ? 'decided' : (d.status ?? prev?.status ?? 'proposed');
    out.set(d.target, { status, decidedOn: d.kind === 'measure' ? d.date : (prev?.decidedOn ?? null) });
  }
  return out;
}

/** Adds whole months to an ISO date (the day clamped to the month's length). */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + Math.round(months);
  const year = Math.floor(total / 12);
  const month = total % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(d, last))).toISOString().slice(0, 10);
}

export function compareCycles(a: CycleState, b: CycleState): CycleComparison {
  const before = new Map(base(a.assessment).map((r) => [r.scenario, r]));
  const after = new Map(base(b.assessment).map((r) => [r.scenario, r]));
  const moved: CycleComparison['moved'] = [];
  for (const id of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const x = before.get(id);
    const y = after.get(id);
    if (x?.rank !== y?.rank || cls(x) !== cls(y)) {
      moved.push({
        scenario: id,
        rankBefore: x?.rank ?? null,
        rankAfter: y?.rank ?? null,
        classBefore: cls(x),
        classAfter: cls(y),
      });
    }
  }
  const gapsA = new Set(a.assessment.gaps.gaps.map((g) => g.capability));
  const gapsB = new Set(b.assessment.gaps.gaps.map((g) => g.capability));
  const order = MEASURE_STATUSES as readonly string[];
  const sa = measureStatuses(a);
  const sb = measureStatuses(b);
  const progressed: CycleComparison['progressed'] = [];
  const overdue: CycleComparison['overdue'] = [];
  const leadTime = new Map(measuresOf(b.model).map((m) => [m.id, m.leadTimeMonths ?? null]));
  for (const [id, s] of [...sb.entries()].sort(([x], [y]) => (x < y ? -1 : 1))) {
    const prev = sa.get(id)?.status ?? null;
    if (s.status !== prev && order.indexOf(s.status) > order.indexOf(prev ?? 'proposed'))
      progressed.push({ measure: id, before: prev, after: s.status });
    const months = leadTime.get(id);
    const decidedOn = s.decidedOn ?? sa.get(id)?.decidedOn ?? null;
    if (decidedOn && months != null && s.status !== 'done' && s.status !== 'dropped') {
      const due = addMonths(decidedOn, months);
      if (due < b.date.slice(0, 10)) overdue.push({ measure: id, decidedOn, dueOn: due, status: s.status });
    }
  }
  return {
    from: a.id,
    to: b.id,
    moved,
    gapsClosed: [...gapsA].filter((c) => !gapsB.has(c)).sort(),
    gapsOpened: [...gapsB].filter((c) => !gapsA.has(c)).sort(),
    progressed,
    overdue,
  };
}
