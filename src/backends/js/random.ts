/**
 * Per-step random draws for the `js` backend: fills a kernel's `_rand_<id>` array with the
 * counter-based draws of `random/draws.ts`, so that every backend draws the same numbers.
 */
import { fillUniform, fillNormal, drawAt } from '../../random/draws.js';
import type { RandomDistName } from '../../equations/ast.js';

export function fillDistribution(
  out: Float64Array, dist: RandomDistName, args: number[], seed: number, stream: number, step: number, drawId: number,
): void {
  switch (dist) {
    case 'Uniform': {
      fillUniform(out, seed, stream, step, drawId);
      const a = args[0], w = args[1] - args[0];
      for (let i = 0; i < out.length; i++) out[i] = a + w * out[i];
      return;
    }
    case 'Normal': {
      fillNormal(out, seed, stream, step, drawId);
      const m = args[0], s = args[1];
      for (let i = 0; i < out.length; i++) out[i] = m + s * out[i];
      return;
    }
    default:
      for (let i = 0; i < out.length; i++) out[i] = drawAt(dist, args, seed, stream, i, step, drawId);
  }
}
