// Simulation runs in Neo4j: create, progress, finish, read.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { int, type Graph } from './graph.js';
import { ROOT } from './config.js';
import { NotFoundError } from '../domain/errors.js';

export const RUN_STATUSES = ['queued', 'running', 'done', 'failed', 'cancelled'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

const TERMINAL: ReadonlySet<string> = new Set<RunStatus>(['done', 'failed', 'cancelled']);

/** A run that is done, failed or cancelled changes no more. */
export function isTerminal(status: string): boolean {
  return TERMINAL.has(status);
}

/** What a run computed: a plain simulation of one scenario, or a paired evaluation of measures over several. */
export const RUN_KINDS = ['simulation', 'measure-evaluation'] as const;
export type RunKind = (typeof RUN_KINDS)[number];

export interface RunRecord {
  id: string;
  kind: RunKind;
  /** The first of `scenarios` (by id); the only one of a plain simulation. */
  scenario: string;
  scenarios: string[];
  status: RunStatus;
  progress: number;
  iterationsDone: number;
  parameters: string;
  seed: string;
  codeVersion: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  createdBy: string | null;
  error: string | null;
  result: string | null;
  totalImpactMean: number | null;
}

let version: string | undefined;
/** The package version, stored with every run so a result can be traced to the code that made it. */
export function codeVersion(): string {
  if (!version) {
    try {
      version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    } catch {
      version = 'unknown';
    }
  }
  return version;
}

export async function createRun(
  graph: Graph,
  input: { scenario: string; parameters: object; seed: string; status: RunStatus; createdBy?: string; source?: string },
): Promise<string> {
  const id = `run-${randomUUID()}`;
  const rows = await graph.write('runs', 'createRun', {
    id,
    scenario: input.scenario,
    status: input.status,
    parameters: JSON.stringify(input.parameters),
    seed: input.seed,
    codeVersion: codeVersion(),
    createdBy: input.createdBy ?? null,
    source: input.source ?? 'api',
  });
  if (!rows.length) throw new NotFoundError('scenario', input.scenario);
  return id;
}

export async function updateRunProgress(
  graph: Graph,
  id: string,
  status: RunStatus,
  progress: number,
  iterationsDone: number,
): Promise<void> {
  await graph.write('runs', 'updateRunProgress', { id, status, progress, iterationsDone });
}

export async function finishRun(
  graph: Graph,
  id: string,
  fields: { status: RunStatus; error?: string; result?: object; iterationsDone?: number; totalImpactMean?: number },
): Promise<void> {
  await graph.write('runs', 'finishRun', {
    id,
    status: fields.status,
    progress: fields.status === 'done' ? 1 : null,
    error: fields.error ?? null,
    result: fields.result ? JSON.stringify(fields.result) : null,
    totalImpactMean: fields.totalImpactMean ?? null,
    iterationsDone: fields.iterationsDone ?? null,
  });
}

export async function getRun(graph: Graph, id: string): Promise<RunRecord | null> {
  const rows = await graph.read('runs', 'getRun', { id });
  return (rows[0]?.run as RunRecord) ?? null;
}

export async function listRuns(
  graph: Graph,
  scenario: string | null,
  limit: number,
  viewer: { admin: boolean; party: string | null } = { admin: true, party: null },
): Promise<RunRecord[]> {
  const rows = await graph.read('runs', 'listRuns', { scenario, limit: int(limit), viewer });
  return rows.map((r) => r.run as RunRecord);
}

/** Stores a finished CLI run in one go. */
export async function saveFinishedRun(
  graph: Graph,
  record: {
    scenario: string;
    parameters: object;
    result: { meta: { iterations: number; seed?: unknown }; totalImpact: { mean: number } };
  },
): Promise<string> {
  const params = record.parameters as { seed?: unknown };
  const id = await createRun(graph, {
    scenario: record.scenario,
    parameters: record.parameters,
    seed: String(params.seed ?? record.result.meta.seed ?? ''),
    status: 'running',
    source: 'cli',
  });
  await finishRun(graph, id, {
    status: 'done',
    result: record.result,
    iterationsDone: record.result.meta.iterations,
    totalImpactMean: record.result.totalImpact.mean,
  });
  return id;
}

/**
 * The runs a report shows (docs/reports.md): the runs frozen with a closed cycle (`runIds`), else the newest finished
 * plain simulation of each of `scenarios`. A frozen id whose run is gone is left out (the report names the scenarios
 * without a run).
 */
export async function reportRuns(
  graph: Graph,
  runIds: readonly string[] | null,
  scenarios: readonly string[],
): Promise<{ id: string; scenario: string; result: string | null }[]> {
  if (runIds) {
    const runs = await Promise.all(runIds.map((id) => getRun(graph, id)));
    return runs.flatMap((r) =>
      r && r.status === 'done' ? [{ id: r.id, scenario: r.scenario, result: r.result }] : [],
    );
  }
  const rows = await graph.read('runs', 'latestDoneRunPerScenario', { scenarios: [...scenarios] });
  return rows.flatMap((r) =>
    r.id ? [{ id: r.id as string, scenario: r.scenario as string, result: (r.result as string | null) ?? null }] : [],
  );
}
