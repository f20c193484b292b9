/**
 * Running one test file on several backends (TensorFlow.js's `describeWithFlags`): wrap a suite in
 * `describeBackends('name', (backend) => { ... })` and build networks with `{ backend }` (and
 * `compileOptions(backend)` for `compile()`). `NEURARCHY_BACKENDS=js,cpp` selects the backends
 * (default: js, plus cpp when a C++ compiler is found, plus webgpu when the optional `webgpu`
 * package finds an adapter, SwiftShader included); a backend named but unable to run here is
 * skipped with a message. `wasm` is not in the default: `npm run test:wasm` (part of `npm test`)
 * runs test/network and test/spiking on it, and test/backends/wasm compares it with js bit for bit.
 *
 * On webgpu (float32) the suites compare with float64 references through `tolerance()` and
 * `closeDigits()`, which leave js and cpp exactly as strict as before and give webgpu the relative
 * precision `F32_RELATIVE` (why 1e-5: see there). Tests about float64 bits, and a few too slow on a
 * CPU adapter, are skipped on webgpu with `it.skipIf(onWebGpu(backend, why))`, which prints why.
 * The backend's own comparison with js is test/backends/webgpu/.
 */
import { describe, beforeEach } from 'vitest';
import os from 'node:os';
import path from 'node:path';
import type { BackendName, CompileOptions } from '../../src/index.js';
import { findCompiler } from '../../src/backends/cpp/toolchain.js';

const hasCompiler = (await findCompiler()) !== undefined;

/** Whether the webgpu adapter runs on the CPU (SwiftShader), set by the probe. */
let webgpuCpu = false;

/** Why the webgpu backend cannot run here (no `webgpu` package, no adapter), when it was asked for or by default. */
const webgpuMissing = !process.env.NEURARCHY_BACKENDS || process.env.NEURARCHY_BACKENDS.includes('webgpu') ? await probeWebGpu() : 'not selected';

async function probeWebGpu(): Promise<string | undefined> {
  try {
    const { acquireDevice } = await import('../../src/backends/webgpu/device.js');
    const { device, description } = await acquireDevice();
    device.destroy();
    webgpuCpu = /swiftshader|llvmpipe|lavapipe|fallback/i.test(description);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

function selected(): BackendName[] {
  const env = process.env.NEURARCHY_BACKENDS;
  if (env) return env.split(',').map((s) => s.trim()).filter(Boolean) as BackendName[];
  // Default: every backend that can run here (webgpu on SwiftShader too: test/network and
  // test/spiking take about 40 s on it, on two cores).
  return [...(hasCompiler ? ['js', 'cpp'] as const : ['js'] as const), ...(webgpuMissing === undefined ? ['webgpu'] as const : [])];
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

/**
 * Relative precision asked of the `webgpu` backend where the suites compare with float64 values
 * (closed forms, hand-written loops, js-computed references). The GPU computes in float32 (unit
 * roundoff 6e-8), its shader compiler contracts a*b+c into FMAs, and WGSL allows a few ulps for
 * `exp`, `log` and division: after tens to hundreds of steps of a non-chaotic trajectory the error
 * observed on SwiftShader stays below ~1e-6 relative; 1e-5 leaves room for GPUs with less exact
 * transcendental functions, while any wrong formula, index or missing step (errors of 1e-3 and
 * more) still fails. The same value as TOL in test/backends/webgpu/webgpu.test.ts.
 */
export const F32_RELATIVE = 1e-5;

/** Whether the running test's backend computes in float32 (`webgpu`). */
export function isFloat32(): boolean {
  return current === 'webgpu';
}

/**
 * An absolute tolerance: `f64` unchanged on js and cpp; on webgpu at least `F32_RELATIVE × scale`
 * (`scale`: the magnitude of the values compared, e.g. 65 for membrane potentials in mV).
 */
export function tolerance(f64: number, scale = 1): number {
  return current === 'webgpu' ? Math.max(f64, F32_RELATIVE * Math.abs(scale)) : f64;
}

/**
 * Digits for `toBeCloseTo(x, digits)` (which passes when |a − b| < 10^−digits / 2): `f64Digits` on
 * js and cpp; on webgpu no more than what `tolerance(…, scale)` allows (fractional digits are fine).
 */
export function closeDigits(f64Digits: number, scale = 1): number {
  if (current !== 'webgpu') return f64Digits;
  return Math.min(f64Digits, -Math.log10(2 * F32_RELATIVE * Math.max(Math.abs(scale), 1e-300)));
}

/**
 * For `it.skipIf(onWebGpu(backend, why))`: true on webgpu (with a message naming why), for the
 * tests that are about float64 bits, or (`cpuOnly`) too slow when the adapter runs on the CPU
 * (SwiftShader), where they then run only on a real GPU.
 */
export function onWebGpu(backend: BackendName, why: string, cpuOnly = false): boolean {
  if (backend !== 'webgpu' || (cpuOnly && !webgpuCpu)) return false;
  console.warn(`skipped on webgpu${cpuOnly ? ' (CPU adapter)' : ''}: ${why}`);
  return true;
}

export function describeBackends(name: string, body: (backend: BackendName) => void): void {
  describeOn(name, selected(), body);
}

/** One `describe` per backend of `backends`, skipped with a message where the backend cannot run here. */
function describeOn(name: string, backends: BackendName[], body: (backend: BackendName) => void): void {
  for (const backend of backends) {
    const skip = (backend === 'cpp' && !hasCompiler) || (backend === 'webgpu' && webgpuMissing !== undefined);
    if (skip) console.warn(`${name} [${backend}]: skipped, ${backend === 'cpp' ? 'no g++ or clang++' : webgpuMissing}`);
    describe.skipIf(skip)(`${name} [${backend}]`, () => {
      beforeEach(() => { current = backend; });
      body(backend);
    });
  }
}

/**
 * `describeBackends` on the float64 backends only (js and cpp), for suites whose expected values are
 * exact float64 numbers from elsewhere (ANNarchy's own tests): webgpu's float32 results are checked
 * against these networks by test/network and test/spiking, with tolerances made for them.
 */
export function describeFloat64Backends(name: string, body: (backend: BackendName) => void): void {
  const chosen = selected();
  if (chosen.includes('webgpu')) console.warn(`${name} [webgpu]: not run, the expected values are exact float64 numbers`);
  describeOn(name, chosen.filter((b) => b !== 'webgpu'), body);
}
