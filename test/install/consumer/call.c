/* Calls the library kiln-compile wrote, through its header. */
#include "addrelu.h"

#include <stdio.h>

int main(void) {
  const float x[4] = {1, -2, 3, -4}, y[4] = {0.5f, 1, -5, 2};
  const float want[4] = {1.5f, 0, 0, 0};
  float out[4];
  if (kiln_addrelu(x, y, out) != 0)
    return 1;
  for (int i = 0; i < 4; ++i)
    if (out[i] != want[i]) {
      printf("addrelu[%d] = %g, expected %g\n", i, out[i], want[i]);
      return 1;
    }
  printf("call: ok (%s)\n", kiln_version());
  return 0;
}
