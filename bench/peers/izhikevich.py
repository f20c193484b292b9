"""Izhikevich (2003) pulse-coupled network in Brian2, made equivalent to ANNarchy's
examples/izhikevich/Izhikevich.py (built-in Izhikevich neuron), forward Euler, dt = 1 ms:

    dv/dt = 0.04 v^2 + 5 v + 140 - u + I,   du/dt = a (b v - u)       (per ms)
    I = g_exc - g_inh + noise * N(0, 1)     (a fresh normal sample every step)
    spike v > 30, reset v = c; u += d

800 excitatory neurons (a = 0.02, b = 0.2, c = -65 + 15 re^2, d = 8 - 6 re^2) and 200 inhibitory
ones (a = 0.02 + 0.08 ri, b = 0.25 - 0.05 ri, c = -65, d = 2), re, ri ~ U(0, 1) drawn with numpy
RandomState(seed); noise 5 (exc) / 2 (inh); v(0) = -65, u(0) = b v(0). All-to-all without
self-connections (999 000 synapses at N = 1000), exc weights U(0, 0.5), inh weights U(0, 1).

The synaptic input lasts exactly one step, as ANNarchy's g_exc/g_inh (reset after every update):
the current I is overwritten with the noise sample right after the state update
(`when='after_groups'`), and the spikes of this step then add +w / -w to it for the next update.
(Brian2's own example of this paper uses a +w / -w pair of delayed pathways instead.)

    /usr/bin/python3 bench/peers/izhikevich.py --mode cython
"""
import numpy as np

import sys

sys.dont_write_bytecode = True  # no __pycache__ next to the scripts
from common import cli, report, spike_statistics

o = cli("izhikevich", N=1000, T=1000.0, dt=1.0)
b2 = o.brian2()
from brian2 import NeuronGroup, Synapses, SpikeMonitor, Network, ms  # noqa: E402

N = o.N
NE = int(round(0.8 * N))
NI = N - NE
ns = dict(NE=NE)
rng = np.random.RandomState(o.seed)
re = rng.random_sample(NE)
ri = rng.random_sample(NI)

cells = NeuronGroup(
    N,
    """
    dv/dt = (0.04*v**2 + 5*v + 140 - u + I) / ms : 1
    du/dt = a * (b*v - u) / ms : 1
    I : 1
    a : 1 (constant)
    b : 1 (constant)
    c : 1 (constant)
    d : 1 (constant)
    noise : 1 (constant)
    """,
    threshold="v > 30", reset="v = c\nu += d", method="euler", namespace=ns, name="cells")
cells.a = np.concatenate([np.full(NE, 0.02), 0.02 + 0.08 * ri])
cells.b = np.concatenate([np.full(NE, 0.2), 0.25 - 0.05 * ri])
cells.c = np.concatenate([-65.0 + 15.0 * re ** 2, np.full(NI, -65.0)])
cells.d = np.concatenate([8.0 - 6.0 * re ** 2, np.full(NI, 2.0)])
cells.noise = np.concatenate([np.full(NE, 5.0), np.full(NI, 2.0)])
cells.v = -65.0
cells.u = "b * v"
cells.I = "noise * randn()"  # the input of the first step
# After the state update: start the next step's input with a new noise sample.
cells.run_regularly("I = noise * randn()", when="after_groups", name="noise_and_reset")

if o.p is None:
    conn = dict()
    p = 1.0
else:
    conn = dict(p=o.p)
    p = o.p
exc = Synapses(cells[:NE], cells, "w : 1 (constant)", on_pre="I_post += w", namespace=ns, name="exc")
exc.connect(condition="i != j", **conn)
exc.w = "0.5 * rand()"
inh = Synapses(cells[NE:], cells, "w : 1 (constant)", on_pre="I_post -= w", namespace=ns, name="inh")
inh.connect(condition="i + NE != j", namespace=ns, **conn)
inh.w = "rand()"
spikes = SpikeMonitor(cells, name="spikes")

net = Network(cells, exc, inh, spikes)
timing = o.run(net, ns)

stats = spike_statistics(spikes.i[:], spikes.t[:] / ms, N, o.T, {"exc": (0, NE), "inh": (NE, N)})
report(o, timing, p=p, n_syn=int(len(exc) + len(inh)), n_syn_exc=int(len(exc)), n_syn_inh=int(len(inh)),
       **stats, v_mean_end=float(np.mean(cells.v[:])))
