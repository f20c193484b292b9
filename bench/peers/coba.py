"""COBA network (Vogels & Abbott 2005; Brette et al. 2007 benchmark 1) in Brian2.

Model of ANNarchy's examples/vogels_abbott/COBA.py, written for Brian2 (forward Euler):

    tau dv/dt = (El - v) + g_exc (Erev_exc - v) + g_inh (Erev_inh - v) + I     (v clamped while refractory)
    tau_exc dg_exc/dt = -g_exc,   tau_inh dg_inh/dt = -g_inh
    spike v > Vt, reset v = Vr, refractory 5 ms

tau = 20 ms, El = Vr = -60 mV, Vt = -50 mV, Erev_exc = 0 mV, Erev_inh = -80 mV, tau_exc = 5 ms,
tau_inh = 10 ms, I = 20 mV. Conductances are in units of g_L = 10 nS, so a spike adds we = 0.6
(6 nS) to g_exc or wi = 6.7 (67 nS) to g_inh. 80 % excitatory, 20 % inhibitory, random
connectivity with probability p = 80/N (0.02 at N = 4000), no self-connections.
Initial v ~ N(-55, 5) mV, g_exc ~ N(4, 1.5), g_inh ~ N(20, 12). dt = 0.1 ms, 1000 ms.

    /usr/bin/python3 bench/peers/coba.py --mode cpp_standalone --N 20000
"""
import sys

sys.dont_write_bytecode = True  # no __pycache__ next to the scripts
from common import cli, report, spike_statistics

o = cli("coba", N=4000, T=1000.0, dt=0.1)
b2 = o.brian2()
from brian2 import NeuronGroup, Synapses, SpikeMonitor, Network, ms, mV  # noqa: E402

N = o.N
NE = int(round(0.8 * N))
p = o.p if o.p is not None else 80.0 / N
ns = dict(tau=20 * ms, El=-60 * mV, Vr=-60 * mV, Vt=-50 * mV, E_exc=0 * mV, E_inh=-80 * mV,
          tau_exc=5 * ms, tau_inh=10 * ms, I=20 * mV, we=0.6, wi=6.7, NE=NE)

cells = NeuronGroup(
    N,
    """
    dv/dt = ((El - v) + g_exc * (E_exc - v) + g_inh * (E_inh - v) + I) / tau : volt (unless refractory)
    dg_exc/dt = -g_exc / tau_exc : 1
    dg_inh/dt = -g_inh / tau_inh : 1
    """,
    threshold="v > Vt", reset="v = Vr", refractory=5 * ms, method="euler", namespace=ns, name="cells")
cells.v = "-55*mV + 5*mV*randn()"
cells.g_exc = "4.0 + 1.5*randn()"
cells.g_inh = "20.0 + 12.0*randn()"

# Source indices of a subgroup start at 0, targets at 0: exclude i == j in absolute numbering.
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
