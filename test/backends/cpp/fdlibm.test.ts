// The math functions of the generated C++ (src/backends/cpp/fdlibm.ts) against V8's Math.*, bit for
// bit, on a few hundred thousand inputs per function (random in several ranges, tiny values,
// arguments next to multiples of pi/2 and of ln2, where argument reduction cancels). Also: the
// batched random draws (random-batch.ts) against the scalar draws of the prelude. Compiles a small
// C++ program with the backend's own flags; skipped when no g++/clang++.
import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { findCompiler, compilerArguments } from '../../../src/backends/cpp/toolchain.js';
import { PHILOX_C_SOURCE } from '../../../src/random/philox_c.js';
import { FDLIBM_C_SOURCE } from '../../../src/backends/cpp/fdlibm.js';
import { RANDOM_BATCH_SOURCE } from '../../../src/backends/cpp/random-batch.js';

const compiler = await findCompiler();
const dir = mkdtempSync(path.join(os.tmpdir(), 'neurarchy-fdlibm-'));

const DRIVER = String.raw`
#define NF 10
int main(int argc, char** argv) {
  FILE* f = fopen(argv[1], "rb"); fseek(f, 0, SEEK_END); long n = ftell(f) / 8; fseek(f, 0, SEEK_SET);
  double* x = (double*)malloc((size_t)n * 8); if (fread(x, 8, (size_t)n, f) != (size_t)n) return 1; fclose(f);
  FILE* o = fopen(argv[2], "wb");
  for (long i = 0; i < n; i++) {
    const double b = x[(i * 7 + 3) % n];
    double r[NF] = { nx_sin(x[i]), nx_cos(x[i]), nx_tan(x[i]), nx_tanh(x[i]), nx_sinh(x[i]), nx_cosh(x[i]),
      nx_atan(x[i]), nx_atan2(x[i], b), nx_asin(b * 0.3), nx_acos(b * 0.3) };
    fwrite(r, 8, NF, o);
  }
  fclose(o);
  /* batched draws == scalar draws */
  long bad = 0; double out[NX_RB], outu[NX_RB];
  for (uint64_t step = 0; step < 40; step++) {
    const uint64_t st = step * 2654435761ull + (step > 20 ? (1ull << 33) : 0);
    for (int64_t i0 = 0; i0 < 20000; i0 += NX_RB) {
      const int64_t nb = 20000 - i0 < NX_RB ? 20000 - i0 : NX_RB;
      nx_normal_block(out, i0, nb, 0.25, 1.5, 1234u + (uint32_t)step, 65543u, st, 3u);
      nx_uniform_block(outu, i0, nb, -1.0, 3.0, 99u, 5u, st, 1u);
      for (int64_t j = 0; j < nb; j++) {
        const double r = 0.25 + 1.5 * nrx_normal_at(1234u + (uint32_t)step, 65543u, (uint32_t)(i0 + j), st, 3u);
        const double ru = -1.0 + 3.0 * nrx_uniform_at(99u, 5u, (uint32_t)(i0 + j), st, 1u);
        if (memcmp(&r, &out[j], 8) != 0 || memcmp(&ru, &outu[j], 8) != 0) bad++;
      }
    }
  }
  for (int e = 0; e <= 53; e++) for (int64_t d = -2000; d <= 2000; d++) {
    const double p = ldexp(1.0, -e); uint64_t u; memcpy(&u, &p, 8); u += (uint64_t)d; double v; memcpy(&v, &u, 8);
    if (!(v >= ldexp(1.0, -53) && v <= 1.0)) continue;
    const double a = nrx_log(v), b = nx_log_unit(v);
    if (memcmp(&a, &b, 8) != 0) bad++;
  }
  printf("%ld\n", bad);
  return 0;
}
`;

