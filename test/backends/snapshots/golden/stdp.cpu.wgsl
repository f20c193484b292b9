// ==== prep_transmission {"threads":1}
// neurarchy webgpu kernel prep_transmission
const DT: f32 = 0.1f;
const SEED: u32 = 1u;
@group(0) @binding(0) var<storage, read_write> F: array<f32>;
@group(0) @binding(1) var<storage, read_write> I: array<i32>;
@group(0) @binding(2) var<storage, read_write> A: array<atomic<i32>>;
struct Step { step: i32, step_lo: u32, step_hi: u32, t: f32 }
@group(0) @binding(3) var<uniform> U: Step;
@group(0) @binding(5) var<storage, read> C0: array<i32>;
@group(0) @binding(6) var<storage, read> C1: array<i32>;
@group(0) @binding(7) var<storage, read> C2: array<i32>;
@group(0) @binding(8) var<storage, read> C3: array<i32>;
@group(0) @binding(4) var<storage, read_write> IND: array<u32>;
// ---- neurarchy helpers (src/backends/webgpu/spelling.ts) ----
var<private> NX_INF_BITS: u32 = 0x7f800000u;
fn nx_inf() -> f32 { return bitcast<f32>(NX_INF_BITS); }
fn nx_nan() -> f32 { return bitcast<f32>(NX_INF_BITS | 0x400000u); }
fn nx_truthy(x: f32) -> bool { return x != 0.0; }
fn nx_b(c: bool) -> f32 { return select(0.0, 1.0, c); }
fn nx_pos(x: f32) -> f32 { return select(0.0, x, x > 0.0); }
fn nx_neg(x: f32) -> f32 { return select(0.0, x, x < 0.0); }
fn nx_clip(x: f32, a: f32, b: f32) -> f32 { return select(select(x, b, x > b), a, x < a); }
fn nx_min(a: f32, b: f32) -> f32 { return select(b, a, a < b); }
fn nx_max(a: f32, b: f32) -> f32 { return select(b, a, a > b); }
fn nx_modulo(a: f32, b: f32) -> f32 { let bi = i32(trunc(b)); if (bi == 0) { return 0.0; } return f32(i32(trunc(a)) % bi); }
fn nx_round(x: f32) -> f32 { return sign(x) * floor(abs(x) + 0.5); }
// NaN and infinity tests on the bits: the shader compiler may fold x != x to false.
fn nx_isnan(x: f32) -> f32 { return nx_b((bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u); }
fn nx_isfinite(x: f32) -> f32 { return nx_b((bitcast<u32>(x) & 0x7f800000u) != 0x7f800000u); }
// A refractory period in steps, rounded half up, saturated to [0, 2^31 - 1] (NaN: none).
fn nx_period_steps(x: f32) -> i32 { let r = floor(x + 0.5); if (r >= 2147483648.0) { return 2147483647; } if (r > 0.0) { return i32(r); } return 0; }
// WGSL's pow is undefined for x < 0: integer exponents keep the sign rule of C's pow.
fn nx_pow(x: f32, y: f32) -> f32 {
  if (y == 2.0) { return x * x; }
  if (x >= 0.0) { return pow(x, y); }
  if (y != floor(y)) { return nx_nan(); }
  let m = pow(-x, y);
  return select(m, -m, (i32(y) & 1) == 1);
}


@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let li = i32(lid.x);
  let gi = i32(gid.x + gid.y * nwg.x * 64u);
  let wg = i32(wid.x + wid.y * nwg.x);
  if (U.step >= I[92]) { return; }
  if (gi != 0) { return; }
  {
    var n: i32 = 0; var base: i32 = 0;
    n = atomicLoad(&A[0]);
    base = 8;
    let _cnt = n;
    let _go = I[1] != 0 && I[2] != 0;
    IND[0] = select(0u, u32(min(_cnt, 20)), _go);
    IND[1] = 1u;
    IND[2] = 1u;
  }
}

