/**
 * A projection's switches as compiled kernels read them (`runtime/engine.ts` `ProjectionSwitches`):
 * one block of int32 flags per projection, in projection order, which the engines that keep them in
 * memory (cpp, webgpu) fill from the runtime's switches before every run. The js backend reads the
 * switches themselves.
 */
import type { ProjectionSwitches } from '../../runtime/engine.js';

/** The index of each flag in a projection's block. */
export const FLAGS = { transmission: 0, update: 1, plasticity: 2, learningPeriod: 3, learningOffset: 4, axonTransmission: 5 } as const;
/** The number of flags per projection. */
export const FLAGS_PER_PROJECTION = 6;

/** Writes the flags of every projection's switches into `into` (projection `j`'s block at `FLAGS_PER_PROJECTION · j`). */
export function writeProjectionFlags(switches: readonly ProjectionSwitches[], into: Int32Array): void {
  switches.forEach((p, j) => {
    const b = FLAGS_PER_PROJECTION * j;
    into[b + FLAGS.transmission] = p.transmission ? 1 : 0;
    into[b + FLAGS.update] = p.update ? 1 : 0;
    into[b + FLAGS.plasticity] = p.plasticity ? 1 : 0;
    into[b + FLAGS.learningPeriod] = p.learningPeriod;
    into[b + FLAGS.learningOffset] = p.learningOffset;
    into[b + FLAGS.axonTransmission] = p.axonTransmission === false ? 0 : 1;
  });
}
