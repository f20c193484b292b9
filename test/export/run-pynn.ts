/**
 * Test helpers of the PyNN round trip: whether PyNN on NEURON with MPI is usable here (and why not),
 * running an exported script with `mpirun -np N`, and the statistics compared (those of bench/:
 * mean rate, mean CV of ISIs, the weight distribution after STDP).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { meanFr, coefficientOfVariation } from '../../src/index.js';
import type { SpikeRecord } from '../../src/core/Monitor.js';

export const PYTHON = '/usr/bin/python3';

/** Undefined when PyNN, NEURON, mpi4py and mpirun work; otherwise the reason (printed by the skipped tests). */
export function pynnUnavailable(): string | undefined {
  // Minutes of NEURON under mpirun: a script of its own (`npm run test:mpi`, which .ci/run calls), not `npm test`.
  if (process.env.NEURARCHY_MPI !== '1') return 'the round trips run with `npm run test:mpi` (NEURARCHY_MPI=1)';
  if (!existsSync(PYTHON)) return `${PYTHON} not found`;
  const setup = spawnSync('bash', [join(import.meta.dirname, '../../scripts/pynn-setup.sh')], { encoding: 'utf8' });
  if (setup.status !== 0) return `PyNN's NEURON mechanisms are not compiled (${(setup.stderr || setup.stdout).trim()}); install python3-pynn python3-neuron neuron-dev (as .ci/run does)`;
  const imp = spawnSync(PYTHON, ['-c', 'import pyNN.neuron, mpi4py'], { encoding: 'utf8' });
  if (imp.status !== 0) return `PyNN on NEURON does not import (${imp.stderr.trim().split('\n').pop()}); install python3-pynn python3-neuron python3-mpi4py`;
  if (spawnSync('mpirun', ['--version'], { encoding: 'utf8' }).status !== 0) return 'mpirun not found: install openmpi-bin';
  return undefined;
}

/** Runs `script` with `mpirun -np ranks` (root needs --allow-run-as-root; 2 cores need --oversubscribe; idle ranks yield the CPU instead of spinning, which matters when ranks share cores). */
export function runScript(script: string, ranks: number, results: string): { ok: boolean; output: string; seconds: number } {
  const t0 = performance.now();
  const r = spawnSync('mpirun', ['--allow-run-as-root', '--oversubscribe', '--mca', 'mpi_yield_when_idle', '1', '-np', String(ranks), PYTHON, script, '--results', results], {
    encoding: 'utf8', timeout: 240_000, env: { ...process.env, OMPI_MCA_btl_vader_single_copy_mechanism: 'none' },
  });
  return { ok: r.status === 0, output: `${r.stdout}\n${r.stderr}`.slice(-3000), seconds: (performance.now() - t0) / 1000 };
}

export interface SpikeStats { rate: number; cv: number }

/** Mean firing rate (Hz) and mean CV of ISIs of a spike record in steps. */
export function spikeStats(spikes: SpikeRecord, dt: number, duration: number, size: number): SpikeStats {
  return { rate: meanFr(spikes, { dt, duration, size }), cv: coefficientOfVariation(spikes, { dt }).mean };
}

export interface WeightStats { mean: number; low: number; high: number }

/** Weight distribution as w/gmax: mean, fraction below 0.1, fraction above 0.9 (examples/stdp.ts). */
export function weightStats(w: ArrayLike<number>, gmax: number): WeightStats {
  const x = Array.from(w, (v) => v / gmax);
  return { mean: x.reduce((a, b) => a + b, 0) / x.length, low: x.filter((v) => v < 0.1).length / x.length, high: x.filter((v) => v > 0.9).length / x.length };
}
