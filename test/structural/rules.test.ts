// Structural plasticity by rules: the `creating` and `pruning` fields of a Synapse, started with
// startCreating/startPruning, evaluated at the end of the steps of their period (ANNarchy's
// structural phase), with the network's counter-based random streams.
import { it, expect } from 'vitest';
import { describeBackends, compileFor } from '../helpers/backends.js';
import { Network, Neuron, Synapse, Uniform, EquationError } from '../../src/index.js';

const Rate = new Neuron({ parameters: 'baseline = 0.0', equations: 'r = baseline' });

describeBackends('structural plasticity: rules', () => {
  it('creating: every missing synapse whose condition holds is created with the rule weight at the end of the step', async () => {
    const net = new Network({ structuralPlasticity: true, seed: 3 });
    const pre = net.create(4, Rate);
    const post = net.create(2, Rate);
    pre.baseline = [0, 1, 2, 3];
    post.baseline = [0.5, 1];
    const syn = new Synapse({ parameters: 'k = 7.0', equations: 'x = x + 1 : init = 3', creating: 'pre.r * post.r > 0.9 : proba = 1.0, w = 0.25' });
    const proj = net.connect(pre, post, 'exc', syn).connectFromMatrix([[1, null, null, null], [1, null, null, null]]);
    await net.compile(compileFor());
    proj.startCreating({ period: 2 });
    await net.simulate(1);
    // End of step 0: r = baseline. post 0 (0.5): pre.r > 1.8 → 2, 3; post 1 (1.0): pre.r > 0.9 → 1, 2, 3.
    expect(proj.preRanks).toEqual([[0, 2, 3], [0, 1, 2, 3]]);
    expect(Array.from(proj.dendrite(1).w as Float64Array)).toEqual([1, 0.25, 0.25, 0.25]);
    // The created synapses start from the initial value: x = 3 for them, 4 for the old ones (one step done).
    expect(Array.from(proj.dendrite(1).x as Float64Array)).toEqual([4, 3, 3, 3]);
    proj.stopCreating();
    pre.baseline = [5, 5, 5, 5];
    await net.simulate(4);
    expect(proj.nbSynapses).toBe(7);
  });

  it('pruning: evaluated only at the steps of its period, from the step it was started', async () => {
    const net = new Network({ structuralPlasticity: true });
    const pre = net.create(3, Rate);
    const post = net.create(1, Rate);
    const syn = new Synapse({ parameters: 'dw = 0.1', equations: 'w = w - dw', pruning: 'w < 0.0 : proba = 1.0' });
    const proj = net.connect(pre, post, 'exc', syn).connectFromMatrix([[0.15, 0.35, 0.65]]);
    await net.compile(compileFor());
    await net.simulate(2);
    // Started at step 2, period 3: runs at the end of steps 2, 5, 8.
    proj.startPruning({ period: 3 });
    await net.simulate(1); // end of step 2: w = -0.15, 0.05, 0.35 → the first goes
    expect(proj.preRanks).toEqual([[1, 2]]);
    await net.simulate(2); // steps 3, 4: 0.05 → -0.15 but no pruning at these steps
    expect(proj.preRanks).toEqual([[1, 2]]);
    expect((proj.dendrite(0).w as Float64Array)[0]).toBeCloseTo(-0.15, 6);
    await net.simulate(1); // end of step 5: -0.25 and 0.05 → only the first
    expect(proj.preRanks).toEqual([[2]]);
    proj.stopPruning();
    await net.simulate(5); // w < 0 now, but the rule is stopped
    expect((proj.dendrite(0).w as Float64Array)[0]).toBeLessThan(0);
    expect(proj.preRanks).toEqual([[2]]);
  });

  it('a rule with proba and a random condition is reproducible for a seed, and differs with another seed', async () => {
    const run = async (seed: number) => {
      const net = new Network({ structuralPlasticity: true, seed });
      const pop = net.create(12, Rate);
      pop.baseline = Array.from({ length: 12 }, (_, i) => (i % 3) * 0.6);
      const syn = new Synapse({
        equations: 'w = w + 0.001 * pre.r',
        creating: 'pre.r * post.r > Uniform(0.0, 1.0) : proba = 0.5, w = 0.1',
        pruning: 'w < Uniform(0.05, 0.3) : proba = 0.5',
      });
      const proj = net.connect(pop, pop, 'exc', syn).connectFixedProbability({ probability: 0.3, weights: 0.2 });
      await net.compile(compileFor());
      proj.startCreating({ period: 5 });
      proj.startPruning({ period: 7 });
      await net.simulate(60);
      return proj.preRanks;
    };
    const a = await run(11);
    expect(await run(11)).toEqual(a);
    expect(await run(12)).not.toEqual(a);
  });

  it('a condition calling a user function (interpreted) prunes the same synapses as its inline form (compiled)', async () => {
    const run = async (pruning: string) => {
      const net = new Network({ structuralPlasticity: true, seed: 5 });
      const pop = net.create(10, Rate);
      const syn = new Synapse({ functions: 'twice(x) = 2 * x', pruning });
      const proj = net.connect(pop, pop, 'exc', syn).connectFixedProbability({ probability: 0.5, weights: new Uniform(0, 0.5) });
      await net.compile(compileFor());
      const before = proj.nbSynapses;
      proj.startPruning();
      await net.simulate(1);
      return { before, after: proj.preRanks };
    };
    const inline = await run('2 * w < Uniform(0.0, 1.0) : proba = 0.5');
    const called = await run('twice(w) < Uniform(0.0, 1.0) : proba = 0.5');
    expect(called).toEqual(inline);
    expect(inline.after.flat().length).toBeLessThan(inline.before);
    expect(inline.after.flat().length).toBeGreaterThan(0);
  });
});

