// ==== pop0_clear {"threads":3}
// neurarchy webgpu kernel pop0_clear
const DT: f32 = 1f;
const SEED: u32 = 7u;
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
  if (U.step >= I[9]) { return; }
  let i = gi;
  if (i >= 3) { return; }
  if (I[0] == 0) { return; }
  F[13 + i] = 0.0;
}

// ==== pop1_clear {"threads":2}
// neurarchy webgpu kernel pop1_clear
const DT: f32 = 1f;
const SEED: u32 = 7u;
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
  if (U.step >= I[9]) { return; }
  let i = gi;
  if (i >= 2) { return; }
  if (I[1] == 0) { return; }
  F[24 + i] = 0.0;
}

// ==== proj0_transmit {"threads":2}
// neurarchy webgpu kernel proj0_transmit
const DT: f32 = 1f;
const SEED: u32 = 7u;
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
  if (U.step >= I[9]) { return; }
  let i = gi;
  if (i >= 2 || !(I[1] != 0 && I[2] != 0)) { return; }
  var _s: f32 = 0f;
  var _n: i32 = 1;
  let rk_post = C0[3 + i];
  let k0 = C0[0 + i]; let k1 = C0[0 + i + 1];
  _n = k1 - k0;
  for (var k = k0; k < k1; k = k + 1) {
    let rk_pre = C0[5 + k];
    _s = (_s + (F[38 + k] * F[10 + rk_pre]));
  }
  F[24 + rk_post] = (F[24 + rk_post] + _s);
}

// ==== pop0_update {"threads":3}
// neurarchy webgpu kernel pop0_update
const DT: f32 = 1f;
const SEED: u32 = 7u;
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
  if (U.step >= I[9]) { return; }
  let i = gi;
  if (i >= 3) { return; }
  if (I[0] == 0) { return; }
  {
    let T_m_mp: f32 = ((F[4 + i] + (F[13 + i]) - F[7 + i]) / F[1 + i]);
    {
      let _nv: f32 = (F[7 + i] + (DT * T_m_mp));
      F[7 + i] = _nv;
    }
  }
  {
    let _nv: f32 = nx_pos(F[7 + i]);
    F[10 + i] = _nv;
  }
}

// ==== pop1_update {"threads":2}
// neurarchy webgpu kernel pop1_update
const DT: f32 = 1f;
const SEED: u32 = 7u;
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
  if (U.step >= I[9]) { return; }
  let i = gi;
  if (i >= 2) { return; }
  if (I[1] == 0) { return; }
  {
    let T_m_mp: f32 = ((F[18 + i] + (F[24 + i]) - F[20 + i]) / F[16 + i]);
    {
      let _nv: f32 = (F[20 + i] + (DT * T_m_mp));
      F[20 + i] = _nv;
    }
  }
  {
    let _nv: f32 = nx_pos(F[20 + i]);
    F[22 + i] = _nv;
  }
}

// ==== proj0_update {"threads":2}
// neurarchy webgpu kernel proj0_update
const DT: f32 = 1f;
const SEED: u32 = 7u;
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
  if (U.step >= I[9]) { return; }
  if (I[1] == 0 || I[2] == 0 || I[3] == 0) { return; }
  if ((U.step - I[6]) % I[5] != 0) { return; }
  let _dt = DT * f32(I[5]);
  let _nd: i32 = 2;
  let i = gi;
  if (i >= _nd) { return; }
  let rk_post: i32 = C0[3 + i];
  {
    let _k1: i32 = C0[0 + i + 1];
    for (var k: i32 = C0[0 + i]; k < _k1; k++) {
      let rk_pre: i32 = C0[5 + k];
      {
        let T_m_w: f32 = (((F[10 + rk_pre] * F[22 + rk_post]) - (F[32 + k] * nx_pow(F[22 + rk_post], 2f) * F[38 + k])) / F[26 + k]);
        if (I[4] != 0) {
          let _nv: f32 = (F[38 + k] + (_dt * T_m_w));
          F[38 + k] = _nv;
        }
      }
    }
  }
}
