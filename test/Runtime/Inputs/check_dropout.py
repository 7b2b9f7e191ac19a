"""Checks training dropout statistically, as torch's contract states it:
about p of the elements are zeroed (within 4 sigma of a binomial), every
survivor is x / (1 - p) exactly (up to float rounding), and masks from the
same seed match while masks from different seeds differ.

    check_dropout.py P INPUT OUT_SEED_A OUT_SEED_A_AGAIN OUT_SEED_B
"""
import math
import sys

import numpy as np

p = float(sys.argv[1])
x = np.load(sys.argv[2])
a, a2, b = (np.load(f) for f in sys.argv[3:6])
n = x.size
zeroed = np.count_nonzero(a == 0)
sigma = math.sqrt(n * p * (1 - p))
assert abs(zeroed - n * p) <= 4 * sigma, f"{zeroed} of {n} zeroed, expected {n * p} ± {4 * sigma}"
kept = a != 0
assert np.allclose(a[kept], x[kept] / (1 - p), rtol=1e-6, atol=0), "survivors not scaled by 1/(1-p)"
assert np.array_equal(a, a2), "the same seed gave a different mask"
assert not np.array_equal(a == 0, b == 0), "different seeds gave the same mask"
print(f"dropout p={p}: {zeroed}/{n} zeroed (expected {n * p:.0f} ± {4 * sigma:.0f}); "
      "survivors scaled; seeds reproducible")