// ==== proj0_transmit {"indirect":0,"most":20,"rows":1}
// neurarchy webgpu kernel proj0_transmit
const DT: f32 = 0.1f;
const SEED: u32 = 1u;
@group(0) @binding(0) var<storage, read_write> F: array<atomic<u32>>;
@group(0) @binding(1) var<storage, read_write> I: array<i32>;
@group(0) @binding(2) var<storage, read_write> A: array<atomic<i32>>;
struct Step { step: i32, step_lo: u32, step_hi: u32, t: f32 }
@group(0) @binding(3) var<uniform> U: Step;
@group(0) @binding(5) var<storage, read> C0: array<i32>;
@group(0) @binding(6) var<storage, read> C1: array<i32>;
@group(0) @binding(7) var<storage, read> C2: array<i32>;
@group(0) @binding(8) var<storage, read> C3: array<i32>;
fn nx_ldf(idx: i32) -> f32 { return bitcast<f32>(atomicLoad(&F[idx])); }
fn nx_stf(idx: i32, v: f32) { atomicStore(&F[idx], bitcast<u32>(v)); }
fn nx_addf(idx: i32, v: f32) {
  var old = atomicLoad(&F[idx]);
  loop {
    let r = atomicCompareExchangeWeak(&F[idx], old, bitcast<u32>(bitcast<f32>(old) + v));
    if (r.exchanged) { break; }
    old = r.old_value;
  }
}
// ---- neurarchy helpers (src/backends/webgpu/spelling.ts) ----
var<private> NX_INF_BITS: u32 = 0x7f800000u;
fn nx_inf() -> f32 { return bitcast<f32>(NX_INF_BITS); }
fn nx_nan() -> f32 { return bitcast<f32>(NX_INF_BITS | 0x400000u); }
fn nx_truthy(x: f32) -> bool { return x != 0.0; }
fn nx_b(c: bool) -> f32 { return select(0.0, 1.0, c); }
fn nx_pos(x: f32) -> f32 { return select(0.0, x, x > 0.0); }
fn nx_neg(x: f32) -> f32 { return select(0.0, x, x < 0.0); }
fn nx_clip(x: f32, a: f32, b: f32) -> f32 { return select(select(x, b, x > b), a, x < a); }
fn nx_min(a: f32, b: f32) -> f32 { return select(b, a, a < b); }
fn nx_max(a: f32, b: f32) -> f32 { return select(b, a, a > b); }
fn nx_modulo(a: f32, b: f32) -> f32 { let bi = i32(trunc(b)); if (bi == 0) { return 0.0; } return f32(i32(trunc(a)) % bi); }
fn nx_round(x: f32) -> f32 { return sign(x) * floor(abs(x) + 0.5); }
// NaN and infinity tests on the bits: the shader compiler may fold x != x to false.
fn nx_isnan(x: f32) -> f32 { return nx_b((bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u); }
fn nx_isfinite(x: f32) -> f32 { return nx_b((bitcast<u32>(x) & 0x7f800000u) != 0x7f800000u); }
// A refractory period in steps, rounded half up, saturated to [0, 2^31 - 1] (NaN: none).
fn nx_period_steps(x: f32) -> i32 { let r = floor(x + 0.5); if (r >= 2147483648.0) { return 2147483647; } if (r > 0.0) { return i32(r); } return 0; }
// WGSL's pow is undefined for x < 0: integer exponents keep the sign rule of C's pow.
fn nx_pow(x: f32, y: f32) -> f32 {
  if (y == 2.0) { return x * x; }
  if (x >= 0.0) { return pow(x, y); }
  if (y != floor(y)) { return nx_nan(); }
  let m = pow(-x, y);
  return select(m, -m, (i32(y) & 1) == 1);
}


@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let li = i32(lid.x);
  let gi = i32(gid.x + gid.y * nwg.x * 64u);
  let wg = i32(wid.x + wid.y * nwg.x);
  if (U.step >= I[92]) { return; }
  var n: i32 = 0; var base: i32 = 0;
  n = atomicLoad(&A[0]);
  base = 8;
  for (var s = i32(wid.x); s < n; s = s + i32(nwg.x)) {
    let rk_pre: i32 = I[base + s];
    let m1 = C0[44 + rk_pre + 1];
    for (var m = C0[44 + rk_pre] + li; m < m1; m = m + 64) {
      let k: i32 = C0[65 + m];
      let i: i32 = C0[23 + k];
      let rk_post: i32 = C0[2 + i];
      let T_elapsed: f32 = f32((U.step - I[71 + k]));
      nx_stf(130 + k, (nx_ldf(130 + k) * exp(((-(T_elapsed * DT)) / nx_ldf(190 + 0)))));
      nx_stf(150 + k, (nx_ldf(150 + k) * exp(((-(T_elapsed * DT)) / nx_ldf(191 + 0)))));
      I[71 + k] = U.step;
      nx_addf(128 + rk_post, nx_ldf(170 + k));
      {
        let _nv: f32 = (nx_ldf(130 + k) + (nx_ldf(192 + 0) * nx_ldf(195 + 0)));
        nx_stf(130 + k, _nv);
      }
      if (I[4] != 0) {
        let _nv: f32 = nx_clip((nx_ldf(170 + k) + nx_ldf(150 + k)), nx_ldf(194 + 0), nx_ldf(195 + 0));
        nx_stf(170 + k, _nv);
      }
    }
  }
}

