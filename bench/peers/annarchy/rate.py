"""Random recurrent rate network (Sompolinsky, Crisanti & Sommers 1988 type) in ANNarchy 4.8,
the network of bench/peers/rate.py (Brian2) and bench/rate.ts:

    tau dx/dt = -x + g * sum_j J_ij r_j,   r = tanh(x)      tau = 10 ms, g = 1.5, forward Euler

Dense all-to-all without self-connections (N(N-1) synapses), J_ij ~ N(0, 1/N), x(0) ~ U(-1, 1),
dt = 1 ms, 1000 ms. x0 and then J (an (N, N) [post, pre] array, diagonal zeroed) come from numpy
RandomState(seed), exactly as in the Brian2 script, so all three simulators integrate the same
matrix and the trajectories agree to rounding. With --weights FILE.npz, J and x0 are read from
the file instead (N then comes from the file).

ANNarchy's own schedule: sum(exc) with r of the previous step, then x, then r = tanh(x). r of
neurons 0..9 is recorded every step, so r0_at_10ms is r of neuron 0 after 10 steps.

    ~/.cache/neurarchy-peers/annarchy-4.8/venv/bin/python bench/peers/annarchy/rate.py --N 4000
"""
import sys

import numpy as np

sys.dont_write_bytecode = True  # no __pycache__ next to the scripts
from common import cli, rate_weights, report  # noqa: E402


def extra(ap):
    ap.add_argument("--weights", default=None, help="npz file with J (N x N, [post, pre]) and x0 (N)")
    ap.add_argument("--save-weights", default=None, help="write the drawn J and x0 to this npz file")
    ap.add_argument("--g", type=float, default=1.5, help="gain g (default 1.5)")


o = cli("rate", extra=extra, N=1000, T=1000.0, dt=1.0)
# Read or draw J and x0 (paths on the command line are relative to the caller's folder).
J, x0, source = rate_weights(o)

ann = o.annarchy()
from scipy.sparse import csc_matrix  # noqa: E402

N = o.N
unit = ann.Neuron(
    parameters=f"""
        tau = 10.0 : population
        g = {o.g!r} : population
    """,
    equations="""
        tau * dx/dt = -x + g * sum(exc)
        r = tanh(x)
    """,
    name="tanh_unit",
)
cells = ann.Population(N, unit, name="cells")
cells.x = x0
cells.r = np.tanh(x0)

rec = ann.Projection(cells, cells, "exc", name="rec")
# A scipy sparse matrix is indexed [pre, post] in ANNarchy: J's transpose. The zero diagonal is
# not stored, so there are no self-connections.
rec.connect_from_sparse(csc_matrix(J.T))
del J
trace = ann.Monitor(cells[:min(10, N)], "r")

timing = o.run()

tr = np.asarray(trace.get("r"))  # (steps, 10)
r = np.tanh(np.asarray(cells.x))
report(o, timing, variant="r-variable", weights=source, g=o.g, n_syn=int(rec.nb_synapses),
       r0_at_10ms=float(tr[9, 0]) if tr.shape[0] > 9 else None,
       r_absmean_end=float(np.abs(r).mean()), r_mean_end=float(r.mean()), r_std_end=float(r.std()),
       trace_steps=int(tr.shape[0]))
