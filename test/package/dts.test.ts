// The shipped type declarations (dist/*.d.ts, built with `stripInternal`) are the public API and
// nothing more (issue 15): every example and the type tests (test/types) type-check against them with
// the declarations themselves checked (skipLibCheck off), and the internal helpers that other
// modules call are absent. Needs the build (`npm run build`, which `npm test`'s pretest runs).
import { describe, it, expect, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const repo = join(import.meta.dirname, '..', '..');
const dist = join(repo, 'dist');

function declaration(file: string): string {
  return readFileSync(join(dist, file), 'utf8');
}

describe('the shipped .d.ts', () => {
  beforeAll(() => {
    expect(existsSync(join(dist, 'index.d.ts')), 'dist/ is missing: run `npm run build` first').toBe(true);
  });

  it('type-check every example and the type tests, declarations included', () => {
    const dir = mkdtempSync(join(tmpdir(), 'neurarchy-dts-'));
    // The type tests import the sources; the copies import the same modules from dist/.
    const typeTests = readdirSync(join(repo, 'test/types')).filter((f) => f.endsWith('.test-d.ts'));
    expect(typeTests).toContain('attributes.test-d.ts');
    for (const f of typeTests) writeFileSync(join(dir, f), readFileSync(join(repo, 'test/types', f), 'utf8').replaceAll("'../../src/", `'${dist}/`));
    const examples = readdirSync(join(repo, 'examples'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    expect(examples.length).toBeGreaterThan(20);
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
      compilerOptions: {
        target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', lib: ['ES2022', 'DOM', 'DOM.Iterable'],
        strict: true, noEmit: true, skipLibCheck: false, types: ['node'], typeRoots: [join(repo, 'node_modules/@types')],
        paths: {
          'neurarchy': [join(dist, 'index.d.ts')], 'neurarchy/behaviors': [join(dist, 'behaviors/index.d.ts')],
          'neurarchy/node': [join(dist, 'node.d.ts')], 'neurarchy/browser': [join(dist, 'browser.d.ts')],
        },
      },
      files: [...typeTests, ...examples.map((f) => join(repo, 'examples', f))],
    }));
    const tsc = spawnSync(process.execPath, [join(repo, 'node_modules/typescript/bin/tsc'), '-p', join(dir, 'tsconfig.json')], { cwd: dir, encoding: 'utf8' });
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  }, 300_000); // about 10 s alone; much longer beside the rest of the suite on two cores

  it('leave out the internal helpers of the public classes', () => {
    const projection = declaration('core/Projection.d.ts');
    for (const name of ['f64(', 'requireConnected(', 'storeConnectivity(', 'setAttribute(', 'storageLocality(', 'learningPeriod']) {
      expect(projection, name).not.toContain(name);
    }
    expect(projection).toContain('flat(name?: string): Float64Array;');
    const network = declaration('network/Network.d.ts');
    for (const name of ['analyseNeuron(', 'registerPopulation(', 'constantChanged(', 'lastSpikes(']) expect(network, name).not.toContain(name);
    expect(declaration('core/network-like.d.ts')).not.toContain('analyseNeuron(');
  });

  it('export plots from the root, not the SVG helpers they are drawn with', () => {
    const index = declaration('index.d.ts') + declaration('plot/index.d.ts');
    for (const plot of ['rasterPlotSvg', 'tracesSvg', 'populationRateSvg', 'weightMatrixSvg', 'histogramSvg', 'monitorRasterSvg', 'monitorTracesSvg']) {
      expect(index, plot).toContain(plot);
    }
    for (const helper of ['esc', 'niceStep', 'niceTicks', 'formatTick', 'linearScale', 'makeFrame', 'drawAxes', 'extent', 'binValues', 'PALETTE', 'COLORMAPS', 'colormap']) {
      expect(index, helper).not.toMatch(new RegExp(`\\b${helper}\\b`));
    }
  });
});
