"""Makes .npy files for the kiln-run tests: good, perturbed, truncated,
Fortran-ordered and wrong-dtype variants of a case's data."""
import sys

import numpy as np

cmd, src, dst = sys.argv[1], sys.argv[2], sys.argv[3]
a = np.load(src)
if cmd == "perturb":  # one element off by far more than any tolerance
    a = a.copy()
    a.flat[a.size // 2] += 1.0
    np.save(dst, a)
elif cmd == "truncate":
    data = open(src, "rb").read()
    open(dst, "wb").write(data[: len(data) - 8])
elif cmd == "fortran":
    np.save(dst, np.asfortranarray(a.reshape(a.shape[0], -1)))
elif cmd == "float64":
    np.save(dst, a.astype(np.float64))
else:
    sys.exit(f"unknown command {cmd}")
