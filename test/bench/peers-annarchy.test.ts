// The runner's ANNarchy peer mode (bench/run.ts, bench/peers/annarchy/): measured ANNarchy rows
// replace the figures quoted from annarchy-figures.ts in the tables and the ratios, the quoted
// figures stay as the fallback for benchmarks without a measured row (old records, `--render`),
// and the python and environment the runner starts ANNarchy with. ANNarchy itself is not needed.
import { describe, it, expect } from 'vitest';
import { checkRecord } from '../../bench/lib/checks.js';
import { annarchyEnv, annarchyPython, groupRecords, mainTable, parseCli, ratioTable, renderMarkdown, type RunRecord, type Simulator } from '../../bench/run.js';

const COBA = { model: 'coba', N: 4000, sim_ms: 1000, cv_isi_mean: 1.5 };
const IZH = { model: 'izhikevich', N: 1000, sim_ms: 1000, cv_isi_mean: 0.44 };

function rec(config: string, threads: number, run_s: number, wall_s: number, stats: Record<string, unknown> = { ...COBA, rate_hz: 21 }, bench = 'coba:N=4000'): RunRecord {
  const simulator: Simulator = config === 'annarchy' ? 'annarchy' : config.startsWith('brian2') ? 'brian2' : 'neurarchy';
  const result = { ...stats, threads, run_s, build_s: 9, setup_s: 0.7 };
  const c = checkRecord(result);
  return {
    kind: 'run', bench, model: String(stats.model), simulator, config, threads, rep: 1, ok: c.ok, check: c.summary, check_failed: c.failed,
    wall_s, result, cmd: '', t_start: '', load1_start: 0, load1_end: 0,
  };
}

describe('ANNarchy peer mode in the runner', () => {
  it('is a default peer mode and takes --peer-threads', () => {
    expect(parseCli(['--peers']).peerModes).toContain('annarchy');
    const o = parseCli(['coba', '--peer-modes', 'cpp_standalone,annarchy', '--peer-threads', '1,2']);
    expect(o.peers).toBe(true);
    expect(o.peerModes).toEqual(['cpp_standalone', 'annarchy']);
    expect(o.peerThreads).toEqual([1, 2]);
    expect(() => parseCli(['--peer-modes', 'anarchy'])).toThrow("unknown peer mode 'anarchy' in --peer-modes (did you mean 'annarchy'?)");
  });

  it('measured ANNarchy rows give ÷ ANNarchy 4.8 ratios and replace the quoted figures', () => {
    const recs = [
      rec('cpp', 1, 0.06, 1.2), rec('cpp', 2, 0.05, 1.1),
      rec('brian2 cpp_standalone', 1, 0.09, 9.9),
      rec('annarchy', 1, 0.15, 10), rec('annarchy', 1, 0.13, 10.4), rec('annarchy', 2, 0.1, 11),
    ];
    const groups = groupRecords(recs);
    expect(groups.map((g) => `${g.config}/${g.threads}`)).toEqual(['cpp/1', 'cpp/2', 'brian2 cpp_standalone/1', 'annarchy/1', 'annarchy/2']);
    const main = mainTable(groups);
    expect(main).not.toContain('quoted');
    expect(main).toContain('| coba:N=4000 | annarchy | 1 | 2 | 0.140 [0.130–0.150] | 9.00 | 10.2 |');
    const ratios = ratioTable(groups)!;
    expect(ratios.split('\n')[0]).toBe('| benchmark | neurarchy | thr | ÷ brian2 cpp_standalone run (process) | ÷ ANNarchy 4.8 run (process) |');
    // 0.06 / 0.14 and 1.2 / 10.2; at 2 threads ANNarchy's 2-thread run, Brian2's 1-thread one
    expect(ratios).toContain('| coba:N=4000 | cpp | 1 | 0.67 (0.12) | 0.43 (0.12) |');
    expect(ratios).toContain('| coba:N=4000 | cpp | 2 | 0.56 (0.11) vs 1t | 0.50 (0.10) |');
    const md = renderMarkdown(recs, undefined, 'npm run bench');
    expect(md).not.toContain('¹');
  });

  it('quotes ANNarchy only for benchmarks it was not run for, and says so', () => {
    const izh = { ...IZH, rate_hz: 9.5 };
    const recs = [
      rec('cpp', 1, 0.06, 1.2), rec('annarchy', 1, 0.12, 10),
      rec('cpp', 1, 0.0359, 1, izh, 'izhikevich:N=1000'),
    ];
    const groups = groupRecords(recs, ['coba:N=4000', 'izhikevich:N=1000']);
    const main = mainTable(groups);
    expect(main.split('\n')[0]).toContain('ANNarchy 4.8 run (s), quoted¹');
    expect(main).toMatch(/\| coba:N=4000 \| cpp \| 1 \|.*\| ✓ \| {2}\|$/m); // measured: no quote
    expect(main).toMatch(/\| izhikevich:N=1000 \| cpp \| 1 \|.*\| ✓ \| 0\.072 \(build 11\.4\) \|$/m);
    const ratios = ratioTable(groups)!;
    expect(ratios).toContain('| coba:N=4000 | cpp | 1 | 0.50 (0.12) |  |');
    expect(ratios).toContain('| izhikevich:N=1000 | cpp | 1 |  | 0.50 |'); // 0.0359 / 0.0718 quoted
    expect(renderMarkdown(recs, undefined, 'npm run bench')).toContain('¹ ANNarchy was not run for these benchmarks');
    // old records without any ANNarchy row: the quoted fallback everywhere
    expect(renderMarkdown(recs.filter((r) => r.simulator !== 'annarchy'), undefined, 'x')).toContain('¹ ANNarchy was not run for any benchmark');
  });

  it('finds ANNarchy\'s python and starts it without pyenv on PATH', () => {
    expect(annarchyPython({ NEURARCHY_ANNARCHY_PYTHON: '/opt/a/bin/python', HOME: '/h' })).toBe('/opt/a/bin/python');
    expect(annarchyPython({ HOME: '/h' })).toBe('/h/.cache/neurarchy-peers/annarchy-4.8/venv/bin/python');
    expect(annarchyPython({ NEURARCHY_PEERS_HOME: '/p', HOME: '/h' })).toBe('/p/annarchy-4.8/venv/bin/python');
    const env = annarchyEnv('/h/venv/bin/python', { PATH: '/root/.pyenv/shims:/usr/local/bin:/h/venv/bin:/usr/bin' });
    expect(env.PATH).toBe('/h/venv/bin:/usr/local/bin:/usr/bin');
    expect(env.VIRTUAL_ENV).toBe('/h/venv');
  });
});
