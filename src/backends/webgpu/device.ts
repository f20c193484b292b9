/// <reference types="@webgpu/types" />
/**
 * GPU device acquisition, in browsers (`navigator.gpu`) and in Node.js (the optional `webgpu`
 * package: Google's Dawn). The `webgpu` package and `node:fs` are imported dynamically, with
 * non-literal specifiers, so that browser bundles never include them.
 *
 * Node.js on Linux without a GPU: Debian's `chromium` package ships SwiftShader's Vulkan driver (a
 * CPU implementation); when `VK_DRIVER_FILES` is unset, that driver exists and the machine has no GPU
 * device node (`/dev/dri`, `/dev/nvidia*`), it is selected here,
 * so tests and users need no setup beyond `apt-get install chromium libvulkan1`.
 *
 * `NEURARCHY_DAWN_FLAGS` passes flags to Dawn's `create()` in Node.js (space-separated, e.g.
 * `enable-dawn-features=skip_validation`; Toggles.cpp in Dawn's sources lists them). See
 * {@link NODE_DAWN_FLAGS} for what Dawn's validation costs and why it stays on by default.
 */
import { NetworkError } from '../../errors.js';

/** SwiftShader's Vulkan ICD as installed by Debian's chromium package. */
export const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

const HOW_TO = 'install a GPU driver with Vulkan (Linux), Metal (macOS) or Direct3D 12 (Windows) support, or, on Linux '
  + `without a GPU, run \`apt-get install chromium libvulkan1\` and set VK_DRIVER_FILES=${SWIFTSHADER_ICD} (SwiftShader runs the shaders on the CPU)`;

/**
 * Dawn's flags in Node.js unless `NEURARCHY_DAWN_FLAGS` gives others: none, so Dawn validates every
 * command. Validated, every indirect dispatch (the backend's spike-driven kernels) gets a validation
 * pass of its own: 220 µs against 2.5 µs on an H200, 6.7× the step time of COBA 4000 (BENCHMARKS.md,
 * "On an NVIDIA H200"). `NEURARCHY_DAWN_FLAGS=enable-dawn-features=skip_validation` removes that
 * cost, but Dawn without validation aborts the whole process on a shader it cannot compile (an
 * expression nested deeper than WGSL allows, seen here) instead of reporting it: the fix that keeps
 * both is fewer indirect dispatches, not this flag.
 */
export const NODE_DAWN_FLAGS = '';

let nodeGpu: Promise<GPU> | undefined;

function isNode(): boolean {
  const p = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return typeof p?.versions?.node === 'string';
}

/** The `GPU` object of Dawn's Node.js binding, created once per process. */
async function loadNodeGpu(): Promise<GPU> {
  const env = (globalThis as unknown as { process: { env: Record<string, string | undefined> } }).process.env;
  if (env.VK_DRIVER_FILES === undefined && env.VK_ICD_FILENAMES === undefined) {
    const fsName = 'node:fs';
    const fs = (await import(/* @vite-ignore */ fsName)) as typeof import('node:fs');
    if (fs.existsSync(SWIFTSHADER_ICD) && !hasGpuDevice(fs)) env.VK_DRIVER_FILES = SWIFTSHADER_ICD;
  }
  const name = 'webgpu';
  let mod: { create(options: string[]): GPU; globals: object };
  try {
    mod = (await import(/* @vite-ignore */ name)) as typeof mod;
  } catch (e) {
    throw new NetworkError(`webgpu backend: the optional package 'webgpu' (Dawn for Node.js) is not installed: run \`npm install webgpu@0.6.2\` in your project (${(e as Error).message})`);
  }
  // GPUBufferUsage, GPUMapMode, … as globals, as in a browser.
  for (const [k, v] of Object.entries(mod.globals)) if (!(k in globalThis)) (globalThis as Record<string, unknown>)[k] = v;
  return mod.create(dawnFlags(env.NEURARCHY_DAWN_FLAGS ?? NODE_DAWN_FLAGS));
}

/**
 * The flags of `NEURARCHY_DAWN_FLAGS`, each `key=value` (Dawn's form). Dawn itself throws on another
 * form without naming the variable, and ignores toggle names it does not know: a misspelt toggle
 * changes nothing (Toggles.cpp in Dawn's sources lists the names).
 */
export function dawnFlags(value: string): string[] {
  const flags = value.split(/\s+/).filter(Boolean);
  const bad = flags.find((f) => !/^[\w-]+=\S*$/.test(f));
  if (bad !== undefined) throw new NetworkError(`webgpu backend: NEURARCHY_DAWN_FLAGS: '${bad}' is not a Dawn flag of the form key=value (e.g. enable-dawn-features=skip_validation); flags are separated by spaces`);
  return flags;
}

/** Whether this machine has a GPU device node (then SwiftShader must not replace its driver). */
function hasGpuDevice(fs: typeof import('node:fs')): boolean {
  if (fs.existsSync('/dev/dri')) return true;
  try {
    return fs.readdirSync('/dev').some((f) => f.startsWith('nvidia'));
  } catch {
    return false;
  }
}

/** The `GPU` entry point of this environment: `navigator.gpu` in browsers (and Deno), Dawn in Node.js. */
export async function getGpu(): Promise<GPU> {
  const nav = (globalThis as { navigator?: { gpu?: GPU } }).navigator;
  if (nav?.gpu) return nav.gpu;
  if (!isNode()) throw new NetworkError(`webgpu backend: this environment has no WebGPU (navigator.gpu is missing); use a browser with WebGPU enabled`);
  nodeGpu ??= loadNodeGpu();
  try {
    return await nodeGpu;
  } catch (e) {
    nodeGpu = undefined;
    throw e;
  }
}

/** Whether an adapter (by its {@link AcquiredDevice.description}) runs on the CPU: SwiftShader, llvmpipe, lavapipe, a fallback adapter. */
export function isCpuAdapter(description: string): boolean {
  return /swiftshader|llvmpipe|lavapipe|fallback/i.test(description);
}

export interface AcquiredDevice {
  device: GPUDevice;
  /** Adapter description, e.g. `google / swiftshader` or `nvidia / …`. */
  description: string;
}

/**
 * Requests a high-performance adapter and a device with the adapter's largest storage limits.
 *
 * @param gpu the entry point (tests inject fakes); defaults to {@link getGpu}.
 * @throws NetworkError with instructions when no adapter is found.
 */
export async function acquireDevice(gpu?: GPU): Promise<AcquiredDevice> {
  const g = gpu ?? await getGpu();
  const adapter = await g.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) throw new NetworkError(`webgpu backend: no GPU adapter found: ${HOW_TO}`);
  const L = adapter.limits;
  const device = await adapter.requestDevice({
    requiredLimits: {
      maxStorageBufferBindingSize: L.maxStorageBufferBindingSize,
      maxBufferSize: L.maxBufferSize,
      // All the adapter has: beyond F, I, A and IND, each is a buffer for the largest arrays (`memory.ts` `GroupBuffer`).
      maxStorageBuffersPerShaderStage: L.maxStorageBuffersPerShaderStage,
    },
  });
  const info = adapter.info ?? ({} as GPUAdapterInfo);
  return { device, description: [info.vendor, info.architecture, info.description].filter(Boolean).join(' / ') || 'unknown adapter' };
}
