#!/usr/bin/env python3
"""Fuzzes kiln.onnx.load with mutated ONNX files: each must load (and then
run) or be refused with ValueError, TypeError or NotImplementedError,
naming the file where the file is at fault: never a crash, never another
exception.

    PYTHONPATH=build/python /usr/bin/python3 test/fuzz/fuzz_onnx.py [--runs N] [--seed S]

Seeds are a small convolutional network exported by torch.onnx.export and
a few hand-made graphs; a mutation flips, inserts, deletes or overwrites
bytes, or truncates the file. Inputs that fail are written to
build-asan/fuzz/crashes/onnx-<n>.onnx (keep one in test/fuzz/regressions/onnx/,
which is replayed first).
"""
import argparse
import collections
import glob
import io
import os
import random
import sys
import tempfile
import traceback
import warnings

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def seeds():
    import onnx
    import torch
    torch.manual_seed(0)
    model = torch.nn.Sequential(torch.nn.Conv2d(3, 4, 3), torch.nn.BatchNorm2d(4),
                                torch.nn.ReLU(), torch.nn.MaxPool2d(2), torch.nn.Flatten(),
                                torch.nn.Linear(4 * 2 * 2, 3), torch.nn.Softmax(-1)).eval()
    f = io.BytesIO()
    torch.onnx.export(model, torch.randn(1, 3, 6, 6), f)
    out = [f.getvalue()]
    h = onnx.helper
    x = h.make_tensor_value_info("x", onnx.TensorProto.FLOAT, [2, 3, 4])
    y = h.make_tensor_value_info("y", onnx.TensorProto.FLOAT, None)
    shape = h.make_tensor("shape", onnx.TensorProto.INT64, [2], [6, 4])
    nodes = [h.make_node("Reshape", ["x", "shape"], ["r"]), h.make_node("Transpose", ["r"], ["t"]),
             h.make_node("ReduceMean", ["t"], ["y"], axes=[1], keepdims=1)]
    out.append(h.make_model(h.make_graph(nodes, "g", [x], [y], [shape])).SerializeToString())
    return out


def mutate(rng, data):
    data = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        kind = rng.randrange(5)
        at = rng.randrange(len(data)) if data else 0
        if kind == 0 and data:
            data[at] ^= 1 << rng.randrange(8)
        elif kind == 1:
            data[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 8)))
        elif kind == 2 and data:
            del data[at:at + rng.randint(1, 8)]
        elif kind == 3 and data:
            data[at] = rng.choice([0, 1, 0x7F, 0x80, 0xFF, ord("\n")])
        else:
            data = data[:at]
    return bytes(data)


def check(kiln_onnx, path, outcomes):
    """None, or the traceback of a failure; counts the outcome."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            net = kiln_onnx.load(path)
            net(*[np.zeros(shape, dtype) for dtype, shape in net._signature])
    except (ValueError, TypeError, NotImplementedError) as e:
        outcomes[type(e).__name__] += 1
        return None
    except Exception:  # noqa: BLE001 — anything else is a finding
        return traceback.format_exc()
    outcomes["ran"] += 1
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=300)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    import kiln.onnx
    crashes = os.path.join(ROOT, "build-asan", "fuzz", "crashes")
    failures, outcomes = 0, collections.Counter()
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "mutant.onnx")
        replay = sorted(glob.glob(os.path.join(ROOT, "test", "fuzz", "regressions", "onnx", "*")))
        for i, regression in enumerate(replay):
            why = check(kiln.onnx, regression, outcomes)
            if why:
                print(f"regression {regression} fails:\n{why}")
                failures += 1
        rng = random.Random(args.seed)
        corpus = seeds()
        for run in range(args.runs):
            data = mutate(rng, rng.choice(corpus))
            with open(path, "wb") as f:
                f.write(data)
            why = check(kiln.onnx, path, outcomes)
            if why:
                os.makedirs(crashes, exist_ok=True)
                kept = os.path.join(crashes, f"onnx-{run}.onnx")
                with open(kept, "wb") as f:
                    f.write(data)
                print(f"run {run}: {kept}\n{why}", flush=True)
                failures += 1
    print(f"fuzz_onnx: {args.runs} mutants and {len(replay)} regressions ({dict(outcomes)}), "
          f"{failures} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
