/**
 * The four networks of the PyNN round trip, written as in examples/ (COBA and CUBA of Vogels &
 * Abbott with ANNarchy's equations, Izhikevich 2003 with the built-in model, Song–Miller–Abbott
 * STDP), scaled down so that NEURON runs each in seconds: COBA/CUBA keep 80 inputs per neuron.
 */
import { Network, Neuron, Normal, Uniform, Izhikevich, STDP, PoissonPopulation, Monitor, Projection } from '../../src/index.js';

export interface Built { net: Network; monitor: Monitor; duration: number; plastic?: Projection; gmax?: number }

export function coba(N = 1000, duration = 500, seed = 1234): Built {
  const COBA = new Neuron({
    name: 'COBA',
    parameters: `El = -60.0 : population
      Vr = -60.0 : population
      Erev_exc = 0.0 : population
      Erev_inh = -80.0 : population
      Vt = -50.0 : population
      tau = 20.0 : population
      tau_exc = 5.0 : population
      tau_inh = 10.0 : population
      I = 20.0 : population`,
    equations: `tau * dv/dt = (El - v) + g_exc * (Erev_exc - v) + g_inh * (Erev_inh - v ) + I
      tau_exc * dg_exc/dt = - g_exc
      tau_inh * dg_inh/dt = - g_inh`,
    spike: 'v > Vt', reset: 'v = Vr', refractory: 5.0,
  });
  const NE = Math.floor(0.8 * N);
  const net = new Network({ dt: 0.1, seed });
  const P = net.create(N, COBA, { name: 'P' });
  P.v = new Normal(-55.0, 5.0); P.g_exc = new Normal(4.0, 1.5); P.g_inh = new Normal(20.0, 12.0);
  net.connect(P.slice(0, NE), P, 'exc').connectFixedProbability({ weights: 0.6, probability: 80 / N });
  net.connect(P.slice(NE), P, 'inh').connectFixedProbability({ weights: 6.7, probability: 80 / N });
  return { net, monitor: net.monitor(P, 'spike', { name: 'spikes' }), duration };
}

export function cuba(N = 1000, duration = 500, seed = 1234): Built {
  const CUBA = new Neuron({
    name: 'CUBA',
    parameters: `El = -49.0 : population
      Vr = -60.0 : population
      Vt = -50.0 : population
      tau_m = 20.0 : population
      tau_exc = 5.0 : population
      tau_inh = 10.0 : population`,
    equations: `tau_m * dv/dt = (El - v) + g_exc + g_inh
      tau_exc * dg_exc/dt = - g_exc
      tau_inh * dg_inh/dt = - g_inh`,
    spike: 'v > Vt', reset: 'v = Vr', refractory: 5.0,
  });
  const NE = Math.floor(0.8 * N);
  const net = new Network({ dt: 0.1, seed });
  const P = net.create(N, CUBA, { name: 'P' });
  P.v = new Uniform(-60.0, -50.0);
  net.connect(P.slice(0, NE), P, 'exc').connectFixedProbability({ weights: 0.27 * 60.0 / 10.0, probability: 80 / N });
  net.connect(P.slice(NE), P, 'inh').connectFixedProbability({ weights: -4.5 * 20.0 / 10.0, probability: 80 / N });
  return { net, monitor: net.monitor(P, 'spike', { name: 'spikes' }), duration };
}

export function izhikevich(duration = 1000, seed = 1234): Built {
  const NE = 800, NI = 200, N = NE + NI;
  const net = new Network({ dt: 1.0, seed });
  const pop = net.create(N, Izhikevich, { name: 'P' });
  const Exc = pop.slice(0, NE), Inh = pop.slice(NE);
  const re = new Uniform(0, 1).sample(NE, net.rng);
  const ri = new Uniform(0, 1).sample(NI, net.rng);
  Exc.noise = 5.0; Inh.noise = 2.0;
  Exc.a = 0.02; Inh.a = ri.map((x: number) => 0.02 + 0.08 * x);
  Exc.b = 0.2; Inh.b = ri.map((x: number) => 0.25 - 0.05 * x);
  Exc.c = re.map((x: number) => -65.0 + 15.0 * x * x); Inh.c = -65.0;
  Exc.d = re.map((x: number) => 8.0 - 6.0 * x * x); Inh.d = 2.0;
  Exc.v = -65.0; Inh.v = -65.0;
  Exc.u = -65.0 * 0.2; Inh.u = ri.map((x: number) => -65.0 * (0.25 - 0.05 * x));
  net.connect(Exc, pop, 'exc').connectAllToAll({ weights: new Uniform(0.0, 0.5) });
  net.connect(Inh, pop, 'inh').connectAllToAll({ weights: new Uniform(0.0, 1.0) });
  return { net, monitor: net.monitor(pop, 'spike', { name: 'spikes' }), duration };
}

export function stdp(duration = 10000, seed = 1234, N = 1000): Built {
  const gmax = 0.01;
  const IF = new Neuron({
    name: 'IF',
    parameters: `tau_m = 10.0
      tau_e = 5.0
      vt = -54.0
      vr = -60.0
      El = -74.0
      Ee = 0.0`,
    equations: `tau_m * dv/dt = El - v + g_exc * (Ee - vr) : init = -60.0
      tau_e * dg_exc/dt = - g_exc`,
    spike: 'v > vt', reset: 'v = vr',
  });
  const net = new Network({ dt: 0.1, seed });
  const input = new PoissonPopulation(N, { rates: 15.0, name: 'Input', network: net });
  const output = net.create(1, IF, { name: 'Output' });
  const plastic = net.connect(input, output, 'exc', new STDP({ tau_plus: 20.0, tau_minus: 20.0, A_plus: 0.01, A_minus: 0.0105, w_max: gmax }), { name: 'plastic' })
    .connectAllToAll({ weights: new Uniform(0.0, gmax) });
  return { net, monitor: net.monitor(output, 'spike', { name: 'spikes' }), duration, plastic, gmax };
}
