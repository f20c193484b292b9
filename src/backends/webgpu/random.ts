/**
 * The multi-block draws of `src/random/draws.ts` in WGSL, f32: Gamma (Marsaglia–Tsang, attempts on
 * the sub-counters 2j+1 / 2j+2, the k < 1 boost from sub-counter 0) and Binomial (chunked
 * sequential inversion, one chunk per sub-counter, normal approximation beyond 65536 chunks). Same
 * algorithms and counter layout as the js draws, in f32 arithmetic with 24-bit uniforms: the laws
 * are the same, the numbers are not. Pasted after `PHILOX_WGSL_SOURCE` into the modules that use them.
 */
export const RANDOM_WGSL = /* wgsl */ `fn nrx_open0_f32(b: vec4<u32>) -> f32 { return f32((b.x >> 8u) + 1u) * 5.9604644775390625e-8; }
fn nrx_block_normal_f32(b: vec4<u32>) -> f32 {
  return sqrt(-2.0 * log(nrx_open0_f32(b))) * cos(6.283185307179586 * nrx_u24(b.y));
}
fn nrx_gamma_f32(k: f32, theta: f32, stream: u32, index: u32, draw: u32) -> f32 {
  if (!(k > 0.0) || !(theta > 0.0)) { return nx_nan(); }
  let kk = select(k, k + 1.0, k < 1.0);
  let d = kk - 1.0 / 3.0;
  let c = 1.0 / sqrt(9.0 * d);
  var g = d;
  for (var sub = 1u; sub + 1u <= 65535u; sub = sub + 2u) {
    let z = nrx_block_normal_f32(nrx_draw_block(SEED, stream, index, U.step_lo, U.step_hi, draw, sub));
    var v = 1.0 + c * z;
    if (v <= 0.0) { continue; }
    v = v * v * v;
    g = d * v;
    let u = nrx_open0_f32(nrx_draw_block(SEED, stream, index, U.step_lo, U.step_hi, draw, sub + 1u));
    let z2 = z * z;
    if (u < 1.0 - 0.0331 * z2 * z2) { break; }
    if (log(u) < 0.5 * z2 + d * (1.0 - v + log(v))) { break; }
  }
  if (k < 1.0) {
    g = g * exp(log(nrx_open0_f32(nrx_draw_block(SEED, stream, index, U.step_lo, U.step_hi, draw, 0u))) / k);
  }
  return g * theta;
}
fn nrx_binomial_f32(nf: f32, p: f32, stream: u32, index: u32, draw: u32) -> f32 {
  if (!(nf > 0.0) || !(p > 0.0)) { return 0.0; }
  if (p >= 1.0) { return nf; }
  let n = i32(nf);
  let flip = p > 0.5;
  let q = select(p, 1.0 - p, flip);
  // 20 expected successes per chunk (js: 100): (1 − q)^m must stay far above f32's underflow.
  var s = i32(floor(20.0 / q));
  if (s > n) { s = n; }
  let chunks = (n + s - 1) / s;
  var total = 0;
  if (chunks > 65536) {
    let mean = f32(n) * q;
    let z = nrx_block_normal_f32(nrx_draw_block(SEED, stream, index, U.step_lo, U.step_hi, draw, 0u));
    total = clamp(i32(floor(mean + sqrt(mean * (1.0 - q)) * z + 0.5)), 0, n);
  } else {
    let r = q / (1.0 - q);
    let lq = log(1.0 - q);
    for (var j = 0; j < chunks; j = j + 1) {
      let m = select(n - s * (chunks - 1), s, j < chunks - 1);
      var u = nrx_u24(nrx_draw_block(SEED, stream, index, U.step_lo, U.step_hi, draw, u32(j)).x);
      var f = exp(f32(m) * lq);
      var k = 0;
      loop {
        if (k >= m || u < f) { break; }
        u = u - f;
        f = f * f32(m - k) / f32(k + 1) * r;
        k = k + 1;
      }
      total = total + k;
    }
  }
  return f32(select(total, n - total, flip));
}`;
