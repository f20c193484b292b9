// Bundles `src/browser.ts` for web pages (run by `npm run build`, after tsc):
// - dist/browser/neurarchy.js: an ES module (`import { Network } from './neurarchy.js'`);
// - dist/browser/neurarchy.iife.js: a classic script defining the global `neurarchy`, which also
//   works from a page opened as a file (file://), where browsers refuse to load ES modules.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const common = {
  entryPoints: [`${root}src/browser.ts`], bundle: true, platform: 'browser', target: 'es2022',
  minify: true, legalComments: 'none', logLevel: 'warning',
};
const outputs = await Promise.all([
  build({ ...common, format: 'esm', outfile: `${root}dist/browser/neurarchy.js`, metafile: true }),
  build({ ...common, format: 'iife', globalName: 'neurarchy', outfile: `${root}dist/browser/neurarchy.iife.js`, metafile: true }),
]);
for (const out of outputs) {
  for (const [file, info] of Object.entries(out.metafile.outputs)) console.log(`${file}: ${(info.bytes / 1024).toFixed(0)} kB`);
}
