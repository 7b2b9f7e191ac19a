#!/usr/bin/env python3
"""torchvision's classification models and transformer layers through
kiln.from_torch: which the catalogue covers, which compile and match torch, how
long the compile and a load from the disk cache take, and how fast the
compiled model runs against torch in the same process.

    PYTHONPATH=build/python /usr/bin/python3 bench/models.py [--only NAME[,NAME...]]
        [--resolution 224] [--seq 128] [--batch 1] [--threads N] [--min-time S]
        [--no-time] [--onnx] [--out DIR]

Models have random weights (nothing is downloaded). A model matches when
every output is within 1e-3 of torch's largest value (eval mode); --onnx
checks the model exported by torch.onnx.export through kiln.onnx too. Times are
medians of calls timed in turns (bench/run.py's median_seconds): Kiln, torch
eager, and torch's fused inference path
(torch.jit.optimize_for_inference(torch.jit.freeze(torch.jit.trace(m, x)))),
and the same model run one op at a time through kiln.functional (ops_ms:
what compiling the whole model must beat). A ratio is the other's time over
the compiled model's (> 1: the compiled model is faster). Compiles are
cold (a fresh kiln.jit disk cache); load_s is kiln.from_torch of the same
model in a new process, from the disk cache the cold compile filled
(tracing the torch model included, importing torch not), and first_ms that
process's first call of the model (loading compiles nothing and runs
nothing: the first call pays for first touches of memory). kiln_mib and
eager_mib are the memory that call, and a call of torch eager in a process
of its own, touch beyond what the process held once malloc gave back what
was free (results and temporaries: the activations; Linux's peak RSS, reset
before the call). The transformer
layer is BERT-base's (torch.nn.TransformerEncoderLayer(768, 12, 3072),
GELU) over --seq tokens; torch eager runs it on its fused fast path.
Writes DIR/models.md and a plot of the timed rows' ratios, DIR/models-bN.png.
Timings are never asserted in tests.
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import host  # noqa: E402,I100 — before torch: it picks OpenBLAS's kernels
OPENBLAS = host.best_openblas_kernels()

import numpy as np  # noqa: E402
import torch  # noqa: E402
import torchvision  # noqa: E402

import kiln  # noqa: E402
from run import median_seconds  # noqa: E402

TOLERANCE = 1e-3


def classification_models():
    return sorted(torchvision.models.list_models(module=torchvision.models))


TRANSFORMER_LAYERS = {
    "transformer_encoder_layer": lambda: torch.nn.TransformerEncoderLayer(
        768, 12, 3072, dropout=0.0, activation="gelu", batch_first=True),
}


def build(name, args):
    """The model in eval mode with random weights, an input, and a note on
    its initialization; the same in every process (seeded)."""
    torch.manual_seed(0)
    if name in TRANSFORMER_LAYERS:
        model = TRANSFORMER_LAYERS[name]()
        model.eval()
        return model, torch.randn(args.batch, args.seq, 768), ""
    model = torchvision.models.get_model(name)
    model.eval()
    x = torch.randn(args.batch, 3, args.resolution, args.resolution)
    if depends_on_input(model, x):
        note = ""
    else:  # torchvision's init zeroes vit's head and fades googlenet's activations to 0
        for m in model.modules():
            if hasattr(m, "reset_parameters"):
                m.reset_parameters()
        note = " (re-initialized with PyTorch's default init: torchvision's gives an output " \
               "that does not depend on the input)"
        if not depends_on_input(model, x):
            note = " (vacuous: with these random weights the output does not depend on the input)"
    return model, x, note


def child(mode, name, args):
    """The numbers a new process of this script prints in `mode` (--load or
    --eager-peak) for `name`."""
    cmd = [sys.executable, os.path.abspath(__file__), mode, name, "--batch", str(args.batch),
           "--resolution", str(args.resolution), "--seq", str(args.seq),
           "--threads", str(args.threads)]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return [float(v) for v in out.stdout.split()]


def resident_kib(field):
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise RuntimeError(f"no {field} in /proc/self/status")


def peak_mib(call):
    """How far the process's resident memory rises during call() (Linux's
    peak-RSS counter, reset first), from where it is once malloc has given
    back what is free (what earlier runs of the model, the capture's
    included, left on its heap): the memory the call's results and
    temporaries touch; and the call's time."""
    import ctypes
    ctypes.CDLL("libc.so.6").malloc_trim(0)
    before = resident_kib("VmRSS")
    with open("/proc/self/clear_refs", "w") as f:
        f.write("5")  # resets VmHWM to the current RSS
    t0 = time.perf_counter()
    call()
    seconds = time.perf_counter() - t0
    return (resident_kib("VmHWM") - before) / 1024, seconds


