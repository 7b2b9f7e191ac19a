#!/usr/bin/env python3
"""Python-side costs of Kiln (issue 5's targets), measured against PyTorch in
the same process. Reports, never asserts.

    PYTHONPATH=build/python /usr/bin/python3 bench/python_overhead.py

- call overhead of a cached small kernel (relu on 16 floats) vs torch.relu;
- cold compile of one op (a new signature: infer, lower, JIT);
- kiln.jit of conv2d -> batch_norm -> relu vs the three torch calls;
- kiln.jit's first call in a new process: a cache miss (trace, compile,
  link, load) and a disk-cache hit (trace, load), and the import before
  them, which holds the one-time start-up (libMLIR, the kiln dialect, libomp).
Kiln compiles with its optimizing pipeline (opt-level 3), as users get it.
"""
import os
import subprocess
import sys
import tempfile
import time

import numpy as np
import torch
import torch.nn.functional as TF

import kiln
import kiln.functional as F


def median_us(fn, repeat=2000, warmup=50):
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return 1e6 * sorted(times)[len(times) // 2]


def main():
    torch.set_num_threads(2)
    x = np.random.standard_normal(16).astype(np.float32)
    xt = torch.from_numpy(x)
    rows = [("relu(16) call, cached kernel", median_us(lambda: F.relu(x)),
             median_us(lambda: torch.relu(xt)))]

    colds = []
    for n in range(5):  # a new shape each time: a cold compile
        y = np.random.standard_normal((3, 5 + n)).astype(np.float32)
        t0 = time.perf_counter()
        F.softmax(y, -1)
        colds.append(1e6 * (time.perf_counter() - t0))
    rows.append(("softmax cold compile + first call", sorted(colds)[2], float("nan")))

    r = np.random.default_rng(0)
    xb = r.standard_normal((1, 16, 32, 32)).astype(np.float32)
    w, b = r.standard_normal((16, 16, 3, 3)).astype(np.float32), r.standard_normal(16).astype(np.float32)
    m, v = r.standard_normal(16).astype(np.float32), np.abs(r.standard_normal(16)).astype(np.float32) + 1

    @kiln.jit
    def block(x, w, b, m, v):
        return F.relu(F.batch_norm(F.conv2d(x, w, b, padding=1), m, v))

    tx, tw, tb, tm, tv = (torch.from_numpy(a) for a in (xb, w, b, m, v))
    rows.append(("jit conv->bn->relu 1x16x32x32", median_us(lambda: block(xb, w, b, m, v), 200),
                 median_us(lambda: TF.relu(TF.batch_norm(TF.conv2d(tx, tw, tb, padding=1), tm, tv)), 200)))

    # First calls in fresh processes sharing one cache directory.
    script = """
import time
t_import = time.perf_counter()
import sys, numpy as np
import kiln, kiln.functional as F
t_import = time.perf_counter() - t_import
@kiln.jit
def block(x, w, b, m, v):
    return F.relu(F.batch_norm(F.conv2d(x, w, b, padding=1), m, v))
r = np.random.default_rng(0)
args = [r.standard_normal(s).astype(np.float32) for s in [(1, 16, 32, 32), (16, 16, 3, 3), (16,), (16,)]]
args.append(np.ones(16, np.float32))
t0 = time.perf_counter()
block(*args)
print(1e6 * (time.perf_counter() - t0), 1e6 * t_import)
"""
    with tempfile.TemporaryDirectory() as cache:
        env = dict(os.environ, KILN_CACHE_DIR=cache)
        runs = [subprocess.run([sys.executable, "-c", script], env=env, check=True,
                               capture_output=True, text=True).stdout.split() for _ in range(4)]
    first = [float(r[0]) for r in runs]
    rows.append(("jit first call, cache miss (new process)", first[0], float("nan")))
    rows.append(("jit first call, disk-cache hit (new proc)", sorted(first[1:])[1], float("nan")))
    # The one-time start-up (libMLIR, the kiln dialect, libomp) is import's.
    rows.append(("import numpy, kiln, kiln.functional", sorted(float(r[1]) for r in runs)[1],
                 float("nan")))

    print(f"{'measure':<40} {'kiln us':>10} {'torch us':>10}")
    for name, k, t in rows:
        print(f"{name:<40} {k:>10.1f} {t:>10.1f}")


if __name__ == "__main__":
    main()
