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
