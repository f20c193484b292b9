// BoldMonitor (issue 17): the hemodynamic response of a 1 s input pulse against an independent RK4
// integration of the balloon ODEs and against the balloon model's known shape (a peak some seconds
// after the onset, then a post-stimulus undershoot), on every backend; ANNarchy's input scaling and
// baseline normalisation by hand-computed values; the refusals.
import { it, expect } from 'vitest';
import { describeBackends, compileFor, tolerance, closeDigits, isFloat32, onWebGpu } from '../../helpers/backends.js';
import { Network, Neuron, type BackendName } from '../../../src/index.js';
import {
  BoldMonitor, BoldModel, balloon_RN, balloon_RL, balloon_CN, balloon_CL, balloon_two_inputs, balloon_maith2021,
} from '../../../src/extensions/bold/index.js';
import { integrate, revised, classical, type BalloonConstants } from './balloon-rk4.js';

const Rate = () => new Neuron({ parameters: 'I = 0.0', equations: 'r = I' });

/** BOLD of a population whose rate is 1 during [1000, 2000) ms, 0 otherwise, over `T` ms (dt = 1). */
async function pulse(model: BoldModel, T = 20000): Promise<number[]> {
  const net = new Network({ dt: 1 });
  const pop = net.create(10, Rate());
  const m = new BoldMonitor({ populations: pop, boldModel: model });
  await net.compile(compileFor());
  m.start();
  await net.simulate(1000);
  pop.I = 1.0;
  await net.simulate(1000);
  pop.I = 0.0;
  await net.simulate(T - 2000);
  return m.get('BOLD').map((row) => row[0]);
}

/** The reference: the input reaches the model one step later (the rate-coded transmission delay). */
const reference = (c: BalloonConstants, T = 20000) => integrate(c, (t) => (t >= 1001 && t < 2001 ? 1 : 0), T);

const argmax = (x: number[], from = 0) => { let k = from; for (let i = from; i < x.length; i++) if (x[i] > x[k]) k = i; return k; };
const argmin = (x: number[], from = 0) => { let k = from; for (let i = from; i < x.length; i++) if (x[i] < x[k]) k = i; return k; };
const maxAbsDiff = (a: number[], b: number[]) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);

describeBackends('BoldMonitor: balloon_RN response to a 1 s pulse', (_backend: BackendName) => {
  it('follows an RK4 integration of the same ODEs within 0.1 % of the peak, peaks 3.3 s after the onset and undershoots', async () => {
    const bold = await pulse(new balloon_RN());
    const ref = reference(revised(true));
    expect(bold.length).toBe(20000);
    const peak = ref[argmax(ref)];
    expect(peak).toBeCloseTo(0.017192, 5); // the RK4 reference itself
    // explicit Euler at dt = 1 ms on time constants of seconds: the difference is O(dt / 1 s)
    expect(maxAbsDiff(bold, ref)).toBeLessThan(tolerance(1e-3 * peak, peak));
    const tPeak = argmax(bold);
    // The balloon model's shape: BOLD peaks some seconds after the onset (1 s here) ...
    expect(tPeak - 1000).toBeGreaterThan(3000);
    expect(tPeak - 1000).toBeLessThan(6000);
    expect(Math.abs(tPeak - argmax(ref))).toBeLessThanOrEqual(2);
    // ... then falls below the baseline (post-stimulus undershoot, 20 % of the peak, ~9.7 s after the onset) ...
    const tUnder = argmin(bold, tPeak);
    expect(bold[tUnder]).toBeLessThan(-0.15 * bold[tPeak]);
    expect(bold[tUnder]).toBeGreaterThan(-0.3 * bold[tPeak]);
    expect(tUnder - 1000).toBeGreaterThan(7000);
    expect(tUnder - 1000).toBeLessThan(12000);
    // ... and before the pulse nothing moves.
    expect(bold.slice(0, 1000).every((b) => b === 0)).toBe(true);
  });
});

