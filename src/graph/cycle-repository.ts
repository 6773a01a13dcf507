// Planning cycles in Neo4j: open, record decisions, close (freeze), read, compare. Every write is audited in its own
// transaction. Semantics: docs/reports.md.
import { createHash } from 'node:crypto';
import type { Graph } from './graph.js';
import { exportModel } from './model-repository.js';
import type { Model } from '../model/schema.js';
import type { Viewer } from '../domain/viewer.js';
import { NotFoundError, UserError, ValidationError } from '../domain/errors.js';
import { planningInput } from '../analysis/inputs.js';
import {
  compareCycles,
  DECISION_KINDS,
  freezeAssessment,
  MEASURE_STATUSES,
  type CycleAssessment,
  type CycleComparison,
  type Decision,
} from '../analysis/cycle.js';

/** A cycle is open while decisions are recorded and closed (frozen) after. */
export const CYCLE_STATUSES = ['open', 'closed'] as const;
export type CycleStatus = (typeof CYCLE_STATUSES)[number];

export interface CycleInfo {
  id: string;
  status: CycleStatus;
  note: string | null;
  openedAt: string;
  closedAt: string | null;
  openedBy: string | null;
  closedBy: string | null;
  checksum: string | null;
  /** Ids of the finished simulation runs the frozen assessment used, one per scenario at most. */
  runs: string[];
  decisions: (Decision & { id: string; seq: number; recordedBy: string; recordedAt: string })[];
  /** Scenarios the cabinet gave priority in this cycle. */
  priorities: string[];
}

export interface CycleSnapshot {
  cycle: CycleInfo;
  model: Model;
  assessment: CycleAssessment;
}

const CYCLE_ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

function audit(viewer: Viewer, action: string, target: string, details: unknown, requestId: string | null) {
  return {
    subject: viewer.subject,
    role: viewer.role,
    party: viewer.party,
    action,
    target,
    details: JSON.stringify(details),
    requestId,
  };
}

function toInfo(row: { cycle: Record<string, unknown>; decisions: Record<string, unknown>[] }): CycleInfo {
  const c = row.cycle;
  const decisions = row.decisions.map((d) => ({
    id: d.id as string,
    seq: Number(d.seq),
    kind: d.kind as Decision['kind'],
    target: d.target as string,
    status: (d.status as string | null) ?? null,
    owner: (d.owner as string | null) ?? null,
    date: d.date as string,
    note: (d.note as string | null) ?? null,
    recordedBy: d.recordedBy as string,
    recordedAt: d.recordedAt as string,
  }));
  return {
    id: c.id as string,
    status: c.status as CycleInfo['status'],
    note: (c.note as string | null) ?? null,
    openedAt: c.openedAt as string,
    closedAt: (c.closedAt as string | null) ?? null,
    openedBy: (c.openedBy as string | null) ?? null,
    closedBy: (c.closedBy as string | null) ?? null,
    checksum: (c.checksum as string | null) ?? null,
    runs: (c.runs as string[] | null) ?? [],
    decisions,
    priorities: [...new Set(decisions.filter((d) => d.kind === 'priority').map((d) => d.target))],
  };
}

export async function getCycle(graph: Graph, id: string): Promise<CycleInfo> {
  const row = (await graph.read('cycles', 'getCycle', { id }))[0];
  if (!row) throw new NotFoundError('cycle', id);
  return toInfo(row as never);
}

export async function listCycles(
  graph: Graph,
): Promise<Omit<CycleInfo, 'decisions' | 'priorities' | 'runs' | 'checksum' | 'openedBy' | 'closedBy'>[]> {
  return (await graph.read('cycles', 'listCycles')).map((r) => r.cycle as never);
}