describeBackends('structural plasticity: rule errors', () => {
  const pre = () => {
    const net = new Network({ structuralPlasticity: true });
    return { net, a: net.create(2, Rate) };
  };
  it('unknown names, flags and synaptic variables in a creating condition are refused, naming model, field and symbol', () => {
    const { net, a } = pre();
    const bad = (fields: Record<string, string>) => () => net.connect(a, a, 'exc', new Synapse({ name: 'Bad', equations: 'age = age + 1', ...fields }));
    expect(bad({ pruning: 'foo > 1 : proba = 0.5' })).toThrow(EquationError);
    expect(bad({ pruning: 'foo > 1 : proba = 0.5' })).toThrow(/unknown name 'foo'.*symbol 'foo'.*in Bad, field 'pruning'/s);
    expect(bad({ creating: 'age > 3 : proba = 0.5' })).toThrow(/cannot read 'age'.*does not exist yet/);
    expect(bad({ creating: 'pre.q > 3' })).toThrow(/pre-synaptic neuron has no attribute 'q'/);
    expect(bad({ pruning: 'age > 3 : probability = 0.5' })).toThrow(/unknown flag 'probability'.*accepted: proba/);
    expect(bad({ pruning: 'age > 3 : proba = 2' })).toThrow(/proba must be in \[0, 1\]/);
    expect(bad({ pruning: 'age > : proba = 0.5' })).toThrow(EquationError);
  });

  it('startPruning without a pruning rule, or without the network flag, says what to do', () => {
    const { net, a } = pre();
    const plain = new Network({});
    const b = plain.create(2, Rate);
    const p1 = net.connect(a, a, 'exc', new Synapse({ creating: 'pre.r > 1' })).connectAllToAll(1);
    expect(() => p1.startPruning()).toThrow(/has no 'pruning' rule: give it one/);
    const p2 = plain.connect(b, b, 'exc', new Synapse({ pruning: 'w < 0' })).connectAllToAll(1);
    expect(() => p2.startPruning()).toThrow(/structural plasticity is off/);
    expect(() => p1.startCreating({ period: 0.1 })).toThrow(/period must be at least dt/);
    expect(() => p1.startCreating({ periode: 2 } as never)).toThrow(/unknown option 'periode'/);
  });
});
