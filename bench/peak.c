/* The machine's f32 FMA peak, measured: each thread runs independent vector
 * FMAs on registers (no memory traffic) for a fixed count, at the widest
 * vectors -march=native gives (AVX-512: 16 lanes). bench/run.py compiles
 * and runs it to state "% of peak" against what the cores do, not a
 * nominal figure.
 *   clang-22 -O2 -march=native -fopenmp bench/peak.c -o peak && ./peak THREADS
 * prints GFLOPS. */
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>

#if defined(__AVX512F__)
enum { LANES = 16 };
#elif defined(__AVX__)
enum { LANES = 8 };
#else
enum { LANES = 4 };
#endif
typedef float vec __attribute__((vector_size(4 * LANES)));
enum { ACCUMULATORS = 16, ITERATIONS = 20000000 };

static float run(float seed) {
  vec acc[ACCUMULATORS], a, b;
  for (int i = 0; i < LANES; ++i) {
    a[i] = 1.0f + seed * 1e-9f;
    b[i] = 1e-7f;
  }
  for (int j = 0; j < ACCUMULATORS; ++j)
    acc[j] = a * (float)j;
  for (long i = 0; i < ITERATIONS; ++i) {
#pragma clang loop unroll(full)
    for (int j = 0; j < ACCUMULATORS; ++j)
      acc[j] = acc[j] * a + b; /* one FMA (-ffp-contract=fast by default) */
    __asm__ volatile("" : "+v"(acc[0]), "+v"(acc[ACCUMULATORS - 1]));
  }
  float sum = 0;
  for (int j = 0; j < ACCUMULATORS; ++j)
    for (int i = 0; i < LANES; ++i)
      sum += acc[j][i];
  return sum;
}

int main(int argc, char **argv) {
  int threads = argc > 1 ? atoi(argv[1]) : omp_get_max_threads();
  float sink = 0;
  double best = 0;
  for (int round = 0; round < 3; ++round) {
    double start = omp_get_wtime();
#pragma omp parallel num_threads(threads) reduction(+ : sink)
    sink += run((float)omp_get_thread_num());
    double seconds = omp_get_wtime() - start;
    double flops = 2.0 * LANES * ACCUMULATORS * (double)ITERATIONS * threads;
    if (flops / seconds > best)
      best = flops / seconds;
  }
  printf("%.1f\n", best / 1e9);
  return sink == 12345.0f; /* keeps the work */
}
