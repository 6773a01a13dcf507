// Gives a workspace its own instance of kernel/step.js, whose arrays are compile-time constants to V8 (see step.ts).
import type { CompiledModel } from './compiled.js';
import type { Workspace } from './iterate.js';
import { KERNEL_SLOT, type KernelArrays } from './slot.js';

/**
 * The compiled step module. From dist/ it is the sibling step.js; when this module runs from TypeScript
 * source (vitest), the build output in dist/simulation/kernel/ (as for the worker, `npm test` builds first).
 */
export function stepModuleUrl(): URL {
  const here = import.meta.url;
  return here.endsWith('.ts') ? new URL('../../../dist/simulation/kernel/step.js', here) : new URL('./step.js', here);
}

const slots = globalThis as unknown as Record<symbol, KernelArrays | undefined>;
/** One specialisation at a time: the slot holds one workspace until its module instance has taken it. */
let queue: Promise<unknown> = Promise.resolve();
let instances = 0;

/**
 * Loads a fresh instance of the step module bound to `ws` and installs its `step` in the workspace.
 * Returns false, leaving the generic loops of iterate.ts in place (same results, slower), when the
 * module cannot be loaded or the loader did not give a fresh instance.
 */
export function specialise(m: CompiledModel, ws: Workspace): Promise<boolean> {
  const arrays: KernelArrays = {
    nServices: m.nServices,
    activeStart: ws.activeStart,
    activeOffset: ws.activeOffset,
    activeStrength: ws.activeStrength,
    history: ws.history,
    recovery: m.recovery,
    passThrough: ws.passThrough,
    shock: ws.shock,
    servicePeak: ws.servicePeak,
    serviceDowntime: ws.serviceDowntime,
    sectorSum: ws.sectorSum,
    serviceSector: m.serviceSector,
    disruptedThreshold: m.disruptedThreshold,
    stepHours: m.stepHours,
  };
  const done = queue.then(async () => {
    slots[KERNEL_SLOT] = arrays;
    try {
      const url = `${stepModuleUrl().href}?workspace=${++instances}`;
      const mod = (await import(url)) as { bound: KernelArrays; step: Workspace['step'] };
      if (mod.bound !== arrays) return false;
      ws.step = mod.step;
      return true;
    } catch {
      return false;
    } finally {
      slots[KERNEL_SLOT] = undefined;
    }
  });
  queue = done;
  return done;
}
