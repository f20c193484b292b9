/**
 * Math functions for the generated code, bit-identical to V8's `Math.*`, which V8 computes with
 * fdlibm (Sun Microsystems, freely distributable) ports. Only IEEE `+ - * /` and exponent-word
 * manipulation, so the results do not depend on the C library:
 * - `sin`, `cos`, `tan`: fdlibm's `s_sin.c`, `s_cos.c`, `s_tan.c`, `__kernel_sin/cos/tan` and the
 *   Cody–Waite part of `__ieee754_rem_pio2` (|x| < 2^19·π/2 ≈ 823 550). Larger arguments need
 *   fdlibm's Payne–Hanek reduction (`__kernel_rem_pio2`), not ported: there the C library's run;
 * - `atan`, `atan2`, `asin`, `acos`;
 * - `expm1`, `tanh`, `sinh`, `cosh` (with `nrx_exp`, V8's `exp`). `sinh`/`cosh` of |x| > 709.78
 *   (results near overflow) call the C library's.
 * - `pow` (`nx_v8_pow`): whichever of V8's two `Math.pow` this Node runs (`V8_POW`, probed at load).
 *   Node ≤ 22's V8 runs fdlibm's `e_pow.c` (`base::ieee754::pow`, every tier: interpreter, optimised
 *   code, constant folding), ported here as `nx_fdlibm_pow`, with its special cases (`x ** 0.5` is
 *   `sqrt(x)` for x ≥ +0, `x ** 2` is `x * x`, `x ** ±1` is `x` or `1 / x`); glibc's `pow` differs
 *   from it on ≈ 4–7 % of inputs. Newer V8s (Node 24: V8 13.6, flag `use_std_math_pow` on) call the
 *   C library's `pow` after ECMAScript's special cases, `x ** 2 = x * x` and `x ** 0.5 = sqrt(x + 0)`:
 *   `nx_libm_pow`, the same C library the generated code links. `scalbn` (subnormal results of the
 *   port) rounds exactly once, as any C library does.
 * Checked against V8 on millions of inputs (test/backends/cpp). Uses `nrx_hiword`/`nrx_loword`/
 * `nrx_words`/`nrx_exp` of the random prelude.
 */

