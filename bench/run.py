#!/usr/bin/env python3
"""Kiln's optimized kernels against PyTorch (oneDNN convolutions, OpenBLAS
GEMM, eager ops), timed in one process on the same inputs.

    PYTHONPATH=build/python /usr/bin/python3 bench/run.py [--only SUBSTR]
        [--threads N] [--min-time S] [--out DIR]

Each side runs twice: writing into preallocated outputs (Kiln's `out=`,
torch's `out=` where the op has one) and allocating its result. A time is
the median of repeated calls after warm-up, a workload's calls timed in
turns (this machine's speed drifts). Compute-bound workloads report GFLOPS
and % of the FMA peak, memory-bound ones GB/s (compulsory traffic: inputs
read once, outputs written once) and % of the stream bandwidth measured in
turns with them. The ratio is PyTorch's time over Kiln's (> 1: Kiln is
faster). Writes DIR/results.md, DIR/results.csv and DIR/results.png.
Torch's OpenBLAS is given its best kernels for the CPU and the FMA peak is
measured (bench/host.py). Timings are never asserted in tests.
"""
import argparse
import csv
import os
import statistics
import time

import host  # noqa: I100 — before torch: it picks OpenBLAS's kernels
OPENBLAS = host.best_openblas_kernels()

import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.nn.functional as TF  # noqa: E402

import kiln  # noqa: E402
import kiln.functional as F  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


class Workload:
    def __init__(self, name, inputs, kiln_fn, torch_alloc, torch_out=None, flops=None,
                 target=None, note="", traffic=None):
        self.name, self.inputs, self.kiln_fn = name, inputs, kiln_fn
        self.torch_alloc, self.torch_out = torch_alloc, torch_out
        self.flops, self.target, self.note, self.traffic = flops, target, note, traffic


def rand(*shape, seed=0):
    return np.random.default_rng(seed).standard_normal(shape).astype(np.float32)


