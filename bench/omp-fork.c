/*
 * The cost of one fork and join of two OpenMP threads, as a step of neurarchy's cpp backend pays it
 * (several `#pragma omp parallel` regions a step, a little sequential work between them), under
 * each wait policy of the idle threads:
 *
 *   gcc -O2 -fopenmp bench/omp-fork.c -o /tmp/omp-fork
 *   OMP_WAIT_POLICY=passive /tmp/omp-fork; OMP_WAIT_POLICY=active /tmp/omp-fork; /tmp/omp-fork
 *
 * Prints microseconds per fork and join, three times. BENCHMARKS.md "Threads after idle threads poll".
 */
#include <omp.h>
#include <stdio.h>
#include <time.h>

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}

int main(void) {
  static double a[1 << 16];
  for (int rep = 0; rep < 3; rep++) {
    const int n = 20000;
    const double t0 = now();
    for (int s = 0; s < n; s++) {
#pragma omp parallel for num_threads(2)
      for (int i = 0; i < 2; i++) a[i] += 1;
      for (int i = 0; i < 2000; i++) a[100 + i] *= 1.0000001; /* the sequential part between regions (about 1 us) */
    }
    printf("%.2f us per fork and join\n", (now() - t0) / n * 1e6);
  }
  return 0;
}
