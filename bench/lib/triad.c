/* STREAM-like memory bandwidth probe (written for neurarchy's BENCHMARKS.md; not the STREAM code).
 * Arrays of n doubles (default 2^24 = 128 MiB each, far beyond the 32 MiB L3), one thread.
 * Prints best-of-`reps` GB/s for copy (16 B/elem), scale (16 B), add (24 B), triad (24 B), and a
 * read-only sum (8 B), counting only the bytes the kernel names (no write-allocate traffic). */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + 1e-9 * t.tv_nsec; }

int main(int argc, char **argv) {
  long n = argc > 1 ? atol(argv[1]) : (1L << 24);
  int reps = argc > 2 ? atoi(argv[2]) : 10;
  double *a = malloc(n * sizeof *a), *b = malloc(n * sizeof *b), *c = malloc(n * sizeof *c);
  if (!a || !b || !c) return 1;
  for (long i = 0; i < n; i++) { a[i] = 1.0; b[i] = 2.0; c[i] = 0.0; }
  double best[5] = {1e30, 1e30, 1e30, 1e30, 1e30}, q = 3.0, sink = 0.0;
  for (int r = 0; r < reps; r++) {
    double t = now();
    for (long i = 0; i < n; i++) c[i] = a[i];
    t = now() - t; if (t < best[0]) best[0] = t;
    t = now();
    for (long i = 0; i < n; i++) b[i] = q * c[i];
    t = now() - t; if (t < best[1]) best[1] = t;
    t = now();
    for (long i = 0; i < n; i++) c[i] = a[i] + b[i];
    t = now() - t; if (t < best[2]) best[2] = t;
    t = now();
    for (long i = 0; i < n; i++) a[i] = b[i] + q * c[i];
    t = now() - t; if (t < best[3]) best[3] = t;
    t = now();
    double s = 0.0;
    for (long i = 0; i < n; i++) s += a[i];
    t = now() - t; if (t < best[4]) best[4] = t;
    sink += s;
  }
  double bytes[5] = {16.0 * n, 16.0 * n, 24.0 * n, 24.0 * n, 8.0 * n};
  printf("{\"n\": %ld, \"reps\": %d, \"copy_gbs\": %.2f, \"scale_gbs\": %.2f, \"add_gbs\": %.2f, \"triad_gbs\": %.2f, \"sum_gbs\": %.2f, \"sink\": %g}\n",
         n, reps, bytes[0] / best[0] / 1e9, bytes[1] / best[1] / 1e9, bytes[2] / best[2] / 1e9, bytes[3] / best[3] / 1e9, bytes[4] / best[4] / 1e9, sink);
  free(a); free(b); free(c);
  return 0;
}