// ==== clear_counters {"threads":1}
// neurarchy webgpu kernel clear_counters
const DT: f32 = 0.1f;
const SEED: u32 = 1u;
@group(0) @binding(0) var<storage, read_write> F: array<f32>;
@group(0) @binding(1) var<storage, read_write> I: array<i32>;
@group(0) @binding(2) var<storage, read_write> A: array<atomic<i32>>;
struct Step { step: i32, step_lo: u32, step_hi: u32, t: f32 }
@group(0) @binding(3) var<uniform> U: Step;
@group(0) @binding(5) var<storage, read> C0: array<i32>;
@group(0) @binding(6) var<storage, read> C1: array<i32>;
@group(0) @binding(7) var<storage, read> C2: array<i32>;
@group(0) @binding(8) var<storage, read> C3: array<i32>;
// ---- neurarchy helpers (src/backends/webgpu/spelling.ts) ----
var<private> NX_INF_BITS: u32 = 0x7f800000u;
fn nx_inf() -> f32 { return bitcast<f32>(NX_INF_BITS); }
fn nx_nan() -> f32 { return bitcast<f32>(NX_INF_BITS | 0x400000u); }
fn nx_truthy(x: f32) -> bool { return x != 0.0; }
fn nx_b(c: bool) -> f32 { return select(0.0, 1.0, c); }
fn nx_pos(x: f32) -> f32 { return select(0.0, x, x > 0.0); }
fn nx_neg(x: f32) -> f32 { return select(0.0, x, x < 0.0); }
fn nx_clip(x: f32, a: f32, b: f32) -> f32 { return select(select(x, b, x > b), a, x < a); }
fn nx_min(a: f32, b: f32) -> f32 { return select(b, a, a < b); }
fn nx_max(a: f32, b: f32) -> f32 { return select(b, a, a > b); }
fn nx_modulo(a: f32, b: f32) -> f32 { let bi = i32(trunc(b)); if (bi == 0) { return 0.0; } return f32(i32(trunc(a)) % bi); }
fn nx_round(x: f32) -> f32 { return sign(x) * floor(abs(x) + 0.5); }
// NaN and infinity tests on the bits: the shader compiler may fold x != x to false.
fn nx_isnan(x: f32) -> f32 { return nx_b((bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u); }
fn nx_isfinite(x: f32) -> f32 { return nx_b((bitcast<u32>(x) & 0x7f800000u) != 0x7f800000u); }
// A refractory period in steps, rounded half up, saturated to [0, 2^31 - 1] (NaN: none).
fn nx_period_steps(x: f32) -> i32 { let r = floor(x + 0.5); if (r >= 2147483648.0) { return 2147483647; } if (r > 0.0) { return i32(r); } return 0; }
// WGSL's pow is undefined for x < 0: integer exponents keep the sign rule of C's pow.
fn nx_pow(x: f32, y: f32) -> f32 {
  if (y == 2.0) { return x * x; }
  if (x >= 0.0) { return pow(x, y); }
  if (y != floor(y)) { return nx_nan(); }
  let m = pow(-x, y);
  return select(m, -m, (i32(y) & 1) == 1);
}


@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let li = i32(lid.x);
  let gi = i32(gid.x + gid.y * nwg.x * 64u);
  let wg = i32(wid.x + wid.y * nwg.x);
  if (U.step >= I[92]) { return; }
  if (gi != 0) { return; }
  atomicStore(&A[0], 0);
  atomicStore(&A[1], 0);
}

