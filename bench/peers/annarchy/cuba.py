"""CUBA network (Vogels & Abbott 2005; Brette et al. 2007 benchmark 2) in ANNarchy 4.8.

The network of bench/peers/cuba.py (Brian2) and bench/cuba.ts, forward Euler:

    tau_m dv/dt = (El - v) + g_exc + g_inh      (refractory 5 ms)
    tau_exc dg_exc/dt = -g_exc,   tau_inh dg_inh/dt = -g_inh
    spike v > Vt, reset v = Vr

tau_m = 20 ms, El = -49 mV, Vr = -60 mV, Vt = -50 mV, tau_exc = 5 ms, tau_inh = 10 ms; a spike
adds we = 60*0.27/10 = 1.62 mV to g_exc or wi = -20*4.5/10 = -9 mV to g_inh. 80/20 exc/inh,
p = 80/N, no self-connections, v(0) ~ U(-60, -50) mV, dt = 0.1 ms, 1000 ms.

    ~/.cache/neurarchy-peers/annarchy-4.8/venv/bin/python bench/peers/annarchy/cuba.py
"""
import sys

sys.dont_write_bytecode = True  # no __pycache__ next to the scripts
from common import cli, report, spike_arrays, spike_statistics  # noqa: E402

o = cli("cuba", N=4000, T=1000.0, dt=0.1)
ann = o.annarchy()

N = o.N
NE = int(round(0.8 * N))
p = o.p if o.p is not None else 80.0 / N
we = 60 * 0.27 / 10  # mV
wi = -20 * 4.5 / 10  # mV

lif = ann.Neuron(
    parameters="""
        tau_m = 20.0 : population
        El = -49.0 : population
        Vr = -60.0 : population
        Vt = -50.0 : population
        tau_exc = 5.0 : population
        tau_inh = 10.0 : population
    """,
    equations="""
        tau_m * dv/dt = (El - v) + g_exc + g_inh
        tau_exc * dg_exc/dt = -g_exc
        tau_inh * dg_inh/dt = -g_inh
    """,
    spike="v > Vt",
    reset="v = Vr",
    refractory=5.0,
    name="cuba_lif",
)
cells = ann.Population(N, lif, name="cells")
cells.v = ann.Uniform(-60.0, -50.0)

exc = ann.Projection(cells[:NE], cells, "exc", name="exc")
exc.connect_fixed_probability(probability=p, weights=we)
inh = ann.Projection(cells[NE:], cells, "inh", name="inh")
inh.connect_fixed_probability(probability=p, weights=wi)  # negative: g_inh pulls v down
spikes = ann.Monitor(cells, "spike")

timing = o.run()

i, t = spike_arrays(spikes, o.dt)
stats = spike_statistics(i, t, N, o.T, {"exc": (0, NE), "inh": (NE, N)})
n_exc, n_inh = int(exc.nb_synapses), int(inh.nb_synapses)
report(o, timing, p=p, n_syn=n_exc + n_inh, n_syn_exc=n_exc, n_syn_inh=n_inh,
       **stats, v_mean_end_mV=float(cells.v.mean()))