function inputs(n: number): Float64Array {
  const x = new Float64Array(n);
  let seed = 12345;
  const rnd = () => { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; return seed / 4294967296; };
  const bits = new BigInt64Array(x.buffer);
  for (let i = 0; i < n; i++) {
    const s = i % 8;
    if (s === 0) x[i] = (rnd() - 0.5) * 4;
    else if (s === 1) x[i] = (rnd() - 0.5) * 200;
    else if (s === 2) x[i] = (rnd() - 0.5) * 1.6e6;
    else if (s === 3) x[i] = (Math.floor(rnd() * 500000) - 250000) * Math.PI / 2 + (rnd() - 0.5) * 1e-6;
    else if (s === 4) { x[i] = (Math.floor(rnd() * 64) - 32) * Math.PI / 2; bits[i] += BigInt(Math.floor(rnd() * 2001) - 1000); }
    else if (s === 5) x[i] = (rnd() - 0.5) * 2 ** -Math.floor(rnd() * 70);
    else if (s === 6) x[i] = (rnd() < 0.5 ? -1 : 1) * Math.LN2 * (0.5 + Math.floor(rnd() * 4) * 0.5) * (1 + (rnd() - 0.5) * 1e-6);
    else x[i] = (rnd() - 0.5) * 1400;
  }
  return x;
}

describe.skipIf(!compiler)('cpp backend: fdlibm ports equal V8 Math.*', () => {
  it('sin, cos, tan (|x| < 823 550), tanh, sinh, cosh (|x| < 709.78), atan, atan2, asin, acos on 400 000 inputs; batched draws equal scalar draws', () => {
    const src = path.join(dir, 'fdlibm.cpp'), exe = path.join(dir, 'fdlibm'), inp = path.join(dir, 'in.bin'), out = path.join(dir, 'out.bin');
    writeFileSync(src, `#include <cmath>\n#include <cstdint>\n#include <cstring>\n#include <cstdlib>\n#include <cstdio>\n${PHILOX_C_SOURCE}\n${RANDOM_BATCH_SOURCE}\n${FDLIBM_C_SOURCE}\n${DRIVER}`);
    const args = compilerArguments({ threads: 1 }, compiler!.compiler.includes('g++')).filter((a) => a !== '-shared' && a !== '-fPIC' && !a.startsWith('-Wl,'));
    execFileSync(compiler!.compiler, [...args, src, '-o', exe]);
    const x = inputs(400_000);
    writeFileSync(inp, new Uint8Array(x.buffer));
    const batchMismatches = Number(execFileSync(exe, [inp, out]).toString().trim());
    expect(batchMismatches).toBe(0);
    const r = new Float64Array(new Uint8Array(readFileSync(out)).buffer);
    const NF = 10, n = x.length, b = (i: number) => x[(i * 7 + 3) % n];
    const fns: [string, (i: number) => number, number][] = [
      ['sin', (i) => Math.sin(x[i]), 823549], ['cos', (i) => Math.cos(x[i]), 823549], ['tan', (i) => Math.tan(x[i]), 823549],
      ['tanh', (i) => Math.tanh(x[i]), Infinity], ['sinh', (i) => Math.sinh(x[i]), 709.78], ['cosh', (i) => Math.cosh(x[i]), 709.78],
      ['atan', (i) => Math.atan(x[i]), Infinity], ['atan2', (i) => Math.atan2(x[i], b(i)), Infinity],
      ['asin', (i) => Math.asin(b(i) * 0.3), Infinity], ['acos', (i) => Math.acos(b(i) * 0.3), Infinity],
    ];
    fns.forEach(([name, f, limit], k) => {
      let differ = 0, first = '';
      for (let i = 0; i < n; i++) {
        if (Math.abs(x[i]) > limit) continue;
        if (!Object.is(r[NF * i + k], f(i))) { if (!differ) first = `input ${i} (x = ${x[i]}): C ${r[NF * i + k]}, V8 ${f(i)}`; differ++; }
      }
      expect(differ, `${name} differs on ${differ} inputs, first ${first}`).toBe(0);
    });
  });
});
