// Builds the static site into site/ (`npm run build:site`): the playground (page, worker, the
// package as ES modules, Node shims for the examples) and the documentation (site/docs, by typedoc).
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));
const site = join(root, 'site');
const options = { bundle: true, platform: 'browser', target: 'es2022', format: 'esm', minify: true, legalComments: 'none', logLevel: 'warning', metafile: true };

/** `import sources from 'virtual:examples'`: every .ts file under examples/, by path (`coba.ts`, `annarchy/hh.ts`). */
const examples = {
  name: 'examples',
  setup(b) {
    b.onResolve({ filter: /^virtual:examples$/ }, () => ({ path: 'examples', namespace: 'virtual' }));
    b.onLoad({ filter: /.*/, namespace: 'virtual' }, () => {
      const dir = join(root, 'examples');
      const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts')).sort();
      return { contents: JSON.stringify(Object.fromEntries(files.map((f) => [f, readFileSync(join(dir, f), 'utf8')]))), loader: 'json' };
    });
  },
};

rmSync(site, { recursive: true, force: true });
mkdirSync(site, { recursive: true });
const results = await Promise.all([
  // The package, as the examples import it; one copy of the core shared by both entries.
  build({ ...options, entryPoints: { neurarchy: join(root, 'src/browser.ts'), behaviors: join(root, 'src/behaviors/index.ts') }, splitting: true, outdir: join(site, 'lib') }),
  build({ ...options, entryPoints: { playground: join(root, 'playground/main.ts') }, outdir: site, plugins: [examples] }),
  build({ ...options, entryPoints: { worker: join(root, 'playground/worker.ts') }, outdir: site }),
  build({ ...options, entryPoints: ['util', 'fs', 'fs-promises', 'path'].map((s) => join(root, `playground/shims/${s}.ts`)), outdir: join(site, 'shims') }),
]);
for (const f of ['index.html', 'playground.css']) cpSync(join(root, 'playground', f), join(site, f));
// The documentation: the notebooks as Markdown pages, then typedoc (API reference from the TSDoc
// comments, the guides in docs/guides, the tutorials) into site/docs; any warning fails the build.
execFileSync(process.execPath, [join(root, 'scripts/notebooks-to-md.mjs')], { stdio: 'inherit' });
execFileSync(process.execPath, [join(root, 'node_modules/typedoc/bin/typedoc'), '--logLevel', 'Warn'], { cwd: root, stdio: 'inherit' });
for (const r of results) {
  for (const [file, info] of Object.entries(r.metafile.outputs)) {
    if (!file.endsWith('.map')) console.log(`${file.replace(`${root}`, '')}: ${(info.bytes / 1024).toFixed(0)} kB`);
  }
}