def measure(name, args):
    row = {"model": name}
    model, x, note = build(name, args)
    t0 = time.perf_counter()
    try:
        net = kiln.from_torch(model, x)
    except NotImplementedError as e:
        row["status"] = "not covered: " + str(e).split(": ", 1)[-1]
        return row
    except Exception as e:  # noqa: BLE001 — a failure is a row, not the end of the run
        row["status"] = f"failed: {type(e).__name__}: {str(e).splitlines()[0]}"
        return row
    row["compile_s"] = round(time.perf_counter() - t0, 1)
    with torch.no_grad():
        want = model(x)
    got = net(x)
    err = float((got - want).abs().max() / (want.abs().max() or 1.0))  # all zeros: absolute
    row["max_rel_err"] = f"{err:.1e}"
    row["status"] = ("matches" if err <= TOLERANCE else "MISMATCH") + note
    if args.onnx:
        row["onnx"] = through_onnx(model, x, want)
    if args.no_time:
        return row
    load_s, first_s, kiln_peak = child("--load", name, args)
    (eager_peak,) = child("--eager-peak", name, args)
    row.update(load_s=round(load_s, 2), first_ms=round(first_s * 1e3, 1),
               kiln_mib=round(kiln_peak), eager_mib=round(eager_peak))
    with torch.no_grad():
        frozen = torch.jit.optimize_for_inference(torch.jit.freeze(torch.jit.trace(model, x)))
        xs = x.numpy()

        def eager():
            model(x)

        def fused():
            frozen(x)

        net.op_by_op(xs)  # compiles each op
        times = median_seconds({"kiln": lambda: net(xs), "ops": lambda: net.op_by_op(xs),
                                "eager": eager, "frozen": fused}, args.min_time)
    row.update(kiln_ms=round(times["kiln"] * 1e3, 2), ops_ms=round(times["ops"] * 1e3, 2),
               vs_ops=round(times["ops"] / times["kiln"], 2),
               eager_ms=round(times["eager"] * 1e3, 2),
               frozen_ms=round(times["frozen"] * 1e3, 2),
               vs_eager=round(times["eager"] / times["kiln"], 2),
               vs_frozen=round(times["frozen"] / times["kiln"], 2))
    return row


def depends_on_input(model, x):
    """False when random weights leave the output all bias: a match would
    then check nothing."""
    with torch.no_grad():
        return not torch.equal(model(x), model(torch.randn_like(x)))


def through_onnx(model, x, want):
    """The model exported by torch.onnx.export and loaded by kiln.onnx:
    'matches', or why not. Exported to a file, so that a model over
    protobuf's 2 GB keeps its weights in files beside it."""
    import kiln.onnx
    with tempfile.TemporaryDirectory(prefix="kiln-onnx-") as tmp:
        path = os.path.join(tmp, "model.onnx")
        try:
            torch.onnx.export(model, x, path)
        except Exception as e:  # noqa: BLE001 — torch's exporter has its own gaps
            why = str(e).strip().splitlines()[0][:80].replace("|", "/") if str(e).strip() else ""
            return f"torch.onnx.export failed: {type(e).__name__}" + (f" ({why})" if why else "")
        try:
            got = kiln.onnx.load(path)(x.numpy())
        except NotImplementedError as e:
            return "not covered: " + str(e).split(": ", 1)[-1]
        except Exception as e:  # noqa: BLE001
            return f"failed: {type(e).__name__}: {str(e).splitlines()[0]}"
    err = float(np.abs(got - want.numpy()).max() / (want.abs().max() or 1.0))
    return "matches" if err <= TOLERANCE else f"MISMATCH ({err:.1e})"