describeBackends('BoldMonitor: ANNarchy\'s input scaling and baseline normalisation', (_backend: BackendName) => {
  it('default scaleFactor: each population weighs size / Σ sizes; the input is the population mean of the mapped variable', async () => {
    const net = new Network({ dt: 1 });
    const a = net.create(10, Rate());
    const b = net.create(30, Rate());
    a.I = Array.from({ length: 10 }, (_, i) => i / 9); // mean 0.5
    b.I = 2.0;
    const m = new BoldMonitor({ populations: [a, b], recordedVariables: 'I_CBF', start: true });
    const m2 = new BoldMonitor({ populations: [a, b], scaleFactor: [2, -1], recordedVariables: ['I_CBF'], start: true });
    await net.compile(compileFor());
    await net.simulate(3);
    const i1 = m.get('I_CBF').map((r) => r[0]);
    expect(i1[0]).toBe(0); // the first step sees the rates of step 0's start (0: not yet computed)
    expect(i1[2]).toBeCloseTo(0.25 * 0.5 + 0.75 * 2, closeDigits(12, 2));
    expect(m2.get('I_CBF')[2][0]).toBeCloseTo(2 * 0.5 - 2, closeDigits(12, 2));
  });

  it('normalizeInput: 0 during the baseline period after start(), then scale × (x − mean) / |mean|', async () => {
    const net = new Network({ dt: 1 });
    const a = net.create(4, Rate());
    const b = net.create(4, Rate());
    a.I = 2.0;
    b.I = 5.0;
    const m = new BoldMonitor({ populations: [a, b], normalizeInput: [100, 0], scaleFactor: [1, 0.1], recordedVariables: ['I_CBF'] });
    await net.compile(compileFor());
    await net.simulate(50); // not started: the model is frozen and nothing is recorded
    m.start();
    await net.simulate(100);
    a.I = 3.0;
    await net.simulate(10);
    const i = m.get('I_CBF').map((r) => r[0]);
    expect(i.length).toBe(110);
    // b (no baseline) contributes 0.1 × 5 at once; a is 0 during its 100 ms baseline (mean 2) ...
    for (let k = 0; k < 100; k++) expect(i[k]).toBeCloseTo(0.5, closeDigits(12, 1));
    // ... then (3 − 2) / (|2| + 1e-7), ANNarchy's relative deviation, once its rate changed (one step of transmission later)
    expect(i[100]).toBeCloseTo(0.5, closeDigits(12, 1));
    expect(i[101]).toBeCloseTo(0.5 + 1 / (2 + 1e-7), closeDigits(12, 1));
    expect(i[109]).toBeCloseTo(0.5 + 1 / (2 + 1e-7), closeDigits(12, 1));
  });

  it('spiking populations: the mapped variable reaches the model as a continuous input (the model runs as a spiking neuron that never spikes)', async () => {
    const net = new Network({ dt: 1 });
    const Spiking = new Neuron({ parameters: 'I = 0.0', equations: 'dv/dt = -v + I\nsyn = I * 2', spike: 'v > 0.5', reset: 'v = 0' });
    const pop = net.create(5, Spiking);
    pop.I = [0, 1, 2, 3, 4]; // syn: mean 4
    const m = new BoldMonitor({ populations: pop, mapping: { I_CBF: 'syn' }, recordedVariables: ['I_CBF'], start: true });
    await net.compile(compileFor());
    await net.simulate(2000);
    const i = m.get('I_CBF').map((r) => r[0]);
    expect(i[0]).toBe(0);
    expect(i[1]).toBeCloseTo(4, closeDigits(12, 4));
    expect(i[1999]).toBeCloseTo(4, closeDigits(12, 4));
    const bold = m.get('BOLD').map((r) => r[0]);
    expect(bold[1999]).toBeGreaterThan(0.01); // a sustained input raises the BOLD signal
  });

  it('a PopulationView is recorded like a population: the mean over its neurons', async () => {
    const net = new Network({ dt: 1 });
    const pop = net.create(6, Rate());
    pop.I = [1, 2, 3, 10, 20, 30];
    const m = new BoldMonitor({ populations: pop.slice(0, 3), recordedVariables: ['I_CBF'], start: true });
    await net.compile(compileFor());
    await net.simulate(3);
    expect(m.get('I_CBF')[2][0]).toBeCloseTo(2, closeDigits(12, 2));
    expect(() => new BoldMonitor({ populations: pop })).toThrow(/already compiled; create the BoldMonitor before compile\(\)/);
  });

  it('stop() freezes the model and frees the recording; start() resumes', async () => {
    const net = new Network({ dt: 1 });
    const pop = net.create(2, Rate());
    pop.I = 1;
    const m = new BoldMonitor({ populations: pop, recordedVariables: ['s'], start: true });
    await net.compile(compileFor());
    await net.simulate(100);
    const s100 = m.population.get('s') as Float64Array;
    m.stop();
    await net.simulate(100);
    expect(m.population.get('s')).toEqual(s100);
    m.start();
    await net.simulate(10);
    expect(m.get('s').length).toBe(10);
    expect((m.population.get('s') as Float64Array)[0]).toBeGreaterThan(s100[0]);
  });
});

