/**
 * Building a generated translation unit into a shared library with the system compiler, cached by
 * content hash: the key covers the source, the full command line, the compiler's identity
 * (`--version`) and the CPU (`-march=native` code must not run on another one). A second run of an
 * unchanged model loads the cached library without compiling.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, writeFile, rename, access, rm, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { NetworkError } from '../../errors.js';
import { makeFolders } from '../../io/folders.js';
import { lockBuild } from './build-lock.js';

export interface ToolchainOptions {
  /** Where sources and libraries go (default: `node_modules/.cache/neurarchy` under the working directory, or the temp folder). */
  directory?: string;
  /** Compiler command (default `g++`, then `clang++`). */
  compiler?: string;
  /** Optimisation flags (default `-O2 -march=native`). `-ffp-contract=off` is always added unless these flags set it. */
  compilerFlags?: string;
  threads: number;
}

export interface BuiltLibrary {
  path: string;
  /** True when the library came from the cache. */
  cached: boolean;
  /** Seconds spent compiling (0 on a cache hit). */
  seconds: number;
  command: string;
}

export const DEFAULT_FLAGS = '-O2 -march=native';

/** Whether this machine, which runs the compiler and its `-march=native` code, is x86. */
const X86 = process.arch === 'x64' || process.arch === 'ia32';

interface Run { stdout: string; stderr: string; code: number | string | null }

function run(cmd: string, args: string[], cwd?: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(cmd, args, { cwd, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? ((err as NodeJS.ErrnoException).code ?? 1) : 0;
      resolve({ stdout: String(stdout), stderr: String(stderr), code });
    });
  });
}

const versions = new Map<string, Promise<string | undefined>>();

/** The compiler's `--version` first line, or undefined when it cannot be run. */
function compilerVersion(compiler: string): Promise<string | undefined> {
  let v = versions.get(compiler);
  if (!v) {
    v = run(compiler, ['--version']).then((r) => (r.code === 0 ? r.stdout.split('\n')[0].trim() : undefined));
    versions.set(compiler, v);
  }
  return v;
}

/** The first available compiler among `g++`, `clang++` (undefined if none). */
export async function findCompiler(preferred?: string): Promise<{ compiler: string; version: string } | undefined> {
  for (const c of preferred ? [preferred] : ['g++', 'clang++']) {
    const version = await compilerVersion(c);
    if (version) return { compiler: c, version };
  }
  return undefined;
}

export function defaultDirectory(): string {
  const nm = path.join(process.cwd(), 'node_modules');
  return existsSync(nm) ? path.join(nm, '.cache', 'neurarchy') : path.join(os.tmpdir(), 'neurarchy-cache');
}

/** The full argument list (without input and output files). */
export function compilerArguments(options: ToolchainOptions, gcc = true): string[] {
  const opt = (options.compilerFlags ?? DEFAULT_FLAGS).split(/\s+/).filter(Boolean);
  const args = [...opt];
  // GCC's -O2 vectorises only loops whose trip count needs no remainder; the neuron loops gain 1.5x
  // with the dynamic cost model (elementwise vector operations round exactly as scalar ones).
  if (gcc && options.compilerFlags === undefined) args.push('-fvect-cost-model=dynamic');
  // Where -march=native has AVX-512, full-width vectors: both compilers keep to 256 bits by default
  // (older Xeons slowed their clock for 512). Here (a Sapphire Rapids Xeon) the neuron loops and the
  // draws gained 8-25 % (COBA 4000 0.054 -> 0.045 s, rate 4000 11.5 -> 8.6 s), the same bits.
  // Without AVX-512 the flag changes nothing; it is an x86 option (ARM compilers refuse it).
  if (options.compilerFlags === undefined && X86) args.push('-mprefer-vector-width=512');
  if (!opt.some((f) => f.startsWith('-ffp-contract'))) args.push('-ffp-contract=off');
  // No errno from sqrt & co.: the same results (errno is never read), but sqrt can be vectorised
  // (the batched normal draws run 2x faster). It permits no value-changing transformation.
  if (!opt.some((f) => f === '-fmath-errno' || f === '-fno-math-errno')) args.push('-fno-math-errno');
  args.push('-std=c++17', '-fPIC', '-shared', '-Wl,-z,nodelete', '-fno-exceptions', '-fno-rtti');
  if (options.threads > 1) args.push('-fopenmp');
  return args;
}

