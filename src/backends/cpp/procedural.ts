/**
 * The C++ draws of a procedural projection's rows (connectors/procedural.ts), the same blocks and
 * formulas as the js functions: the geometric gap from the shared table (integers only), uniform and
 * normal weights or delays from their synapse's Philox block (`nrx_u53`, `nrx_normal_from_words`,
 * the functions the per-step draws use), a delay turned into steps as `delayToSteps` does.
 */
import type { ProjectionPlan } from '../../ir/plan.js';
import { BUCKET_BITS, PROCEDURAL_WORD2, type ProceduralValue } from '../../connectors/procedural.js';
import { NetworkError } from '../../errors.js';
import type { ProceduralDraws } from '../kernels/procedural.js';
import { cppSpelling } from './spelling.js';
import { tempName } from '../steps.js';

/** The C helpers (pruned with the prelude when no projection is procedural). */
export const PROCEDURAL_C_SOURCE = String.raw`/* ---- procedural connectivity: the draws of a regenerated row (src/backends/cpp/procedural.ts) ---- */
/* The next geometric gap of row pre: its gap words in order (*word of them used so far, the current
   block in b: blocks (w / 4, pre, gap word, attempt): attempt 0 but in a fixed-number row), each counting the thresholds floor((1 - p)^k 2^32),
   k = 1..K, it is below (K = 0: every candidate); below all of them, the next word adds on. The
   thresholds decrease, so the count is where x stops being below them: the count of the lowest word of
   x's bucket bounds it, and about one step down reaches it. */
static inline int64_t nx_proc_gap(uint32_t seed, uint32_t stream, const int32_t* table, int64_t K, uint32_t pre, uint32_t attempt, uint32_t* word, uint32_t b[4]) {
  if (K == 0) return 0;
  int64_t gap = 0;
  for (;;) {
    const uint32_t w = (*word)++;
    if ((w & 3u) == 0) nrx_philox4x32_10(w >> 2, pre, ${PROCEDURAL_WORD2.gap}u, attempt, seed, stream, b);
    const uint32_t x = b[w & 3u];
    /* The count at the lowest word of x's bucket (the bucket counts follow the K thresholds), then down to x's. */
    int64_t below = (uint32_t)table[K + (x >> ${32 - BUCKET_BITS})];
    while (below > 0 && x >= (uint32_t)table[below - 1]) below--;
    gap += below;
    if (below < K) return gap;
  }
}
/* A fixed-number row (connectors/procedural.ts ChosenGaps): the first Bernoulli row (attempt *a) with
   at least k of the n candidates, the candidate self (its own, none outside [0, n)) not counted; its
   count returned, its gap words restarted. Then nx_proc_fn_gap: the gap to the next candidate that
   selection sampling keeps (mulhi(x, count - seen) < k - chosen, from its selection words: blocks
   (w / 4, pre, select word, 0)); s = (count, seen, chosen, position). */
static inline int64_t nx_proc_fn_start(uint32_t seed, uint32_t stream, const int32_t* table, int64_t K, uint32_t pre, int64_t n, int64_t k, int64_t self, uint32_t* a, uint32_t* word, uint32_t b[4]) {
  for (uint32_t at = 0;; at++) {
    int64_t count = 0;
    *word = 0;
    for (int64_t j = nx_proc_gap(seed, stream, table, K, pre, at, word, b); j < n; j += 1 + nx_proc_gap(seed, stream, table, K, pre, at, word, b)) if (j != self) count++;
    if (count >= k) { *a = at; *word = 0; return count; }
  }
}
static inline int64_t nx_proc_fn_gap(uint32_t seed, uint32_t stream, const int32_t* table, int64_t K, uint32_t pre, int64_t n, int64_t k, int64_t self, uint32_t a, uint32_t* word, uint32_t b[4], uint32_t* sword, uint32_t sb[4], int64_t s[4]) {
  if (s[2] >= k) return n;
  const int64_t from = s[3];
  for (;;) {
    s[3] += 1 + nx_proc_gap(seed, stream, table, K, pre, a, word, b);
    if (s[3] >= n) return n;
    if (s[3] == self) continue;
    const uint32_t w = (*sword)++;
    if ((w & 3u) == 0) nrx_philox4x32_10(w >> 2, pre, ${PROCEDURAL_WORD2.select}u, 0, seed, stream, sb);
    const uint64_t left = (uint64_t)(s[0] - s[1]++);
    if ((((uint64_t)sb[w & 3u] * left) >> 32) < (uint64_t)(k - s[2])) { s[2]++; return s[3] - from - 1; }
  }
}
/* A uniform in [0, 1) from the first block of synapse m's draws of kind word2 (two words, as a host stream's uniform()). */
static inline double nx_proc_uniform(uint32_t seed, uint32_t stream, uint32_t word2, uint32_t pre, uint32_t m) {
  uint32_t b[4];
  nrx_philox4x32_10(0, pre, word2, m, seed, stream, b);
  return nrx_u53(b[0], b[1]);
}
/* A standard normal from that block (Box-Muller on its four words, as a host stream's normal()). */
static inline double nx_proc_normal(uint32_t seed, uint32_t stream, uint32_t word2, uint32_t pre, uint32_t m) {
  uint32_t b[4];
  nrx_philox4x32_10(0, pre, word2, m, seed, stream, b);
  return nrx_normal_from_words(b);
}
static inline double nx_proc_clip(double v, double lo, double hi) { return v < lo ? lo : v > hi ? hi : v; }
/* delayToSteps: max(1, round(ms / dt)) (ms >= 0: C's round and Math.round agree). */
static inline int64_t nx_proc_steps(double ms, double dt) { const int64_t s = (int64_t)round(ms / dt); return s > 1 ? s : 1; }
`;

