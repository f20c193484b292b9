"""COBA network (Vogels & Abbott 2005; Brette et al. 2007 benchmark 1) in ANNarchy 4.8.

The network of bench/peers/coba.py (Brian2) and bench/coba.ts, forward Euler:

    tau dv/dt = (El - v) + g_exc (E_exc - v) + g_inh (E_inh - v) + I    (refractory 5 ms)
    tau_exc dg_exc/dt = -g_exc,   tau_inh dg_inh/dt = -g_inh
    spike v > Vt, reset v = Vr

tau = 20 ms, El = Vr = -60 mV, Vt = -50 mV, E_exc = 0 mV, E_inh = -80 mV, tau_exc = 5 ms,
tau_inh = 10 ms, I = 20 mV; conductances in units of g_L = 10 nS: we = 0.6, wi = 6.7.
80 % excitatory, 20 % inhibitory, probability p = 80/N, no self-connections.
v(0) ~ N(-55, 5) mV, g_exc(0) ~ N(4, 1.5), g_inh(0) ~ N(20, 12). dt = 0.1 ms, 1000 ms.

    ~/.cache/neurarchy-peers/annarchy-4.8/venv/bin/python bench/peers/annarchy/coba.py --N 20000
"""
import sys

sys.dont_write_bytecode = True  # no __pycache__ next to the scripts
from common import cli, report, spike_arrays, spike_statistics  # noqa: E402

o = cli("coba", N=4000, T=1000.0, dt=0.1)
ann = o.annarchy()

N = o.N
NE = int(round(0.8 * N))
p = o.p if o.p is not None else 80.0 / N

lif = ann.Neuron(
    parameters="""
        tau = 20.0 : population
        El = -60.0 : population
        Vr = -60.0 : population
        Vt = -50.0 : population
        E_exc = 0.0 : population
        E_inh = -80.0 : population
        tau_exc = 5.0 : population
        tau_inh = 10.0 : population
        I = 20.0 : population
    """,
    equations="""
        tau * dv/dt = (El - v) + g_exc * (E_exc - v) + g_inh * (E_inh - v) + I
        tau_exc * dg_exc/dt = -g_exc
        tau_inh * dg_inh/dt = -g_inh
    """,
    spike="v > Vt",
    reset="v = Vr",
    refractory=5.0,
    name="coba_lif",
)
cells = ann.Population(N, lif, name="cells")
cells.v = ann.Normal(-55.0, 5.0)
cells.g_exc = ann.Normal(4.0, 1.5)
cells.g_inh = ann.Normal(20.0, 12.0)

exc = ann.Projection(cells[:NE], cells, "exc", name="exc")
exc.connect_fixed_probability(probability=p, weights=0.6)  # no self-connections (the default)
inh = ann.Projection(cells[NE:], cells, "inh", name="inh")
inh.connect_fixed_probability(probability=p, weights=6.7)
spikes = ann.Monitor(cells, "spike")

timing = o.run()

i, t = spike_arrays(spikes, o.dt)
stats = spike_statistics(i, t, N, o.T, {"exc": (0, NE), "inh": (NE, N)})
n_exc, n_inh = int(exc.nb_synapses), int(inh.nb_synapses)
report(o, timing, p=p, n_syn=n_exc + n_inh, n_syn_exc=n_exc, n_syn_inh=n_inh,
       **stats, v_mean_end_mV=float(cells.v.mean()))