export async function openCycle(
  graph: Graph,
  viewer: Viewer,
  id: string,
  note: string | null = null,
  requestId: string | null = null,
): Promise<CycleInfo> {
  if (!CYCLE_ID.test(id)) {
    throw new ValidationError([
      {
        item: `cycle "${id}"`,
        field: 'id',
        message:
          'must start with a letter or digit and contain only letters, digits, "_", ".", ":" and "-" (at most 100)',
      },
    ]);
  }
  const created = await graph.writeTransaction(async (tx) => {
    const rows = await tx.run('cycles', 'openCycle', { id, note, subject: viewer.subject });
    if (rows.length) await tx.run('audit', 'recordAudit', audit(viewer, 'open:cycles', id, { note }, requestId));
    return rows.length > 0;
  });
  if (!created)
    throw new ValidationError([{ item: `cycle "${id}"`, field: 'id', message: 'a cycle with this id already exists' }]);
  return getCycle(graph, id);
}

/** Freezes the model as it is now, its assessment and the newest finished run per scenario; the cycle is then closed.
 * */
export async function closeCycle(
  graph: Graph,
  viewer: Viewer,
  id: string,
  requestId: string | null = null,
): Promise<CycleInfo> {
  const cycle = await getCycle(graph, id);
  if (cycle.status !== 'open')
    throw new UserError(
      `cycle "${id}": already closed on ${cycle.closedAt}; a closed cycle does not change`,
      'BAD_USER_INPUT',
    );
  const model = await exportModel(graph);
  const snapshot = JSON.stringify(model);
  const assessment = freezeAssessment(model, planningInput(model));
  const runs = (await graph.read('runs', 'latestDoneRunPerScenario', { scenarios: model.scenarios.map((s) => s.id) }))
    .map((r) => r.id as string | null)
    .filter((r): r is string => !!r)
    .sort();
  const checksum = createHash('sha256').update(snapshot).digest('hex');
  const closed = await graph.writeTransaction(async (tx) => {
    const rows = await tx.run('cycles', 'closeCycle', {
      id,
      subject: viewer.subject,
      snapshot,
      checksum,
      assessment: JSON.stringify(assessment),
      runs,
    });
    if (rows.length)
      await tx.run('audit', 'recordAudit', audit(viewer, 'close:cycles', id, { checksum, runs }, requestId));
    return rows.length > 0;
  });
  if (!closed) throw new UserError(`cycle "${id}": closed by someone else meanwhile`, 'CONFLICT');
  return getCycle(graph, id);
}

export interface DecisionInput {
  cycle: string;
  kind: string;
  target: string;
  status?: string | null;
  owner?: string | null;
  date?: string | null;
  note?: string | null;
}