// ==== pop0_update {"threads":20}
// neurarchy webgpu kernel pop0_update
const DT: f32 = 0.1f;
const SEED: u32 = 1u;
@group(0) @binding(0) var<storage, read_write> F: array<f32>;
@group(0) @binding(1) var<storage, read_write> I: array<i32>;
@group(0) @binding(2) var<storage, read_write> A: array<atomic<i32>>;
struct Step { step: i32, step_lo: u32, step_hi: u32, t: f32 }
@group(0) @binding(3) var<uniform> U: Step;
@group(0) @binding(5) var<storage, read> C0: array<i32>;
@group(0) @binding(6) var<storage, read> C1: array<i32>;
@group(0) @binding(7) var<storage, read> C2: array<i32>;
@group(0) @binding(8) var<storage, read> C3: array<i32>;
// ---- neurarchy helpers (src/backends/webgpu/spelling.ts) ----
var<private> NX_INF_BITS: u32 = 0x7f800000u;
fn nx_inf() -> f32 { return bitcast<f32>(NX_INF_BITS); }
fn nx_nan() -> f32 { return bitcast<f32>(NX_INF_BITS | 0x400000u); }
fn nx_truthy(x: f32) -> bool { return x != 0.0; }
fn nx_b(c: bool) -> f32 { return select(0.0, 1.0, c); }
fn nx_pos(x: f32) -> f32 { return select(0.0, x, x > 0.0); }
fn nx_neg(x: f32) -> f32 { return select(0.0, x, x < 0.0); }
fn nx_clip(x: f32, a: f32, b: f32) -> f32 { return select(select(x, b, x > b), a, x < a); }
fn nx_min(a: f32, b: f32) -> f32 { return select(b, a, a < b); }
fn nx_max(a: f32, b: f32) -> f32 { return select(b, a, a > b); }
fn nx_modulo(a: f32, b: f32) -> f32 { let bi = i32(trunc(b)); if (bi == 0) { return 0.0; } return f32(i32(trunc(a)) % bi); }
fn nx_round(x: f32) -> f32 { return sign(x) * floor(abs(x) + 0.5); }
// NaN and infinity tests on the bits: the shader compiler may fold x != x to false.
fn nx_isnan(x: f32) -> f32 { return nx_b((bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u); }
fn nx_isfinite(x: f32) -> f32 { return nx_b((bitcast<u32>(x) & 0x7f800000u) != 0x7f800000u); }
// A refractory period in steps, rounded half up, saturated to [0, 2^31 - 1] (NaN: none).
fn nx_period_steps(x: f32) -> i32 { let r = floor(x + 0.5); if (r >= 2147483648.0) { return 2147483647; } if (r > 0.0) { return i32(r); } return 0; }
// WGSL's pow is undefined for x < 0: integer exponents keep the sign rule of C's pow.
fn nx_pow(x: f32, y: f32) -> f32 {
  if (y == 2.0) { return x * x; }
  if (x >= 0.0) { return pow(x, y); }
  if (y != floor(y)) { return nx_nan(); }
  let m = pow(-x, y);
  return select(m, -m, (i32(y) & 1) == 1);
}

// ---- neurarchy random: Philox4x32-10 (generated from src/random/philox_wgsl.ts) ----
const NRX_PHILOX_M0: u32 = 0xD2511F53u;
const NRX_PHILOX_M1: u32 = 0xCD9E8D57u;
const NRX_PHILOX_W0: u32 = 0x9E3779B9u;
const NRX_PHILOX_W1: u32 = 0xBB67AE85u;

// (hi, lo) of the 64-bit product a*b, from 16-bit halves (no u64 in WGSL).
fn nrx_mulhilo(a: u32, b: u32) -> vec2<u32> {
  let al = a & 0xFFFFu;
  let ah = a >> 16u;
  let bl = b & 0xFFFFu;
  let bh = b >> 16u;
  let ll = al * bl;
  let lh = al * bh;
  let hl = ah * bl;
  let hh = ah * bh;
  let mid = (ll >> 16u) + (lh & 0xFFFFu) + (hl & 0xFFFFu);
  let hi = hh + (lh >> 16u) + (hl >> 16u) + (mid >> 16u);
  return vec2<u32>(hi, a * b);
}

fn nrx_philox4x32_10(ctr: vec4<u32>, key: vec2<u32>) -> vec4<u32> {
  var c = ctr;
  var k = key;
  for (var r: u32 = 0u; r < 10u; r = r + 1u) {
    if (r > 0u) {
      k = vec2<u32>(k.x + NRX_PHILOX_W0, k.y + NRX_PHILOX_W1);
    }
    let p0 = nrx_mulhilo(NRX_PHILOX_M0, c.x);
    let p1 = nrx_mulhilo(NRX_PHILOX_M1, c.z);
    c = vec4<u32>(p1.x ^ c.y ^ k.x, p1.y, p0.x ^ c.w ^ k.y, p0.y);
  }
  return c;
}

// key = (seed, stream); counter = (index, step_lo, step_hi, (sub << 16) | draw_id)
fn nrx_draw_block(seed: u32, stream: u32, index: u32, step_lo: u32, step_hi: u32, draw_id: u32, sub: u32) -> vec4<u32> {
  return nrx_philox4x32_10(vec4<u32>(index, step_lo, step_hi, (sub << 16u) | (draw_id & 0xFFFFu)), vec2<u32>(seed, stream));
}

// float32 uniform in [0, 1): (x >> 8) * 2^-24, exact in f32
fn nrx_u24(x: u32) -> f32 {
  return f32(x >> 8u) * 5.9604644775390625e-8;
}

fn nrx_uniform_f32(seed: u32, stream: u32, index: u32, step_lo: u32, step_hi: u32, draw_id: u32) -> f32 {
  return nrx_u24(nrx_draw_block(seed, stream, index, step_lo, step_hi, draw_id, 0u).x);
}

// Box-Muller in f32: u1 = ((x0 >> 8) + 1) * 2^-24 in (0, 1], angle 2*pi*u24(x1).
fn nrx_normal_f32(seed: u32, stream: u32, index: u32, step_lo: u32, step_hi: u32, draw_id: u32) -> f32 {
  let b = nrx_draw_block(seed, stream, index, step_lo, step_hi, draw_id, 0u);
  let u1 = f32((b.x >> 8u) + 1u) * 5.9604644775390625e-8;
  let u2 = nrx_u24(b.y);
  return sqrt(-2.0 * log(u1)) * cos(6.283185307179586 * u2);
}
// ---- end of neurarchy random ----

fn nx_geom(q: f32, stream: u32, index: u32, draw: u32) -> f32 {
  if (!(q > 0.0)) { return 3.0e38; }
  if (q >= 1.0) { return 1.0; }
  let b = nrx_draw_block(SEED, stream, index, U.step_lo, U.step_hi, draw, 0u);
  let u = f32((b.x >> 8u) + 1u) * 5.9604644775390625e-8;
  let lq = select(log(1.0 - q), -(q + q * q * (0.5 + q / 3.0)), q < 0.01);
  return 1.0 + floor(log(u) / lq);
}

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let li = i32(lid.x);
  let gi = i32(gid.x + gid.y * nwg.x * 64u);
  let wg = i32(wid.x + wid.y * nwg.x);
  if (U.step >= I[92]) { return; }
  let i = gi;
  if (i >= 20) { return; }
  if (I[0] == 0) { return; }
  let _q: f32 = 0.0001;
  let _r: f32 = F[1 + i];
  let _p: f32 = (_r * _q);
  if (bitcast<u32>(_r) != bitcast<u32>(F[101 + i])) {
    F[101 + i] = _r;
    let _from: f32 = nx_max(f32(U.step), (f32(I[28 + i]) + 1f));
    F[81 + i] = ((_from - 1f) + nx_geom(_p, 65536u, u32(i), 1u));
  }
  if (F[81 + i] <= f32(U.step)) {
    let _slot = atomicAdd(&A[0], 1);
    I[8 + _slot] = i;
    I[28 + i] = U.step;
    F[81 + i] = (f32(U.step) + nx_geom(_p, 65536u, u32(i), 0u));
  }
}

