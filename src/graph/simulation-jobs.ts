// What the API needs of simulation jobs: start, cancel, live state and progress events. Implemented off the request
// path by src/server/jobs.ts (SimulationJobQueue); resolvers see only this interface.
import type { Viewer } from '../domain/viewer.js';
import type { SimulationOptions } from '../simulation/options.js';
import type { RunStatus } from './run-repository.js';

export interface ProgressEvent {
  runId: string;
  status: RunStatus;
  progress: number;
  iterationsDone: number;
  error: string | null;
}

/** A paired Monte Carlo evaluation of measures (simulation/paired.ts) over the given scenarios. */
export interface MeasureEvaluationInput {
  measureIds: string[];
  scenarioIds: string[];
  iterations: number;
  seed: string;
}

export interface SimulationJobs {
  /** Validates the options, records a queued run (with its audit entry) and returns its id at once. */
  start(options: SimulationOptions, viewer: Viewer, requestId?: string | null): Promise<string>;
  /** The same for a measure evaluation; ids must have been checked against what the viewer may see. */
  startMeasureEvaluation(input: MeasureEvaluationInput, viewer: Viewer, requestId?: string | null): Promise<string>;
  /** Cancels a queued or running job; false when it had already finished. Audited when a viewer is given. */
  cancel(id: string, viewer?: Viewer, requestId?: string | null): Promise<boolean>;
  /** The live state of a job this server knows, else undefined (read the stored run instead). */
  live(id: string): ProgressEvent | undefined;
  /** Progress events of one run. */
  subscribe(id: string): AsyncIterable<ProgressEvent>;
}
