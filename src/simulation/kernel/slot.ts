// Hand-over of a workspace's arrays to a fresh instance of kernel/step.js (see step.ts for why).

/** Global, so that the source (vitest) and built (dist) copies of these modules share it. */
export const KERNEL_SLOT = Symbol.for('weerbaar.simulation.kernel-slot');

/** What the specialised step reads; the arrays are the workspace's and the model's own (not copies). */
export interface KernelArrays {
  nServices: number;
  activeStart: Int32Array;
  activeOffset: Int32Array;
  activeStrength: Float64Array;
  history: Float64Array;
  recovery: Float64Array;
  passThrough: Float64Array;
  shock: Float64Array;
  servicePeak: Float64Array;
  serviceDowntime: Float64Array;
  sectorSum: Float64Array;
  serviceSector: Int32Array;
  disruptedThreshold: number;
  stepHours: number;
}
