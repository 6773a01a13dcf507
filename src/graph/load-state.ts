// The incomplete-model marker (cypher/load-state.cypher): a load marks the graph before its first write and clears
// the mark with its last, so a load that is interrupted (Ctrl+C, kill -9, Neo4j gone) leaves a graph that says so.
import { UserError } from '../domain/errors.js';
import type { Graph, Row } from './graph.js';

export interface LoadState {
  incomplete: boolean;
  startedAt: string | null;
  source: string | null;
  reset: boolean;
  command: string | null;
}

/** How to get back to a whole model, for every message about an incomplete one. */
export const RECOVERY_HINT =
  'recover with `weerbaar restore` (the model as it was before the last destructive load, ' +
  'from the automatic backup) or load a model again with `weerbaar load --model <file> --reset`';

/** Thrown by analyses, simulations and exports while a load is unfinished. */
export class ModelIncompleteError extends UserError {
  constructor(state: Pick<LoadState, 'startedAt' | 'source'>) {
    super(
      `the model in the graph is incomplete: ${describeLoad(state)} did not finish (or is still running); ` +
        RECOVERY_HINT,
      'MODEL_INCOMPLETE',
    );
  }
}

/**
 * A load that failed after it had marked the graph (Neo4j went away, a transaction timed out): the cause, what the
 * failure leaves behind, and the way back. It keeps the cause's code (GRAPH_UNAVAILABLE, TIMEOUT, …).
 */
export class LoadUnfinishedError extends UserError {
  constructor(source: string, cause: UserError) {
    const when = cause.code === 'GRAPH_UNAVAILABLE' ? 'once Neo4j answers again, ' : '';
    super(
      `the load of ${source} did not finish: ${cause.message}. The graph stays marked incomplete (readiness, ` +
        `analyses, simulations and exports refuse until a load finishes); ${when}${RECOVERY_HINT}`,
      cause.code,
    );
    this.cause = cause;
  }
}

export function describeLoad(state: Pick<LoadState, 'startedAt' | 'source'>): string {
  return `a load of ${state.source ?? 'a model'}${state.startedAt ? ` started at ${state.startedAt}` : ''}`;
}

export function loadStateOf(row: Row | undefined): LoadState {
  return {
    incomplete: row?.incomplete === true,
    startedAt: (row?.startedAt as string | null) ?? null,
    source: (row?.source as string | null) ?? null,
    reset: row?.reset === true,
    command: (row?.command as string | null) ?? null,
  };
}

export async function readLoadState(graph: Graph): Promise<LoadState> {
  const [row] = await graph.read('load-state', 'getLoadState');
  return loadStateOf(row);
}

/** Throws ModelIncompleteError while the marker is there. */
export async function assertModelComplete(graph: Graph): Promise<void> {
  const state = await readLoadState(graph);
  if (state.incomplete) throw new ModelIncompleteError(state);
}

export async function beginLoad(
  graph: Graph,
  info: { source: string; reset: boolean; command: string },
): Promise<void> {
  await graph.write('load-state', 'beginLoad', info);
}

export async function endLoad(graph: Graph): Promise<void> {
  await graph.write('load-state', 'endLoad');
}

/** For `start` and `serve`: says so when the graph holds an unfinished load, and how to recover. True when it does. */
export async function reportIncompleteModel(graph: Graph, log: (s: string) => void): Promise<boolean> {
  const state = await readLoadState(graph);
  if (!state.incomplete) return false;
  log('');
  const reset = state.reset ? ' (with --reset)' : '';
  log(`  The model in the graph is INCOMPLETE: ${describeLoad(state)}${reset} did not finish.`);
  log('  Serving anyway: /ready answers 503, analyses, simulations and exports refuse with MODEL_INCOMPLETE.');
  log(`  To recover, stop the server and ${RECOVERY_HINT}.`);
  log('');
  return true;
}
