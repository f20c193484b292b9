// cpp/prelude.ts: the generated C++ keeps only the prelude definitions its code reaches (issue 15:
// COBA's source was 1 372 lines, 1 037 of them unused random/libm code).
import { it, expect } from 'vitest';
import { usedPrelude } from '../../../src/backends/cpp/prelude.js';
import { generateCpp } from '../../../src/backends/cpp/generate.js';
import { buildCOBA } from '../../../bench/lib/spiking.js';

const LIB = String.raw`#include <math.h>
#define K_SCALE 2.0
#define K_TWICE(x) \
  ((x) * K_SCALE)
/* a comment that belongs to a */
static inline double a(double x) { return K_TWICE(x); }
static inline double b(double x) { return a(x) + 1.0; /* uses a; } in a comment */ }
static const double TABLE[3] = { 1.0, 2.0, 3.0 };
static inline double c(double x) { return TABLE[1] * x; }
struct Pair { double x, y; };
static inline double d(struct Pair p) { return p.x; }
static inline double unused(double x) { return x; }
static const char* S = "b(not a call)";
`;

it('keeps what the roots reach, through functions, macros, tables and structs, in order', () => {
  const keep = (roots: string) => usedPrelude(LIB, roots);
  const names = (src: string) => ['K_SCALE', 'K_TWICE', 'static inline double a', 'static inline double b', 'TABLE[3]', 'static inline double c', 'struct Pair', 'static inline double d', 'unused', 'const char* S'].filter((n) => src.includes(n));
  expect(names(keep('b(1.0);'))).toEqual(['K_SCALE', 'K_TWICE', 'static inline double a', 'static inline double b']);
  expect(names(keep('c(2.0);'))).toEqual(['TABLE[3]', 'static inline double c']);
  expect(names(keep('struct Pair p; d(p);'))).toEqual(['struct Pair', 'static inline double d']);
  expect(names(keep('/* b( */ "c(" 0;'))).toEqual([]);
  expect(keep('a(0);')).toContain('/* a comment that belongs to a */');
  expect(keep('')).toContain('#include <math.h>');
});

it("COBA's C++ carries no random or libm code (it draws nothing and calls no exp, log or pow)", async () => {
  const { net } = buildCOBA({ N: 100, seed: 1 });
  await net.compile({ backend: 'js' });
  const { source } = generateCpp(net.plan!, { threads: 1 });
  for (const gone of ['nrx_philox4x32_10', 'nrx_draw_block', 'nrx_exp', 'nrx_log', 'nx_v8_pow', 'nx_geom', 'nx_sin']) expect(source).not.toContain(gone);
  for (const kept of ['nx_truthy', 'nx_refr_steps', 'nx_jsround', 'pop0_update', 'nx_run']) expect(source).toContain(kept);
  // 1 372 lines before the prelude was reduced (golden file of commit dff1fb1).
  expect(source.split('\n').length).toBeLessThan(400);
});
