"""Shared plumbing of neurarchy's Brian2 peer benchmarks (bench/peers/*.py).

Each model script does four things with the helpers here:

    opts = cli("coba", N=4000, T=1000.0, dt=0.1)          # parse the command line, start the clock
    b2 = opts.brian2()                                      # import Brian2, pick numpy / cython / standalone
    ... build the network (Network object `net`, explicit namespace dict) ...
    timing = opts.run(net, namespace)                       # setup_s / build_s / run_s
    report(opts, timing, model="coba", ...)                 # prints the one `RESULT {json}` line

Timing split (seconds of wall time, time.perf_counter):
  setup_s  from the start of the script (Brian2 import included) until the network is built
           (groups, connect(), initial values, monitors). For Cython this already compiles the
           connect/initialiser code; for cpp_standalone it only records what to generate.
  build_s  code generation + compilation. numpy/cython: run() wall time minus the loop time.
           cpp_standalone: run() + device.build() wall time minus the time the binary ran.
  run_s    the simulation loop only. numpy/cython: Brian2's own loop timer
           (device._last_run_time); cpp_standalone: the loop time the binary reports.
  exec_s   (cpp_standalone only) wall time of the binary: run_s plus the synapse creation and
           initialisation that happen inside it, plus writing the results.

Use /usr/bin/python3 (Debian's Python with python3-brian), not a pyenv python.
"""
import argparse
import atexit
import json
import os
import platform
import shutil
import sys
import tempfile
import time
import warnings

T_START = time.perf_counter()

MODES = ("numpy", "cython", "cpp_standalone")


class PeerOptions:
    """The parsed command line and the work folder, shared by the Brian2 and ANNarchy scripts."""

    def __init__(self, model, ns):
        self.model = model
        self.__dict__.update(vars(ns))
        self._tmp = None
        self._cwd = os.getcwd()

    def path(self, p):
        """A path given on the command line, relative to the folder the script was started in."""
        return p if os.path.isabs(p) else os.path.join(self._cwd, p)

    def finish(self):
        os.chdir(self._cwd)
        if self._tmp and not self.keep:
            shutil.rmtree(self._tmp, ignore_errors=True)
            self._tmp = None

    def enter_workdir(self, prefix):
        """Into `--workdir`, or a temporary folder named `prefix…` removed at exit (also when the script fails)."""
        if self.workdir is None:
            self._tmp = self.workdir = tempfile.mkdtemp(prefix=prefix)
            atexit.register(self.finish)
        self.workdir = os.path.abspath(self.workdir)
        os.makedirs(self.workdir, exist_ok=True)
        os.chdir(self.workdir)
        return self


def add_common_arguments(ap, defaults, writer):
    """The options of every peer script: size, time, step, probability, seed, work folder
    (`writer`: who writes generated code there)."""
    ap.add_argument("--N", type=int, default=defaults.get("N"), help=f"network size (default {defaults.get('N')})")
    ap.add_argument("--T", type=float, default=defaults.get("T"), help=f"simulated time, ms (default {defaults.get('T')})")
    ap.add_argument("--dt", type=float, default=defaults.get("dt"), help=f"time step, ms (default {defaults.get('dt')})")
    ap.add_argument("--p", type=float, default=None, help="connection probability (default: model specific)")
    ap.add_argument("--seed", type=int, default=1234)
    ap.add_argument("--workdir", default=None,
                    help=f"where {writer} writes generated code (default: a temporary folder, removed at the end)")
    ap.add_argument("--keep", action="store_true", help="keep the temporary work folder")


class Options(PeerOptions):
    """Parsed command line plus the Brian2 device set-up and the timed run."""

    def __init__(self, model, ns):
        super().__init__(model, ns)
        self._standalone_dir = None

    # ------------------------------------------------------------------ set-up
    def brian2(self):
        """Import Brian2 and select the code generation target. Returns the brian2 module."""
        warnings.filterwarnings("ignore")
        import brian2 as b2

        b2.prefs.logging.console_log_level = "ERROR"
        b2.prefs.logging.file_log = False
        b2.prefs.logging.delete_log_on_exit = True
        if self.mode == "cpp_standalone":
            self._standalone_dir = os.path.join(self.workdir, f"standalone_{self.model}")
            b2.set_device("cpp_standalone", directory=self._standalone_dir, build_on_run=False)
            # 0 = compiled without OpenMP; K > 1 = OpenMP with K threads
            b2.prefs.devices.cpp_standalone.openmp_threads = self.threads if self.threads > 1 else 0
        else:
            b2.prefs.codegen.target = self.mode
            if self.mode == "cython":
                cache = self.cython_cache or os.path.join(self.workdir, "cython_cache")
                if not self.cython_cache:
                    shutil.rmtree(cache, ignore_errors=True)  # cold build: compile everything
                b2.prefs.codegen.runtime.cython.cache_dir = cache
                b2.prefs.codegen.runtime.cython.multiprocess_safe = False
        b2.seed(self.seed)
        b2.defaultclock.dt = self.dt * b2.ms
        self.t_import = time.perf_counter() - T_START
        return b2

    # ------------------------------------------------------------------ timed run
    def run(self, net, namespace):
        """Simulate `net` for T ms. Returns the timing dict (setup_s, build_s, run_s, ...)."""
        import brian2 as b2

        setup_s = time.perf_counter() - T_START
        duration = self.T * b2.ms
        out = {"setup_s": setup_s, "import_s": self.t_import}
        if self._standalone_dir is None:
            t0 = time.perf_counter()
            net.run(duration, namespace=namespace)
            wall = time.perf_counter() - t0
            loop = float(b2.get_device()._last_run_time)
            out.update(build_s=wall - loop, run_s=loop)
            return out
        t0 = time.perf_counter()
        net.run(duration, namespace=namespace)  # only records the run in standalone mode
        dev = b2.get_device()
        dev.build(directory=self._standalone_dir, compile=True, run=True, clean=True, with_output=False)
        wall = time.perf_counter() - t0
        exec_s = float(dev.timers["run_binary"])
        out.update(build_s=wall - exec_s, run_s=float(dev._last_run_time), exec_s=exec_s)
        try:
            out["make_s"] = float(dev.timers["compile"]["make"])
        except (KeyError, TypeError):
            pass
        return out


