#!/usr/bin/env python3
"""Runs every golden case through kiln-run and prints a table.

    run_golden.py GOLDEN_DIR KILN_RUN [--opt-level N] [--only SUBSTRING]

Columns: op, case, result shape, max abs error, max rel error, PASS/FAIL,
median time (µs). Exits 1 if any case fails.
"""
import argparse
import os
import re
import subprocess
import sys


def kiln_run_command(golden_dir, kiln_run, row, opt_level, repeat=3):
    name, op, family, rtol, atol, n_in, n_out, shape = row
    d = os.path.join(golden_dir, name)
    cmd = [kiln_run, os.path.join(d, "case.mlir"), f"--entry={name}", f"--rtol={rtol}",
           f"--atol={atol}", f"--opt-level={opt_level}", f"--repeat={repeat}"]
    cmd += [f"--input={os.path.join(d, f'in{i}.npy')}" for i in range(int(n_in))]
    cmd += [f"--golden={os.path.join(d, f'out{i}.npy')}" for i in range(int(n_out))]
    return cmd


def read_manifest(golden_dir):
    with open(os.path.join(golden_dir, "cases.tsv")) as f:
        return [line.rstrip("\n").split("\t") for line in f if line.strip()]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("golden_dir")
    p.add_argument("kiln_run")
    p.add_argument("--opt-level", type=int, default=3)
    p.add_argument("--only", default="")
    args = p.parse_args()

    rows = [r for r in read_manifest(args.golden_dir) if args.only in r[0]]
    print(f"{'op':<20} {'case':<36} {'shape':<16} {'max abs err':>11} {'max rel err':>11}"
          f" {'result':>6} {'time us':>10}")
    failed = 0
    for row in rows:
        proc = subprocess.run(kiln_run_command(args.golden_dir, args.kiln_run, row,
                                               args.opt_level),
                              capture_output=True, text=True)
        errors = re.findall(r"max abs error (\S+), max rel error (\S+), (PASS|FAIL)",
                            proc.stdout)
        time = re.search(r"median time (\S+) ms", proc.stdout)
        ok = proc.returncode == 0 and errors and all(e[2] == "PASS" for e in errors)
        abs_err = max((float(e[0]) for e in errors), default=float("nan"))
        rel_err = max((float(e[1]) for e in errors), default=float("nan"))
        print(f"{row[1]:<20} {row[0]:<36} {row[7]:<16} {abs_err:>11.3g} {rel_err:>11.3g}"
              f" {'PASS' if ok else 'FAIL':>6} {1000 * float(time.group(1)) if time else float('nan'):>10.1f}")
        if not ok:
            failed += 1
            detail = (proc.stdout + proc.stderr).strip().splitlines()
            print("    " + "\n    ".join(detail[-6:]))
    print(f"{len(rows) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
