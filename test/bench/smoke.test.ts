// Smoke test of the benchmark suite (bench/): every benchmark network builds and runs a few steps
// (tiny sizes) on each backend here, every bench script prints a valid `RESULT {json}` line, and
// the runner (bench/run.ts) runs a script, checks it and renders its table. The benchmarks
// themselves are not part of `npm test` (`npm run bench`).
import { describe, it, expect } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeBackends, compileFor } from '../helpers/backends.js';
import { buildCOBA, buildCUBA, buildIzhikevich, buildSTDP, spikeStats, stdpStats } from '../../bench/lib/spiking.js';
import { buildRate, rateStats } from '../../bench/lib/rate.js';
import { buildOja, ojaStats } from '../../bench/lib/oja.js';
import { checkRecord } from '../../bench/lib/checks.js';
import { parseSpec, parseCli, groupRecords, renderMarkdown, mergeRecords, replaceSection, MARK_START, MARK_END, type RunRecord } from '../../bench/run.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describeBackends('benchmark networks build and run a few steps', () => {
  it('COBA and CUBA (N = 200, 20 steps)', async () => {
    for (const build of [buildCOBA, buildCUBA]) {
      const b = build({ N: 200 });
      await b.net.compile(compileFor());
      await b.net.simulate(2);
      const s = spikeStats(b, 2);
      expect(b.projections.reduce((n, p) => n + p.nbSynapses, 0)).toBeGreaterThan(0);
      expect(s.spikes).toBeGreaterThanOrEqual(0);
    }
  });

  it('Izhikevich (N = 50, 5 steps)', async () => {
    const b = buildIzhikevich({ N: 50 });
    await b.net.compile(compileFor());
    await b.net.simulate(5);
    expect(b.projections[0].nbSynapses).toBe(40 * 49) // all-to-all without self-connections;
    expect(Number.isFinite(spikeStats(b, 5).rate_hz)).toBe(true);
  });

  it('STDP (20 inputs, 50 steps)', async () => {
    const b = buildSTDP({ N: 20 });
    await b.net.compile(compileFor());
    await b.net.simulate(5);
    const s = stdpStats(b, 5);
    expect(s.w_hist10.reduce((a, c) => a + c, 0)).toBe(20);
    expect(s.w_mean_over_gmax).toBeGreaterThan(0);
  });

  it('rate network (N = 20, 12 steps): r0(10 ms) is recorded', async () => {
    const b = buildRate({ N: 20 });
    await b.net.compile(compileFor());
    await b.net.simulate(12);
    const s = rateStats(b);
    expect(b.proj.nbSynapses).toBe(20 * 19);
    expect(s.r0_at_10ms).not.toBeNull();
    expect(Math.abs(s.r_mean_end)).toBeLessThan(1);
  });

  it('Oja network (N = 8, 10 steps): the weights change', async () => {
    const b = buildOja({ N: 8 });
    const w0 = (b.proj.w as Float64Array[]).map((r) => Float64Array.from(r));
    await b.net.compile(compileFor());
    await b.net.simulate(10);
    const s = ojaStats(b);
    expect(s.w_mean).toBeGreaterThan(0);
    expect((b.proj.w as Float64Array[])[0][0]).not.toBe(w0[0][0]);
  });
});

function run(cmd: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const c = spawn(cmd, args, { cwd: ROOT, env: { ...process.env, NEURARCHY_PROGRESS: '0' } });
    let stdout = '', stderr = '';
    c.stdout.on('data', (d) => { stdout += d; });
    c.stderr.on('data', (d) => { stderr += d; });
    c.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const resultOf = (stdout: string) => {
  const lines = stdout.split('\n').filter((l) => l.startsWith('RESULT '));
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0].slice(7)) as Record<string, unknown>;
};