def cli(model, extra=None, **defaults):
    """Parse the common options. `defaults`: N, T (ms), dt (ms). `extra(parser)` adds options."""
    ap = argparse.ArgumentParser(description=f"neurarchy peer benchmark: {model} in Brian2")
    ap.add_argument("--mode", choices=MODES, default="numpy", help="Brian2 code generation target (default numpy)")
    ap.add_argument("--threads", type=int, default=1, help="OpenMP threads (cpp_standalone only; default 1)")
    add_common_arguments(ap, defaults, "Brian2")
    ap.add_argument("--cython-cache", default=None,
                    help="reuse this Cython cache folder (warm build); default: a fresh one (cold build)")
    if extra:
        extra(ap)
    ns = ap.parse_args()
    if ns.threads < 1:
        ap.error("--threads must be >= 1")
    if ns.threads > 1 and ns.mode != "cpp_standalone":
        print(f"note: --threads {ns.threads} only applies to cpp_standalone; {ns.mode} runs on one thread",
              file=sys.stderr)
    return Options(model, ns).enter_workdir(f"neurarchy-b2-{model}-")


# ---------------------------------------------------------------------- statistics
def spike_statistics(i, t, N, T_ms, groups=None):
    """Statistics of a spike raster. i: neuron indices, t: spike times (ms), arrays of equal length.

    rate_hz: spikes / N / T. groups: {"exc": (start, stop), ...} adds rate_<name>_hz.
    cv_isi_mean: mean over neurons with at least two ISIs (three spikes) of std(ISI)/mean(ISI),
    population std (ddof 0); the same definition as src/analysis/isi.ts and ANNarchy's
    coefficient_of_variation. rate_bins_hz: population rate in 10 equal bins of the run.
    """
    import numpy as np

    i = np.asarray(i, dtype=np.int64)
    t = np.asarray(t, dtype=np.float64)
    T_s = T_ms / 1000.0
    counts = np.bincount(i, minlength=N)
    st = {"spikes": int(len(i)), "rate_hz": len(i) / N / T_s, "frac_silent": float(np.mean(counts == 0))}
    for name, (a, b) in (groups or {}).items():
        st[f"rate_{name}_hz"] = float(counts[a:b].sum()) / (b - a) / T_s
    order = np.lexsort((t, i))  # by neuron, then time
    i_s, t_s = i[order], t[order]
    cvs = []
    bounds = np.flatnonzero(np.diff(i_s)) + 1
    for chunk in np.split(t_s, bounds) if len(t_s) else []:
        if len(chunk) >= 3:
            isi = np.diff(chunk)
            m = isi.mean()
            if m > 0:
                cvs.append(isi.std() / m)
    st["cv_isi_mean"] = float(np.mean(cvs)) if cvs else None
    st["cv_isi_neurons"] = len(cvs)
    hist, _ = np.histogram(t, bins=10, range=(0.0, T_ms))
    st["rate_bins_hz"] = [round(float(h) / N / (T_s / 10.0), 3) for h in hist]
    return st


def rate_weights(opts):
    """The rate network's J (N x N, [post, pre], zero diagonal) and x0, read from `--weights` or drawn
    with numpy's RandomState(seed), as neurarchy's bench/lib/rate.ts draws them; written to
    `--save-weights` when given (sets opts.N from a file). Returns (J, x0, source)."""
    import numpy as np

    if opts.weights:
        with np.load(opts.path(opts.weights)) as f:
            J = np.asarray(f["J"], dtype=np.float64)
            x0 = np.asarray(f["x0"], dtype=np.float64).ravel()
        if J.ndim == 1:
            J = J.reshape(len(x0), len(x0))
        if J.shape != (len(x0), len(x0)):
            raise SystemExit(f"--weights: J has shape {J.shape}, x0 has {len(x0)} entries")
        opts.N = len(x0)
        source = "file"
    else:
        rng = np.random.RandomState(opts.seed)
        x0 = rng.uniform(-1.0, 1.0, opts.N)
        J = rng.normal(0.0, 1.0 / np.sqrt(opts.N), (opts.N, opts.N))
        source = f"RandomState({opts.seed})"
    np.fill_diagonal(J, 0.0)
    if opts.save_weights:
        np.savez(opts.path(opts.save_weights), J=J, x0=x0)
    return J, x0, source


def versions():
    import brian2
    import numpy
    out = {"brian2": brian2.__version__, "numpy": numpy.__version__, "python": platform.python_version()}
    try:
        import Cython
        out["cython"] = Cython.__version__
    except ImportError:
        pass
    return out


def report(opts, timing, **fields):
    """Print the single `RESULT {json}` line: identification, timing, statistics, versions."""
    rec = {"model": opts.model, "simulator": "brian2", "mode": opts.mode, "threads": opts.threads,
           "N": opts.N, "dt": opts.dt, "sim_ms": opts.T, "seed": opts.seed}
    rec.update(timing)
    rec.update(fields)
    rec.update(versions())
    print("RESULT " + json.dumps(_round(rec)), flush=True)
    opts.finish()


def _round(x):
    if isinstance(x, float):
        return round(x, 6) if x == x else None  # NaN -> null (valid JSON)
    if isinstance(x, dict):
        return {k: _round(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [_round(v) for v in x]
    return x