describeBackends('BoldMonitor: the other built-in models', (backend: BackendName) => {
  it.skipIf(onWebGpu(backend, '60 000 steps take 47 s on a CPU adapter', true))('balloon_two_inputs: with the same constant input, blood flow f_in and oxygen metabolism r reach the same steady state 1 + phi·I/gamma_CBF', async () => {
    const net = new Network({ dt: 1 });
    const pop = net.create(3, Rate());
    pop.I = 0.1;
    const m = new BoldMonitor({ populations: pop, boldModel: balloon_two_inputs, mapping: { I_CBF: 'r', I_CMRO2: 'r' }, recordedVariables: ['f_in', 'r'], start: true });
    await net.compile(compileFor());
    await net.simulate(60000);
    // float32 (webgpu): 60 000 increments of ~1e-5 each lose ~1e-5 relative to rounding
    const tol = isFloat32() ? 1e-4 : 1e-6;
    expect(Math.abs(m.get('f_in').at(-1)![0] - (1 + 0.1 * 2.46))).toBeLessThan(tol);
    expect(Math.abs(m.get('r').at(-1)![0] - (1 + 0.1 * 2.46))).toBeLessThan(tol);
  });

  it.skipIf(onWebGpu(backend, '60 000 steps take 47 s on a CPU adapter', true))('balloon_two_inputs fed by spiking populations (Maith et al. 2022): the model\'s r (r_bold inside) reaches the same steady state', async () => {
    const net = new Network({ dt: 1 });
    const pop = net.create(4, new Neuron({ parameters: 'I = 0.0', equations: 'dv/dt = -v + I\nsyn = I', spike: 'v > 2', reset: 'v = 0' }));
    pop.I = [0.05, 0.15, 0.1, 0.1];
    const m = new BoldMonitor({ populations: pop, boldModel: balloon_two_inputs, mapping: { I_CBF: 'syn', I_CMRO2: 'syn' }, recordedVariables: ['f_in', 'r'], start: true });
    expect(m.population.description.attributes.some((a) => a.name === 'r_bold')).toBe(true);
    await net.compile(compileFor());
    await net.simulate(60000);
    const tol = isFloat32() ? 1e-4 : 1e-6;
    expect(Math.abs(m.get('f_in').at(-1)![0] - (1 + 0.1 * 2.46))).toBeLessThan(tol);
    expect(Math.abs(m.get('r').at(-1)![0] - (1 + 0.1 * 2.46))).toBeLessThan(tol);
  });

  it.skipIf(onWebGpu(backend, 'balloon_RN covers webgpu; 12 000 steps take 36 s on a CPU adapter', true))('balloon_maith2021 follows the RK4 reference with its own coefficients', async () => {
    const bold = await pulse(new balloon_maith2021(), 12000);
    const E_0 = 0.3424;
    const c: BalloonConstants = { phi: 1, kappa: 0.665, gamma: 0.412, E_0, tau: 1.0368, alpha: 0.3215, V_0: 0.02, k_1: 7 * E_0, k_2: 2, k_3: 2 * E_0 - 0.2, nonlinear: true };
    const ref = reference(c, 12000);
    expect(maxAbsDiff(bold, ref)).toBeLessThan(tolerance(1e-3 * ref[argmax(ref)], ref[argmax(ref)]));
  });
});