const FDLIBM_FUNCTIONS = String.raw`/* ---- fdlibm 5.3 sin/cos (V8's Math.sin/Math.cos), Cody-Waite reduction for |x| < 2^19*pi/2 ---- */
static inline double nx_ksin(double x, double y, int iy) {
  const double S1 = -1.66666666666666324348e-01, S2 = 8.33333333332248946124e-03,
    S3 = -1.98412698298579493134e-04, S4 = 2.75573137070700676789e-06,
    S5 = -2.50507602534068634195e-08, S6 = 1.58969099521155010221e-10;
  const uint32_t ix = nrx_hiword(x) & 0x7fffffffu;
  if (ix < 0x3e400000u && (int)x == 0) return x;
  const double z = x * x, v = z * x, r = S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)));
  if (iy == 0) return x + v * (S1 + z * r);
  return x - ((z * (0.5 * y - v * r) - y) - v * S1);
}
static inline double nx_kcos(double x, double y) {
  const double C1 = 4.16666666666666019037e-02, C2 = -1.38888888888741095749e-03,
    C3 = 2.48015872894767294178e-05, C4 = -2.75573143513906633035e-07,
    C5 = 2.08757232129817482790e-09, C6 = -1.13596475577881948265e-11;
  const uint32_t ix = nrx_hiword(x) & 0x7fffffffu;
  if (ix < 0x3e400000u && (int)x == 0) return 1.0;
  const double z = x * x, r = z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))));
  if (ix < 0x3fd33333u) return 1.0 - (0.5 * z - (z * r - x * y));
  const double qx = ix > 0x3fe90000u ? 0.28125 : nrx_words(ix - 0x00200000u, 0u);
  const double hz = 0.5 * z - qx, a = 1.0 - qx;
  return a - (hz - (z * r - x * y));
}
/* n with x = n*pi/2 + y[0] + y[1]; only for 0x3fe921fb < |x| high word <= 0x413921fb. */
static inline int32_t nx_rem_pio2(double x, double* y) {
  static const uint32_t npio2_hw[32] = {
    0x3ff921fbu, 0x400921fbu, 0x4012d97cu, 0x401921fbu, 0x401f6a7au, 0x4022d97cu, 0x4025fdbbu, 0x402921fbu,
    0x402c463au, 0x402f6a7au, 0x4031475cu, 0x4032d97cu, 0x40346b9cu, 0x4035fdbbu, 0x40378fdbu, 0x403921fbu,
    0x403ab41bu, 0x403c463au, 0x403dd85au, 0x403f6a7au, 0x40407e4cu, 0x4041475cu, 0x4042106cu, 0x4042d97cu,
    0x4043a28cu, 0x40446b9cu, 0x404534acu, 0x4045fdbbu, 0x4046c6cbu, 0x40478fdbu, 0x404858ebu, 0x404921fbu };
  const double invpio2 = 6.36619772367581382433e-01, pio2_1 = 1.57079632673412561417e+00,
    pio2_1t = 6.07710050650619224932e-11, pio2_2 = 6.07710050630396597660e-11,
    pio2_2t = 2.02226624879595063154e-21, pio2_3 = 2.02226624871116645580e-21,
    pio2_3t = 8.47842766036889956997e-32;
  const int32_t hx = (int32_t)nrx_hiword(x);
  const uint32_t ix = (uint32_t)hx & 0x7fffffffu;
  if (ix < 0x4002d97cu) { /* |x| < 3pi/4: n = +-1 */
    double z;
    if (hx > 0) {
      z = x - pio2_1;
      if (ix != 0x3ff921fbu) { y[0] = z - pio2_1t; y[1] = (z - y[0]) - pio2_1t; }
      else { z -= pio2_2; y[0] = z - pio2_2t; y[1] = (z - y[0]) - pio2_2t; }
      return 1;
    }
    z = x + pio2_1;
    if (ix != 0x3ff921fbu) { y[0] = z + pio2_1t; y[1] = (z - y[0]) + pio2_1t; }
    else { z += pio2_2; y[0] = z + pio2_2t; y[1] = (z - y[0]) + pio2_2t; }
    return -1;
  }
  const double t0 = fabs(x);
  const int32_t n = (int32_t)(t0 * invpio2 + 0.5);
  const double fn = (double)n;
  double r = t0 - fn * pio2_1, w = fn * pio2_1t;
  if (n < 32 && ix != npio2_hw[n - 1]) {
    y[0] = r - w;
  } else {
    const int32_t j = (int32_t)(ix >> 20);
    y[0] = r - w;
    int32_t i = j - (int32_t)((nrx_hiword(y[0]) >> 20) & 0x7ffu);
    if (i > 16) {
      double t = r;
      w = fn * pio2_2; r = t - w; w = fn * pio2_2t - ((t - r) - w); y[0] = r - w;
      i = j - (int32_t)((nrx_hiword(y[0]) >> 20) & 0x7ffu);
      if (i > 49) {
        t = r;
        w = fn * pio2_3; r = t - w; w = fn * pio2_3t - ((t - r) - w); y[0] = r - w;
      }
    }
  }
  y[1] = (r - y[0]) - w;
  if (hx < 0) { y[0] = -y[0]; y[1] = -y[1]; return -n; }
  return n;
}
static inline double nx_sin(double x) {
  const uint32_t ix = nrx_hiword(x) & 0x7fffffffu;
  if (ix <= 0x3fe921fbu) return nx_ksin(x, 0.0, 0);
  if (ix >= 0x7ff00000u) return x - x;
  if (ix > 0x413921fbu) return sin(x);
  double y[2];
  switch (nx_rem_pio2(x, y) & 3) {
    case 0: return nx_ksin(y[0], y[1], 1);
    case 1: return nx_kcos(y[0], y[1]);
    case 2: return -nx_ksin(y[0], y[1], 1);
    default: return -nx_kcos(y[0], y[1]);
  }
}
static inline double nx_set_lo(double x, uint32_t lo) { return nrx_words(nrx_hiword(x), lo); }
static inline double nx_asin_pq(double t) {
  const double pS0 = 1.66666666666666657415e-01, pS1 = -3.25565818622400915405e-01, pS2 = 2.01212532134862925881e-01,
    pS3 = -4.00555345006794114027e-02, pS4 = 7.91534994289814532176e-04, pS5 = 3.47933107596021167570e-05,
    qS1 = -2.40339491173441421878e+00, qS2 = 2.02094576023350569471e+00, qS3 = -6.88283971605453293030e-01,
    qS4 = 7.70381505559019352791e-02;
  const double p = t * (pS0 + t * (pS1 + t * (pS2 + t * (pS3 + t * (pS4 + t * pS5)))));
  const double q = 1.0 + t * (qS1 + t * (qS2 + t * (qS3 + t * qS4)));
  return p / q;
}
static inline double nx_asin(double x) {
  const double pio2_hi = 1.57079632679489655800e+00, pio2_lo = 6.12323399573676603587e-17, pio4_hi = 7.85398163397448278999e-01;
  double t, w, p, q, c, r, s;
  const int32_t hx = (int32_t)nrx_hiword(x);
  const uint32_t ix = (uint32_t)hx & 0x7fffffffu;
  if (ix >= 0x3ff00000u) {
    if (((ix - 0x3ff00000u) | nrx_loword(x)) == 0) return x * pio2_hi + x * pio2_lo;
    return (x - x) / (x - x);
  }
  if (ix < 0x3fe00000u) {
    if (ix < 0x3e400000u) return x;
    t = x * x;
    w = nx_asin_pq(t);
    return x + x * w;
  }
  w = 1.0 - fabs(x);
  t = w * 0.5;
  const double pq = nx_asin_pq(t);
  s = sqrt(t);
  if (ix >= 0x3fef3333u) {
    t = pio2_hi - (2.0 * (s + s * pq) - pio2_lo);
  } else {
    w = nx_set_lo(s, 0u);
    c = (t - w * w) / (s + w);
    r = pq;
    p = 2.0 * s * r - (pio2_lo - 2.0 * c);
    q = pio4_hi - 2.0 * w;
    t = pio4_hi - (p - q);
  }
  return hx > 0 ? t : -t;
}
static inline double nx_acos(double x) {
  const double pi = 3.14159265358979311600e+00, pio2_hi = 1.57079632679489655800e+00, pio2_lo = 6.12323399573676603587e-17;
  double z, r, w, s, c, df;
  const int32_t hx = (int32_t)nrx_hiword(x);
  const uint32_t ix = (uint32_t)hx & 0x7fffffffu;
  if (ix >= 0x3ff00000u) {
    if (((ix - 0x3ff00000u) | nrx_loword(x)) == 0) return hx > 0 ? 0.0 : pi + 2.0 * pio2_lo;
    return (x - x) / (x - x);
  }
  if (ix < 0x3fe00000u) {
    if (ix <= 0x3c600000u) return pio2_hi + pio2_lo;
    z = x * x;
    r = nx_asin_pq(z);
    return pio2_hi - (x - (pio2_lo - x * r));
  }
  if (hx < 0) {
    z = (1.0 + x) * 0.5;
    r = nx_asin_pq(z);
    s = sqrt(z);
    w = r * s - pio2_lo;
    return pi - 2.0 * (s + w);
  }
  z = (1.0 - x) * 0.5;
  s = sqrt(z);
  df = nx_set_lo(s, 0u);
  c = (z - df * df) / (s + df);
  r = nx_asin_pq(z);
  w = r * s + c;
  return 2.0 * (df + w);
}
static inline double nx_atan(double x) {
  static const double atanhi[4] = { 4.63647609000806093515e-01, 7.85398163397448278999e-01, 9.82793723247329054082e-01, 1.57079632679489655800e+00 };
  static const double atanlo[4] = { 2.26987774529616870924e-17, 3.06161699786838301793e-17, 1.39033110312309984516e-17, 6.12323399573676603587e-17 };
  static const double aT[11] = { 3.33333333333329318027e-01, -1.99999999998764832476e-01, 1.42857142725034663711e-01,
    -1.11111104054623557880e-01, 9.09088713343650656196e-02, -7.69187620504482999495e-02, 6.66107313738753120669e-02,
    -5.83357013379057348645e-02, 4.97687799461593236017e-02, -3.65315727442169155270e-02, 1.62858201153657823623e-02 };
  double w, s1, s2, z;
  int32_t id;
  const int32_t hx = (int32_t)nrx_hiword(x);
  const uint32_t ix = (uint32_t)hx & 0x7fffffffu;
  if (ix >= 0x44100000u) { /* |x| >= 2^66 */
    if (ix > 0x7ff00000u || (ix == 0x7ff00000u && nrx_loword(x) != 0)) return x + x;
    return hx > 0 ? atanhi[3] + atanlo[3] : -atanhi[3] - atanlo[3];
  }
  if (ix < 0x3fdc0000u) { /* |x| < 0.4375 */
    if (ix < 0x3e400000u) return x; /* |x| < 2^-27 */
    id = -1;
  } else {
    x = fabs(x);
    if (ix < 0x3ff30000u) { /* |x| < 1.1875 */
      if (ix < 0x3fe60000u) { id = 0; x = (2.0 * x - 1.0) / (2.0 + x); }
      else { id = 1; x = (x - 1.0) / (x + 1.0); }
    } else {
      if (ix < 0x40038000u) { id = 2; x = (x - 1.5) / (1.0 + 1.5 * x); }
      else { id = 3; x = -1.0 / x; }
    }
  }
  z = x * x;
  w = z * z;
  s1 = z * (aT[0] + w * (aT[2] + w * (aT[4] + w * (aT[6] + w * (aT[8] + w * aT[10])))));
  s2 = w * (aT[1] + w * (aT[3] + w * (aT[5] + w * (aT[7] + w * aT[9]))));
  if (id < 0) return x - x * (s1 + s2);
  z = atanhi[id] - ((x * (s1 + s2) - atanlo[id]) - x);
  return hx < 0 ? -z : z;
}
static inline double nx_atan2(double y, double x) {
  const double pi_o_4 = 7.8539816339744827900e-01, pi_o_2 = 1.5707963267948965580e+00,
    pi = 3.1415926535897931160e+00, pi_lo = 1.2246467991473531772e-16;
  double z;
  const int32_t hx = (int32_t)nrx_hiword(x), hy = (int32_t)nrx_hiword(y);
  const uint32_t ix = (uint32_t)hx & 0x7fffffffu, iy = (uint32_t)hy & 0x7fffffffu, lx = nrx_loword(x), ly = nrx_loword(y);
  if ((ix | ((lx | (0u - lx)) >> 31)) > 0x7ff00000u || (iy | ((ly | (0u - ly)) >> 31)) > 0x7ff00000u) return x + y;
  if ((((uint32_t)hx - 0x3ff00000u) | lx) == 0) return nx_atan(y);
  int32_t m = ((hy >> 31) & 1) | ((hx >> 30) & 2);
  if ((iy | ly) == 0) {
    switch (m) { case 0: case 1: return y; case 2: return pi; default: return -pi; }
  }
  if ((ix | lx) == 0) return hy < 0 ? -pi_o_2 : pi_o_2;
  if (ix == 0x7ff00000u) {
    if (iy == 0x7ff00000u) {
      switch (m) { case 0: return pi_o_4; case 1: return -pi_o_4; case 2: return 3.0 * pi_o_4; default: return -3.0 * pi_o_4; }
    }
    switch (m) { case 0: return 0.0; case 1: return -0.0; case 2: return pi; default: return -pi; }
  }
  if (iy == 0x7ff00000u) return hy < 0 ? -pi_o_2 : pi_o_2;
  const int32_t k = ((int32_t)iy - (int32_t)ix) >> 20;
  if (k > 60) { z = pi_o_2 + 0.5 * pi_lo; m &= 1; }
  else if (hx < 0 && k < -60) z = 0.0;
  else z = nx_atan(fabs(y / x));
  switch (m) {
    case 0: return z;
    case 1: return -z;
    case 2: return pi - (z - pi_lo);
    default: return (z - pi_lo) - pi;
  }
}
static inline double nx_ktan(double x, double y, int iy) {
  static const double T[13] = { 3.33333333333334091986e-01, 1.33333333333201242699e-01, 5.39682539762260521377e-02,
    2.18694882948595424599e-02, 8.86323982359930005737e-03, 3.59207910759131235356e-03, 1.45620945432529025516e-03,
    5.88041240820264096874e-04, 2.46463134818469906812e-04, 7.81794442939557092300e-05, 7.14072491382608190305e-05,
    -1.85586374855275456654e-05, 2.59073051863633712884e-05 };
  const double pio4 = 7.85398163397448278999e-01, pio4lo = 3.06161699786838301793e-17;
  double z, r, v, w, s;
  const int32_t hx = (int32_t)nrx_hiword(x);
  const uint32_t ix = (uint32_t)hx & 0x7fffffffu;
  if (ix < 0x3e300000u && (int)x == 0) {
    if (((ix | nrx_loword(x)) | (uint32_t)(iy + 1)) == 0) return 1.0 / fabs(x);
    if (iy == 1) return x;
    double a, t;
    z = w = x + y;
    z = nx_set_lo(z, 0u);
    v = y - (z - x);
    t = a = -1.0 / w;
    t = nx_set_lo(t, 0u);
    s = 1.0 + t * z;
    return t + a * (s + t * v);
  }
  if (ix >= 0x3fe59428u) {
    if (hx < 0) { x = -x; y = -y; }
    z = pio4 - x;
    w = pio4lo - y;
    x = z + w;
    y = 0.0;
  }
  z = x * x;
  w = z * z;
  r = T[1] + w * (T[3] + w * (T[5] + w * (T[7] + w * (T[9] + w * T[11]))));
  v = z * (T[2] + w * (T[4] + w * (T[6] + w * (T[8] + w * (T[10] + w * T[12])))));
  s = z * x;
  r = y + z * (s * (r + v) + y);
  r += T[0] * s;
  w = x + r;
  if (ix >= 0x3fe59428u) {
    v = (double)iy;
    return (double)(1 - ((hx >> 30) & 2)) * (v - 2.0 * (x - (w * w / (w + v) - r)));
  }
  if (iy == 1) return w;
  double a, t;
  z = nx_set_lo(w, 0u);
  v = r - (z - x);
  t = a = -1.0 / w;
  t = nx_set_lo(t, 0u);
  s = 1.0 + t * z;
  return t + a * (s + t * v);
}
static inline double nx_tan(double x) {
  const uint32_t ix = nrx_hiword(x) & 0x7fffffffu;
  if (ix <= 0x3fe921fbu) return nx_ktan(x, 0.0, 1);
  if (ix >= 0x7ff00000u) return x - x;
  if (ix > 0x413921fbu) return tan(x);
  double y[2];
  const int32_t n = nx_rem_pio2(x, y);
  return nx_ktan(y[0], y[1], 1 - ((n & 1) << 1));
}
static inline double nx_expm1(double x) {
  const double o_threshold = 7.09782712893383973096e+02, ln2_hi = 6.93147180369123816490e-01,
    ln2_lo = 1.90821492927058770002e-10, invln2 = 1.44269504088896338700e+00,
    Q1 = -3.33333333333331316428e-02, Q2 = 1.58730158725481460165e-03, Q3 = -7.93650757867487942473e-05,
    Q4 = 4.00821782732936239552e-06, Q5 = -2.01099218183624371326e-07;
  double y, hi, lo, c = 0.0, t, e, hxs, hfx, r1;
  int32_t k;
  uint32_t hx = nrx_hiword(x);
  const uint32_t xsb = hx & 0x80000000u;
  hx &= 0x7fffffffu;
  if (hx >= 0x4043687au) { /* |x| >= 56 ln2 */
    if (hx >= 0x40862e42u) {
      if (hx >= 0x7ff00000u) {
        if (((hx & 0xfffffu) | nrx_loword(x)) != 0) return x + x;
        return xsb == 0 ? x : -1.0;
      }
      if (x > o_threshold) return INFINITY;
    }
    if (xsb != 0) return -1.0;
  }
  if (hx > 0x3fd62e42u) { /* |x| > 0.5 ln2 */
    if (hx < 0x3ff0a2b2u) {
      if (xsb == 0) { hi = x - ln2_hi; lo = ln2_lo; k = 1; } else { hi = x + ln2_hi; lo = -ln2_lo; k = -1; }
    } else {
      k = (int32_t)(invln2 * x + (xsb == 0 ? 0.5 : -0.5));
      t = (double)k;
      hi = x - t * ln2_hi;
      lo = t * ln2_lo;
    }
    x = hi - lo;
    c = (hi - x) - lo;
  } else if (hx < 0x3c900000u) { /* |x| < 2^-54 */
    return x;
  } else {
    k = 0;
  }
  hfx = 0.5 * x;
  hxs = x * hfx;
  r1 = 1.0 + hxs * (Q1 + hxs * (Q2 + hxs * (Q3 + hxs * (Q4 + hxs * Q5))));
  t = 3.0 - r1 * hfx;
  e = hxs * ((r1 - t) / (6.0 - x * t));
  if (k == 0) return x - (x * e - hxs);
  const double twopk = nrx_words((uint32_t)(0x3ff00000 + k * 0x100000), 0u);
  e = (x * (e - c) - c);
  e -= hxs;
  if (k == -1) return 0.5 * (x - e) - 0.5;
  if (k == 1) {
    if (x < -0.25) return -2.0 * (e - (x + 0.5));
    return 1.0 + 2.0 * (x - e);
  }
  if (k <= -2 || k > 56) {
    y = 1.0 - (e - x);
    if (k == 1024) y = y * 2.0 * 8.988465674311579539e307;
    else y = y * twopk;
    return y - 1.0;
  }
  if (k < 20) {
    t = nrx_words(0x3ff00000u - (0x200000u >> k), 0u); /* 1 - 2^-k */
    y = t - (e - x);
    y = y * twopk;
  } else {
    t = nrx_words((uint32_t)((0x3ff - k) << 20), 0u); /* 2^-k */
    y = x - (e + t);
    y += 1.0;
    y = y * twopk;
  }
  return y;
}
static inline double nx_tanh(double x) {
  const uint32_t jx = nrx_hiword(x), ix = jx & 0x7fffffffu;
  double t, z;
  if (ix >= 0x7ff00000u) return (jx & 0x80000000u) == 0 ? 1.0 / x + 1.0 : 1.0 / x - 1.0;
  if (ix < 0x40360000u) { /* |x| < 22 */
    if (ix < 0x3e300000u) return x; /* |x| < 2^-28 */
    if (ix >= 0x3ff00000u) { t = nx_expm1(2.0 * fabs(x)); z = 1.0 - 2.0 / (t + 2.0); }
    else { t = nx_expm1(-2.0 * fabs(x)); z = -t / (t + 2.0); }
  } else {
    z = 1.0;
  }
  return (jx & 0x80000000u) == 0 ? z : -z;
}
static inline double nx_sinh(double x) {
  const uint32_t jx = nrx_hiword(x), ix = jx & 0x7fffffffu;
  if (ix >= 0x7ff00000u) return x + x;
  const double h = (jx & 0x80000000u) ? -0.5 : 0.5;
  if (ix < 0x40360000u) { /* |x| < 22 */
    if (ix < 0x3e300000u) return x; /* |x| < 2^-28 */
    const double t = nx_expm1(fabs(x));
    if (ix < 0x3ff00000u) return h * (2.0 * t - t * t / (t + 1.0));
    return h * (t + t / (t + 1.0));
  }
  if (ix < 0x40862e42u) return h * nrx_exp(fabs(x));
  return sinh(x);
}
static inline double nx_cosh(double x) {
  const uint32_t ix = nrx_hiword(x) & 0x7fffffffu;
  if (ix >= 0x7ff00000u) return x * x;
  if (ix < 0x3fd62e43u) { /* |x| < 0.5 ln2 */
    const double t = nx_expm1(fabs(x)), w = 1.0 + t;
    if (ix < 0x3c800000u) return w;
    return 1.0 + (t * t) / (w + w);
  }
  if (ix < 0x40360000u) { const double t = nrx_exp(fabs(x)); return 0.5 * t + 0.5 / t; }
  if (ix < 0x40862e42u) return 0.5 * nrx_exp(fabs(x));
  return cosh(x);
}
static inline double nx_cos(double x) {
  const uint32_t ix = nrx_hiword(x) & 0x7fffffffu;
  if (ix <= 0x3fe921fbu) return nx_kcos(x, 0.0);
  if (ix >= 0x7ff00000u) return x - x;
  if (ix > 0x413921fbu) return cos(x);
  double y[2];
  switch (nx_rem_pio2(x, y) & 3) {
    case 0: return nx_kcos(y[0], y[1]);
    case 1: return -nx_ksin(y[0], y[1], 1);
    case 2: return -nx_kcos(y[0], y[1]);
    default: return nx_ksin(y[0], y[1], 1);
  }
}
/* ---- fdlibm 5.3 e_pow.c as V8 up to Node 22 runs it for Math.pow and ** (base::ieee754::pow) ---- */
static inline double nx_fdlibm_pow(double x, double y) {
  static const double bp[2] = { 1.0, 1.5 }, dp_h[2] = { 0.0, 5.84962487220764160156e-01 },
    dp_l[2] = { 0.0, 1.35003920212974897128e-08 };
  const double two53 = 9007199254740992.0, huge = 1.0e300, tiny = 1.0e-300,
    L1 = 5.99999999999994648725e-01, L2 = 4.28571428578550184252e-01, L3 = 3.33333329818377432918e-01,
    L4 = 2.72728123808534006489e-01, L5 = 2.30660745775561754067e-01, L6 = 2.06975017800338417784e-01,
    P1 = 1.66666666666666019037e-01, P2 = -2.77777777770155933842e-03, P3 = 6.61375632143793436117e-05,
    P4 = -1.65339022054652515390e-06, P5 = 4.13813679705723846039e-08,
    lg2 = 6.93147180559945286227e-01, lg2_h = 6.93147182464599609375e-01, lg2_l = -1.90465429995776804525e-09,
    ovt = 8.0085662595372944372e-17, cp = 9.61796693925975554329e-01, cp_h = 9.61796700954437255859e-01,
    cp_l = -7.02846165095275826516e-09, ivln2 = 1.44269504088896338700e+00,
    ivln2_h = 1.44269502162933349609e+00, ivln2_l = 1.92596299112661746887e-08;
  double z, ax, z_h, z_l, p_h, p_l, y1, t1, t2, r, s, t, u, v, w;
  int32_t i, j, k, n;
  const int32_t hx = (int32_t)nrx_hiword(x), hy = (int32_t)nrx_hiword(y);
  const uint32_t lx = nrx_loword(x), ly = nrx_loword(y);
  int32_t ix = hx & 0x7fffffff;
  const int32_t iy = hy & 0x7fffffff;
  if ((iy | (int32_t)ly) == 0) return 1.0; /* x**0 = 1, NaN**0 too */
  if (ix > 0x7ff00000 || (ix == 0x7ff00000 && lx != 0) || iy > 0x7ff00000 || (iy == 0x7ff00000 && ly != 0))
    return x + y; /* NaN */
  /* yisint: 0 y not an integer, 1 odd integer, 2 even integer (only computed for x < 0) */
  int32_t yisint = 0;
  if (hx < 0) {
    if (iy >= 0x43400000) yisint = 2; /* |y| >= 2^53: even */
    else if (iy >= 0x3ff00000) {
      k = (iy >> 20) - 0x3ff;
      if (k > 20) {
        const uint32_t jj = ly >> (52 - k);
        if ((jj << (52 - k)) == ly) yisint = 2 - (int32_t)(jj & 1u);
      } else if (ly == 0) {
        j = iy >> (20 - k);
        if ((j << (20 - k)) == iy) yisint = 2 - (j & 1);
      }
    }
  }
  if (ly == 0) {
    if (iy == 0x7ff00000) { /* y = +-inf */
      if (((ix - 0x3ff00000) | (int32_t)lx) == 0) return y - y; /* (+-1)**+-inf is NaN */
      if (ix >= 0x3ff00000) return hy >= 0 ? y : 0.0;
      return hy < 0 ? -y : 0.0;
    }
    if (iy == 0x3ff00000) return hy < 0 ? 1.0 / x : x; /* y = +-1 */
    if (hy == 0x40000000) return x * x;                 /* y = 2 */
    if (hy == 0x3fe00000 && hx >= 0) return sqrt(x);    /* y = 0.5, x >= +0 */
  }
  ax = fabs(x);
  if (lx == 0 && (ix == 0x7ff00000 || ix == 0 || ix == 0x3ff00000)) { /* x = +-0, +-inf, +-1 */
    z = ax;
    if (hy < 0) z = 1.0 / z;
    if (hx < 0) {
      if (((ix - 0x3ff00000) | yisint) == 0) z = NAN; /* (-1)**non-integer */
      else if (yisint == 1) z = -z;
    }
    return z;
  }
  n = hx < 0 ? 0 : 1; /* fdlibm: (hx >> 31) + 1 */
  if ((n | yisint) == 0) return NAN; /* (x < 0)**non-integer */
  s = 1.0;
  if ((n | (yisint - 1)) == 0) s = -1.0; /* (x < 0)**odd */
  if (iy > 0x41e00000) { /* |y| > 2^31 */
    if (iy > 0x43f00000) { /* |y| > 2^64: over- or underflow */
      if (ix <= 0x3fefffff) return hy < 0 ? huge * huge : tiny * tiny;
      if (ix >= 0x3ff00000) return hy > 0 ? huge * huge : tiny * tiny;
    }
    if (ix < 0x3fefffff) return hy < 0 ? s * huge * huge : s * tiny * tiny;
    if (ix > 0x3ff00000) return hy > 0 ? s * huge * huge : s * tiny * tiny;
    /* |1 - x| <= 2^-20: log(x) by x - x^2/2 + x^3/3 - x^4/4 */
    t = ax - 1.0;
    w = (t * t) * (0.5 - t * (0.3333333333333333333333 - t * 0.25));
    u = ivln2_h * t;
    v = t * ivln2_l - w * ivln2;
    t1 = nx_set_lo(u + v, 0u);
    t2 = v - (t1 - u);
  } else {
    double ss, s2, s_h, s_l, t_h, t_l;
    n = 0;
    if (ix < 0x00100000) { ax *= two53; n -= 53; ix = (int32_t)nrx_hiword(ax); } /* subnormal x */
    n += (ix >> 20) - 0x3ff;
    j = ix & 0x000fffff;
    ix = j | 0x3ff00000;
    if (j <= 0x3988e) k = 0;      /* |x| < sqrt(3/2) */
    else if (j < 0xbb67a) k = 1;  /* |x| < sqrt(3) */
    else { k = 0; n += 1; ix -= 0x00100000; }
    ax = nrx_words((uint32_t)ix, nrx_loword(ax));
    /* ss = s_h + s_l = (x - 1)/(x + 1) or (x - 1.5)/(x + 1.5) */
    u = ax - bp[k];
    v = 1.0 / (ax + bp[k]);
    ss = u * v;
    s_h = nx_set_lo(ss, 0u);
    t_h = nrx_words((uint32_t)(((ix >> 1) | 0x20000000) + 0x00080000 + (k << 18)), 0u);
    t_l = ax - (t_h - bp[k]);
    s_l = v * ((u - s_h * t_h) - s_h * t_l);
    /* log(ax) */
    s2 = ss * ss;
    r = s2 * s2 * (L1 + s2 * (L2 + s2 * (L3 + s2 * (L4 + s2 * (L5 + s2 * L6)))));
    r += s_l * (s_h + ss);
    s2 = s_h * s_h;
    t_h = nx_set_lo(3.0 + s2 + r, 0u);
    t_l = r - ((t_h - 3.0) - s2);
    u = s_h * t_h;
    v = s_l * t_h + t_l * ss;
    p_h = nx_set_lo(u + v, 0u);
    p_l = v - (p_h - u);
    z_h = cp_h * p_h;
    z_l = cp_l * p_h + p_l * cp + dp_l[k];
    /* log2(ax) = n + dp_h + z_h + z_l */
    t = (double)n;
    t1 = nx_set_lo(((z_h + z_l) + dp_h[k]) + t, 0u);
    t2 = z_l - (((t1 - t) - dp_h[k]) - z_h);
  }
  /* (y1 + y2) * (t1 + t2) with y1 = y with its low word cleared */
  y1 = nx_set_lo(y, 0u);
  p_l = (y - y1) * t1 + y * t2;
  p_h = y1 * t1;
  z = p_l + p_h;
  j = (int32_t)nrx_hiword(z);
  i = (int32_t)nrx_loword(z);
  if (j >= 0x40900000) { /* z >= 1024 */
    if (((j - 0x40900000) | i) != 0) return s * huge * huge;
    if (p_l + ovt > z - p_h) return s * huge * huge;
  } else if ((j & 0x7fffffff) >= 0x4090cc00) { /* z <= -1075 */
    if ((int32_t)(((uint32_t)j - 0xc090cc00u) | (uint32_t)i) != 0) return s * tiny * tiny;
    if (p_l <= z - p_h) return s * tiny * tiny;
  }
  /* 2**(p_h + p_l) */
  i = j & 0x7fffffff;
  k = (i >> 20) - 0x3ff;
  n = 0;
  if (i > 0x3fe00000) { /* |z| > 0.5: n = [z + 0.5] */
    n = j + (0x00100000 >> (k + 1));
    k = ((n & 0x7fffffff) >> 20) - 0x3ff;
    t = nrx_words((uint32_t)(n & ~(0x000fffff >> k)), 0u);
    n = ((n & 0x000fffff) | 0x00100000) >> (20 - k);
    if (j < 0) n = -n;
    p_h -= t;
  }
  t = nx_set_lo(p_l + p_h, 0u);
  u = t * lg2_h;
  v = (p_l - (t - p_h)) * lg2 + t * lg2_l;
  z = u + v;
  w = v - (z - u);
  t = z * z;
  t1 = z - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  r = (z * t1) / ((t1 - 2.0) - (w + z * w));
  z = 1.0 - (r - z);
  j = (int32_t)(nrx_hiword(z) + ((uint32_t)n << 20));
  if ((j >> 20) <= 0) z = scalbn(z, n); /* subnormal result */
  else z = nrx_words((uint32_t)j, nrx_loword(z));
  return s * z;
}
`;

