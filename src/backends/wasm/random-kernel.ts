/**
 * The per-step random draws of a population or projection as a wasm kernel: each Uniform or Normal
 * array filled by a direct call of the random module's fill (`./random.ts`, imported by the network's
 * module), with no call out to JavaScript and back per step. The arguments are those the js kernel
 * passes to `fillDraws` (`../js/phases.ts` `randomKernel`), and `(fill …)` (`./lower.ts`) computes
 * the fill's parameters as the js engine's `fill` does (`./engine.ts` `randomFill`): the same call,
 * the same bits.
 *
 * Left to the js kernel (which calls the same fills): owners with another distribution, arguments
 * other than numbers and the owner's global attributes, float32 storage (the fills write float64),
 * and threads (the js kernel shares large fills among the threads, `./threads.ts` `FillJobs`).
 */
import type { Expr } from '../../equations/ast.js';
import type { NetworkPlan } from '../../ir/plan.js';
import type { RandomOwner } from '../kernels/random.js';
import { randomStream } from '../../random/streams.js';
import { floatLiteral } from './spelling.js';
import { KernelText } from './text.js';

/**
 * The argument `e` of a draw as wasm text, or undefined when the kernel cannot spell it: a number
 * (negated or not), or a global attribute of the owner (its one element). `local` names the
 * attribute's array in `k`.
 */
function argument(e: Expr, globals: ReadonlySet<string>, local: (name: string) => string): string | undefined {
  if (e.kind === 'num') return floatLiteral(e.value);
  if (e.kind === 'unary' && e.op === '-' && e.arg.kind === 'num') return floatLiteral(-e.arg.value);
  if (e.kind === 'sym' && globals.has(e.name)) return `(aref ${local(e.name)} 0)`;
  return undefined;
}

/**
 * `pop<id>_random` / `proj<id>_random` for `owner`, or undefined when it draws nothing or when the
 * js kernel must draw (see the module comment). Statement per draw:
 * `(fill uniform|normal <array> <a> <b> <stream> <drawId>)` with `a + b · draw` the element written:
 * Uniform(lo, hi) is a = lo, b = hi − lo (that subtraction in float64, as `randomFill`), Normal(m, s)
 * is a = m, b = s.
 */
export function wasmRandomKernel(owner: RandomOwner, plan: NetworkPlan): KernelText | undefined {
  const { description, id } = owner.plan;
  if (description.randoms.length === 0 || plan.precision !== 'float64') return undefined;
  const k = new KernelText(owner.kind === 'pop' ? `pop${id}_random` : `proj${id}_random`);
  const array = (name: string) => (owner.kind === 'pop' ? k.pop(`a_${name}`, id, name) : k.proj(`a_${name}`, id, name));
  const globals = new Set(description.attributes.filter((a) => a.locality === 'global').map((a) => a.name));
  const stream = randomStream(owner.kind, id);
  for (const use of description.randoms) {
    if (use.dist !== 'Uniform' && use.dist !== 'Normal') return undefined;
    const args = use.args.map((e) => argument(e, globals, array));
    if (args.length !== 2 || args.some((a) => a === undefined)) return undefined;
    const [p, q] = args as string[];
    const [a, b] = use.dist === 'Uniform' ? [p, `(- ${q} ${p})`] : [p, q];
    k.body.push(`(fill ${use.dist === 'Uniform' ? 'uniform' : 'normal'} ${array(`_rand_${use.id}`)} ${a} ${b} ${stream} ${use.id})`);
  }
  return k;
}

