"""Spike-timing-dependent plasticity (Song, Miller & Abbott 2000) in ANNarchy 4.8, the network
of bench/peers/stdp.py (Brian2) and bench/stdp.ts:

N = 1000 Poisson inputs at 15 Hz -> 1 LIF neuron, forward Euler, dt = 0.1 ms, 100 s by default:

    taum dv/dt = (El - v) + g_exc (Ee - vr),   taue dg_exc/dt = -g_exc,   spike v > vt, reset v = vr

taum = 10 ms, taue = 5 ms, El = -74 mV, vt = -54 mV, vr = -60 mV, Ee = 0 mV, v(0) = vr.
Additive STDP with all-to-all traces, taupre = taupost = 20 ms, gmax = 0.01, w(0) ~ U(0, gmax):

    pre spike:  g_exc += w;  Apre  += 0.01 gmax;    w = clip(w + Apost, 0, gmax)
    post spike: Apost += -0.0105 gmax;              w = clip(w + Apre,  0, gmax)

(the event order and parameters of ANNarchy's built-in STDP synapse, written out here).
Reported as in the Brian2 script: output rate (whole run and last 10 s), input rate (every input
is monitored), and the final w/gmax distribution.

    ~/.cache/neurarchy-peers/annarchy-4.8/venv/bin/python bench/peers/annarchy/stdp.py --T 10000
"""
import sys

import numpy as np

sys.dont_write_bytecode = True  # no __pycache__ next to the scripts
from common import cli, report, spike_arrays  # noqa: E402

o = cli("stdp", N=1000, T=100000.0, dt=0.1)
ann = o.annarchy()

N = o.N
gmax = 0.01
lif = ann.Neuron(
    parameters="""
        taum = 10.0 : population
        taue = 5.0 : population
        El = -74.0 : population
        vt = -54.0 : population
        vr = -60.0 : population
        Ee = 0.0 : population
    """,
    equations="""
        taum * dv/dt = (El - v) + g_exc * (Ee - vr) : init = -60.0
        taue * dg_exc/dt = -g_exc
    """,
    spike="v > vt",
    reset="v = vr",
    name="stdp_lif",
)
stdp = ann.Synapse(
    parameters=f"""
        taupre = 20.0 : projection
        taupost = 20.0 : projection
        gmax = {gmax!r} : projection
        dApre = {0.01 * gmax!r} : projection
        dApost = {-0.0105 * gmax!r} : projection
    """,
    equations="""
        taupre * dApre_trace/dt = -Apre_trace : event-driven
        taupost * dApost_trace/dt = -Apost_trace : event-driven
    """,
    pre_spike="""
        g_target += w
        Apre_trace += dApre
        w = clip(w + Apost_trace, 0.0, gmax)
    """,
    post_spike="""
        Apost_trace += dApost
        w = clip(w + Apre_trace, 0.0, gmax)
    """,
    name="song_stdp",
)
inputs = ann.PoissonPopulation(N, rates=15.0, name="inputs")
out = ann.Population(1, lif, name="out")
syn = ann.Projection(inputs, out, "exc", synapse=stdp, name="stdp")
syn.connect_all_to_all(weights=ann.Uniform(0.0, gmax))
out_spikes = ann.Monitor(out, "spike")
in_spikes = ann.Monitor(inputs, "spike")

timing = o.run()

_, t_out = spike_arrays(out_spikes, o.dt)
n_in = int(sum(len(s) for s in in_spikes.get("spike").values()))
w = np.concatenate([np.asarray(x, dtype=float) for x in syn.w]) / gmax
T_s = o.T / 1000.0
last = min(10000.0, o.T)
hist, _ = np.histogram(w, bins=10, range=(0.0, 1.0))
report(o, timing, n_syn=int(syn.nb_synapses), spikes=int(len(t_out)),
       out_rate_hz=len(t_out) / T_s if T_s > 0 else None,
       out_rate_last10s_hz=float((t_out >= o.T - last).sum()) / (last / 1000.0) if last > 0 else None,
       in_rate_hz=n_in / N / T_s if T_s > 0 else None,
       w_mean_over_gmax=float(w.mean()), w_std_over_gmax=float(w.std()),
       w_frac_lt_0_1=float((w < 0.1).mean()), w_frac_gt_0_9=float((w > 0.9).mean()),
       w_hist10=hist.tolist())
