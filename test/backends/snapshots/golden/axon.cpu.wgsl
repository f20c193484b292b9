// ==== prep_transmission {"threads":1}
// neurarchy webgpu kernel prep_transmission
const DT: f32 = 1f;
const SEED: u32 = 11u;
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
  if (U.step >= I[30]) { return; }
  if (gi != 0) { return; }
  {
    var n: i32 = 0; var base: i32 = 0;
    n = atomicLoad(&A[0]);
    base = 14;
    let _cnt = n;
    let _go = I[1] != 0 && I[2] != 0;
    IND[0] = select(0u, u32(min(_cnt, 2)), _go);
    IND[1] = 1u;
    IND[2] = 1u;
  }
  {
    var n: i32 = 0; var base: i32 = 0;
    n = atomicLoad(&A[0]);
    base = 14;
    let _cnt = n;
    let _go = I[1] != 0 && I[8] != 0;
    IND[3] = select(0u, u32(min(_cnt, 2)), _go);
    IND[4] = 1u;
    IND[5] = 1u;
  }
  { let _go = I[1] != 0 && I[8] != 0 && I[13] != 0;
    IND[6] = select(0u, u32(min(atomicLoad(&A[1]), 2)), _go);
    IND[7] = 1u;
    IND[8] = 1u;
  }
}

// ==== proj0_transmit {"indirect":0,"most":2,"rows":1}
// neurarchy webgpu kernel proj0_transmit
const DT: f32 = 1f;
const SEED: u32 = 11u;
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
  if (U.step >= I[30]) { return; }
  var n: i32 = 0; var base: i32 = 0;
  n = atomicLoad(&A[0]);
  base = 14;
  for (var s = i32(wid.x); s < n; s = s + i32(nwg.x)) {
    let rk_pre: i32 = I[base + s];
    let m1 = C0[15 + rk_pre + 1];
    for (var m = C0[15 + rk_pre] + li; m < m1; m = m + 64) {
      let k: i32 = C0[18 + m];
      let i: i32 = C0[9 + k];
      let rk_post: i32 = C0[3 + i];
      nx_addf(7 + rk_post, nx_ldf(13 + 0));
    }
  }
}

// ==== proj1_transmit {"indirect":1,"most":2,"rows":1}
// neurarchy webgpu kernel proj1_transmit
const DT: f32 = 1f;
const SEED: u32 = 11u;
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
  if (U.step >= I[30]) { return; }
  var n: i32 = 0; var base: i32 = 0;
  n = atomicLoad(&A[0]);
  base = 14;
  for (var s = i32(wid.x); s < n; s = s + i32(nwg.x)) {
    let rk_pre: i32 = I[base + s];
    let m1 = C0[37 + rk_pre + 1];
    for (var m = C0[37 + rk_pre] + li; m < m1; m = m + 64) {
      let k: i32 = C0[40 + m];
      let i: i32 = C0[31 + k];
      let rk_post: i32 = C0[25 + i];
      nx_addf(9 + rk_post, 0f);
    }
  }
}

// ==== proj1_axon {"indirect":2,"most":2,"rows":1}
// neurarchy webgpu kernel proj1_axon
const DT: f32 = 1f;
const SEED: u32 = 11u;
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
  if (U.step >= I[30]) { return; }
  let n = atomicLoad(&A[1]);
  for (var s = i32(wid.x); s < n; s = s + i32(nwg.x)) {
    let rk_pre: i32 = I[20 + s];
    let m1 = C0[37 + rk_pre + 1];
    for (var m = C0[37 + rk_pre] + li; m < m1; m = m + 64) {
      let k: i32 = C0[40 + m];
      let i: i32 = C0[31 + k];
      let rk_post: i32 = C0[25 + i];
      nx_addf(9 + rk_post, nx_ldf(14 + 0));
    }
  }
}

// ==== clear_counters {"threads":1}
// neurarchy webgpu kernel clear_counters
const DT: f32 = 1f;
const SEED: u32 = 11u;
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
  if (U.step >= I[30]) { return; }
  if (gi != 0) { return; }
  atomicStore(&A[0], 0);
  atomicStore(&A[1], 0);
  atomicStore(&A[2], 0);
}

// ==== pop0_update {"threads":2}
// neurarchy webgpu kernel pop0_update
const DT: f32 = 1f;
const SEED: u32 = 11u;
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
  if (U.step >= I[30]) { return; }
  let i = gi;
  if (i >= 2) { return; }
  if (I[0] == 0) { return; }
  let _inref: bool = !(I[18 + i] > 0);
  {
    let _nv: f32 = (F[1 + i] + 1f);
    F[1 + i] = select(F[1 + i], _nv, _inref);
  }
  {
    let _nv: f32 = (F[3 + i] + 1f);
    F[3 + i] = select(F[3 + i], _nv, _inref);
  }
  if (I[18 + i] > 0) {
    I[18 + i] = (I[18 + i] - 1);
  } else {
    if (nx_truthy(nx_b(F[1 + i] >= 6f))) {
      {
        let _nv: f32 = 0f;
        F[1 + i] = _nv;
      }
      let _slot = atomicAdd(&A[0], 1);
      I[14 + _slot] = i;
      I[16 + i] = U.step;
      I[18 + i] = 2;
    }
  }
  if (nx_truthy(nx_b(nx_modulo(U.t, 2f) == 0f))) {
    {
      let _nv: f32 = 100f;
      F[3 + i] = _nv;
    }
    let _slot = atomicAdd(&A[1], 1);
    I[20 + _slot] = i;
  }
}

// ==== pop1_update {"threads":2}
// neurarchy webgpu kernel pop1_update
const DT: f32 = 1f;
const SEED: u32 = 11u;
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
  if (U.step >= I[30]) { return; }
  let i = gi;
  if (i >= 2) { return; }
  if (I[1] == 0) { return; }
  {
    let _nv: f32 = 0f;
    F[7 + i] = _nv;
  }
  {
    let _nv: f32 = 0f;
    F[9 + i] = _nv;
  }
  if (nx_truthy(nx_b(F[7 + i] > 100f))) {
    let _slot = atomicAdd(&A[2], 1);
    I[22 + _slot] = i;
    I[24 + i] = U.step;
  }
}

// ==== pop0_record {"threads":2}
// neurarchy webgpu kernel pop0_record
const DT: f32 = 1f;
const SEED: u32 = 11u;
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
  if (U.step >= I[30]) { return; }
  let _j = U.step - I[223 + 3];
  let _base = I[223 + (_j & 1)];
  let _n = atomicLoad(&A[0]);
  if (gi < _n) { I[31 + _base + gi] = I[14 + gi]; }
  if (gi == 0) { I[223 + 1 - (_j & 1)] = _base + _n; I[159 + _j] = _n; I[223 + 2] = _j + 1;
    if (_base + _n + 2 > 128) { I[30] = U.step + 1; } }
}

// ==== pop1_record {"threads":2}
// neurarchy webgpu kernel pop1_record
const DT: f32 = 1f;
const SEED: u32 = 11u;
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
  if (U.step >= I[30]) { return; }
  let _j = U.step - I[419 + 3];
  let _base = I[419 + (_j & 1)];
  let _n = atomicLoad(&A[2]);
  if (gi < _n) { I[227 + _base + gi] = I[22 + gi]; }
  if (gi == 0) { I[419 + 1 - (_j & 1)] = _base + _n; I[355 + _j] = _n; I[419 + 2] = _j + 1;
    if (_base + _n + 2 > 128) { I[30] = U.step + 1; } }
}