def conv_flops(n, c, f, oh, ow, kh, kw, groups=1):
    return 2 * n * f * oh * ow * (c // groups) * kh * kw


def workloads():
    w = []
    # GEMM: OpenBLAS through torch.mm.
    for n in (256, 512, 1024, 2048):
        target = 1.5 if n == 256 else 0.9 if n >= 1024 else None
        w.append(Workload(f"sgemm {n}", [rand(n, n), rand(n, n, seed=1)], F.matmul,
                          lambda a, b: torch.mm(a, b), lambda a, b, out: torch.mm(a, b, out=out),
                          flops=2 * n ** 3, target=target))
    w.append(Workload("linear 128x768->3072", [rand(128, 768), rand(3072, 768, seed=1),
                                                rand(3072, seed=2)],
                      F.linear, TF.linear,
                      lambda x, wt, b, out: torch.addmm(b, x, wt.t(), out=out),
                      flops=2 * 128 * 768 * 3072))
    # Widths whose column tiles must be whole register steps (960 = 30 x 32).
    w.append(Workload("linear 392x160->960", [rand(392, 160), rand(960, 160, seed=1),
                                              rand(960, seed=2)],
                      F.linear, TF.linear,
                      lambda x, wt, b, out: torch.addmm(b, x, wt.t(), out=out),
                      flops=2 * 392 * 160 * 960))
    w.append(Workload("bmm 16x(512x64)(64x512)", [rand(16, 512, 64), rand(16, 64, 512, seed=1)],
                      F.bmm, torch.bmm, lambda a, b, out: torch.bmm(a, b, out=out),
                      flops=2 * 16 * 512 * 64 * 512))
    # Convolutions: oneDNN through torch.
    def conv(name, n, c, f, hw, k, stride=1, padding=0, target=0.8, groups=1):
        oh = (hw + 2 * padding - k) // stride + 1
        w.append(Workload(name, [rand(n, c, hw, hw), rand(f, c // groups, k, k, seed=1)],
                          lambda x, wt: F.conv2d(x, wt, stride=stride, padding=padding,
                                                 groups=groups),
                          lambda x, wt: TF.conv2d(x, wt, stride=stride, padding=padding,
                                                  groups=groups),
                          flops=conv_flops(n, c, f, oh, oh, k, k, groups), target=target))
    conv("conv 3x3 64->64 56x56 N=1", 1, 64, 64, 56, 3, padding=1)
    conv("conv 3x3 64->64 56x56 N=8", 8, 64, 64, 56, 3, padding=1)
    conv("conv 1x1 256->64 56x56", 1, 256, 64, 56, 1)
    conv("conv 3x3/2 128->256 56x56", 1, 128, 256, 56, 3, stride=2, padding=1)
    # ResNet's late layers and strided 1x1 downsamples.
    conv("conv 3x3 512->512 7x7", 1, 512, 512, 7, 3, padding=1)
    conv("conv 3x3/2 256->512 14x14", 1, 256, 512, 14, 3, stride=2, padding=1)
    conv("conv 1x1/2 64->128 56x56", 1, 64, 128, 56, 1, stride=2)
    conv("conv 1x1/2 256->512 14x14", 1, 256, 512, 14, 1, stride=2)
    # 96 output channels: 6 vectors of 16 (inception_v3, googlenet).
    conv("conv 3x3 64->96 14x14 N=8", 8, 64, 96, 14, 3, padding=1)
    # Depthwise (mobilenet, efficientnet) and grouped (regnet's groups of
    # 16 channels, resnext's 32 groups) convolutions.
    conv("depthwise 3x3 144 56x56", 1, 144, 144, 56, 3, padding=1, groups=144)
    conv("depthwise 3x3/2 96 112x112", 1, 96, 96, 112, 3, stride=2, padding=1, groups=96)
    conv("depthwise 5x5 240 28x28", 1, 240, 240, 28, 5, padding=2, groups=240)
    conv("depthwise 3x3 960 7x7", 1, 960, 960, 7, 3, padding=1, groups=960)
    conv("depthwise 3x3 960 7x7 N=8", 8, 960, 960, 7, 3, padding=1, groups=960)
    conv("grouped 3x3 64 28x28 g4", 1, 64, 64, 28, 3, padding=1, groups=4)
    conv("grouped 3x3/2 32 112x112 g2", 1, 32, 32, 112, 3, stride=2, padding=1, groups=2)
    conv("grouped 3x3 400 7x7 g25", 1, 400, 400, 7, 3, padding=1, groups=25)
    conv("grouped 3x3 128 56x56 g32", 1, 128, 128, 56, 3, padding=1, groups=32)
    w.append(Workload("conv2d seed 20x16x50x100", [rand(20, 16, 50, 100), rand(33, 16, 3, 5, seed=1)],
                      lambda x, wt: F.conv2d(x, wt, stride=(2, 1), padding=(4, 2), dilation=(3, 1)),
                      lambda x, wt: TF.conv2d(x, wt, stride=(2, 1), padding=(4, 2), dilation=(3, 1)),
                      flops=conv_flops(20, 16, 33, 26, 100, 3, 5)))
    w.append(Workload("conv_transpose2d seed", [rand(20, 16, 50, 100), rand(16, 33, 3, 3, seed=1)],
                      lambda x, wt: F.conv_transpose2d(x, wt, stride=2),
                      lambda x, wt: TF.conv_transpose2d(x, wt, stride=2),
                      flops=conv_flops(20, 16, 33, 50, 100, 3, 3)))
    # Memory-bound ops (GB/s): faster than eager torch and >= 70% of stream.
    w.append(Workload("max_pool2d 3x3/2 8x64x112x112", [rand(8, 64, 112, 112)],
                      lambda x: F.max_pool2d(x, 3, stride=2, padding=1),
                      lambda x: TF.max_pool2d(x, 3, stride=2, padding=1), target=1.0))
    w.append(Workload("adaptive_avg_pool2d 8x2048x7x7", [rand(8, 2048, 7, 7)],
                      lambda x: F.adaptive_avg_pool2d(x, 1),
                      lambda x: TF.adaptive_avg_pool2d(x, 1), target=1.0))
    w.append(Workload("batch_norm eval 8x64x56x56",
                      [rand(8, 64, 56, 56), rand(64, seed=1), np.abs(rand(64, seed=2)) + 0.5,
                       rand(64, seed=3), rand(64, seed=4)],
                      lambda x, m, v, g, b: F.batch_norm(x, m, v, g, b),
                      lambda x, m, v, g, b: TF.batch_norm(x, m, v, g, b), target=1.0))
    w.append(Workload("layer_norm 64x512x768", [rand(64, 512, 768), rand(768, seed=1),
                                                 rand(768, seed=2)],
                      lambda x, g, b: F.layer_norm(x, (768,), g, b),
                      lambda x, g, b: TF.layer_norm(x, (768,), g, b), target=1.0))
    w.append(Workload("softmax 64x512x768", [rand(64, 512, 768)],
                      lambda x: F.softmax(x, -1), lambda x: torch.softmax(x, -1),
                      lambda x, out: torch._softmax(x, -1, False, out=out), target=1.0))
    # Long sums (by cascade, as torch's): columns, global average pooling,
    # a whole tensor.
    w.append(Workload("sum 64x512x768 over (0, 1)", [rand(64, 512, 768)],
                      lambda x: F.sum(x, [0, 1]), lambda x: torch.sum(x, (0, 1)),
                      lambda x, out: torch.sum(x, (0, 1), out=out), target=1.0))
    w.append(Workload("mean 8x256x56x56 over (2, 3)", [rand(8, 256, 56, 56)],
                      lambda x: F.mean(x, [2, 3]), lambda x: torch.mean(x, (2, 3)),
                      lambda x, out: torch.mean(x, (2, 3), out=out), target=1.0))
    w.append(Workload("sum 4096x4096 (all)", [rand(4096, 4096)],
                      lambda x: F.sum(x), lambda x: torch.sum(x), target=1.0))
    # Both accumulate a float32 variance in float64.
    w.append(Workload("var 64x512x768 over -1", [rand(64, 512, 768)],
                      lambda x: F.var(x, -1), lambda x: torch.var(x, -1),
                      lambda x, out: torch.var(x, -1, out=out)))
    w.append(Workload("var 8x256x56x56 over (2, 3)", [rand(8, 256, 56, 56)],
                      lambda x: F.var(x, [2, 3]), lambda x: torch.var(x, (2, 3)),
                      lambda x, out: torch.var(x, (2, 3), out=out)))
    w.append(Workload("embedding 50257x768 [8x512]",
                      [np.random.default_rng(0).integers(0, 50257, (8, 512)).astype(np.int64),
                       rand(50257, 768, seed=1)],
                      F.embedding, TF.embedding,
                      lambda ids, wt, out: torch.index_select(wt, 0, ids.reshape(-1),
                                                              out=out.view(-1, 768)),
                      target=1.0, traffic=8 * 512 * (8 + 2 * 768 * 4),
                      note="traffic: ids, the rows read, the output"))
    # Fused chains against the same ops one by one in eager torch (>= 3x).
    w.append(Workload("gelu(2x+1) 64x512x768 fused", [rand(64, 512, 768)],
                      lambda x: F.gelu(F.add(F.mul(x, 2.0), 1.0)),
                      lambda x: TF.gelu(x * 2 + 1), target=3.0,
                      note="torch: 3 eager ops"))
    w.append(Workload("conv3x3+bias+relu 64->64 56x56 N=8 fused",
                      [rand(8, 64, 56, 56), rand(64, 64, 3, 3, seed=1), rand(64, seed=2)],
                      lambda x, wt, b: F.relu(F.conv2d(x, wt, b, padding=1)),
                      lambda x, wt, b: TF.relu(TF.conv2d(x, wt, b, padding=1)),
                      flops=conv_flops(8, 64, 64, 56, 56, 3, 3), target=3.0,
                      note="torch: conv (oneDNN) + relu"))
    return w


def samples(call, seconds, min_repeats=3):
    # Several thread pools share this process (torch's libgomp, which
    # Kiln's kernels share, OpenBLAS's, and libomp's with
    # KILN_THREAD_POOL=own): each keeps its threads spinning for a while
    # after a call. Let the others go to sleep before timing this one, so
    # that none steals another's cores.
    time.sleep(0.25)
    call()
    times, stop = [], time.perf_counter() + seconds
    while len(times) < min_repeats or (time.perf_counter() < stop and len(times) < 2000):
        t0 = time.perf_counter()
        call()
        times.append(time.perf_counter() - t0)
    return times


def median_seconds(calls, min_time, rounds=4):
    """The median time of each of `calls` (name -> function), timed in turns
    over `rounds` rounds, so that all see the same drift of this machine's
    speed (it doubles or halves within minutes on a shared VM)."""
    times = {name: [] for name in calls}
    for _ in range(rounds):
        for name, call in calls.items():
            times[name] += samples(call, min_time / rounds)
    return {name: statistics.median(t) for name, t in times.items()}


def stream_add():
    """Torch's copy-and-add over arrays far beyond the caches, and the bytes
    it moves: the stream bandwidth's measure."""
    a, b = torch.rand(1 << 25), torch.rand(1 << 25)
    c = torch.empty_like(a)
    return (lambda: torch.add(a, b, out=c)), 3 * a.numel() * 4


def run(workload, min_time, stream):
    arrays = workload.inputs
    tensors = [torch.from_numpy(a) for a in arrays]
    jitted = kiln.jit(workload.kiln_fn, disk_cache=False)
    expected = workload.torch_alloc(*tensors).numpy()
    got = jitted(*arrays)
    np.testing.assert_allclose(got, expected, rtol=2e-3, atol=2e-3 * max(1, np.abs(expected).max()))
    out = np.empty_like(got)
    out_t = torch.from_numpy(np.empty_like(expected))
    calls = {
        "kiln_out": lambda: jitted(*arrays, out=out),
        "kiln_alloc": lambda: jitted(*arrays),
        "torch_alloc": lambda: workload.torch_alloc(*tensors),
    }
    if workload.torch_out:
        calls["torch_out"] = lambda: workload.torch_out(*tensors, out_t)
    # A memory-bound workload is held to the stream bandwidth measured in
    # the same turns.
    if not workload.flops:
        calls["stream"] = stream
    times = median_seconds(calls, min_time)
    times.setdefault("torch_out", times["torch_alloc"])
    traffic = workload.traffic or sum(a.nbytes for a in arrays) + expected.nbytes
    return times, traffic


def mixed_pairs():
    """Kiln and PyTorch ops called in turn, as a pipeline of torch
    preprocessing, a Kiln model and torch postprocessing calls them: each
    pool's threads may still spin (libgomp's GOMP_SPINCOUNT, OpenBLAS's,
    libomp's KMP_BLOCKTIME) when another pool's start. Each pair also names
    PyTorch's own op for Kiln's, for the same pipeline all in PyTorch."""
    x = rand(8, 64, 56, 56)
    a, b = rand(512, 512), rand(512, 512, seed=1)
    s = rand(64, 512, 768, seed=2)
    xt, st = torch.from_numpy(x), torch.from_numpy(s)
    at, bt, ct = torch.from_numpy(a), torch.from_numpy(b), torch.empty(512, 512)
    cx, cw = torch.from_numpy(rand(1, 64, 56, 56, seed=3)), torch.from_numpy(rand(64, 64, 3, 3))
    mm = kiln.jit(F.matmul, disk_cache=False)
    relu = kiln.jit(F.relu, disk_cache=False)
    softmax = kiln.jit(lambda t: F.softmax(t, -1), disk_cache=False)
    mm_out, relu_out, softmax_out = np.empty_like(a), np.empty_like(x), np.empty_like(s)
    relu_t, softmax_t = torch.from_numpy(relu_out), torch.from_numpy(softmax_out)
    return [
        ("kiln matmul 512 / torch relu 8x64x56x56",
         lambda: mm(a, b, out=mm_out), lambda: TF.relu(xt),
         lambda: torch.mm(at, bt, out=ct)),
        ("kiln relu 8x64x56x56 / torch mm 512",
         lambda: relu(x, out=relu_out), lambda: torch.mm(at, bt, out=ct),
         lambda: torch.clamp(xt, min=0, out=relu_t)),
        ("kiln softmax 64x512x768 / torch conv 64ch 56x56",
         lambda: softmax(s, out=softmax_out), lambda: TF.conv2d(cx, cw, padding=1),
         lambda: torch.softmax(st, -1, out=softmax_t)),
    ]


def run_mixed(min_time):
    """Each pair: both ops alone (samples() lets the other pool sleep first),
    then torch, Kiln, torch, Kiln... with no pause; the ratio is the pair's
    time over the sum of the two alone (1: no interference). The same for
    PyTorch's op in Kiln's place: how much PyTorch's pools slow each other."""
    rows = []
    for name, kiln_call, torch_call, torch_instead in mixed_pairs():
        def pair():
            torch_call()
            kiln_call()

        def torch_pair():
            torch_call()
            torch_instead()
        times = median_seconds({"kiln": kiln_call, "torch": torch_call, "pair": pair,
                                "instead": torch_instead, "torch_pair": torch_pair}, min_time)
        ratio = times["pair"] / (times["kiln"] + times["torch"])
        torch_ratio = times["torch_pair"] / (times["instead"] + times["torch"])
        rows.append(dict(pair=name, kiln_ms=round(times["kiln"] * 1e3, 3),
                         torch_ms=round(times["torch"] * 1e3, 3),
                         in_turn_ms=round(times["pair"] * 1e3, 3),
                         ratio=round(ratio, 2), torch_only_ratio=round(torch_ratio, 2)))
        print(f"{name:48s} kiln {rows[-1]['kiln_ms']:8.3f} ms  torch {rows[-1]['torch_ms']:8.3f} "
              f"ms  in turn {rows[-1]['in_turn_ms']:8.3f} ms  ratio {ratio:5.2f}  "
              f"(torch only {torch_ratio:5.2f})", flush=True)
    return rows


def keep_temporaries_mapped():
    """Both sides' large temporaries stay on malloc's heap (1 GiB thresholds).
    Kiln's runtime sets 256 MiB; eager PyTorch chains free several 100 MB
    temporaries at once, and a trimmed heap page-faults them in again on
    every call (at several µs a fault on a virtual machine, that is what
    gets measured otherwise)."""
    import ctypes
    libc = ctypes.CDLL("libc.so.6")
    m_trim_threshold, m_mmap_threshold = -1, -3
    libc.mallopt(m_mmap_threshold, 1 << 30)
    libc.mallopt(m_trim_threshold, 1 << 30)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--only", default="",
                    help="workloads whose name contains this (or one of these, comma-separated)")
    ap.add_argument("--threads", type=int, default=os.cpu_count())
    ap.add_argument("--min-time", type=float, default=0.5, help="seconds per measurement")
    ap.add_argument("--peak-gflops", type=float, default=None,
                    help="f32 FMA peak of the machine (default: measured by bench/peak.c)")
    ap.add_argument("--out", default=HERE)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    keep_temporaries_mapped()
    os.environ.setdefault("KILN_NUM_THREADS", str(args.threads))
    args.peak_source = "given"
    if args.peak_gflops is None:
        args.peak_gflops, args.peak_source = host.peak_gflops(args.threads), "measured"
    if args.peak_gflops is None:
        ap.error("cannot build bench/peak.c to measure the FMA peak: give --peak-gflops")
    args.openblas = OPENBLAS
    add, add_bytes = stream_add()
    stream = add_bytes / median_seconds({"add": add}, args.min_time)["add"] / 1e9
    print(f"threads {args.threads}; stream (torch add, this run) {stream:.1f} GB/s; "
          f"FMA peak {args.peak_gflops:.0f} GFLOPS ({args.peak_source}); "
          f"OpenBLAS kernels {OPENBLAS}; torch eager ops {host.torch_isa()}")

    rows = []
    for wl in workloads():
        if not any(part in wl.name for part in args.only.split(",")):
            continue
        times, traffic = run(wl, args.min_time, add)
        local_stream = add_bytes / times["stream"] / 1e9 if "stream" in times else None
        k, t = times["kiln_out"], times["torch_out"]
        if wl.flops:
            unit, rate, peak = "GFLOPS", wl.flops / k / 1e9, args.peak_gflops
        else:
            unit, rate, peak = "GB/s", traffic / k / 1e9, local_stream
        ratio, ratio_alloc = t / k, times["torch_alloc"] / times["kiln_alloc"]
        # Memory-bound ops must also reach 70 % of the stream bandwidth.
        memory_bound = wl.flops is None and wl.target == 1.0
        fast_enough = not memory_bound or rate >= 0.7 * peak
        met = "" if wl.target is None else (
            "yes" if ratio >= wl.target and fast_enough else "no")
        row = dict(workload=wl.name, unit=unit, kiln=round(rate, 2),
                   percent_of_peak=round(100 * rate / peak, 1),
                   stream_gbs="" if local_stream is None else round(local_stream, 1),
                   kiln_out_ms=round(k * 1e3, 3), torch_out_ms=round(t * 1e3, 3),
                   kiln_alloc_ms=round(times["kiln_alloc"] * 1e3, 3),
                   torch_alloc_ms=round(times["torch_alloc"] * 1e3, 3),
                   ratio=round(ratio, 3), ratio_alloc=round(ratio_alloc, 3),
                   target="" if wl.target is None else (
                       f">= {wl.target}x" + (", >= 70% stream" if memory_bound else "")),
                   met=met,
                   note=wl.note + ("" if wl.torch_out else
                                   ("; " if wl.note else "") + "torch has no out=: allocates"))
        rows.append(row)
        of_stream = "" if local_stream is None else f"of {local_stream:.1f}"
        print(f"{wl.name:42s} {rate:9.2f} {unit:6s} {row['percent_of_peak']:6.1f}% {of_stream:8s}  "
              f"kiln {row['kiln_out_ms']:9.3f} ms  torch {row['torch_out_ms']:9.3f} ms  "
              f"ratio {ratio:6.2f} (alloc {ratio_alloc:5.2f}) {row['target']} {met}", flush=True)
    mixed = run_mixed(args.min_time) if "mixed" in args.only.split(",") or not args.only else []
    write(rows, args, stream, mixed)


def write(rows, args, stream, mixed):
    os.makedirs(args.out, exist_ok=True)
    if rows:
        with open(os.path.join(args.out, "results.csv"), "w", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
    with open(os.path.join(args.out, "results.md"), "w") as f:
        f.write("# Kiln vs PyTorch\n\n")
        f.write(f"Generated by `bench/run.py` on {time.strftime('%Y-%m-%d')}: "
                f"{args.threads} threads, f32, PyTorch {torch.__version__}, median of "
                f"repeats after warm-up, timed in turns. Ratio = PyTorch time / Kiln time "
                f"(> 1: Kiln faster), both writing into preallocated outputs; `alloc` = "
                f"both allocating. "
                f"Machine: {host.cpu_name()} ({os.cpu_count()} cores); PyTorch's GEMMs run "
                f"OpenBLAS's {args.openblas} kernels, its eager ops {host.torch_isa()} "
                f"(bench/host.py). "
                f"% of peak: of {args.peak_gflops:.0f} GFLOPS (FMA peak, {args.peak_source}: "
                f"bench/peak.c) or of "
                f"the stream bandwidth (torch add) measured in turns with the workload "
                f"(column `stream`; {stream:.1f} GB/s at the start of the run), as this "
                f"machine's bandwidth drifts. Both sides' large temporaries stay on "
                f"malloc's heap (see `keep_temporaries_mapped`).\n\n")
        f.write("| workload | Kiln | % peak | stream GB/s | Kiln ms | PyTorch ms | ratio "
                "| ratio (alloc) | target | met | note |\n"
                "|---|---|---|---|---|---|---|---|---|---|---|\n")
        for r in rows:
            f.write(f"| {r['workload']} | {r['kiln']} {r['unit']} | {r['percent_of_peak']} "
                    f"| {r['stream_gbs']} | {r['kiln_out_ms']} | {r['torch_out_ms']} | {r['ratio']} "
                    f"| {r['ratio_alloc']} | {r['target']} | {r['met']} | {r['note']} |\n")
        if mixed:
            f.write("\n## Kiln and PyTorch in turn\n\nEach pair's ops alone (the other "
                    "side's threads given time to sleep first), then called in turn with no "
                    "pause (torch, Kiln, torch, ...). Ratio = time in turn / sum of the two "
                    "alone (1: no interference; target <= 1.15). Kiln's kernels ran on "
                    f"{kiln.thread_pool()}'s pool. `torch only`: the same ratio with "
                    "PyTorch's op in Kiln's place (torch.mm for matmul, torch.clamp for relu, "
                    "torch.softmax): how much PyTorch's own pools (libgomp for its eager "
                    "ops and oneDNN, OpenBLAS's for its GEMMs) slow each other.\n\n"
                    "| pair | Kiln ms | PyTorch ms | in turn ms | ratio | torch only |\n"
                    "|---|---|---|---|---|---|\n")
            for r in mixed:
                f.write(f"| {r['pair']} | {r['kiln_ms']} | {r['torch_ms']} | {r['in_turn_ms']} "
                        f"| {r['ratio']} | {r['torch_only_ratio']} |\n")
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return
    fig, ax = plt.subplots(figsize=(10, 0.35 * len(rows) + 1.5))
    names = [r["workload"] for r in rows]
    ax.barh(names, [r["ratio"] for r in rows], color=[
        "tab:green" if r["met"] == "yes" else "tab:red" if r["met"] == "no" else "tab:gray"
        for r in rows])
    for i, r in enumerate(rows):
        if r["target"]:
            target = float(r["target"].split()[1].rstrip(",x"))
            ax.plot([target, target], [i - 0.4, i + 0.4], color="black")
    ax.axvline(1.0, color="gray", linestyle=":")
    ax.set_xscale("log")
    ax.invert_yaxis()
    ax.set_xlabel("PyTorch time / Kiln time (black ticks: targets)")
    fig.tight_layout()
    fig.savefig(os.path.join(args.out, "results.png"), dpi=100)


if __name__ == "__main__":
    main()