describe('bench scripts and runner', () => {
  const scripts: [string, string[]][] = [
    ['coba', ['--N', '100', '--T', '2']],
    ['cuba', ['--N', '100', '--T', '2']],
    ['izhikevich', ['--N', '50', '--T', '3']],
    ['rate', ['--N', '20', '--T', '12']],
    ['stdp', ['--N', '20', '--T', '3']],
    ['oja', ['--N', '4', '--T', '3']],
  ];

  it('every bench script prints one valid RESULT line (js, tiny sizes)', async () => {
    const outs = await Promise.all(scripts.map(([name, args]) => run(process.execPath, ['--import', 'tsx', `bench/${name}.ts`, ...args])));
    outs.forEach((o, i) => {
      expect(o.code, o.stderr).toBe(0);
      const r = resultOf(o.stdout);
      expect(r.model).toBe(scripts[i][0]);
      expect(r.simulator).toBe('neurarchy');
      for (const k of ['setup_s', 'build_s', 'run_s', 'process_s', 'max_rss_mb']) expect(typeof r[k], k).toBe('number');
      expect(checkRecord(r).summary).not.toBe('');
    });
  });

  it('bench/strategies.ts prints a RESULT line with the CPU time of the run, and refuses an unknown strategy', async () => {
    const ok = await run(process.execPath, ['--import', 'tsx', 'bench/strategies.ts', '--N', '20', '--T', '1', '--strategy', 'post-span']);
    expect(ok.code, ok.stderr).toBe(0);
    const r = resultOf(ok.stdout);
    expect(r.model).toBe('strategies');
    expect(typeof r.run_cpu_s).toBe('number');
    const bad = await run(process.execPath, ['--import', 'tsx', 'bench/strategies.ts', '--N', '20', '--T', '1', '--strategy', 'postspan']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('--strategy takes auto, row, post-span, bitmask');
  });

  it('the runner runs a benchmark, writes JSON lines and a Markdown table', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'nb-smoke-'));
    try {
      const out = path.join(dir, 'r.jsonl');
      const o = await run(process.execPath, ['--import', 'tsx', 'bench/run.ts', 'oja:N=4,T=3', '--backend', 'js', '--repeat', '1', '--out', out]);
      expect(o.code, o.stderr).toBe(0);
      const lines = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
      expect(lines[0].kind).toBe('environment');
      const runs = lines.filter((l) => l.kind === 'run');
      expect(runs).toHaveLength(1);
      expect(runs[0].wall_s).toBeGreaterThan(0);
      expect(runs[0].result.model).toBe('oja');
      expect(o.stdout).toContain('| oja:N=4,T=3 | js | 1 | 1 |');
      expect(existsSync(path.join(dir, 'r.md'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('runner pieces', () => {
  it('parses specs and options', () => {
    expect(parseSpec('coba:N=20000,T=200')).toEqual({ name: 'coba', params: { N: '20000', T: '200' }, label: 'coba:N=20000,T=200' });
    // a bare name carries the script's default size, so it meets the default set's and the peers' records
    expect(parseSpec('coba').label).toBe('coba:N=4000');
    expect(parseSpec('stdp').label).toBe('stdp:T=100000');
    expect(parseSpec('pymonnto_stdp').label).toBe('pymonnto_stdp');
    const o = parseCli(['--quick', '--backend', 'js,cpp', '--threads', '1,2', '--peers']);
    expect(o.repeat).toBe(1);
    expect(o.backends).toEqual(['js', 'cpp']);
    expect(o.threads).toEqual([1, 2]);
    expect(o.specs.map((s) => s.label)).toContain('stdp:T=10000');
    expect(o.specs.map((s) => s.label)).not.toContain('coba:N=100000');
    expect(parseCli([]).specs.map((s) => s.label)).toEqual(expect.arrayContaining(['coba:N=100000', 'cuba:N=20000', 'rate:N=4000', 'izhikevich:N=1000', 'oja:N=100']));
  });

  it('checks the statistics: a wrong result is flagged and its time bracketed', () => {
    const good = { model: 'coba', N: 4000, sim_ms: 1000, rate_hz: 20.5, cv_isi_mean: 1.53 };
    expect(checkRecord(good).ok).toBe(true);
    expect(checkRecord({ ...good, rate_hz: 40 }).ok).toBe(false);
    expect(checkRecord({ ...good, sim_ms: 100 }).ok).toBeNull();
    expect(checkRecord({ model: 'rate', N: 1000, sim_ms: 1000, seed: 1234, r0_at_10ms: -0.193972, r_absmean_end: 0.505006 }).ok).toBe(true);
    const rec = (config: string, run_s: number, rate: number, bench = 'coba:N=4000'): RunRecord => ({
      kind: 'run', bench, model: 'coba', simulator: config.startsWith('brian2') ? 'brian2' : 'neurarchy', config, threads: 1, rep: 1,
      ...(() => { const c = checkRecord({ ...good, rate_hz: rate }); return { ok: c.ok, check: c.summary, check_failed: c.failed }; })(),
      wall_s: 1, result: { ...good, rate_hz: rate, run_s, build_s: 0.1, setup_s: 0.1 }, cmd: '', t_start: '', load1_start: 0, load1_end: 0,
    });
    const recs = [rec('js', 0.2, 20), rec('js', 0.3, 20), rec('js', 0.25, 20), rec('cpp', 0.1, 40), rec('brian2 numpy', 1.0, 20)];
    const g = groupRecords(recs);
    expect(g.map((x) => x.config)).toEqual(['js', 'cpp', 'brian2 numpy']);
    const md = renderMarkdown(recs, undefined, 'npm run bench');
    expect(md).toContain('| coba:N=4000 | js | 1 | 3 | 0.250 [0.200–0.300] |');
    expect(md).toContain('| (0.100) |'); // the wrong cpp result: time in brackets
    expect(md).toMatch(/\| coba:N=4000 \| js \| 1 \| 0\.25 \(1\.00\) \| 2\.12 \|/); // ÷ Brian2 numpy, ÷ ANNarchy 0.118 (quoted)
    // without peers, the ratio table has the quoted ANNarchy column only: four cells a row
    const alone = renderMarkdown(recs.filter((r) => r.simulator === 'neurarchy'), undefined, 'npm run bench');
    expect(alone).toContain('| coba:N=4000 | js | 1 | 2.12 |');
    const merged = mergeRecords(recs, [rec('cpp', 0.09, 20)]);
    expect(merged.filter((r) => r.config === 'cpp')).toHaveLength(1);
    const doc = `# B\n\ntext\n${MARK_START}\nold\n${MARK_END}\n\nafter\n`;
    expect(replaceSection(doc, 'new')).toBe(`# B\n\ntext\n${MARK_START}\nnew\n${MARK_END}\n\nafter\n`);
  });
});
