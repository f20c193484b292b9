// The core and the js backend must run in browsers: bundling the package entry for the browser
// must not pull in any Node-only module.
import { describe, it, expect } from 'vitest';
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

describe('browser bundle', () => {
  it('src/index.ts bundles for the browser without Node built-ins', async () => {
    const entry = fileURLToPath(new URL('../../src/index.ts', import.meta.url));
    const result = await build({
      entryPoints: [entry], bundle: true, platform: 'browser', format: 'esm', write: false, logLevel: 'silent',
      metafile: true,
    });
    const inputs = Object.keys(result.metafile!.inputs);
    expect(inputs.some((f) => f.startsWith('node:'))).toBe(false);
    expect(result.outputFiles[0].text.length).toBeGreaterThan(1000);
  });
});
