"""Izhikevich (2003) pulse-coupled network in ANNarchy 4.8, the network of
bench/peers/izhikevich.py (Brian2) and bench/izhikevich.ts, forward Euler, dt = 1 ms:

    dv/dt = 0.04 v^2 + 5 v + 140 - u + I,   du/dt = a (b v - u)       (per ms)
    I = g_exc - g_inh + noise * N(0, 1)     (a fresh normal sample every step)
    spike v > 30, reset v = c; u += d

800 excitatory neurons (a = 0.02, b = 0.2, c = -65 + 15 re^2, d = 8 - 6 re^2) and 200 inhibitory
ones (a = 0.02 + 0.08 ri, b = 0.25 - 0.05 ri, c = -65, d = 2), re, ri ~ U(0, 1) drawn with numpy
RandomState(seed); noise 5 (exc) / 2 (inh); v(0) = -65, u(0) = b v(0). All-to-all without
self-connections, exc weights U(0, 0.5), inh weights U(0, 1) (or probability --p).

The neuron is written out here rather than taken from ANNarchy's built-in `Izhikevich`, so that
the threshold (v > 30) and the input are visibly those of the other two simulators. g_exc and
g_inh are ANNarchy's per-step sums: the input of a spike lasts exactly one step.

    ~/.cache/neurarchy-peers/annarchy-4.8/venv/bin/python bench/peers/annarchy/izhikevich.py
"""
import sys

import numpy as np

sys.dont_write_bytecode = True  # no __pycache__ next to the scripts
from common import cli, report, spike_arrays, spike_statistics  # noqa: E402

o = cli("izhikevich", N=1000, T=1000.0, dt=1.0)
ann = o.annarchy()

N = o.N
NE = int(round(0.8 * N))
NI = N - NE
rng = np.random.RandomState(o.seed)
re = rng.random_sample(NE)
ri = rng.random_sample(NI)

izh = ann.Neuron(
    parameters="""
        a = 0.02
        b = 0.2
        c = -65.0
        d = 8.0
        noise = 5.0
    """,
    equations="""
        I = g_exc - g_inh + noise * Normal(0.0, 1.0)
        dv/dt = 0.04 * v * v + 5.0 * v + 140.0 - u + I : init = -65.0
        du/dt = a * (b * v - u)
    """,
    spike="v > 30.0",
    reset="""
        v = c
        u += d
    """,
    name="izhikevich_2003",
)
cells = ann.Population(N, izh, name="cells")
cells.a = np.concatenate([np.full(NE, 0.02), 0.02 + 0.08 * ri])
cells.b = np.concatenate([np.full(NE, 0.2), 0.25 - 0.05 * ri])
cells.c = np.concatenate([-65.0 + 15.0 * re ** 2, np.full(NI, -65.0)])
cells.d = np.concatenate([8.0 - 6.0 * re ** 2, np.full(NI, 2.0)])
cells.noise = np.concatenate([np.full(NE, 5.0), np.full(NI, 2.0)])
cells.v = -65.0
cells.u = -65.0 * np.asarray(cells.b)

exc = ann.Projection(cells[:NE], cells, "exc", name="exc")
inh = ann.Projection(cells[NE:], cells, "inh", name="inh")
if o.p is None:
    p = 1.0
    exc.connect_all_to_all(weights=ann.Uniform(0.0, 0.5))  # no self-connections (the default)
    inh.connect_all_to_all(weights=ann.Uniform(0.0, 1.0))
else:
    p = o.p
    exc.connect_fixed_probability(probability=p, weights=ann.Uniform(0.0, 0.5))
    inh.connect_fixed_probability(probability=p, weights=ann.Uniform(0.0, 1.0))
spikes = ann.Monitor(cells, "spike")

timing = o.run()

i, t = spike_arrays(spikes, o.dt)
stats = spike_statistics(i, t, N, o.T, {"exc": (0, NE), "inh": (NE, N)})
n_exc, n_inh = int(exc.nb_synapses), int(inh.nb_synapses)
report(o, timing, p=p, n_syn=n_exc + n_inh, n_syn_exc=n_exc, n_syn_inh=n_inh,
       **stats, v_mean_end=float(np.mean(cells.v)))
