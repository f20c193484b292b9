"""CUBA network (Vogels & Abbott 2005; Brette et al. 2007 benchmark 2) in Brian2.

Model of ANNarchy's examples/vogels_abbott/CUBA.py (= Brian2's examples/CUBA.py), forward Euler:

    tau_m dv/dt = (El - v) + g_exc + g_inh     (v clamped while refractory)
    tau_exc dg_exc/dt = -g_exc,   tau_inh dg_inh/dt = -g_inh
    spike v > Vt, reset v = Vr, refractory 5 ms

tau_m = 20 ms, El = -49 mV, Vr = -60 mV, Vt = -50 mV, tau_exc = 5 ms, tau_inh = 10 ms;
a spike adds we = 60*0.27/10 = 1.62 mV to g_exc or wi = -20*4.5/10 = -9 mV to g_inh.
80/20 exc/inh, p = 80/N (0.02 at N = 4000), no self-connections, v(0) ~ U(-60, -50) mV,
dt = 0.1 ms, 1000 ms. (Brian2's own example integrates exactly, method 'linear'; here it is
'euler' like ANNarchy and neurarchy.)

    /usr/bin/python3 bench/peers/cuba.py --mode numpy --N 4000
"""
import sys

sys.dont_write_bytecode = True  # no __pycache__ next to the scripts
from common import cli, report, spike_statistics

o = cli("cuba", N=4000, T=1000.0, dt=0.1)
b2 = o.brian2()
from brian2 import NeuronGroup, Synapses, SpikeMonitor, Network, ms, mV  # noqa: E402

N = o.N
NE = int(round(0.8 * N))
p = o.p if o.p is not None else 80.0 / N
ns = dict(tau_m=20 * ms, El=-49 * mV, Vr=-60 * mV, Vt=-50 * mV, tau_exc=5 * ms, tau_inh=10 * ms,
          we=60 * 0.27 / 10 * mV, wi=-20 * 4.5 / 10 * mV, NE=NE)

cells = NeuronGroup(
    N,
    """
    dv/dt = ((El - v) + g_exc + g_inh) / tau_m : volt (unless refractory)
    dg_exc/dt = -g_exc / tau_exc : volt
    dg_inh/dt = -g_inh / tau_inh : volt
    """,
    threshold="v > Vt", reset="v = Vr", refractory=5 * ms, method="euler", namespace=ns, name="cells")
cells.v = "-60*mV + 10*mV*rand()"

exc = Synapses(cells[:NE], cells, on_pre="g_exc_post += we", namespace=ns, name="exc")
exc.connect(condition="i != j", p=p)
inh = Synapses(cells[NE:], cells, on_pre="g_inh_post += wi", namespace=ns, name="inh")
inh.connect(condition="i + NE != j", p=p, namespace=ns)
spikes = SpikeMonitor(cells, name="spikes")

net = Network(cells, exc, inh, spikes)
timing = o.run(net, ns)

stats = spike_statistics(spikes.i[:], spikes.t[:] / ms, N, o.T, {"exc": (0, NE), "inh": (NE, N)})
report(o, timing, p=p, n_syn=int(len(exc) + len(inh)), n_syn_exc=int(len(exc)), n_syn_inh=int(len(inh)),
       **stats, v_mean_end_mV=float((cells.v[:] / mV).mean()))
