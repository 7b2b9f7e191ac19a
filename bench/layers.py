#!/usr/bin/env python3
"""The convolutions of torchvision's classifiers as a compiled model holds
them: one torch.nn.Conv2d and a ReLU, the filter a constant of the model
(kiln.from_torch lays it out once, at load), against torch eager in the same
process, timed in turns (bench/run.py's median_seconds).

    PYTHONPATH=build/python /usr/bin/python3 bench/layers.py [--only NAME[,NAME...]]
        [--batch 1] [--threads N] [--min-time S] [--cold]

bench/run.py's rows pass filters as arguments, laid out again at every call;
these time what a model's layer costs, so that a change of a convolution's
strategy can be measured layer by layer where a whole model's time drifts more
than the change moves it: run the same command against two builds, each with
a KILN_CACHE_DIR of its own (the disk cache is keyed by the model, not by the
compiler's code). torch's frozen path is no baseline for one layer: alone, it
converts to and from oneDNN's blocked layout at every call, which a frozen
model does once. With --cold, the caches are evicted before each call (64
MiB written, outside the timing): alone, a layer keeps its weights in L3
from one call to the next, where in a model, whose weights are tens of MiB,
a deep layer's come from memory at every call. Timings are never asserted
in tests.
"""
import argparse
import os
import statistics
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import host  # noqa: E402,I100 — before torch: it picks OpenBLAS's kernels
host.best_openblas_kernels()

import numpy as np  # noqa: E402
import torch  # noqa: E402

import kiln  # noqa: E402
from run import conv_flops, median_seconds  # noqa: E402

# name: (input channels, output channels, input size, kernel, stride, groups)
LAYERS = {
    "resnet 3x3 64 56": (64, 64, 56, 3, 1, 1),
    "resnet 3x3 128 28": (128, 128, 28, 3, 1, 1),
    "resnet 3x3/2 128->256 28": (128, 256, 28, 3, 2, 1),
    "resnet 3x3 256 14": (256, 256, 14, 3, 1, 1),
    "resnet 3x3/2 256->512 14": (256, 512, 14, 3, 2, 1),
    "resnet 3x3 512 7": (512, 512, 7, 3, 1, 1),
    "stem 3x3/2 3->32 224": (3, 32, 224, 3, 2, 1),
    "densenet 3x3 128->32 56": (128, 32, 56, 3, 1, 1),
    "densenet 3x3 128->32 28": (128, 32, 28, 3, 1, 1),
    "densenet 3x3 128->32 14": (128, 32, 14, 3, 1, 1),
    "inception 3x3 64->96 14": (64, 96, 14, 3, 1, 1),
    "regnet 1x1 160 14": (160, 160, 14, 1, 1, 1),
    "regnet 1x1 400 7": (400, 400, 7, 1, 1, 1),
    "regnet 3x3 400 7 g25": (400, 400, 7, 3, 1, 25),
}


def cold_median_seconds(calls, min_time):
    """median_seconds' figures with the caches evicted before each call,
    the calls in turns one at a time."""
    junk = np.zeros(16 << 20, np.float32)  # 64 MiB: twice this host's L3
    times = {name: [] for name in calls}
    end = time.perf_counter() + min_time
    while time.perf_counter() < end or min(len(t) for t in times.values()) < 10:
        for name, call in calls.items():
            junk += 1
            start = time.perf_counter()
            call()
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(t) for name, t in times.items()}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--only", default="", help="comma-separated substrings of layer names")
    ap.add_argument("--batch", type=int, default=1)
    ap.add_argument("--threads", type=int, default=os.cpu_count())
    ap.add_argument("--min-time", type=float, default=1.0, help="seconds per measurement")
    ap.add_argument("--cold", action="store_true",
                    help="evict the caches before each call, as a model's deep layers run")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    os.environ.setdefault("KILN_NUM_THREADS", str(args.threads))
    print(f"batch {args.batch}, {args.threads} threads, torch {torch.__version__}"
          f"{', caches evicted before each call' if args.cold else ''}\n")
    print("| layer | kiln_ms | GFLOPS | eager_ms | vs_eager |\n|---|---|---|---|---|")
    for name, (c, f, size, k, stride, groups) in LAYERS.items():
        if args.only and not any(part in name for part in args.only.split(",")):
            continue
        torch.manual_seed(0)
        conv = torch.nn.Conv2d(c, f, k, stride, k // 2, groups=groups)
        model = torch.nn.Sequential(conv, torch.nn.ReLU()).eval()
        x = torch.randn(args.batch, c, size, size)
        compiled, xn = kiln.from_torch(model, x), x.numpy()
        with torch.no_grad():
            expected = model(x).numpy()
            np.testing.assert_allclose(compiled(xn), expected, rtol=1e-3,
                                       atol=1e-3 * np.abs(expected).max())
            timing = cold_median_seconds if args.cold else median_seconds
            times = timing({"kiln": lambda: compiled(xn), "eager": lambda: model(x)}, args.min_time)
        out = (size + 2 * (k // 2) - k) // stride + 1
        flops = conv_flops(args.batch, c, f, out, out, k, k, groups)
        print(f"| {name} | {times['kiln'] * 1e3:.3f} | {flops / times['kiln'] / 1e9:.0f} | "
              f"{times['eager'] * 1e3:.3f} | {times['eager'] / times['kiln']:.2f} |", flush=True)


if __name__ == "__main__":
    main()
