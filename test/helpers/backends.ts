/**
 * Running one test file on several backends (TensorFlow.js's `describeWithFlags`): wrap a suite in
 * `describeBackends('name', (backend) => { ... })` and build networks with `{ backend }` (and
 * `compileOptions(backend)` for `compile()`). `NEURARCHY_BACKENDS=js,cpp` selects the backends
 * (default: js, plus cpp when a C++ compiler is found); a backend that cannot run here is skipped
 * with a message.
 *
 * `webgpu` runs only when named (`NEURARCHY_BACKENDS=js,cpp,webgpu`), never by default: many of
 * these suites assert exact float64 values (hand-written loops, closed forms to 1e-12), which a
 * float32 GPU cannot meet; its own comparison with tolerances is test/backends/webgpu/.
 */
import { describe, beforeEach } from 'vitest';
import os from 'node:os';
import path from 'node:path';
import type { BackendName, CompileOptions } from '../../src/index.js';
import { findCompiler } from '../../src/backends/cpp/toolchain.js';

const hasCompiler = (await findCompiler()) !== undefined;

/** Why the webgpu backend cannot run here (no `webgpu` package, no adapter), when it was asked for. */
const webgpuMissing = process.env.NEURARCHY_BACKENDS?.includes('webgpu') ? await probeWebGpu() : undefined;

async function probeWebGpu(): Promise<string | undefined> {
  try {
    const { acquireDevice } = await import('../../src/backends/webgpu/device.js');
    (await acquireDevice()).device.destroy();
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

function selected(): BackendName[] {
  const env = process.env.NEURARCHY_BACKENDS;
  if (env) return env.split(',').map((s) => s.trim()).filter(Boolean) as BackendName[];
  return hasCompiler ? ['js', 'cpp'] : ['js'];
}

/** Where the tests' compiled libraries are cached (shared by every test file). */
export const TEST_CACHE = path.join(os.tmpdir(), 'neurarchy-test-cache');

/** Options for `net.compile()` on `backend`. */
export function compileOptions(backend: BackendName): CompileOptions {
  return backend === 'cpp' ? { backend, directory: TEST_CACHE } : { backend };
}

let current: BackendName = 'js';

/** Compile options for the backend of the test that is running (set by `describeBackends`). */
export function compileFor(): CompileOptions {
  return compileOptions(current);
}

/** The backend of the test that is running. */
export function currentBackend(): BackendName {
  return current;
}

export function describeBackends(name: string, body: (backend: BackendName) => void): void {
  for (const backend of selected()) {
    const skip = (backend === 'cpp' && !hasCompiler) || (backend === 'webgpu' && webgpuMissing !== undefined);
    if (skip) console.warn(`${name} [${backend}]: skipped, ${backend === 'cpp' ? 'no g++ or clang++' : webgpuMissing}`);
    describe.skipIf(skip)(`${name} [${backend}]`, () => {
      beforeEach(() => { current = backend; });
      body(backend);
    });
  }
}