// ==== pop1_update {"threads":1}
// neurarchy webgpu kernel pop1_update
const DT: f32 = 0.1f;
const SEED: u32 = 1u;
@group(0) @binding(0) var<storage, read_write> F: array<f32>;
@group(0) @binding(1) var<storage, read_write> I: array<i32>;
@group(0) @binding(2) var<storage, read_write> A: array<atomic<i32>>;
struct Step { step: i32, step_lo: u32, step_hi: u32, t: f32 }
@group(0) @binding(3) var<uniform> U: Step;
@group(0) @binding(5) var<storage, read> C0: array<i32>;
@group(0) @binding(6) var<storage, read> C1: array<i32>;
@group(0) @binding(7) var<storage, read> C2: array<i32>;
@group(0) @binding(8) var<storage, read> C3: array<i32>;
// ---- neurarchy helpers (src/backends/webgpu/spelling.ts) ----
var<private> NX_INF_BITS: u32 = 0x7f800000u;
fn nx_inf() -> f32 { return bitcast<f32>(NX_INF_BITS); }
fn nx_nan() -> f32 { return bitcast<f32>(NX_INF_BITS | 0x400000u); }
fn nx_truthy(x: f32) -> bool { return x != 0.0; }
fn nx_b(c: bool) -> f32 { return select(0.0, 1.0, c); }
fn nx_pos(x: f32) -> f32 { return select(0.0, x, x > 0.0); }
fn nx_neg(x: f32) -> f32 { return select(0.0, x, x < 0.0); }
fn nx_clip(x: f32, a: f32, b: f32) -> f32 { return select(select(x, b, x > b), a, x < a); }
fn nx_min(a: f32, b: f32) -> f32 { return select(b, a, a < b); }
fn nx_max(a: f32, b: f32) -> f32 { return select(b, a, a > b); }
fn nx_modulo(a: f32, b: f32) -> f32 { let bi = i32(trunc(b)); if (bi == 0) { return 0.0; } return f32(i32(trunc(a)) % bi); }
fn nx_round(x: f32) -> f32 { return sign(x) * floor(abs(x) + 0.5); }
// NaN and infinity tests on the bits: the shader compiler may fold x != x to false.
fn nx_isnan(x: f32) -> f32 { return nx_b((bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u); }
fn nx_isfinite(x: f32) -> f32 { return nx_b((bitcast<u32>(x) & 0x7f800000u) != 0x7f800000u); }
// A refractory period in steps, rounded half up, saturated to [0, 2^31 - 1] (NaN: none).
fn nx_period_steps(x: f32) -> i32 { let r = floor(x + 0.5); if (r >= 2147483648.0) { return 2147483647; } if (r > 0.0) { return i32(r); } return 0; }
// WGSL's pow is undefined for x < 0: integer exponents keep the sign rule of C's pow.
fn nx_pow(x: f32, y: f32) -> f32 {
  if (y == 2.0) { return x * x; }
  if (x >= 0.0) { return pow(x, y); }
  if (y != floor(y)) { return nx_nan(); }
  let m = pow(-x, y);
  return select(m, -m, (i32(y) & 1) == 1);
}


@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let li = i32(lid.x);
  let gi = i32(gid.x + gid.y * nwg.x * 64u);
  let wg = i32(wid.x + wid.y * nwg.x);
  if (U.step >= I[92]) { return; }
  let i = gi;
  if (i >= 1) { return; }
  if (I[1] == 0) { return; }
  {
    let T_m_v: f32 = ((F[125 + i] - F[127 + i] + (F[128 + i] * (F[126 + i] - F[124 + i]))) / F[121 + i]);
    let T_m_g_exc: f32 = (-(F[128 + i] / F[122 + i]));
    {
      let _nv: f32 = (F[127 + i] + (DT * T_m_v));
      F[127 + i] = _nv;
    }
    {
      let _nv: f32 = (F[128 + i] + (DT * T_m_g_exc));
      F[128 + i] = _nv;
    }
  }
  if (nx_truthy(nx_b(F[127 + i] > F[123 + i]))) {
    {
      let _nv: f32 = F[124 + i];
      F[127 + i] = _nv;
    }
    let _slot = atomicAdd(&A[1], 1);
    I[68 + _slot] = i;
    I[69 + i] = U.step;
  }
}

