#!/usr/bin/env python3
"""Thread stress test, run by scripts/tsan.sh under ThreadSanitizer.

Several Python threads at once: each compiles kernels of its own (shapes no
other thread uses: cold JIT compiles in parallel), traces kiln.jit functions,
and all of them hammer shared kernels and a shared kiln.jit function (the
kernel caches' fast and slow paths, the GIL released while kernels run).
Every result is checked against numpy. Exits 0 when all threads agree and
ThreadSanitizer (halt_on_error) reports nothing.
"""
import sys
import threading

import numpy as np

import kiln
import kiln.functional as F

THREADS, ROUNDS = 6, 4
errors = []


@kiln.jit(disk_cache=False)
def shared_block(x, w):
    return F.relu(F.add(F.matmul(x, w), 1.0))


def reference_block(x, w):
    return np.maximum(x @ w + 1.0, 0.0)


def check(name, got, want):
    if not np.allclose(got, want, rtol=1e-4, atol=1e-4):
        errors.append(f"{name}: max error {np.abs(got - want).max()}")


def work(tid):
    rng = np.random.default_rng(tid)
    own = kiln.jit(lambda x: F.softmax(F.mul(x, 2.0), -1), disk_cache=False)
    for r in range(ROUNDS):
        # Kernels only this thread compiles (its own shapes).
        x = rng.standard_normal((3 + tid, 5 + r)).astype(np.float32)
        check(f"t{tid} exp", F.exp(x), np.exp(x))
        e = np.exp(2 * x - (2 * x).max(-1, keepdims=True))
        check(f"t{tid} jit softmax", own(x), e / e.sum(-1, keepdims=True))
        # Kernels and a traced function every thread shares.
        a = rng.standard_normal((64, 64)).astype(np.float32)
        b = rng.standard_normal((64, 64)).astype(np.float32)
        check(f"t{tid} relu", F.relu(a), np.maximum(a, 0))
        check(f"t{tid} shared jit", shared_block(a, b), reference_block(a, b))
        out = np.empty((64, 64), np.float32)
        shared_block(a, b, out=out)
        check(f"t{tid} shared jit out=", out, reference_block(a, b))


def main():
    threads = [threading.Thread(target=work, args=(t,)) for t in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for e in errors:
        print(e)
    print(f"{THREADS} threads x {ROUNDS} rounds: {len(errors)} wrong results")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
