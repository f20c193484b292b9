// A toy backend: the plan's neuron kernels and weighted sums printed in a Lisp with WebAssembly-like
// arithmetic, from the shared kernel library (src/backends/kernels/) and nothing else but the ~50
// lines below: an expression spelling, a statement dialect and the places of the arrays. It proves
// that a new backend is spelling + dialect: the kernel logic (refractoriness, spike test, reset,
// emission, axonal spikes, the walk over a projection's dendrites and the reduction of its psp) is
// not written again. See docs/internals/backends.md.
import { it, expect } from 'vitest';
import { Network, Neuron, Synapse } from '../../../src/index.js';
import type { Spelling } from '../../../src/backends/render.js';
import { indent, type Dialect } from '../../../src/backends/kernels/dialect.js';
import { neuronParts } from '../../../src/backends/kernels/neuron.js';
import { plainLocation } from '../../../src/backends/kernels/statements.js';
import type { PopulationPlan, ProjectionPlan } from '../../../src/ir/plan.js';
import { renderExpr } from '../../../src/backends/render.js';
import { rateSumParts } from '../../../src/backends/kernels/transmission.js';
import { dendriteSumLoop } from '../../../src/backends/kernels/synapse-loops.js';

const OPS = { '+': 'f64.add', '-': 'f64.sub', '*': 'f64.mul', '/': 'f64.div' } as const;
const lisp: Spelling = {
  number: String, bool: (v) => (v ? '1' : '0'), call: (f, a) => `(${f} ${a.join(' ')})`, power: (a, b) => `(pow ${a} ${b})`,
  not: (a) => `(not ${a})`, and: (a, b) => `(and ${a} ${b})`, or: (a, b) => `(or ${a} ${b})`, cond: (c, a, b) => `(select ${c} ${a} ${b})`,
  compare: (op, a, b) => `(${op} ${a} ${b})`, arith: (op, a, b) => `(${OPS[op]} ${a} ${b})`, neg: (a) => `(f64.neg ${a})`,
};
const form = (head: string, body: string[]) => [`(${head}`, ...indent(body), ')'];
const toy: Dialect = {
  name: 'toy', expr: lisp, declare: (n, v) => `(let ${n} ${v})`, assign: (lv, v) => `(set! ${lv} ${v})`, ifLine: (c, s) => `(when ${c} ${s})`,
  ifBlock: (c, t, o) => (o ? [`(if ${c}`, ...indent([...form('do', t), ...form('do', o)]), ')'] : form(`when ${c}`, t)),
  block: (l) => form('do', l), inlineBlock: (s) => `(do ${s.join(' ')})`, select: (c, a, b) => `(select ${c} ${a} ${b})`,
  cmp: (op, a, b) => `(${op} ${a} ${b})`, truthy: (v) => `(truthy ${v})`, not: (c) => `(not ${c})`, and: (a, b) => `(and ${a} ${b})`, or: (a, b) => `(or ${a} ${b})`, trunc: (v) => `(trunc ${v})`,
  forRange: (i, n, body) => form(`for (${i} 0 ${n})`, body), forSpan: (i, a, b, body) => form(`for (${i} ${a} ${b})`, body), whileLoop: (c, body) => form(`while ${c}`, body), append: (l, v) => [`(set! ${l.element(`(inc! ${l.count})`)} ${v})`],
  periodSteps: (x) => `(period-steps ${x})`, toFloat: (x) => `(f64 ${x})`, roundToFloat32: (x) => `(fround ${x})`, toInt: (x) => `(i32 ${x})`, temp: (n) => n,
};
function toyNeuron(pop: PopulationPlan): string {
  const attrs = new Set(pop.description.attributes.map((a) => a.name));
  const scope = { sym: (n: string) => (attrs.has(n) ? `(aref ${n} i)` : n), attr: () => '', sum: () => '0', globalop: () => '', rand: () => '' };
  const parts = neuronParts(pop, {
    d: toy, scope: () => scope, el: (n, i) => `(aref ${n} ${i})`, step: 'step', dt: 'dt',
    list: (k) => ({ element: (i) => `(aref ${k === 'spike' ? '_spiked' : '_axon_spiked'} ${i})`, count: k === 'spike' ? '_ns' : '_nas' }),
    context: (sc, mode, refractory) => ({
      scope: sc, location: (_o, x) => plainLocation(`(aref ${x} i)`, toy), attribute: () => undefined,
      guard: (_o, x) => (refractory && x !== 'g_exc' ? { kind: 'branch' as const, cond: '_inref' } : undefined),
    }),
  });
  return form(`defkernel pop${pop.id}_update`, toy.forRange('i', String(pop.size), [...parts.inref, ...parts.local, ...parts.emit, ...parts.axon])).join('\n');
}

