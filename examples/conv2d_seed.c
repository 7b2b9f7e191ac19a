/* Runs the seed conv2d from a library built by kiln-compile and prints the
 * max error against a plain C convolution:
 *
 *   build/bin/kiln-compile examples/conv2d_seed.mlir -o libconv2d_seed.so \
 *       --header conv2d_seed.h
 *   cc -O2 -I. examples/conv2d_seed.c -L. -lconv2d_seed -Wl,-rpath,. -o conv2d_seed
 *   ./conv2d_seed
 */
#include "conv2d_seed.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

enum { N = 20, C = 16, H = 50, W = 100, O = 33, KH = 3, KW = 5, OH = 26, OW = 100 };
enum { SH = 2, SW = 1, PH = 4, PW = 2, DH = 3, DW = 1 };

static float uniform(unsigned *state) { /* deterministic, in [-1, 1) */
  *state = *state * 1664525u + 1013904223u;
  return (float)(*state >> 8) / 8388608.0f - 1.0f;
}

int main(void) {
  static float x[N][C][H][W], w[O][C][KH][KW], b[O], y[N][O][OH][OW];
  unsigned seed = 1;
  for (float *p = &x[0][0][0][0]; p < &x[0][0][0][0] + sizeof x / sizeof(float); ++p)
    *p = uniform(&seed);
  for (float *p = &w[0][0][0][0]; p < &w[0][0][0][0] + sizeof w / sizeof(float); ++p)
    *p = uniform(&seed);
  for (int o = 0; o < O; ++o)
    b[o] = uniform(&seed);

  printf("kiln %s, %d entry point(s), %s takes %d inputs\n", kiln_version(), kiln_num_entries(),
         kiln_entry_name(0), kiln_conv2d_seed_num_inputs());
  if (kiln_conv2d_seed(&x[0][0][0][0], &w[0][0][0][0], b, &y[0][0][0][0]) != 0)
    return 1;

  double max_error = 0;
  for (int n = 0; n < N; ++n)
    for (int o = 0; o < O; ++o)
      for (int i = 0; i < OH; ++i)
        for (int j = 0; j < OW; ++j) {
          double acc = b[o];
          for (int c = 0; c < C; ++c)
            for (int kh = 0; kh < KH; ++kh)
              for (int kw = 0; kw < KW; ++kw) {
                int h = i * SH - PH + kh * DH, v = j * SW - PW + kw * DW;
                if (h >= 0 && h < H && v >= 0 && v < W)
                  acc += (double)x[n][c][h][v] * w[o][c][kh][kw];
              }
          double e = fabs(acc - y[n][o][i][j]);
          if (e > max_error)
            max_error = e;
        }
  printf("max abs error %.3g over %d outputs\n", max_error, N * O * OH * OW);
  return max_error < 1e-3 ? 0 : 1;
}
