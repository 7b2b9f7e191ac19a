#!/usr/bin/env python3
"""Differential testing: COUNT random kiln programs against PyTorch.

    PYTHONPATH=build/python /usr/bin/python3 scripts/difftest.py [--count 10000] [--start 0]
        [--large | --empty | --long-sums]

Each program runs at opt-level 0 and 3; both are held to PyTorch and to each
other. --large draws sizes up to 129 (up to 300,000 elements), which reach
the optimizer's multi-threaded tiles; --empty starts from a batch of no
elements; --long-sums draws sums, means, variances, softmaxes and layer norms
of same-sign values over up to 300,000 terms, held to torch's own float32
error against float64 (programs.check_accuracy) rather than to a tolerance.

Prints every mismatch (the program's seed and its ops) and a summary; exits 1
if any. A mismatch's seed reproduces it: add it to test/python/test_differential.py
or as a golden case once fixed.
"""
import argparse
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "test",
                                "differential"))
import programs  # noqa: E402

import kiln  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=10000)
    ap.add_argument("--start", type=int, default=0)
    ap.add_argument("--large", action="store_true")
    ap.add_argument("--empty", action="store_true")
    ap.add_argument("--long-sums", action="store_true")
    args = ap.parse_args()
    jit = lambda f, level: kiln.jit(f, opt_level=level, disk_cache=False)  # noqa: E731
    mismatches, errors, t0 = 0, 0, time.time()
    for seed in range(args.start, args.start + args.count):
        if args.long_sums:
            p, check = programs.random_long_sum(seed), programs.check_accuracy
        else:
            p, check = programs.random_program(seed, large=args.large, empty=args.empty), programs.check
        try:
            failure = check(p, jit)
        except Exception as e:  # a crash-free error is still a finding
            failure = f"{p.describe()}: {type(e).__name__}: {e}"
            errors += 1
        if failure:
            mismatches += 1
            print(failure, flush=True)
    print(f"{args.count} programs in {time.time() - t0:.0f}s: {mismatches} mismatches "
          f"({errors} raised)")
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
