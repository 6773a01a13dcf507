// Random streams: one per iteration index, derived from the run's seed, so any split over workers draws the same
// numbers.
import seedrandom from 'seedrandom';

/** A generator of uniform numbers in [0, 1). */
export type Uniform = () => number;

/** The key an iteration's stream is seeded with: the same for the TypeScript and the WebAssembly draws. */
const streamKey = (seed: string, index: number) => `${seed}#${index}`;

/**
 * The stream of iteration `index` of a run seeded with `seed`.
 *
 * Why Alea (seedrandom.alea): it is the fastest generator in seedrandom (see bench/simulate.bench.js,
 * "rng" line: a few ns per number, versus ~3× that for xor4096 and far more for the ARC4 default),
 * its author reports it passes BigCrush, and its period (~2^116) makes overlap between the streams of
 * different iteration indices negligible. Its 32-bit resolution is ample for Bernoulli draws.
 * The stream key is the string `${seed}#${index}`, hashed by Alea's Mash: it depends only on the
 * seed and the iteration index, never on which worker runs the iteration.
 */
export function iterationStream(seed: string, index: number): Uniform {
  return seedrandom.alea(streamKey(seed, index));
}

/** The Alea state an iteration's stream starts from (the WebAssembly draws continue it: kernel/assembly/kernel.ts). */
export interface AleaState {
  s0: number;
  s1: number;
  s2: number;
  c: number;
}

export function iterationState(seed: string, index: number): AleaState {
  return (seedrandom.alea(streamKey(seed, index), { state: true }) as unknown as { state(): AleaState }).state();
}
