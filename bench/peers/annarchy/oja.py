"""The seeds' network (ANNarchy manual, first example; neurarchy's examples/oja.ts) in ANNarchy
4.8, the network of bench/peers/oja.py (Brian2): two populations of N = 100 leaky integrators,
pop1 -> pop2 all-to-all, Oja's learning rule.

    neuron:  tau dmp/dt + mp = baseline + sum(exc),   r = pos(mp)       tau = 10, baseline = -0.2
    synapse: tau_w dw/dt = pre.r * post.r - alpha * post.r^2 * w        tau_w = 5000, alpha = 8

w(0) ~ U(0, 1), dt = 1 ms, 1000 ms, forward Euler. Input, as in the Brian2 script: pop1's
baseline is a fixed bump, baseline_i = exp(-(i - N/2)^2 / 200); pop2 keeps -0.2.
ANNarchy's schedule: sum(exc) with the old w and pop1.r, then mp and r, then w with the new r.

    ~/.cache/neurarchy-peers/annarchy-4.8/venv/bin/python bench/peers/annarchy/oja.py --N 1000
"""
import sys

import numpy as np

sys.dont_write_bytecode = True  # no __pycache__ next to the scripts
from common import cli, report  # noqa: E402

o = cli("oja", N=100, T=1000.0, dt=1.0)
ann = o.annarchy()

N = o.N
leaky = ann.Neuron(
    parameters="""
        tau = 10.0 : population
        baseline = -0.2
    """,
    equations="""
        tau * dmp/dt + mp = baseline + sum(exc)
        r = pos(mp)
    """,
    name="leaky",
)
oja_rule = ann.Synapse(
    parameters="""
        tau_w = 5000.0 : projection
        alpha = 8.0 : projection
    """,
    equations="""
        tau_w * dw/dt = pre.r * post.r - alpha * post.r * post.r * w
    """,
    name="oja_rule",
)
pop1 = ann.Population(N, leaky, name="pop1")
pop2 = ann.Population(N, leaky, name="pop2")
pop1.baseline = np.exp(-((np.arange(N) - N // 2) ** 2) / 200.0)
pop2.baseline = -0.2
proj = ann.Projection(pop1, pop2, "exc", synapse=oja_rule, name="oja")
proj.connect_all_to_all(weights=ann.Uniform(0.0, 1.0))
r2 = ann.Monitor(pop2, "r", period=100.0)

timing = o.run()

rows = [np.asarray(x, dtype=float) for x in proj.w]  # one dendrite (pop2 neuron) per row
w = np.concatenate(rows)
norm2 = np.array([float((x * x).sum()) for x in rows])
r_end = np.asarray(pop2.r, dtype=float)
trace = np.asarray(r2.get("r"), dtype=float)  # (samples, N)
report(o, timing, n_syn=int(proj.nb_synapses), input="pop1.baseline = exp(-(i-N/2)^2/200)",
       w_mean=float(w.mean()), w_std=float(w.std()), w_min=float(w.min()), w_max=float(w.max()),
       w_norm2_mean=float(norm2.mean()),
       r2_mean_end=float(r_end.mean()), r2_max_end=float(r_end.max()),
       r1_mean_end=float(np.asarray(pop1.r, dtype=float).mean()),
       r2_mean_trace=[round(float(x), 6) for x in trace.mean(axis=1)])
