// In-process signal of model writes: every write path of this process (loadModel, clearModel, the mutations) calls
// noteModelWrite() once its transaction has ended, so the analysis cache re-reads the stored model revision on the
// next request instead of trusting its last check (src/graph/analysis-repository.ts, AnalysisCache).

let writes = 0;

/** Records that this process has (possibly) changed the model; call after the write's transaction has ended. */
export function noteModelWrite(): void {
  writes++;
}

/** How many model writes this process has noted; a change means any cached revision must be read again. */
export function modelWritesNoted(): number {
  return writes;
}