const num = (v: number) => cppSpelling.number(v);

/** The C value of a number or a Uniform/Normal drawn for synapse `m` of row `pre`; other distributions are refused. */
function drawn(spec: ProceduralValue, proj: ProjectionPlan, word2: number, pre: string, m: string, what: string): string {
  const rule = proj.procedural!;
  if (typeof spec === 'number') return num(spec);
  const s = spec as { kind?: string; args?: readonly number[]; bounds?: { min?: number; max?: number } };
  const at = `${rule.seed}u, ${rule.stream}u, ${word2}u, (uint32_t)(${pre}), (uint32_t)(${m})`;
  if (s.kind === 'Uniform' && s.args) return `(${num(s.args[0])} + (${num(s.args[1])} - ${num(s.args[0])}) * nx_proc_uniform(${at}))`;
  if (s.kind === 'Normal' && s.args && s.bounds) {
    const lo = s.bounds.min ?? -Infinity, hi = s.bounds.max ?? Infinity;
    return `nx_proc_clip(${num(s.args[0])} + ${num(s.args[1])} * nx_proc_normal(${at}), ${num(lo)}, ${num(hi)})`;
  }
  throw new NetworkError(`projection '${proj.name}': the cpp backend draws procedural ${what} from a Uniform or a Normal only, not ${String(spec)}; use backend 'js' or 'wasm', or procedural: 'stored'`);
}

/** The cpp draws of `proj`'s rows; the table and its length are the kernel's locals `_ptab`, `_pK`. */
export function cppProceduralDraws(proj: ProjectionPlan): ProceduralDraws {
  const rule = proj.procedural!;
  const key = `${rule.seed}u, ${rule.stream}u, _ptab, _pK, (uint32_t)(`;
  const n = rule.candidates.length;
  // A fixed-number row: its attempt, selection words and state (count, seen, chosen, position).
  const chosen = rule.kind === 'number' ? { k: rule.number } : undefined;
  return {
    rowStart: (pre, self) => chosen
      ? [
        'uint32_t _gw = 0; uint32_t _gb[4]; uint32_t _fa = 0; uint32_t _sw = 0; uint32_t _sb[4];',
        `const int64_t _fme = (int64_t)(${self});`,
        `int64_t _fs[4] = { nx_proc_fn_start(${key}${pre}), ${n}, ${chosen.k}, _fme, &_fa, &_gw, _gb), 0, 0, -1 };`,
      ]
      : ['uint32_t _gw = 0; uint32_t _gb[4];'],
    gap: (pre) => chosen
      ? `nx_proc_fn_gap(${key}${pre}), ${n}, ${chosen.k}, _fme, _fa, &_gw, _gb, &_sw, _sb, _fs)`
      : `nx_proc_gap(${key}${pre}), 0, &_gw, _gb)`,
    weight: (pre, m) => drawn(rule.weights, proj, PROCEDURAL_WORD2.weight, pre, m, 'weights'),
    delay: (pre, m) => `nx_proc_steps(${drawn(rule.delays, proj, PROCEDURAL_WORD2.delay, pre, m, 'delays')}, ${num(rule.dt)})`,
    weightLocal: tempName('w'),
  };
}
