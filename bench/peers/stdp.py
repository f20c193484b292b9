"""Spike-timing-dependent plasticity (Song, Miller & Abbott 2000) in Brian2, after Brian2's
examples/synapses/STDP.py and ANNarchy's examples/simple_stdp/SimpleSTDPModel.py:

N = 1000 Poisson inputs at 15 Hz -> 1 LIF neuron, forward Euler, dt = 0.1 ms, 100 s by default:

    taum dv/dt = (El - v) + g_exc (Ee - vr),   taue dg_exc/dt = -g_exc,   spike v > vt, reset v = vr

taum = 10 ms, taue = 5 ms, El = -74 mV, vt = -54 mV, vr = -60 mV, Ee = 0 mV, v(0) = vr.
Additive STDP, all-to-all traces, taupre = taupost = 20 ms, gmax = 0.01, w(0) ~ U(0, gmax):

    pre spike:  g_exc += w;  Apre  += 0.01 gmax;    w = clip(w + Apost, 0, gmax)
    post spike: Apost += -0.0105 gmax;              w = clip(w + Apre,  0, gmax)

Reported: output rate (whole run and last 10 s), input rate, and the final w/gmax distribution
(mean, fractions < 0.1 and > 0.9, 10-bin histogram over [0, 1]). After 100 s the distribution
is bimodal; over short runs it stays close to uniform.

    /usr/bin/python3 bench/peers/stdp.py --mode cpp_standalone          # 100 s
"""
import numpy as np

import sys

sys.dont_write_bytecode = True  # no __pycache__ next to the scripts
from common import cli, report

o = cli("stdp", N=1000, T=100000.0, dt=0.1)
b2 = o.brian2()
from brian2 import NeuronGroup, PoissonGroup, Synapses, SpikeMonitor, Network, ms, mV, Hz  # noqa: E402

N = o.N
gmax = 0.01
ns = dict(taum=10 * ms, taue=5 * ms, El=-74 * mV, vt=-54 * mV, vr=-60 * mV, Ee=0 * mV,
          taupre=20 * ms, taupost=20 * ms, gmax=gmax, dApre=0.01 * gmax, dApost=-0.0105 * gmax)

inputs = PoissonGroup(N, rates=15 * Hz, name="inputs")
out = NeuronGroup(1, """
    dv/dt = ((El - v) + g_exc * (Ee - vr)) / taum : volt
    dg_exc/dt = -g_exc / taue : 1
    """, threshold="v > vt", reset="v = vr", method="euler", namespace=ns, name="out")
out.v = -60 * mV
syn = Synapses(inputs, out, """
    w : 1
    dApre/dt = -Apre / taupre : 1 (event-driven)
    dApost/dt = -Apost / taupost : 1 (event-driven)
    """,
    on_pre="g_exc_post += w\nApre += dApre\nw = clip(w + Apost, 0, gmax)",
    on_post="Apost += dApost\nw = clip(w + Apre, 0, gmax)",
    namespace=ns, name="stdp")
syn.connect()
syn.w = "rand() * gmax"
out_spikes = SpikeMonitor(out, name="out_spikes")
in_count = SpikeMonitor(inputs, record=False, name="in_count")

net = Network(inputs, out, syn, out_spikes, in_count)
timing = o.run(net, ns)

t_out = np.asarray(out_spikes.t[:] / ms)
w = np.asarray(syn.w[:]) / gmax
T_s = o.T / 1000.0
last = min(10000.0, o.T)
hist, _ = np.histogram(w, bins=10, range=(0.0, 1.0))
report(o, timing, n_syn=int(len(syn)), spikes=int(len(t_out)),
       out_rate_hz=len(t_out) / T_s if T_s > 0 else None,
       out_rate_last10s_hz=float((t_out >= o.T - last).sum()) / (last / 1000.0) if last > 0 else None,
       in_rate_hz=int(in_count.num_spikes) / N / T_s if T_s > 0 else None,
       w_mean_over_gmax=float(w.mean()), w_std_over_gmax=float(w.std()),
       w_frac_lt_0_1=float((w < 0.1).mean()), w_frac_gt_0_9=float((w > 0.9).mean()),
       w_hist10=hist.tolist())