// ==== prep_post {"threads":1}
// neurarchy webgpu kernel prep_post
const DT: f32 = 0.1f;
const SEED: u32 = 1u;
@group(0) @binding(0) var<storage, read_write> F: array<f32>;
@group(0) @binding(1) var<storage, read_write> I: array<i32>;
@group(0) @binding(2) var<storage, read_write> A: array<atomic<i32>>;
struct Step { step: i32, step_lo: u32, step_hi: u32, t: f32 }
@group(0) @binding(3) var<uniform> U: Step;
@group(0) @binding(5) var<storage, read> C0: array<i32>;
@group(0) @binding(6) var<storage, read> C1: array<i32>;
@group(0) @binding(7) var<storage, read> C2: array<i32>;
@group(0) @binding(8) var<storage, read> C3: array<i32>;
@group(0) @binding(4) var<storage, read_write> IND: array<u32>;
// ---- neurarchy helpers (src/backends/webgpu/spelling.ts) ----
var<private> NX_INF_BITS: u32 = 0x7f800000u;
fn nx_inf() -> f32 { return bitcast<f32>(NX_INF_BITS); }
fn nx_nan() -> f32 { return bitcast<f32>(NX_INF_BITS | 0x400000u); }
fn nx_truthy(x: f32) -> bool { return x != 0.0; }
fn nx_b(c: bool) -> f32 { return select(0.0, 1.0, c); }
fn nx_pos(x: f32) -> f32 { return select(0.0, x, x > 0.0); }
fn nx_neg(x: f32) -> f32 { return select(0.0, x, x < 0.0); }
fn nx_clip(x: f32, a: f32, b: f32) -> f32 { return select(select(x, b, x > b), a, x < a); }
fn nx_min(a: f32, b: f32) -> f32 { return select(b, a, a < b); }
fn nx_max(a: f32, b: f32) -> f32 { return select(b, a, a > b); }
fn nx_modulo(a: f32, b: f32) -> f32 { let bi = i32(trunc(b)); if (bi == 0) { return 0.0; } return f32(i32(trunc(a)) % bi); }
fn nx_round(x: f32) -> f32 { return sign(x) * floor(abs(x) + 0.5); }
// NaN and infinity tests on the bits: the shader compiler may fold x != x to false.
fn nx_isnan(x: f32) -> f32 { return nx_b((bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u); }
fn nx_isfinite(x: f32) -> f32 { return nx_b((bitcast<u32>(x) & 0x7f800000u) != 0x7f800000u); }
// A refractory period in steps, rounded half up, saturated to [0, 2^31 - 1] (NaN: none).
fn nx_period_steps(x: f32) -> i32 { let r = floor(x + 0.5); if (r >= 2147483648.0) { return 2147483647; } if (r > 0.0) { return i32(r); } return 0; }
// WGSL's pow is undefined for x < 0: integer exponents keep the sign rule of C's pow.
fn nx_pow(x: f32, y: f32) -> f32 {
  if (y == 2.0) { return x * x; }
  if (x >= 0.0) { return pow(x, y); }
  if (y != floor(y)) { return nx_nan(); }
  let m = pow(-x, y);
  return select(m, -m, (i32(y) & 1) == 1);
}


@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let li = i32(lid.x);
  let gi = i32(gid.x + gid.y * nwg.x * 64u);
  let wg = i32(wid.x + wid.y * nwg.x);
  if (U.step >= I[92]) { return; }
  if (gi != 0) { return; }
  { let _go = I[2] != 0;
    IND[3] = select(0u, u32(min(atomicLoad(&A[1]), 1)), _go);
    IND[4] = 1u;
    IND[5] = 1u;
  }
}

