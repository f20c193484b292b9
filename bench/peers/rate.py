"""Random recurrent rate network (Sompolinsky, Crisanti & Sommers 1988 type) in Brian2.

    tau dx/dt = -x + g * sum_j J_ij r_j,   r = tanh(x)      tau = 10 ms, g = 1.5, forward Euler

Dense all-to-all without self-connections (N(N-1) synapses), J_ij ~ N(0, 1/N), x(0) ~ U(-1, 1),
dt = 1 ms, 1000 ms. x0 and J are drawn with numpy RandomState(seed), x0 first, then J as an
(N, N) [post, pre] array, diagonal zeroed: the same matrix as ANNarchy's and neurarchy's
bench/rate.ts. With --weights FILE.npz, J (post x pre) and x0 are read from the file instead
(the diagonal of J is ignored: no self-connections) and N is taken from the file.

Schedule, as ANNarchy: the weighted sum uses r of the previous step, then x is updated, then
r = tanh(x) (r is a stored variable updated once per step, `when='after_groups'`; the option
--r-subexpression makes r = tanh(x) a Brian2 subexpression instead, which is the idiomatic form
but evaluates tanh once per synapse in the summed variable). r of neurons 0..9 is recorded at the
end of every step, so r0_at_10ms is r of neuron 0 after 10 steps.

    /usr/bin/python3 bench/peers/rate.py --mode cpp_standalone --weights /tmp/rate1000.npz
    /usr/bin/python3 bench/peers/rate.py --N 1000 --save-weights /tmp/rate1000.npz --T 0
"""
import numpy as np

import sys

sys.dont_write_bytecode = True  # no __pycache__ next to the scripts
from common import cli, rate_weights, report


def extra(ap):
    ap.add_argument("--weights", default=None, help="npz file with J (N x N, [post, pre]) and x0 (N)")
    ap.add_argument("--save-weights", default=None, help="write the drawn J and x0 to this npz file")
    ap.add_argument("--r-subexpression", action="store_true", help="r = tanh(x) as a subexpression")
    ap.add_argument("--g", type=float, default=1.5, help="gain g (default 1.5)")


o = cli("rate", extra=extra, N=1000, T=1000.0, dt=1.0)
# Read or draw J and x0 (paths on the command line are relative to the caller's folder).
J, x0, source = rate_weights(o)

b2 = o.brian2()
from brian2 import NeuronGroup, Synapses, StateMonitor, Network, ms  # noqa: E402

N = o.N
ns = dict(tau=10 * ms, g=o.g)
r_def = "r = tanh(x) : 1" if o.r_subexpression else "r : 1"
cells = NeuronGroup(N, "dx/dt = (-x + g * s_exc) / tau : 1\ns_exc : 1\n" + r_def,
                    method="euler", namespace=ns, name="cells")
cells.x = x0
if not o.r_subexpression:
    cells.r = np.tanh(x0)
    cells.run_regularly("r = tanh(x)", when="after_groups", name="rate_update")

post, pre = np.nonzero(~np.eye(N, dtype=bool))  # every (post, pre) pair except the diagonal
syn = Synapses(cells, cells, "w : 1 (constant)\ns_exc_post = w * r_pre : 1 (summed)", namespace=ns, name="rec")
syn.connect(i=pre.astype(np.int32), j=post.astype(np.int32))
syn.w = J[post, pre]
del post, pre, J
trace = StateMonitor(cells, "r", record=np.arange(min(10, N)), when="end", name="trace")

net = Network(cells, syn, trace)
timing = o.run(net, ns)

r = np.tanh(np.asarray(cells.x[:]))
tr = np.asarray(trace.r[:])  # (10, steps)
report(o, timing, variant="r-subexpression" if o.r_subexpression else "r-variable", weights=source,
       g=o.g, n_syn=int(len(syn)),
       r0_at_10ms=float(tr[0, 9]) if tr.shape[1] > 9 else None,
       r_absmean_end=float(np.abs(r).mean()), r_mean_end=float(r.mean()), r_std_end=float(r.std()),
       trace_steps=int(tr.shape[1]))