/** Records a decision of the cabinet in an open cycle; the target must exist in the current model. */
export async function recordDecision(
  graph: Graph,
  viewer: Viewer,
  input: DecisionInput,
  requestId: string | null = null,
): Promise<CycleInfo> {
  const item = `decision in cycle "${input.cycle}"`;
  const problems: { item: string; field: string; message: string }[] = [];
  const cycle = await getCycle(graph, input.cycle);
  if (cycle.status !== 'open')
    throw new UserError(
      `cycle "${input.cycle}": closed on ${cycle.closedAt}; decisions go into an open cycle`,
      'BAD_USER_INPUT',
    );
  if (!(DECISION_KINDS as readonly string[]).includes(input.kind)) {
    problems.push({
      item,
      field: 'kind',
      message: `unknown kind "${input.kind}"; expected one of ${DECISION_KINDS.join(', ')}`,
    });
  }
  const model = await exportModel(graph);
  if (input.kind === 'priority' && !model.scenarios.some((s) => s.id === input.target)) {
    problems.push({ item, field: 'target', message: `unknown scenario "${input.target}"` });
  }
  const measures = (model as unknown as { measures?: { id: string }[] }).measures ?? [];
  if ((input.kind === 'measure' || input.kind === 'status') && !measures.some((m) => m.id === input.target)) {
    problems.push({ item, field: 'target', message: `unknown measure "${input.target}"` });
  }
  let status = input.status ?? null;
  if (input.kind === 'measure') status = 'decided';
  if (input.kind === 'status' && !(MEASURE_STATUSES as readonly string[]).includes(status ?? '')) {
    problems.push({
      item,
      field: 'status',
      message: `must be one of ${MEASURE_STATUSES.join(', ')}, got ${JSON.stringify(status)}`,
    });
  }
  if (input.owner && !model.parties.some((p) => p.id === input.owner))
    problems.push({ item, field: 'owner', message: `unknown party "${input.owner}"` });
  const date = input.date ?? new Date().toISOString().slice(0, 10);
  if (!ISO_DAY.test(date) || Number.isNaN(Date.parse(date)) || new Date(date).toISOString().slice(0, 10) !== date) {
    problems.push({ item, field: 'date', message: `must be a date YYYY-MM-DD, got "${date}"` });
  }
  if (problems.length) throw new ValidationError(problems);
  const params = {
    cycle: input.cycle,
    kind: input.kind,
    target: input.target,
    status,
    owner: input.owner ?? null,
    date,
    note: input.note ?? null,
  };
  const ok = await graph.writeTransaction(async (tx) => {
    const rows = await tx.run('cycles', 'recordDecision', { ...params, subject: viewer.subject });
    if (rows.length)
      await tx.run('audit', 'recordAudit', audit(viewer, 'decide:cycles', input.cycle, params, requestId));
    return rows.length > 0;
  });
  if (!ok) throw new UserError(`cycle "${input.cycle}": closed meanwhile; the decision was not recorded`, 'CONFLICT');
  return getCycle(graph, input.cycle);
}

/** The model and assessment of a cycle: frozen when closed, the current model when still open. */
export async function getCycleSnapshot(graph: Graph, id: string): Promise<CycleSnapshot> {
  const cycle = await getCycle(graph, id);
  if (cycle.status === 'closed') {
    const row = (await graph.read('cycles', 'getCycleFrozen', { id }))[0]!;
    const snapshot = row.snapshot as string;
    if (createHash('sha256').update(snapshot).digest('hex') !== row.checksum) {
      throw new UserError(
        `cycle "${id}": the frozen model does not match its checksum; the cycle's record is damaged`,
        'INTEGRITY',
      );
    }
    return {
      cycle,
      model: JSON.parse(snapshot) as Model,
      assessment: JSON.parse(row.assessment as string) as CycleAssessment,
    };
  }
  const model = await exportModel(graph);
  return { cycle, model, assessment: freezeAssessment(model, planningInput(model)) };
}

/** The cycle opened last before `id`, if any. */
export async function previousCycleSnapshot(graph: Graph, id: string): Promise<CycleSnapshot | null> {
  const all = await listCycles(graph);
  const i = all.findIndex((c) => c.id === id);
  if (i < 0) throw new NotFoundError('cycle', id);
  return i > 0 ? getCycleSnapshot(graph, all[i - 1]!.id) : null;
}

/** What moved between two cycles, as `transform` (e.g. the reader's view) lets each see its model. */
export async function compareCycleIds(
  graph: Graph,
  from: string,
  to: string,
  transform: (m: Model) => Model = (m) => m,
): Promise<CycleComparison> {
  const [a, b] = await Promise.all([getCycleSnapshot(graph, from), getCycleSnapshot(graph, to)]);
  const state = (s: CycleSnapshot) => {
    const model = transform(s.model);
    const visible = new Set([
      ...model.scenarios.map((x) => x.id),
      ...((model as unknown as { measures?: { id: string }[] }).measures ?? []).map((x) => x.id),
    ]);
    return {
      id: s.cycle.id,
      model,
      assessment: freezeAssessment(model, planningInput(model)),
      decisions: s.cycle.decisions.filter((d) => visible.has(d.target)),
      date: s.cycle.closedAt ?? new Date().toISOString(),
    };
  };
  return compareCycles(state(a), state(b));
}