// ==== proj0_post {"indirect":1,"most":1,"rows":1}
// neurarchy webgpu kernel proj0_post
const DT: f32 = 0.1f;
const SEED: u32 = 1u;
@group(0) @binding(0) var<storage, read_write> F: array<atomic<u32>>;
@group(0) @binding(1) var<storage, read_write> I: array<i32>;
@group(0) @binding(2) var<storage, read_write> A: array<atomic<i32>>;
struct Step { step: i32, step_lo: u32, step_hi: u32, t: f32 }
@group(0) @binding(3) var<uniform> U: Step;
@group(0) @binding(5) var<storage, read> C0: array<i32>;
@group(0) @binding(6) var<storage, read> C1: array<i32>;
@group(0) @binding(7) var<storage, read> C2: array<i32>;
@group(0) @binding(8) var<storage, read> C3: array<i32>;
fn nx_ldf(idx: i32) -> f32 { return bitcast<f32>(atomicLoad(&F[idx])); }
fn nx_stf(idx: i32, v: f32) { atomicStore(&F[idx], bitcast<u32>(v)); }
fn nx_addf(idx: i32, v: f32) {
  var old = atomicLoad(&F[idx]);
  loop {
    let r = atomicCompareExchangeWeak(&F[idx], old, bitcast<u32>(bitcast<f32>(old) + v));
    if (r.exchanged) { break; }
    old = r.old_value;
  }
}
// ---- neurarchy helpers (src/backends/webgpu/spelling.ts) ----
var<private> NX_INF_BITS: u32 = 0x7f800000u;
fn nx_inf() -> f32 { return bitcast<f32>(NX_INF_BITS); }
fn nx_nan() -> f32 { return bitcast<f32>(NX_INF_BITS | 0x400000u); }
fn nx_truthy(x: f32) -> bool { return x != 0.0; }
fn nx_b(c: bool) -> f32 { return select(0.0, 1.0, c); }
fn nx_pos(x: f32) -> f32 { return select(0.0, x, x > 0.0); }
fn nx_neg(x: f32) -> f32 { return select(0.0, x, x < 0.0); }
fn nx_clip(x: f32, a: f32, b: f32) -> f32 { return select(select(x, b, x > b), a, x < a); }
fn nx_min(a: f32, b: f32) -> f32 { return select(b, a, a < b); }
fn nx_max(a: f32, b: f32) -> f32 { return select(b, a, a > b); }
fn nx_modulo(a: f32, b: f32) -> f32 { let bi = i32(trunc(b)); if (bi == 0) { return 0.0; } return f32(i32(trunc(a)) % bi); }
fn nx_round(x: f32) -> f32 { return sign(x) * floor(abs(x) + 0.5); }
// NaN and infinity tests on the bits: the shader compiler may fold x != x to false.
fn nx_isnan(x: f32) -> f32 { return nx_b((bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u); }
fn nx_isfinite(x: f32) -> f32 { return nx_b((bitcast<u32>(x) & 0x7f800000u) != 0x7f800000u); }
// A refractory period in steps, rounded half up, saturated to [0, 2^31 - 1] (NaN: none).
fn nx_period_steps(x: f32) -> i32 { let r = floor(x + 0.5); if (r >= 2147483648.0) { return 2147483647; } if (r > 0.0) { return i32(r); } return 0; }
// WGSL's pow is undefined for x < 0: integer exponents keep the sign rule of C's pow.
fn nx_pow(x: f32, y: f32) -> f32 {
  if (y == 2.0) { return x * x; }
  if (x >= 0.0) { return pow(x, y); }
  if (y != floor(y)) { return nx_nan(); }
  let m = pow(-x, y);
  return select(m, -m, (i32(y) & 1) == 1);
}


@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let li = i32(lid.x);
  let gi = i32(gid.x + gid.y * nwg.x * 64u);
  let wg = i32(wid.x + wid.y * nwg.x);
  if (U.step >= I[92]) { return; }
  let n = atomicLoad(&A[1]);
  for (var s = i32(wid.x); s < n; s = s + i32(nwg.x)) {
    let rk_post: i32 = I[68 + s];
    let i: i32 = C0[43 + rk_post];
    if (i >= 0) {
      let k1 = C0[0 + i + 1];
      for (var k = C0[0 + i] + li; k < k1; k = k + 64) {
        let rk_pre: i32 = C0[3 + k];
        let T_elapsed: f32 = f32(((U.step + 1) - I[71 + k]));
        nx_stf(130 + k, (nx_ldf(130 + k) * exp(((-(T_elapsed * DT)) / nx_ldf(190 + 0)))));
        nx_stf(150 + k, (nx_ldf(150 + k) * exp(((-(T_elapsed * DT)) / nx_ldf(191 + 0)))));
        I[71 + k] = (U.step + 1);
        {
          let _nv: f32 = (nx_ldf(150 + k) - (nx_ldf(193 + 0) * nx_ldf(195 + 0)));
          nx_stf(150 + k, _nv);
        }
        if (I[4] != 0) {
          let _nv: f32 = nx_clip((nx_ldf(170 + k) + nx_ldf(130 + k)), nx_ldf(194 + 0), nx_ldf(195 + 0));
          nx_stf(170 + k, _nv);
        }
      }
    }
  }
}

// ==== pop0_record {"threads":20}
// neurarchy webgpu kernel pop0_record
const DT: f32 = 0.1f;
const SEED: u32 = 1u;
@group(0) @binding(0) var<storage, read_write> F: array<f32>;
@group(0) @binding(1) var<storage, read_write> I: array<i32>;
@group(0) @binding(2) var<storage, read_write> A: array<atomic<i32>>;
struct Step { step: i32, step_lo: u32, step_hi: u32, t: f32 }
@group(0) @binding(3) var<uniform> U: Step;
@group(0) @binding(5) var<storage, read> C0: array<i32>;
@group(0) @binding(6) var<storage, read> C1: array<i32>;
@group(0) @binding(7) var<storage, read> C2: array<i32>;
@group(0) @binding(8) var<storage, read> C3: array<i32>;
// ---- neurarchy helpers (src/backends/webgpu/spelling.ts) ----
var<private> NX_INF_BITS: u32 = 0x7f800000u;
fn nx_inf() -> f32 { return bitcast<f32>(NX_INF_BITS); }
fn nx_nan() -> f32 { return bitcast<f32>(NX_INF_BITS | 0x400000u); }
fn nx_truthy(x: f32) -> bool { return x != 0.0; }
fn nx_b(c: bool) -> f32 { return select(0.0, 1.0, c); }
fn nx_pos(x: f32) -> f32 { return select(0.0, x, x > 0.0); }
fn nx_neg(x: f32) -> f32 { return select(0.0, x, x < 0.0); }
fn nx_clip(x: f32, a: f32, b: f32) -> f32 { return select(select(x, b, x > b), a, x < a); }
fn nx_min(a: f32, b: f32) -> f32 { return select(b, a, a < b); }
fn nx_max(a: f32, b: f32) -> f32 { return select(b, a, a > b); }
fn nx_modulo(a: f32, b: f32) -> f32 { let bi = i32(trunc(b)); if (bi == 0) { return 0.0; } return f32(i32(trunc(a)) % bi); }
fn nx_round(x: f32) -> f32 { return sign(x) * floor(abs(x) + 0.5); }
// NaN and infinity tests on the bits: the shader compiler may fold x != x to false.
fn nx_isnan(x: f32) -> f32 { return nx_b((bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u); }
fn nx_isfinite(x: f32) -> f32 { return nx_b((bitcast<u32>(x) & 0x7f800000u) != 0x7f800000u); }
// A refractory period in steps, rounded half up, saturated to [0, 2^31 - 1] (NaN: none).
fn nx_period_steps(x: f32) -> i32 { let r = floor(x + 0.5); if (r >= 2147483648.0) { return 2147483647; } if (r > 0.0) { return i32(r); } return 0; }
// WGSL's pow is undefined for x < 0: integer exponents keep the sign rule of C's pow.
fn nx_pow(x: f32, y: f32) -> f32 {
  if (y == 2.0) { return x * x; }
  if (x >= 0.0) { return pow(x, y); }
  if (y != floor(y)) { return nx_nan(); }
  let m = pow(-x, y);
  return select(m, -m, (i32(y) & 1) == 1);
}


@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let li = i32(lid.x);
  let gi = i32(gid.x + gid.y * nwg.x * 64u);
  let wg = i32(wid.x + wid.y * nwg.x);
  if (U.step >= I[92]) { return; }
  let _j = U.step - I[1437 + 3];
  let _base = I[1437 + (_j & 1)];
  let _n = atomicLoad(&A[0]);
  if (gi < _n) { I[93 + _base + gi] = I[8 + gi]; }
  if (gi == 0) { I[1437 + 1 - (_j & 1)] = _base + _n; I[1373 + _j] = _n; I[1437 + 2] = _j + 1;
    if (_base + _n + 20 > 1280) { I[92] = U.step + 1; } }
}