describeBackends('BoldMonitor: the four balloon variants of Stephan et al. (2007)', (backend: BackendName) => {
  for (const [name, Model, c] of [
    ['balloon_RL', balloon_RL, revised(false)],
    ['balloon_CN', balloon_CN, classical(true)],
    ['balloon_CL', balloon_CL, classical(false)],
  ] as const) {
    it.skipIf(onWebGpu(backend, 'balloon_RN covers webgpu; 8000 steps take 20 s on a CPU adapter', true))(`${name} follows the RK4 reference`, async () => {
      const bold = await pulse(new Model(), 8000);
      const ref = reference(c, 8000);
      const peak = ref[argmax(ref)];
      expect(peak).toBeGreaterThan(0.005);
      expect(maxAbsDiff(bold, ref)).toBeLessThan(tolerance(1e-3 * peak, peak));
    });
  }

  it('parameters of a variant are set in its constructor; unknown ones are refused', async () => {
    const net = new Network({ dt: 1 });
    const pop = net.create(1, Rate());
    const m = new BoldMonitor({ populations: pop, boldModel: new balloon_RN({ E_0: 0.4, tau: 1.2 }) });
    await net.compile(compileFor());
    expect(m.population.get('E_0')).toBe(0.4);
    expect(m.population.get('tau')).toBe(1.2);
    expect(() => new balloon_RN({ E0: 0.4 } as never)).toThrow(/unknown option 'E0'.*E_0/);
    expect(() => new balloon_CN({ r_0: 3 } as never)).toThrow(/unknown option 'r_0'/);
  });
});

describeBackends('BoldMonitor: a custom BoldModel', () => {
  it('tau·dBOLD/dt = I_CBF − BOLD gives 1 − exp(−t/tau) for a unit input (explicit Euler: (1 − dt/tau)^n)', async () => {
    const model = new BoldModel({ parameters: 'tau = 100.0', equations: 'I_CBF = sum(I_CBF)\ntau * dBOLD/dt = I_CBF - BOLD', inputs: 'I_CBF' });
    const net = new Network({ dt: 1 });
    const pop = net.create(3, Rate());
    pop.I = 1;
    const m = new BoldMonitor({ populations: pop, boldModel: model, start: true });
    await net.compile(compileFor());
    await net.simulate(300);
    const bold = m.get('BOLD').map((r) => r[0]);
    // the input arrives at step 1; after n more steps BOLD = 1 − 0.99^n
    for (const n of [1, 50, 299]) expect(bold[n]).toBeCloseTo(1 - 0.99 ** n, closeDigits(10));
  });
});

it('BoldMonitor refuses what it cannot do, naming the fix', () => {
  const net = new Network({ dt: 1 });
  const pop = net.create(3, Rate());
  const spk = net.create(3, new Neuron({ equations: 'dv/dt = -v', spike: 'v > 1', reset: 'v = 0' }));
  expect(() => new BoldMonitor({ populations: pop, mapping: { I_CMRO2: 'r' } })).toThrow(/'I_CMRO2' of mapping is not an input of the BOLD model 'balloon_RN'.*I_CBF/);
  expect(() => new BoldMonitor({ populations: pop, mapping: { I_CBF: 'syn' } })).toThrow(/population '.*' has no attribute 'syn'/);
  expect(() => new BoldMonitor({ populations: [pop, spk] })).toThrow(/mix rate-coded and spiking/);
  expect(() => new BoldMonitor({ populations: pop, scale_factor: [1] } as never)).toThrow(/unknown option 'scale_factor'.*scaleFactor/);
  expect(() => new BoldMonitor({ populations: [pop, pop], scaleFactor: [1, 2, 3] })).toThrow(/3 values for 2 populations/);
  expect(() => new BoldMonitor({ populations: pop, normalizeInput: -5 })).toThrow(/normalizeInput\[0\]/);
  expect(() => new BoldMonitor({ populations: pop, boldModel: {} as never })).toThrow(/boldModel must be a BoldModel/);
  expect(() => new BoldModel({ equations: 'dB/dt = -B', inputs: 'I_CBF' })).toThrow(/input 'I_CBF' is never read/);
  expect(() => new BoldModel({ equations: 'I = sum(I)\ndB/dt = I', inputs: 'I', spike: 'B > 1' } as never)).toThrow(/unknown option 'spike'/);
});
