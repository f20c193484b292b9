"""Shared plumbing of neurarchy's ANNarchy 4.8 peer benchmarks (bench/peers/annarchy/*.py).

The ANNarchy twin of bench/peers/common.py: the same command line (less the Brian2-only options),
the same statistics (imported from that file, so the two simulators are measured alike) and the
same one-line output, `RESULT {json}`, with "simulator": "annarchy". Each model script:

    opts = cli("coba", N=4000, T=1000.0, dt=0.1)   # parse the command line, start the clock
    ann = opts.annarchy()                          # import ANNarchy, setup(dt, num_threads, seed)
    ... Population / Projection / Monitor ...
    timing = opts.run()                            # setup_s / build_s = compile() / run_s = simulate()
    report(opts, timing, model="coba", ...)        # prints the `RESULT {json}` line

Timing (seconds of wall time, time.perf_counter):
  setup_s  from the start of the script (the ANNarchy import included) until the network is
           declared. ANNarchy creates its connectivity later, inside compile().
  import_s the part of setup_s spent importing ANNarchy.
  build_s  compile(): code generation, g++ (CMake + make, default flags of
           ~/.config/ANNarchy/annarchy.json, `-O3 -march=native`), loading the library,
           creating the populations and the synapses.
  run_s    simulate(T) only: the loop with its monitors.

Run it with the python of the venv that bench/peers/install-annarchy.sh creates
($HOME/.cache/neurarchy-peers/annarchy-4.8/venv/bin/python, or $NEURARCHY_ANNARCHY_PYTHON).
"""
import argparse
import contextlib
import importlib.util
import json
import os
import platform
import resource
import sys
import time

T_START = time.perf_counter()

# The statistics and the rounding of the Brian2 scripts (bench/peers/common.py), loaded by path
# (both files are called common.py).
_spec = importlib.util.spec_from_file_location(
    "neurarchy_peers_common", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "common.py"))
_b2common = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_b2common)
spike_statistics = _b2common.spike_statistics
_round = _b2common._round
rate_weights = _b2common.rate_weights


def clean_environment():
    """The compile step runs CMake, which looks for Python and numpy on PATH: this interpreter's
    folder goes first, pyenv shims (another Python with numpy 2.x) are taken off."""
    bindir = os.path.dirname(os.path.abspath(sys.executable))
    parts = [p for p in os.environ.get("PATH", "").split(os.pathsep) if p and "pyenv" not in p and p != bindir]
    os.environ["PATH"] = os.pathsep.join([bindir] + parts)
    if sys.prefix != sys.base_prefix:
        os.environ["VIRTUAL_ENV"] = sys.prefix
    for k in ("PYTHONPATH", "PYENV_VERSION", "PYTHONHOME"):
        os.environ.pop(k, None)


class Options(_b2common.PeerOptions):
    """Parsed command line, ANNarchy's set-up and the timed compile/simulate."""

    def __init__(self, model, ns):
        super().__init__(model, ns)
        self.mode = "openmp"
        self.t_import = None

    def annarchy(self):
        """Import ANNarchy (its banner goes to stderr) and call setup(). Returns the module."""
        clean_environment()
        with contextlib.redirect_stdout(sys.stderr):
            import ANNarchy as ann
        self.t_import = time.perf_counter() - T_START
        # Double precision and one network; num_threads = K is OpenMP with K threads.
        ann.setup(dt=self.dt, num_threads=self.threads, seed=self.seed, precision="double")
        return ann

    def run(self):
        """compile() into <workdir>/annarchy_<model> (a relative name: ANNarchy 4.8 nests
        absolute ones under the working directory), then simulate(T)."""
        import ANNarchy as ann

        setup_s = time.perf_counter() - T_START
        t0 = time.perf_counter()
        with contextlib.redirect_stdout(sys.stderr):
            ann.compile(directory=f"annarchy_{self.model}", clean=True, silent=True)
        build_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        ann.simulate(self.T)
        run_s = time.perf_counter() - t0
        return {"setup_s": setup_s, "import_s": self.t_import, "build_s": build_s, "run_s": run_s}


def cli(model, extra=None, **defaults):
    """Parse the common options. `defaults`: N, T (ms), dt (ms). `extra(parser)` adds options."""
    ap = argparse.ArgumentParser(description=f"neurarchy peer benchmark: {model} in ANNarchy 4.8")
    ap.add_argument("--mode", choices=("openmp",), default="openmp",
                    help="ANNarchy paradigm; only openmp (the CPU code) is used (default)")
    ap.add_argument("--threads", type=int, default=1, help="setup(num_threads=K), OpenMP threads (default 1)")
    _b2common.add_common_arguments(ap, defaults, "ANNarchy")
    if extra:
        extra(ap)
    ns = ap.parse_args()
    if ns.threads < 1:
        ap.error("--threads must be >= 1")
    return Options(model, ns).enter_workdir(f"neurarchy-ann-{model}-")


def spike_arrays(monitor, dt):
    """A spike Monitor's data as (indices, times in ms), the form spike_statistics takes.
    The ranks are the monitored population's (global ranks for a whole population)."""
    import numpy as np

    data = monitor.get("spike")  # {rank: [step, ...]}
    idx = [np.full(len(steps), r, dtype=np.int64) for r, steps in data.items() if len(steps)]
    stp = [np.asarray(steps, dtype=np.float64) for steps in data.values() if len(steps)]
    if not idx:
        return np.zeros(0, dtype=np.int64), np.zeros(0)
    return np.concatenate(idx), np.concatenate(stp) * dt


def versions():
    from importlib.metadata import version

    import numpy
    out = {"annarchy": version("ANNarchy"), "numpy": numpy.__version__, "python": platform.python_version()}
    for mod in ("Cython", "sympy"):
        try:
            out[mod.lower()] = version(mod)
        except Exception:  # noqa: BLE001 (a version is informative only)
            pass
    try:
        cfg = os.path.expanduser("~/.config/ANNarchy/annarchy.json")
        with open(cfg) as f:
            omp = json.load(f).get("openmp", {})
        out["compiler"] = f"{omp.get('compiler', '?')} {omp.get('flags', '')}".strip()
    except (OSError, ValueError):
        pass
    return out


def report(opts, timing, **fields):
    """Print the single `RESULT {json}` line: identification, timing, statistics, versions."""
    rec = {"model": opts.model, "simulator": "annarchy", "mode": opts.mode, "threads": opts.threads,
           "N": opts.N, "dt": opts.dt, "sim_ms": opts.T, "seed": opts.seed}
    rec.update(timing)
    rec.update(fields)
    # Peak RSS of this process: the simulation with its library and monitors, without g++ (which
    # runs in child processes; the runner's /usr/bin/time figure includes those).
    rec["sim_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    rec.update(versions())
    print("RESULT " + json.dumps(_round(rec)), flush=True)
    opts.finish()