const ADVICE = "Use the 'js' backend instead (compile({ backend: 'js' })), which needs no compiler.";

/** The first error line of a compiler's output (or its first line). */
function firstMessage(stderr: string): string {
  const lines = stderr.split('\n').map((l) => l.trim()).filter(Boolean);
  return lines.find((l) => /error|fatal|cannot find|undefined reference/i.test(l)) ?? lines[0] ?? '(no output)';
}

/** A file-system failure of the build as a `NetworkError` that names the path and what to do. */
function directoryError(what: string, file: string, e: unknown, directory: string | undefined): NetworkError {
  const err = e as NodeJS.ErrnoException;
  const given = directory !== undefined ? `compile({ directory: ${JSON.stringify(directory)} })` : 'the default cache folder';
  return new NetworkError(
    `cpp backend: cannot ${what} '${file}' (${err.code ?? 'error'}: ${err.message}) for ${given}. `
    + `Give compile({ directory }) a folder this process can write to, or leave it out (default: ${defaultDirectory()}).`,
  );
}

/** Creates `dir` and its missing parents level by level (see io/folders.ts: why not `recursive: true`). */
export async function makeDirectory(dir: string, given?: string): Promise<void> {
  await makeFolders(dir, { stat, mkdir: (d) => mkdir(d) }, (what, folder, e) => directoryError(what, folder, e, given));
}

export async function buildLibrary(source: string, options: ToolchainOptions): Promise<BuiltLibrary> {
  const found = await findCompiler(options.compiler);
  const args = compilerArguments(options, !/clang/i.test(found?.version ?? ''));
  if (!found) {
    const tried = options.compiler ?? 'g++ or clang++';
    throw new NetworkError(
      `cpp backend: no C++ compiler: '${tried}' could not be run (command: ${tried} ${args.join(' ')}). `
      + `Install g++ or clang++, or pass compile({ compiler }). ${ADVICE}`,
    );
  }
  const dir = path.resolve(options.directory ?? defaultDirectory());
  await makeDirectory(dir, options.directory);
  const hash = createHash('sha256')
    .update(source).update('\0').update(found.compiler).update('\0').update(found.version).update('\0')
    .update(args.join(' ')).update('\0').update(`${os.arch()} ${os.cpus()[0]?.model ?? ''} ${process.platform}`)
    .digest('hex').slice(0, 24);
  const lib = path.join(dir, `neurarchy_${hash}.so`);
  const src = path.join(dir, `neurarchy_${hash}.cpp`);
  const command = `${found.compiler} ${args.join(' ')} ${src} -o ${lib}`;
  try {
    await access(lib);
    return { path: lib, cached: true, seconds: 0, command };
  } catch { /* not cached: compile */ }
  // Builders of the same library at the same time (parallelRun's workers) compile it once.
  const release = await lockBuild(lib).catch((e: unknown) => { throw directoryError('lock', `${lib}.lock`, e, options.directory); });
  if (!release) return { path: lib, cached: true, seconds: 0, command };
  try {
    return await compileLibrary(found.compiler, args, source, src, lib, command, options);
  } finally {
    await release();
  }
}

async function compileLibrary(compiler: string, args: string[], source: string, src: string, lib: string, command: string, options: ToolchainOptions): Promise<BuiltLibrary> {
  await writeFile(src, source).catch((e: unknown) => { throw directoryError('write the source', src, e, options.directory); });
  // Compile to a private name, then rename: concurrent processes never load a half-written library.
  const tmp = `${lib}.${process.pid}.${Date.now()}.tmp`;
  const t0 = performance.now();
  const r = await run(compiler, [...args, src, '-o', tmp], path.dirname(lib));
  const seconds = (performance.now() - t0) / 1000;
  if (r.code !== 0) {
    await rm(tmp, { force: true });
    const msg = firstMessage(r.stderr);
    const omp = options.threads > 1 && /omp\.h|gomp|-fopenmp|openmp/i.test(r.stderr);
    throw new NetworkError(
      `cpp backend: ${omp ? 'OpenMP is not available' : 'the generated code did not compile'}: ${msg}\n  command: ${command}\n  `
      + (omp ? `Use numThreads: 1, install OpenMP (libgomp / libomp), or: ${ADVICE}` : ADVICE),
    );
  }
  await rename(tmp, lib);
  return { path: lib, cached: false, seconds, command };
}
