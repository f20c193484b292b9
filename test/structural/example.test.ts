// ANNarchy's structural plasticity example (examples/annarchy/structural_plasticity.ts), short form:
// synapses grow inside the two halves that are active together and die out between them.
import { it, expect } from 'vitest';
import { describeBackends, currentBackend, isFloat32, onWebGpu } from '../helpers/backends.js';
import { run } from '../../examples/annarchy/structural_plasticity.js';

describeBackends('ANNarchy example: structural plasticity', (backend) => {
  // Every rewiring rebuilds the GPU layout: 66 of them take 16 s on SwiftShader (a GPU runs it).
  it.skipIf(onWebGpu(backend, 'structural plasticity example: 66 rewirings rebuild the GPU layout, 16 s on a CPU adapter', true))('3 trials with T = 1500 steps: within the halves 115 → 633 synapses, between them 114 → 1', async () => {
    const s = await run({ trials: 3, maxAge: 1500, backend: currentBackend() });
    // The initial connectivity comes from the host (same on every backend).
    expect(s.before).toEqual({ within: 115, between: 114 });
    if (isFloat32()) {
      // float32 rates may cross pre.r * post.r > 1 at other steps: the outcome, not the count.
      expect(s.after.within).toBeGreaterThan(500);
      expect(s.after.between).toBeLessThan(10);
    } else {
      // js and cpp: the same synapses, created and pruned at the same steps.
      expect(s.after).toEqual({ within: 633, between: 1 });
    }
    // No synapse was created between the halves: their neurons are never active together.
    const half = 25;
    const created = s.final.flatMap((row, post) => Array.from(row).map((w, pre) => ({ w, pre, post })))
      .filter(({ w, pre, post }) => w !== 0 && (pre < half) !== (post < half) && s.initial[post][pre] === 0);
    expect(created).toEqual([]);
  });
});