// ==== pop1_record {"threads":1}
// neurarchy webgpu kernel pop1_record
const DT: f32 = 0.1f;
const SEED: u32 = 1u;
@group(0) @binding(0) var<storage, read_write> F: array<f32>;
@group(0) @binding(1) var<storage, read_write> I: array<i32>;
@group(0) @binding(2) var<storage, read_write> A: array<atomic<i32>>;
struct Step { step: i32, step_lo: u32, step_hi: u32, t: f32 }
@group(0) @binding(3) var<uniform> U: Step;
@group(0) @binding(5) var<storage, read> C0: array<i32>;
@group(0) @binding(6) var<storage, read> C1: array<i32>;
@group(0) @binding(7) var<storage, read> C2: array<i32>;
@group(0) @binding(8) var<storage, read> C3: array<i32>;
// ---- neurarchy helpers (src/backends/webgpu/spelling.ts) ----
var<private> NX_INF_BITS: u32 = 0x7f800000u;
fn nx_inf() -> f32 { return bitcast<f32>(NX_INF_BITS); }
fn nx_nan() -> f32 { return bitcast<f32>(NX_INF_BITS | 0x400000u); }
fn nx_truthy(x: f32) -> bool { return x != 0.0; }
fn nx_b(c: bool) -> f32 { return select(0.0, 1.0, c); }
fn nx_pos(x: f32) -> f32 { return select(0.0, x, x > 0.0); }
fn nx_neg(x: f32) -> f32 { return select(0.0, x, x < 0.0); }
fn nx_clip(x: f32, a: f32, b: f32) -> f32 { return select(select(x, b, x > b), a, x < a); }
fn nx_min(a: f32, b: f32) -> f32 { return select(b, a, a < b); }
fn nx_max(a: f32, b: f32) -> f32 { return select(b, a, a > b); }
fn nx_modulo(a: f32, b: f32) -> f32 { let bi = i32(trunc(b)); if (bi == 0) { return 0.0; } return f32(i32(trunc(a)) % bi); }
fn nx_round(x: f32) -> f32 { return sign(x) * floor(abs(x) + 0.5); }
// NaN and infinity tests on the bits: the shader compiler may fold x != x to false.
fn nx_isnan(x: f32) -> f32 { return nx_b((bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u); }
fn nx_isfinite(x: f32) -> f32 { return nx_b((bitcast<u32>(x) & 0x7f800000u) != 0x7f800000u); }
// A refractory period in steps, rounded half up, saturated to [0, 2^31 - 1] (NaN: none).
fn nx_period_steps(x: f32) -> i32 { let r = floor(x + 0.5); if (r >= 2147483648.0) { return 2147483647; } if (r > 0.0) { return i32(r); } return 0; }
// WGSL's pow is undefined for x < 0: integer exponents keep the sign rule of C's pow.
fn nx_pow(x: f32, y: f32) -> f32 {
  if (y == 2.0) { return x * x; }
  if (x >= 0.0) { return pow(x, y); }
  if (y != floor(y)) { return nx_nan(); }
  let m = pow(-x, y);
  return select(m, -m, (i32(y) & 1) == 1);
}


@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let li = i32(lid.x);
  let gi = i32(gid.x + gid.y * nwg.x * 64u);
  let wg = i32(wid.x + wid.y * nwg.x);
  if (U.step >= I[92]) { return; }
  let _j = U.step - I[1569 + 3];
  let _base = I[1569 + (_j & 1)];
  let _n = atomicLoad(&A[1]);
  if (gi < _n) { I[1441 + _base + gi] = I[68 + gi]; }
  if (gi == 0) { I[1569 + 1 - (_j & 1)] = _base + _n; I[1505 + _j] = _n; I[1569 + 2] = _j + 1;
    if (_base + _n + 1 > 64) { I[92] = U.step + 1; } }
}