COLUMNS = ["model", "status", "compile_s", "load_s", "first_ms", "kiln_mib", "eager_mib",
           "max_rel_err", "onnx", "kiln_ms", "ops_ms", "vs_ops", "eager_ms", "frozen_ms",
           "vs_eager", "vs_frozen"]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--only", default="",
                    help="models whose name contains this (or one of these, comma-separated)")
    ap.add_argument("--resolution", type=int, default=224)
    ap.add_argument("--seq", type=int, default=128, help="tokens per sequence (transformer layers)")
    ap.add_argument("--batch", type=int, default=1)
    ap.add_argument("--threads", type=int, default=os.cpu_count())
    ap.add_argument("--min-time", type=float, default=2.0, help="seconds per measurement")
    ap.add_argument("--no-time", action="store_true", help="compile and compare only")
    ap.add_argument("--onnx", action="store_true",
                    help="also through torch.onnx.export and kiln.onnx")
    ap.add_argument("--out", default=HERE)
    ap.add_argument("--load", metavar="NAME", help=argparse.SUPPRESS)  # child()
    ap.add_argument("--eager-peak", metavar="NAME", help=argparse.SUPPRESS)  # child()
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    os.environ.setdefault("KILN_NUM_THREADS", str(args.threads))
    if args.load:
        model, x, _ = build(args.load, args)
        t0 = time.perf_counter()
        net = kiln.from_torch(model, x)
        load = time.perf_counter() - t0
        xs = x.numpy()
        peak, first = peak_mib(lambda: net(xs))
        print(load, first, peak)
        return
    if args.eager_peak:
        model, x, _ = build(args.eager_peak, args)
        with torch.no_grad():
            print(peak_mib(lambda: model(x))[0])
        return
    # Cold compiles: kiln.jit's disk cache would otherwise time a load.
    os.environ["KILN_CACHE_DIR"] = tempfile.mkdtemp(prefix="kiln-models-")
    rows = []
    for name in classification_models() + list(TRANSFORMER_LAYERS):
        if not any(part in name for part in args.only.split(",")):
            continue
        row = measure(name, args)
        rows.append(row)
        print("  ".join(f"{k}={row[k]}" for k in COLUMNS if k in row), flush=True)
        write(rows, args)  # after each model: a long run keeps what it measured
    print(write(rows, args))


def write(rows, args):
    matched = sum(r["status"].startswith("matches") and "vacuous" not in r["status"] for r in rows)
    covered = sum(not r["status"].startswith("not covered") for r in rows)
    lines = ["# torchvision models through kiln.from_torch\n",
             f"batch {args.batch}, {args.resolution}x{args.resolution} (transformer layers: "
             f"{args.seq} tokens), {args.threads} threads, "
             f"{host.cpu_name()}, torch {torch.__version__} (OpenBLAS {OPENBLAS}), "
             f"torchvision {torchvision.__version__}; "
             f"{len(rows)} models, {covered} covered by the catalogue, {matched} match torch "
             f"within {TOLERANCE} of the output's largest value.\n",
             "| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    lines += ["| " + " | ".join(str(r.get(k, "")) for k in COLUMNS) + " |" for r in rows]
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "models.md"), "w") as f:
        f.write("\n".join(lines) + "\n")
    plot([r for r in rows if r.get("vs_frozen")], f"batch {args.batch}",
         os.path.join(args.out, f"models-b{args.batch}.png"))
    return f"{len(rows)} models: {covered} covered, {matched} match"


def plot(rows, title, path):
    """The timed rows' speed against torch eager and torch's frozen path, as
    bars beside the issue's targets (1.2x eager, 1.0x frozen)."""
    if not rows:
        return
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return
    fig, ax = plt.subplots(figsize=(8, 0.5 * len(rows) + 2))
    y = list(range(len(rows)))
    ax.barh([i - 0.2 for i in y], [float(r["vs_eager"]) for r in rows], height=0.4,
            label="torch eager time / Kiln time", color="tab:blue")
    ax.barh([i + 0.2 for i in y], [float(r["vs_frozen"]) for r in rows], height=0.4,
            label="torch frozen (oneDNN) time / Kiln time", color="tab:orange")
    ax.axvline(1.0, color="tab:orange", linestyle=":")
    ax.axvline(1.2, color="tab:blue", linestyle=":")
    ax.set_yticks(y, [r["model"] for r in rows])
    ax.set_xlim(0, None)
    ax.invert_yaxis()
    ax.set_title(f"kiln.from_torch, {title} (dotted: targets)")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=2, fontsize="small")
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


if __name__ == "__main__":
    main()