/** Which `pow` V8's `Math.pow` is: V8's fdlibm port, or the C library's (behind ECMAScript's special cases). */
export type PowFlavour = 'fdlibm' | 'libm';

/**
 * Pairs where fdlibm's `pow` is not correctly rounded, with fdlibm's result; a C library's `pow`
 * (glibc, macOS, musl: all within 0.52 ulp) gives the correctly rounded one (1e-5, 0.0016, √½, 2√2).
 */
const FDLIBM_POW_PROBES: [number, number, number][] = [
  [10, -5, 0.000009999999999999999], [5, -4, 0.0015999999999999999], [2, -0.5, 0.7071067811865475], [2, 1.5, 2.82842712474619],
];

/**
 * Tells which `pow` a JavaScript engine's `Math.pow` is, from four values where fdlibm's differs from
 * the correctly rounded result: fdlibm's on all four means V8's port; anything else, the C library's.
 */
export function powFlavour(pow: (x: number, y: number) => number = Math.pow): PowFlavour {
  return FDLIBM_POW_PROBES.every(([x, y, fdlibm]) => Object.is(pow(x, y), fdlibm)) ? 'fdlibm' : 'libm';
}

/** The `pow` of the V8 running this process, which the `js` backend's `Math.pow` calls. */
export const V8_POW: PowFlavour = powFlavour();

/* The C library's pow as V8 >= 13 calls it (src/numbers/ieee754.cc, math::pow with use_std_math_pow). */
const LIBM_POW = String.raw`
/* ---- Math.pow of V8 13+: ECMAScript's special cases, x ** 2 = x * x, x ** 0.5 = sqrt(x + 0), then the C library ---- */
static inline double nx_libm_pow(double x, double y) {
  if (y != y) return NAN;
  if ((x == 1.0 || x == -1.0) && (y == INFINITY || y == -INFINITY)) return NAN;
  if (y == 2.0) return x * x;
  if (y == 0.5) return (x == INFINITY || x == -INFINITY) ? INFINITY : sqrt(x + 0.0); /* +0 for (-0) ** 0.5 */
  return pow(x, y);
}
`;

/**
 * The math functions of the generated code; `nx_v8_pow` is `nx_fdlibm_pow` or `nx_libm_pow` as
 * `V8_POW` says, so the source (and the library cache's key) follows the Node that runs it.
 */
export const FDLIBM_C_SOURCE = `${FDLIBM_FUNCTIONS}${LIBM_POW}static inline double nx_v8_pow(double x, double y) { return nx_${V8_POW}_pow(x, y); }
`;
