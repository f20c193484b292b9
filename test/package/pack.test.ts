// The package as users get it: `npm pack` of this repository, installed into a fresh project from the
// tarball (its dependencies from the registry), runs a model there and computes the same spikes as the
// sources do. Needs the build (`npm run build`, which CI runs before the tests) and the npm registry.
import { describe, it, expect, beforeAll } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Network, Neuron } from '../../src/index.js';

const repo = join(import.meta.dirname, '..', '..');
const project = mkdtempSync(join(tmpdir(), 'neurarchy-pack-'));

/** A noisy LIF population with recurrent excitation: enough to check the same bits come out. */
const MODEL = `
const LIF = new Neuron({
  parameters: 'tau = 10.0\\n v_th = 1.0',
  equations: 'tau * dv/dt = -v + I + g_exc\\n I = 1.05 + 0.3 * Normal(0, 1)\\n tau * dg_exc/dt = -g_exc',
  spike: 'v > v_th', reset: 'v = 0.0', refractory: 2.0,
});
const net = new Network({ dt: 0.5, seed: 7 });
const pop = net.create(200, LIF);
net.connect(pop, pop, 'exc').connectFixedProbability({ probability: 0.05, weights: 0.05 });
const m = net.monitor(pop, 'spike');
await net.compile();
await net.simulate(200);
const spikes = m.get('spike');
let count = 0, checksum = 0;
for (const [i, steps] of Object.entries(spikes)) { count += steps.length; for (const s of steps) checksum = (checksum * 31 + s * 7 + Number(i)) % 1000003; }
`;

function duBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += statSync(join(entry.parentPath, entry.name)).size;
  }
  return total;
}

describe('the packed package in a fresh project', () => {
  let tarball = '';
  let files: string[] = [];
  beforeAll(() => {
    expect(existsSync(join(repo, 'dist', 'index.js')), 'dist/ is missing: run `npm run build` first').toBe(true);
    const out = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', project], { cwd: repo, encoding: 'utf8' });
    const info = JSON.parse(out)[0] as { filename: string; files: { path: string }[] };
    tarball = join(project, info.filename);
    files = info.files.map((f) => f.path);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'user-project', private: true, type: 'module' }));
    execFileSync('npm', ['install', '--no-audit', '--no-fund', tarball], { cwd: project, encoding: 'utf8', stdio: 'pipe' });
  }, 240_000);

  it('ships the built JavaScript and types, not the TypeScript sources or source maps', () => {
    expect(files).toContain('dist/index.js');
    expect(files).toContain('dist/index.d.ts');
    expect(files).toContain('dist/behaviors/index.js');
    expect(files.filter((f) => f.startsWith('src/') || f.endsWith('.map') || f.startsWith('test/'))).toEqual([]);
  });

  it('installs in under 20 MB without the optional webgpu package', () => {
    expect(existsSync(join(project, 'node_modules', 'webgpu'))).toBe(false);
    const mb = duBytes(join(project, 'node_modules')) / 2 ** 20;
    console.log(`installed size of neurarchy with its dependencies: ${mb.toFixed(1)} MB`);
    expect(mb).toBeLessThan(20);
  });

  it('runs a model and gets the same spikes as the sources', async () => {
    writeFileSync(join(project, 'main.mjs'), `import { Network, Neuron } from 'neurarchy';\n${MODEL}\nconsole.log(JSON.stringify({ count, checksum }));\n`);
    const run = spawnSync(process.execPath, ['main.mjs'], { cwd: project, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    const installed = JSON.parse(run.stdout.trim()) as { count: number; checksum: number };
    // The same model run here, from the sources.
    const here = await new Function('Network', 'Neuron', `return (async () => { ${MODEL}; return { count, checksum }; })();`)(Network, Neuron);
    expect(installed.count).toBeGreaterThan(50);
    expect(installed).toEqual(here);
  });

  it('runs the cpp backend with koffi installed by npm 11 without its install script', async () => {
    const { findCompiler } = await import('../../src/backends/cpp/toolchain.js');
    if ((await findCompiler()) === undefined) { console.log('no C++ compiler: cpp check skipped'); return; }
    writeFileSync(join(project, 'cpp.mjs'), `import { Network, Neuron } from 'neurarchy';
const net = new Network();
const pop = net.create(3, new Neuron({ parameters: 'a = 0.5', equations: 'dr/dt = a' }));
await net.compile({ backend: 'cpp', directory: ${JSON.stringify(join(project, 'build'))} });
await net.simulate(4);
console.log(JSON.stringify(Array.from(pop.r)));
`);
    const run = spawnSync(process.execPath, ['cpp.mjs'], { cwd: project, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual([2, 2, 2]); // four explicit Euler steps of dr/dt = 0.5, dt = 1
  });

  it('tells CommonJS users how to load it', () => {
    const run = spawnSync(process.execPath, ['-e', "require('neurarchy')"], { cwd: project, encoding: 'utf8' });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/neurarchy is an ES module .* await import\('neurarchy'\)/);
  });

  it("says the one command to run when backend 'webgpu' lacks its package", () => {
    writeFileSync(join(project, 'gpu.mjs'), `import { Network, Neuron } from 'neurarchy';
const net = new Network();
net.create(2, new Neuron({ equations: 'dr/dt = -r' }));
try { await net.compile({ backend: 'webgpu' }); console.log('compiled'); } catch (e) { console.log(e.name + ': ' + e.message); }
`);
    const run = spawnSync(process.execPath, ['gpu.mjs'], { cwd: project, encoding: 'utf8' });
    expect(run.stdout).toMatch(/NetworkError: .*run `npm install webgpu@0\.6\.2` in your project/);
  });
});
