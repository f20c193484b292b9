"""The seeds' network (ANNarchy manual, first example; neurarchy's examples/oja.ts) in Brian2:
two populations of N = 100 leaky integrators, pop1 -> pop2 all-to-all, Oja's learning rule.

    neuron:  tau dmp/dt + mp = baseline + sum(exc),   r = pos(mp)       tau = 10, baseline = -0.2
    synapse: tau_w dw/dt = pre.r * post.r - alpha * post.r^2 * w        tau_w = 5000, alpha = 8

w(0) ~ U(0, 1), dt = 1 ms, 1000 ms, forward Euler.

Input (our choice, the same as examples/oja.ts): pop1 receives a fixed bump through its
baseline, baseline_i = exp(-(i - N/2)^2 / 200) (i = 0..N-1, so the bump is centred on neuron 50
for N = 100 and replaces the -0.2); pop2 keeps baseline = -0.2 and is driven by pop1 only.
pop1 relaxes to r = baseline, pop2 rises, and Oja's rule then shrinks and aligns the weights of
every pop2 neuron with the bump (squared norm per dendrite -> about 1/alpha).

Schedule, as ANNarchy: sum(exc) uses w and pop1.r of the previous step (the summed variable runs
before the neurons), then mp and r = pos(mp) are updated, then w is updated with the new r
(the synapses' state update is ordered after the neurons').

    /usr/bin/python3 bench/peers/oja.py --mode numpy
"""
import numpy as np

import sys

sys.dont_write_bytecode = True  # no __pycache__ next to the scripts
from common import cli, report

o = cli("oja", N=100, T=1000.0, dt=1.0)
b2 = o.brian2()
from brian2 import NeuronGroup, Synapses, StateMonitor, Network, ms  # noqa: E402

N = o.N
ns = dict(tau=10 * ms, tau_w=5000 * ms, alpha=8.0)
leaky = """
    dmp/dt = (baseline + s_exc - mp) / tau : 1
    r = clip(mp, 0, inf) : 1
    s_exc : 1
    baseline : 1 (constant)
    """
pop1 = NeuronGroup(N, leaky, method="euler", namespace=ns, name="pop1", order=0)
pop2 = NeuronGroup(N, leaky, method="euler", namespace=ns, name="pop2", order=0)
pop1.baseline = np.exp(-((np.arange(N) - N // 2) ** 2) / 200.0)
pop2.baseline = -0.2
# order=1: the weight update runs after both populations' state updates in the same step
# (the summed variable updater always runs just before its target group).
oja = Synapses(pop1, pop2, """
    dw/dt = (r_pre * r_post - alpha * r_post**2 * w) / tau_w : 1 (clock-driven)
    s_exc_post = w * r_pre : 1 (summed)
    """, method="euler", namespace=ns, name="oja", order=1)
oja.connect()
oja.w = "rand()"
r2 = StateMonitor(pop2, "r", record=True, dt=100 * ms, when="end", name="r2")

net = Network(pop1, pop2, oja, r2)
timing = o.run(net, ns)

w = np.asarray(oja.w[:])
post = np.asarray(oja.j[:])
norm2 = np.bincount(post, weights=w * w, minlength=N)
r_end = np.asarray(pop2.r[:])
report(o, timing, n_syn=int(len(w)), input="pop1.baseline = exp(-(i-N/2)^2/200)",
       w_mean=float(w.mean()), w_std=float(w.std()), w_min=float(w.min()), w_max=float(w.max()),
       w_norm2_mean=float(norm2.mean()),
       r2_mean_end=float(r_end.mean()), r2_max_end=float(r_end.max()),
       r1_mean_end=float(np.asarray(pop1.r[:]).mean()),
       r2_mean_trace=[round(float(x), 6) for x in np.asarray(r2.r[:]).mean(axis=0)])
