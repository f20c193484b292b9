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
  if (U.step >= I[315]) { return; }
  if (gi != 0) { return; }
  {
    var n: i32 = 0; var base: i32 = 0;
    n = atomicLoad(&A[0]);
    base = 13;
    let _cnt = n;
    let _go = I[0] != 0 && I[1] != 0;
    IND[0] = select(0u, u32(min(_cnt, 100)), _go);
    IND[1] = 1u;
    IND[2] = 1u;
  }
  {
    var n: i32 = 0; var base: i32 = 0;
    n = atomicLoad(&A[0]);
    base = 13;
    let _cnt = n;
    let _go = I[0] != 0 && I[7] != 0;
    IND[3] = select(0u, u32(min(_cnt, 100)), _go);
    IND[4] = 1u;
    IND[5] = 1u;
  }
}

// ==== proj0_transmit+proj1_transmit {"workgroups":200}
// neurarchy webgpu kernel proj0_transmit+proj1_transmit
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
@group(0) @binding(4) var<storage, read_write> IND: array<u32>;
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
  if (U.step >= I[315]) { return; }
  let _wx = wid.x;
  if (_wx < 100u) {
    let wid = vec3<u32>(_wx - 0u, 0u, 0u);
    let gid = vec3<u32>(wid.x * 64u + lid.x, 0u, 0u);
    let nwg = vec3<u32>(IND[0], IND[1], IND[2]);
    let gi = i32(gid.x);
    let wg = i32(wid.x);
    if (wid.x >= nwg.x || wid.y >= nwg.y) { return; }
    var n: i32 = 0; var base: i32 = 0;
    n = atomicLoad(&A[0]);
    base = 13;
    for (var s = i32(wid.x); s < n; s = s + i32(nwg.x)) {
      let rk_pre: i32 = I[base + s];
      let m1 = C0[12987 + rk_pre + 1];
      for (var m = C0[12987 + rk_pre] + li; m < m1; m = m + 64) {
        let k: i32 = C0[13088 + m];
        let i: i32 = C0[6544 + k];
        let rk_post: i32 = C0[101 + i];
        nx_addf(110 + rk_post, nx_ldf(410 + 0));
      }
    }
    return;
  }
  if (_wx < 200u) {
    let wid = vec3<u32>(_wx - 100u, 0u, 0u);
    let gid = vec3<u32>(wid.x * 64u + lid.x, 0u, 0u);
    let nwg = vec3<u32>(IND[3], IND[4], IND[5]);
    let gi = i32(gid.x);
    let wg = i32(wid.x);
    if (wid.x >= nwg.x || wid.y >= nwg.y) { return; }
    var n: i32 = 0; var base: i32 = 0;
    n = atomicLoad(&A[0]);
    base = 13;
    for (var s = i32(wid.x); s < n; s = s + i32(nwg.x)) {
      let rk_pre: i32 = I[base + s];
      let m1 = C0[22912 + rk_pre + 1];
      for (var m = C0[22912 + rk_pre] + li; m < m1; m = m + 64) {
        let k: i32 = C0[23013 + m];
        let i: i32 = C0[21222 + k];
        let rk_post: i32 = C0[19532 + i];
        nx_addf(210 + rk_post, nx_ldf(411 + 0));
      }
    }
    return;
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
  if (U.step >= I[315]) { return; }
  if (gi != 0) { return; }
  atomicStore(&A[0], 0);
}

// ==== pop0_update {"threads":100}
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


@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let li = i32(lid.x);
  let gi = i32(gid.x + gid.y * nwg.x * 64u);
  let wg = i32(wid.x + wid.y * nwg.x);
  if (U.step >= I[315]) { return; }
  let i = gi;
  if (i >= 100) { return; }
  if (I[0] == 0) { return; }
  let T_li0: f32 = (1f / F[6 + 0]);
  let T_li1: f32 = (1f / F[7 + 0]);
  let T_li2: f32 = (1f / F[8 + 0]);
  let _inref: bool = !(I[213 + i] > 0);
  {
    let T_m_v: f32 = ((F[1 + 0] - F[10 + i] + (F[110 + i] * (F[3 + 0] - F[10 + i])) + (F[210 + i] * (F[4 + 0] - F[10 + i])) + F[9 + 0]) * T_li0);
    let T_m_g_exc: f32 = (-(F[110 + i] * T_li1));
    let T_m_g_inh: f32 = (-(F[210 + i] * T_li2));
    {
      let _nv: f32 = (F[10 + i] + (DT * T_m_v));
      F[10 + i] = select(F[10 + i], _nv, _inref);
    }
    {
      let _nv: f32 = (F[110 + i] + (DT * T_m_g_exc));
      F[110 + i] = _nv;
    }
    {
      let _nv: f32 = (F[210 + i] + (DT * T_m_g_inh));
      F[210 + i] = _nv;
    }
  }
  if (I[213 + i] > 0) {
    I[213 + i] = (I[213 + i] - 1);
  } else {
    if (nx_truthy(nx_b(F[10 + i] > F[5 + 0]))) {
      {
        let _nv: f32 = F[2 + 0];
        F[10 + i] = _nv;
      }
      let _slot = atomicAdd(&A[0], 1);
      I[13 + _slot] = i;
      I[113 + i] = U.step;
      I[213 + i] = 50;
    }
  }
}

// ==== pop0_record {"threads":100}
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
  if (U.step >= I[315]) { return; }
  let _j = U.step - I[6780 + 3];
  let _base = I[6780 + (_j & 1)];
  let _n = atomicLoad(&A[0]);
  if (gi < _n) { I[316 + _base + gi] = I[13 + gi]; }
  if (gi == 0) { I[6780 + 1 - (_j & 1)] = _base + _n; I[6716 + _j] = _n; I[6780 + 2] = _j + 1;
    if (_base + _n + 100 > 6400) { I[315] = U.step + 1; } }
}
