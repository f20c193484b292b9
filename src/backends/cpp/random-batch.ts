/**
 * Batched draws for the per-element random kernels (`x = Normal(m, s)` or `Uniform(a, b)` in a
 * population's or projection's equations, redrawn every step). They return the same bits as the
 * scalar draws of the prelude (`nrx_normal_at`, `nrx_uniform_at`: the same Philox counters, the
 * same fdlibm operations in the same order) but are written so that the compiler can vectorise
 * them: Philox runs on a block of counters at once, and the Box–Muller transform has no
 * data-dependent branches (every path of fdlibm's `log` and of the sine/cosine kernels is
 * computed and the right one selected, which gives exactly the value the branch would have).
 * The inputs of `log` are `u53_open0` values in [2^-53, 1], so its subnormal, zero, negative and
 * infinite cases never occur here.
 */

export const RANDOM_BATCH_SOURCE = String.raw`/* ---- batched draws (bit-identical to nrx_normal_at / nrx_uniform_at, vectorisable) ---- */
#define NX_RB 64
/* One Philox round on lanes of type L (the caller's): the products are 32 x 32 -> 64 bits. */
#define NX_PHILOX_ROUND(K0, K1) { \
    const uint64_t p0 = (uint64_t)NRX_PHILOX_M0 * (uint32_t)c0, p1 = (uint64_t)NRX_PHILOX_M1 * (uint32_t)c2; \
    const L n0 = (L)(p1 >> 32) ^ c1 ^ (K0), n2 = (L)(p0 >> 32) ^ c3 ^ (K1); \
    c1 = (L)(uint32_t)p1; c3 = (L)(uint32_t)p0; c0 = n0; c2 = n2; }
/* Philox4x32-10 blocks of counters (i0 + j, step, step >> 32, draw_id), j < nb (sub-counter 0). */
static inline void nx_philox_lanes(int64_t i0, int64_t nb, uint32_t seed, uint32_t stream, uint64_t step, uint32_t draw_id,
                                   uint32_t* __restrict o0, uint32_t* __restrict o1, uint32_t* __restrict o2, uint32_t* __restrict o3) {
#if defined(__AVX512F__)
  /* 32-bit words held in 64-bit lanes: each product is then one vpmuludq, without the shuffles that
     32-bit lanes need (AVX-512: 3.0 against 4.1 ns a draw here). With AVX2 32-bit lanes are faster. */
  typedef uint64_t L;
#else
  typedef uint32_t L;
#endif
  L k0[10], k1[10];
  k0[0] = seed; k1[0] = stream;
  for (int r = 1; r < 10; r++) { k0[r] = (uint32_t)(k0[r - 1] + NRX_PHILOX_W0); k1[r] = (uint32_t)(k1[r - 1] + NRX_PHILOX_W1); }
  const L s0 = (uint32_t)step, s1 = (uint32_t)(step >> 32), d = draw_id & 0xFFFFu;
  for (int64_t j = 0; j < nb; j++) {
    L c0 = (uint32_t)(i0 + j), c1 = s0, c2 = s1, c3 = d;
    NX_PHILOX_ROUND(k0[0], k1[0]) NX_PHILOX_ROUND(k0[1], k1[1]) NX_PHILOX_ROUND(k0[2], k1[2]) NX_PHILOX_ROUND(k0[3], k1[3])
    NX_PHILOX_ROUND(k0[4], k1[4]) NX_PHILOX_ROUND(k0[5], k1[5]) NX_PHILOX_ROUND(k0[6], k1[6]) NX_PHILOX_ROUND(k0[7], k1[7])
    NX_PHILOX_ROUND(k0[8], k1[8]) NX_PHILOX_ROUND(k0[9], k1[9])
    o0[j] = (uint32_t)c0; o1[j] = (uint32_t)c1; o2[j] = (uint32_t)c2; o3[j] = (uint32_t)c3;
  }
}
/* fdlibm log (nrx_log) for x in [2^-53, 1], every path computed, the taken one selected. */
static inline double nx_log_unit(double x) {
  const double ln2_hi = 6.93147180369123816490e-01, ln2_lo = 1.90821492927058770002e-10,
    Lg1 = 6.666666666666735130e-01, Lg2 = 3.999999999940941908e-01, Lg3 = 2.857142874366239149e-01,
    Lg4 = 2.222219843214978396e-01, Lg5 = 1.818357216161805012e-01, Lg6 = 1.531383769920937332e-01,
    Lg7 = 1.479819860511658591e-01;
  uint64_t bits; memcpy(&bits, &x, 8);
  int32_t hx = (int32_t)(uint32_t)(bits >> 32);
  int32_t k = (hx >> 20) - 1023;
  hx &= 0x000fffff;
  const int32_t i = (hx + 0x95f64) & 0x100000;
  const uint64_t nbits = ((uint64_t)(uint32_t)(hx | (i ^ 0x3ff00000)) << 32) | (bits & 0xffffffffu);
  double xn; memcpy(&xn, &nbits, 8);
  k += (i >> 20);
  const double f = xn - 1.0, dk = (double)k;
  const bool k0 = k == 0;
  /* |f| < 2^-20 */
  const double RA = f * f * (0.5 - 0.33333333333333333 * f);
  const double A0 = k0 ? 0.0 : dk * ln2_hi + dk * ln2_lo;
  const double A1 = k0 ? f - RA : dk * ln2_hi - ((RA - dk * ln2_lo) - f);
  const double A = f == 0.0 ? A0 : A1;
  /* general case */
  const double s = f / (2.0 + f), z = s * s, w = z * z;
  const int32_t ij = (hx - 0x6147a) | (0x6b851 - hx);
  const double t1 = w * (Lg2 + w * (Lg4 + w * Lg6));
  const double t2 = z * (Lg1 + w * (Lg3 + w * (Lg5 + w * Lg7)));
  const double R = t2 + t1;
  const double hfsq = 0.5 * f * f;
  const double B1 = k0 ? f - (hfsq - s * (hfsq + R)) : dk * ln2_hi - ((hfsq - (s * (hfsq + R) + dk * ln2_lo)) - f);
  const double B2 = k0 ? f - s * (f - R) : dk * ln2_hi - ((s * (f - R) - dk * ln2_lo) - f);
  const double B = ij > 0 ? B1 : B2;
  return (0x000fffff & (2 + hx)) < 3 ? A : B;
}
/* nrx_cos2pi without branches: both fdlibm kernels, the quadrant's one selected. */
static inline double nx_cos2pi_sel(uint32_t x2, uint32_t x3) {
  const double S1 = -1.66666666666666324348e-01, S2 = 8.33333333332248946124e-03,
    S3 = -1.98412698298579493134e-04, S4 = 2.75573137070700676789e-06,
    S5 = -2.50507602534068634195e-08, S6 = 1.58969099521155010221e-10;
  const double C1 = 4.16666666666666019037e-02, C2 = -1.38888888888741095749e-03,
    C3 = 2.48015872894767294178e-05, C4 = -2.75573143513906633035e-07,
    C5 = 2.08757232129817482790e-09, C6 = -1.13596475577881948265e-11;
  const uint32_t h = x2 >> 11;
  double f = (double)(((uint64_t)(h & 0x7ffffu) << 32) | x3) * NRX_TWO_M51;
  const bool wrap = f >= 0.5;
  f = wrap ? f - 1.0 : f;
  const uint32_t q = ((h >> 19) + (wrap ? 1u : 0u)) & 3u;
  const double t = f * NRX_PIO2;
  const double z = t * t, v = z * t;
  const double rs = S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)));
  const double ks = fabs(t) < 7.450580596923828125e-9 ? t : t + v * (S1 + z * rs);
  uint64_t tb; memcpy(&tb, &t, 8);
  const uint32_t ix = (uint32_t)(tb >> 32) & 0x7fffffffu;
  const double rc = z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))));
  const double kc1 = 1.0 - (0.5 * z - z * rc);
  const uint64_t qb = (uint64_t)(ix - 0x00200000u) << 32;
  double qw; memcpy(&qw, &qb, 8);
  const double qx = ix > 0x3fe90000u ? 0.28125 : qw;
  const double kc2 = (1.0 - qx) - ((0.5 * z - qx) - z * rc);
  const double kc = ix < 0x3e400000u ? 1.0 : (ix < 0x3fd33333u ? kc1 : kc2);
  return q == 0u ? kc : q == 1u ? -ks : q == 2u ? -kc : ks;
}
/* out[j] = a0 + a1 * nrx_normal_at(seed, stream, i0 + j, step, draw_id), j < nb <= NX_RB */
static inline void nx_normal_block(double* __restrict out, int64_t i0, int64_t nb, double a0, double a1,
                                   uint32_t seed, uint32_t stream, uint64_t step, uint32_t draw_id) {
  uint32_t x0[NX_RB], x1[NX_RB], x2[NX_RB], x3[NX_RB];
  nx_philox_lanes(i0, nb, seed, stream, step, draw_id, x0, x1, x2, x3);
  for (int64_t j = 0; j < nb; j++) {
    const double r = sqrt(-2.0 * nx_log_unit(nrx_u53_open0(x0[j], x1[j])));
    out[j] = a0 + a1 * (r * nx_cos2pi_sel(x2[j], x3[j]));
  }
}
/* out[j] = a0 + w * nrx_uniform_at(seed, stream, i0 + j, step, draw_id), j < nb <= NX_RB */
static inline void nx_uniform_block(double* __restrict out, int64_t i0, int64_t nb, double a0, double w,
                                    uint32_t seed, uint32_t stream, uint64_t step, uint32_t draw_id) {
  uint32_t x0[NX_RB], x1[NX_RB], x2[NX_RB], x3[NX_RB];
  nx_philox_lanes(i0, nb, seed, stream, step, draw_id, x0, x1, x2, x3);
  for (int64_t j = 0; j < nb; j++) out[j] = a0 + w * nrx_u53(x0[j], x1[j]);
}
`;
