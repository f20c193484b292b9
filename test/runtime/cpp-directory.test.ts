// compile({ directory }) for the cpp backend: missing folders are created level by level; a path
// where they cannot be (procfs, where Node's recursive mkdir loops for ever; below a file) fails at
// once with a NetworkError naming the folder and what to do.
import { describe, it, expect } from 'vitest';
import { mkdtempSync, statSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Network, Neuron, NetworkError } from '../../src/index.js';
import { findCompiler, makeDirectory } from '../../src/backends/cpp/toolchain.js';

const compiler = await findCompiler();

describe('makeDirectory', () => {
  it('creates missing parents; an existing folder is fine', async () => {
    const base = mkdtempSync(path.join(os.tmpdir(), 'neurarchy-dir-'));
    const deep = path.join(base, 'a', 'b', 'c');
    await makeDirectory(deep);
    expect(statSync(deep).isDirectory()).toBe(true);
    await makeDirectory(deep);
  });

  it('below a file: ENOTDIR as a NetworkError', async () => {
    const base = mkdtempSync(path.join(os.tmpdir(), 'neurarchy-dir-'));
    const file = path.join(base, 'file');
    writeFileSync(file, 'x');
    await expect(makeDirectory(path.join(file, 'sub'), path.join(file, 'sub'))).rejects.toThrow(/cannot use the folder '.*file\/sub' \(ENOTDIR/);
  });

  it.skipIf(!existsSync('/proc/self'))('under /proc: a NetworkError at once (recursive mkdir never returns there)', async () => {
    const t0 = performance.now();
    const err = await makeDirectory('/proc/neurarchy-test/cache', '/proc/neurarchy-test/cache').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect((err as Error).message).toMatch(/cannot create the folder '\/proc\/neurarchy-test' \(ENOENT.*compile\(\{ directory: "\/proc\/neurarchy-test\/cache" \}\).*writable|write to/);
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});

describe.skipIf(!compiler)('compile({ directory }) on cpp', () => {
  it.skipIf(!existsSync('/proc/self'))('under /proc: compile() rejects with a NetworkError, quickly', async () => {
    const net = new Network();
    net.create(2, new Neuron({ equations: 'r = 1.0' }));
    const t0 = performance.now();
    await expect(net.compile({ backend: 'cpp', directory: '/proc/neurarchy/x' })).rejects.toThrow(NetworkError);
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(net.compiled).toBe(false);
  });
});