function toySum(proj: ProjectionPlan): string {
  const scope = { sym: (n: string) => `(aref ${n} k)`, attr: (o: string, n: string) => `(aref ${o}_${n} rk_${o})`, sum: () => '0', globalop: () => '', rand: () => '' };
  const parts = rateSumParts(proj, { d: toy, psp: () => renderExpr(proj.description.psp!, scope, lisp) });
  const loop = dendriteSumLoop({ d: toy, el: (n, i) => `(aref ${n} ${i})`, dendrites: () => '(length _post_rank)' }, parts, (_n, i) => `(aref post_${parts.into[0]} ${i})`);
  return form(`defkernel proj${proj.id}_transmit`, loop).join('\n');
}

it('a toy backend prints the shared neuron kernel in another syntax', async () => {
  const net = new Network();
  net.create(3, new Neuron({ equations: 'v = v + 1\n a = 2 * a - 1', spike: 'v > 2', reset: 'v = 0', refractory: 2.0, axonSpike: 'a > 5', axonReset: 'a = 0' }));
  await net.compile({ backend: 'js' });
  expect(toyNeuron(net.plan!.populations[0])).toBe(`(defkernel pop0_update
  (for (i 0 3)
    (let _inref (not (> (aref _refr_left i) 0)))
    (when _inref
      (set! (aref v i) (f64.add (aref v i) 1))
    )
    (when _inref
      (set! (aref a i) (f64.sub (f64.mul 2 (aref a i)) 1))
    )
    (if (> (aref _refr_left i) 0)
      (do
        (set! (aref _refr_left i) (f64.sub (aref _refr_left i) 1))
      )
      (do
        (when (truthy (> (aref v i) 2))
          (set! (aref v i) 0)
          (set! (aref _spiked (inc! _ns)) i)
          (set! (aref _last_spike i) step)
          (set! (aref _refr_left i) 2)
        )
      )
    )
    (when (truthy (> (aref a i) 5))
      (set! (aref a i) 0)
      (set! (aref _axon_spiked (inc! _nas)) i)
    )
  )
)`);
});

it('a toy backend prints the shared weighted sum of a rate-coded projection in another syntax', async () => {
  const net = new Network();
  const pop = net.create(2, new Neuron({ equations: 'r = sum(exc)' }));
  // One-to-one: not dense (all-to-all rows would take rk_pre from the position, ir/dense-rows.ts).
  net.connect(pop, pop, 'exc', new Synapse({ psp: 'w * pre.r' })).oneToOne(0.5);
  await net.compile({ backend: 'js' });
  expect(net.plan!.projections[0].denseRows).toBeUndefined();
  // An add reduction: four interleaved partial sums (kernels/synapse-loops.ts dendriteSumLoop).
  expect(toySum(net.plan!.projections[0])).toBe(`(defkernel proj0_transmit
  (let _nd (length _post_rank))
  (for (i 0 _nd)
    (let rk_post (aref _post_rank i))
    (let _k0 (aref _row_ptr i))
    (let _k1 (aref _row_ptr (f64.add i 1)))
    (let _s0 0)
    (let _s1 0)
    (let _s2 0)
    (let _s3 0)
    (let _kq _k0)
    (while (< _kq (f64.sub _k1 3))
      (do
        (let k _kq)
        (let rk_pre (aref _pre_rank k))
        (set! _s0 (f64.add _s0 (f64.mul (aref w k) (aref pre_r rk_pre))))
      )
      (do
        (let k (f64.add _kq 1))
        (let rk_pre (aref _pre_rank k))
        (set! _s1 (f64.add _s1 (f64.mul (aref w k) (aref pre_r rk_pre))))
      )
      (do
        (let k (f64.add _kq 2))
        (let rk_pre (aref _pre_rank k))
        (set! _s2 (f64.add _s2 (f64.mul (aref w k) (aref pre_r rk_pre))))
      )
      (do
        (let k (f64.add _kq 3))
        (let rk_pre (aref _pre_rank k))
        (set! _s3 (f64.add _s3 (f64.mul (aref w k) (aref pre_r rk_pre))))
      )
      (set! _kq (f64.add _kq 4))
    )
    (when (< _kq _k1)
      (do
        (let k _kq)
        (let rk_pre (aref _pre_rank k))
        (set! _s0 (f64.add _s0 (f64.mul (aref w k) (aref pre_r rk_pre))))
      )
      (when (< (f64.add _kq 1) _k1)
        (do
          (let k (f64.add _kq 1))
          (let rk_pre (aref _pre_rank k))
          (set! _s1 (f64.add _s1 (f64.mul (aref w k) (aref pre_r rk_pre))))
        )
        (when (< (f64.add _kq 2) _k1)
          (do
            (let k (f64.add _kq 2))
            (let rk_pre (aref _pre_rank k))
            (set! _s2 (f64.add _s2 (f64.mul (aref w k) (aref pre_r rk_pre))))
          )
        )
      )
    )
    (let _s (f64.add (f64.add _s0 _s1) (f64.add _s2 _s3)))
    (set! (aref post__sum_exc rk_post) (f64.add (aref post__sum_exc rk_post) _s))
  )
)`);
});
