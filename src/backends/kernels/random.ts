/**
 * The per-step random draws of a population or projection, written once: which arrays are filled
 * (`_rand_<id>`, one per random use of the equations), with which arguments (Gamma's scale defaults
 * to 1 everywhere), and the counter-based key of every draw — element i of step s of use u of owner
 * o is Philox(seed, stream(o); i, s, u) — so that every backend computes the same numbers whatever
 * its threads. The Uniform, Normal and LogNormal families are built here from the standard draws;
 * the other distributions are each backend's library functions (`src/random/`). How a backend lays
 * the draws out is its own: one library call per array (js), batched vectorisable blocks (cpp, see
 * `../cpp/random-batch.ts`), one invocation per element (webgpu).
 */
import type { PopulationPlan, ProjectionPlan } from '../../ir/plan.js';
import type { RandomUse } from '../../equations/description.js';
import type { RandomDistName } from '../../equations/ast.js';
import { renderArith, renderExpr, type Spelling, type SymbolResolver } from '../render.js';
import { randomStream } from '../../random/streams.js';

/** The population or projection whose random uses are drawn. */
export type RandomOwner = { kind: 'pop'; plan: PopulationPlan } | { kind: 'proj'; plan: ProjectionPlan };

/** One random use of an owner, as every backend draws it. */
export interface RandomDraw {
  readonly use: RandomUse;
  readonly dist: RandomDistName;
  /** The array the draws fill each step (one element per element of the use's locality, or one). */
  readonly array: string;
  /** The arguments in the backend's language, complete (Gamma's θ is 1 when left out, as `drawAt`). */
  readonly args: string[];
  /** The key of the counter: the owner's stream (`random/streams.ts`), so adding an owner changes no other's numbers. */
  readonly stream: number;
  /** The key's draw id: the use's id, so two uses of one owner draw independent numbers. */
  readonly drawId: number;
}

/** The draws of every random use of `owner`, in use order, arguments rendered with `scope`. */
export function randomDraws(owner: RandomOwner, scope: SymbolResolver, sp: Spelling): RandomDraw[] {
  const stream = randomStream(owner.kind, owner.plan.id);
  return owner.plan.description.randoms.map((use) => {
    const args = use.args.map((a) => renderExpr(a, scope, sp));
    if (use.dist === 'Gamma' && args.length < 2) args.push(sp.number(1));
    return { use, dist: use.dist, array: `_rand_${use.id}`, args, stream, drawId: use.id };
  });
}

/** The draws at the current element of a backend's random library (`src/random/`), for one key. */
export interface DrawLibrary {
  /** A standard uniform draw in [0, 1). */
  uniform(draw: RandomDraw): string;
  /** A standard normal draw. */
  normal(draw: RandomDraw): string;
  /** A draw of a distribution the library computes itself, with its arguments `args`. */
  call(dist: 'DiscreteUniform' | 'Exponential' | 'Gamma' | 'Binomial', args: readonly string[], draw: RandomDraw): string;
}

/**
 * One draw of `draw` at the current element, its arguments being `args` (locals holding
 * `draw.args`): `a + (b − a)·u`, `m + s·n`, `exp(m + s·n)` from the standard draws, in the
 * operation order of the js fills (`fillDraws`), the rest from the library.
 */
export function drawValue(draw: RandomDraw, args: readonly string[], lib: DrawLibrary, sp: Spelling): string {
  const [a, b] = args;
  switch (draw.dist) {
    case 'Uniform': return renderArith(sp, '+', a, renderArith(sp, '*', renderArith(sp, '-', b, a), lib.uniform(draw)));
    case 'Normal': return renderArith(sp, '+', a, renderArith(sp, '*', b, lib.normal(draw)));
    case 'LogNormal': return sp.call('exp', [renderArith(sp, '+', a, renderArith(sp, '*', b, lib.normal(draw)))]);
    default: return lib.call(draw.dist, args, draw);
  }
}
