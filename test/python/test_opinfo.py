"""PyTorch's own test inputs through kiln.functional.

Every float32 and float64 sample input of PyTorch's OpInfo database
(torch.testing._internal.common_methods_invocations.op_db) for each op of
the Kiln catalogue is passed, as torch gives it (torch tensors, views,
Python numbers, tuples), to the kiln.functional call of the same name and
compared with torch's result: shapes, dtypes, NaNs and values within the
catalogue family's tolerance (test/golden/tolerances.py). The inputs must
be left untouched. A sample either passes or is refused by a decision in
REFUSED below (each defended in the README), and then must raise the
error named there.

    /usr/bin/python3 test/python/test_opinfo.py [--op NAME] [--dtype float32]

prints every sample that fails and a table of op, samples, passed, refused,
failed (each op in its own process, so that a crash names its op).
"""
import os
import subprocess
import sys
import types

import numpy as np
import pytest
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "test", "golden"))
from tolerances import TOLERANCES  # noqa: E402

if __name__ == "__main__":  # pytest's conftest does this for the tests
    sys.path.insert(0, os.path.join(ROOT, os.environ.get("KILN_BUILD_DIR", "build"), "python"))

import kiln.functional as F  # noqa: E402


def _load_op_db():
    """op_db imports `expecttest`, which Debian does not package; a stand-in
    with what the import needs is enough to read the samples."""
    try:
        import expecttest  # noqa: F401
    except ImportError:
        sys.modules["expecttest"] = types.SimpleNamespace(TestCase=__import__("unittest").TestCase,
                                                          ACCEPT=False)
    from torch.testing._internal.common_methods_invocations import op_db
    return {op.name + ("." + op.variant_test_name if op.variant_test_name else ""): op
            for op in op_db}


# OpInfo entry -> (kiln op of the catalogue, the kiln.functional call taking
# the sample's arguments as torch's call does).
OPS = {
    "nn.functional.conv2d": ("conv2d", F.conv2d),
    "nn.functional.conv_transpose2d": ("conv_transpose2d", F.conv_transpose2d),
    "nn.functional.linear": ("linear", F.linear),
    "matmul": ("matmul", F.matmul),
    "mm": ("mm", F.mm),
    "bmm": ("bmm", F.bmm),
    "nn.functional.batch_norm": ("batch_norm", F.batch_norm),
    "nn.functional.batch_norm.without_cudnn": ("batch_norm", F.batch_norm),
    "nn.functional.layer_norm": ("layer_norm", F.layer_norm),
    "nn.functional.instance_norm": ("instance_norm", F.instance_norm),
    "nn.functional.group_norm": ("group_norm", F.group_norm),
    "nn.functional.max_pool2d": ("max_pool2d", F.max_pool2d),
    "nn.functional.avg_pool2d": ("avg_pool2d", F.avg_pool2d),
    "nn.functional.adaptive_avg_pool2d": ("adaptive_avg_pool2d", F.adaptive_avg_pool2d),
    "nn.functional.adaptive_max_pool2d": ("adaptive_max_pool2d", F.adaptive_max_pool2d),
    "nn.functional.relu": ("relu", F.relu),
    "nn.functional.relu6": ("relu6", F.relu6),
    "nn.functional.leaky_relu": ("leaky_relu", F.leaky_relu),
    "nn.functional.elu": ("elu", F.elu),
    "nn.functional.selu": ("selu", F.selu),
    "nn.functional.gelu": ("gelu", F.gelu),
    "sigmoid": ("sigmoid", F.sigmoid),
    "tanh": ("tanh", F.tanh),
    "nn.functional.silu": ("silu", F.silu),
    "nn.functional.mish": ("mish", F.mish),
    "nn.functional.hardswish": ("hardswish", F.hardswish),
    "nn.functional.hardsigmoid": ("hardsigmoid", F.hardsigmoid),
    "nn.functional.softplus": ("softplus", F.softplus),
    "nn.functional.softsign": ("softsign", F.softsign),
    "nn.functional.prelu": ("prelu", F.prelu),
    "softmax": ("softmax", F.softmax),
    "softmax.with_dtype": ("softmax", F.softmax),
    "log_softmax": ("log_softmax", F.log_softmax),
    "log_softmax.dtype": ("log_softmax", F.log_softmax),
    "reshape": ("reshape", F.reshape),
    "transpose": ("transpose", F.transpose),
    "permute": ("permute", F.permute),
    "squeeze": ("squeeze", F.squeeze),
    "unsqueeze": ("unsqueeze", F.unsqueeze),
    "flatten": ("flatten", F.flatten),
    "expand": ("expand", F.expand),
    "cat": ("cat", F.cat),
    "stack": ("stack", F.stack),
    "split": ("split", F.split),
    "split.list_args": ("split", F.split),
    "slice": ("slice", F.slice),
    "add": ("add", F.add),
    "sub": ("sub", F.sub),
    "mul": ("mul", F.mul),
    "div.no_rounding_mode": ("div", F.div),
    "div.floor_rounding": ("div", F.div),
    "div.trunc_rounding": ("div", F.div),
    "pow": ("pow", F.pow),
    "maximum": ("maximum", F.maximum),
    "minimum": ("minimum", F.minimum),
    "sqrt": ("sqrt", F.sqrt),
    "rsqrt": ("rsqrt", F.rsqrt),
    "exp": ("exp", F.exp),
    "log": ("log", F.log),
    "abs": ("abs", F.abs),
    "neg": ("neg", F.neg),
    "reciprocal": ("reciprocal", F.reciprocal),
    "clamp": ("clamp", F.clamp),
    "sum": ("sum", F.sum),
    "mean": ("mean", F.mean),
    "var": ("var", F.var),
    "max.binary": ("max", F.max),
    "max.reduction_no_dim": ("max", F.max),
    "max.reduction_with_dim": ("max", F.max),
    "min.binary": ("min", F.min),
    "min.reduction_no_dim": ("min", F.min),
    "min.reduction_with_dim": ("min", F.min),
    # OpInfo's sample holds the weight as its input, the indices as its argument.
    "nn.functional.embedding": ("embedding", lambda weight, idx, **kw: F.embedding(idx, weight,
                                                                                   **kw)),
    "nn.functional.dropout": ("dropout", F.dropout),
}

# Catalogue ops PyTorch 1.13 has no OpInfo for (not in torch, or newer).
NO_OPINFO = {"rms_norm", "switch_norm", "deep_norm", "dyt"}

# Samples Kiln refuses by design: (OpInfo entry, predicate on the sample,
# the error Kiln raises, why). Each is defended in the README.
REFUSED = []

DTYPES = (torch.float32, torch.float64)


def _catalogue():
    with open(os.path.join(ROOT, "dialect", "catalogue.tsv")) as f:
        rows = [line.split("\t") for line in f if line.strip() and not line.startswith("#")]
    return {row[0]: row[1] for row in rows}


# The tolerance family (test/golden/tolerances.py) of each catalogue category;
# softmax and log_softmax, activations by category, sum like reductions.
FAMILY_OF_CATEGORY = {"convolution": "contraction", "linear": "contraction",
                      "normalization": "norm", "pooling": "reduction", "activation": "elementwise",
                      "layout": "layout", "pointwise": "elementwise", "reduction": "reduction",
                      "other": "elementwise"}
FAMILY_OF_OP = {"softmax": "reduction", "log_softmax": "reduction", "embedding": "layout"}


def tolerance(kiln_op, dtype):
    family = FAMILY_OF_OP.get(kiln_op) or FAMILY_OF_CATEGORY[_catalogue()[kiln_op]]
    return TOLERANCES[str(dtype).replace("torch.", "")][family]


def describe(x):
    if isinstance(x, torch.Tensor):
        text = f"{str(x.dtype)[6:]}{list(x.shape)}"
        return text + ("" if x.is_contiguous() else " (view)")
    if isinstance(x, (list, tuple)):
        inner = ", ".join(describe(y) for y in x)
        return f"[{inner}]" if isinstance(x, list) else f"({inner}{',' if len(x) == 1 else ''})"
    return repr(x)


def sample_text(sample):
    parts = [describe(sample.input)] + [describe(a) for a in sample.args]
    parts += [f"{k}={describe(v)}" for k, v in sample.kwargs.items()]
    return ", ".join(parts)


def _tensors(x):
    if isinstance(x, torch.Tensor):
        yield x
    elif isinstance(x, (list, tuple)):
        for y in x:
            yield from _tensors(y)
    elif isinstance(x, dict):
        for y in x.values():
            yield from _tensors(y)


def _clone(x):
    if isinstance(x, torch.Tensor):
        return x.clone()
    if isinstance(x, (list, tuple)):
        return type(x)(_clone(y) for y in x)
    if isinstance(x, dict):
        return {k: _clone(v) for k, v in x.items()}
    return x


def _numpy(x):
    return x.detach().numpy() if isinstance(x, torch.Tensor) else x


def _close(got, want, rtol, atol, what):
    """None when `got` (numpy) equals `want` (numpy) within tolerance; else why not."""
    if not isinstance(got, np.ndarray):
        return f"{what}: kiln returned {type(got).__name__}, torch an array"
    if got.shape != want.shape:
        return f"{what}: shape {got.shape}, torch {want.shape}"
    if got.dtype != want.dtype:
        return f"{what}: dtype {got.dtype}, torch {want.dtype}"
    if want.dtype.kind != "f":
        bad = got != want
    else:
        finite = want[np.isfinite(want)]
        scale = max(1.0, float(np.abs(finite).max())) if finite.size else 1.0
        with np.errstate(invalid="ignore"):
            bad = ~((np.abs(got - want) <= atol * scale + rtol * np.abs(want)) | (got == want) |
                    (np.isnan(got) & np.isnan(want)))
    if bad.any():
        i = tuple(np.argwhere(bad)[0])
        return (f"{what}: {int(bad.sum())} of {bad.size} elements differ, e.g. at {i} "
                f"kiln {got[i]!r} torch {want[i]!r}")
    return None


def _flatten(x):
    """torch.return_types, tuples and lists as a flat list of results."""
    if isinstance(x, (tuple, list)):
        return [y for item in x for y in _flatten(item)]
    return [x]


def check_sample(name, sample, dtype):
    """Runs one sample through kiln and torch; None if they agree, else why."""
    kiln_op, fn = OPS[name]
    # embedding's max_norm rescales rows: arithmetic, not a copy.
    renorm = kiln_op == "embedding" and sample.kwargs.get("max_norm") is not None
    rtol, atol = tolerance("relu" if renorm else kiln_op, dtype)
    ops = _load_op_db_cached()
    args, kwargs = _clone(sample.args), _clone(sample.kwargs)
    torch_op = ops[name].op
    if name.startswith("nn.functional.batch_norm") or name == "nn.functional.instance_norm":
        return _check_stats_norm(name, sample, fn, torch_op, rtol, atol)
    if name == "nn.functional.dropout":
        return _check_dropout(sample, fn)
    inputs = _clone(sample.input)
    want = torch_op(inputs, *args, **kwargs)
    before = [t.clone() for t in _tensors((sample.input, sample.args, sample.kwargs))]
    got = fn(sample.input, *sample.args, **sample.kwargs)
    for t, b in zip(_tensors((sample.input, sample.args, sample.kwargs)), before):
        if not torch.equal(t, b) and not (t.isnan() == b.isnan()).all():
            return "kiln changed an input"
    got, want = _flatten(got), [_numpy(w) for w in _flatten(want)]
    if len(got) != len(want):
        return f"kiln returned {len(got)} results, torch {len(want)}"
    for i, (g, w) in enumerate(zip(got, want)):
        why = _close(g, w, rtol, atol, f"result {i}")
        if why and w.dtype == np.int64 and name.endswith("reduction_with_dim"):
            why = _tie(sample, g, w, why)
        if why:
            return why
    return None


def _tie(sample, got, want, why):
    """max/min along a dim: an index other than torch's is right when it
    holds the same value (ties)."""
    x = sample.input.detach().numpy()
    dim = sample.args[0]
    keep = len(sample.args) > 1 and sample.args[1]
    if x.ndim == 0:
        return why
    g = got if keep else np.expand_dims(got, dim)
    w = want if keep else np.expand_dims(want, dim)
    same = np.take_along_axis(x, g, dim) == np.take_along_axis(x, w, dim)
    return None if same.all() else why


def _check_stats_norm(name, sample, fn, torch_op, rtol, atol):
    """batch_norm and instance_norm: torch updates the running statistics in
    place; Kiln returns them (out, new_mean, new_var) and leaves its
    arguments alone. Both the output and the new statistics must match."""
    args, kwargs = _clone(sample.args), _clone(sample.kwargs)
    want = torch_op(_clone(sample.input), *args, **kwargs)
    before = [t.clone() for t in _tensors((sample.input, sample.args, sample.kwargs))]
    got = fn(sample.input, *sample.args, **sample.kwargs)
    for t, b in zip(_tensors((sample.input, sample.args, sample.kwargs)), before):
        if not torch.equal(t, b):
            return "kiln changed an input"
    bound = _bind(name, sample)
    updates = bound["running_mean"] is not None and (
        bound.get("training", False) if "batch_norm" in name else bound.get("use_input_stats", True))
    if updates:
        new_mean = args[0] if len(args) > 0 else kwargs["running_mean"]
        new_var = args[1] if len(args) > 1 else kwargs["running_var"]
        want = [want, new_mean, new_var]
        if not isinstance(got, tuple) or len(got) != 3:
            return "kiln did not return (out, new_running_mean, new_running_var)"
    else:
        want = [want]
        got = [got] if not isinstance(got, tuple) else [got[0]]
    for i, (g, w) in enumerate(zip(got, want)):
        why = _close(g, _numpy(w), rtol, atol, f"result {i}")
        if why:
            return why
    return None


def _bind(name, sample):
    import inspect
    params = inspect.signature(torch.nn.functional.batch_norm if "batch_norm" in name
                               else torch.nn.functional.instance_norm).parameters
    bound = {p.name: p.default for p in params.values()}
    bound.update(zip(list(params)[1:], sample.args))
    bound.update(sample.kwargs)
    return bound


def _check_dropout(sample, fn):
    """Dropout's mask cannot match torch's RNG: each element is either
    dropped (0) or kept and scaled by 1/(1-p), and p = 0, p = 1 and eval
    are exact."""
    x = sample.input.detach().numpy()
    p = sample.kwargs.get("p", 0.5)
    training = sample.kwargs.get("training", True)
    got = fn(sample.input, *sample.args, **sample.kwargs)
    if not isinstance(got, np.ndarray) or got.shape != x.shape or got.dtype != x.dtype:
        return f"dropout returned {describe(got)}"
    if not training or p == 0:
        return None if np.array_equal(got, x) else "dropout changed the input"
    if p == 1:
        return None if not got.any() else "dropout with p=1 kept elements"
    kept = np.isclose(got, x / (1 - p), rtol=1e-6, atol=0)
    return None if (kept | (got == 0)).all() else "dropout's kept elements are not x/(1-p)"


_OPS = None


def _load_op_db_cached():
    global _OPS
    if _OPS is None:
        _OPS = _load_op_db()
    return _OPS


def refusal(name, sample):
    for entry, predicate, error, _ in REFUSED:
        if entry == name and predicate(sample):
            return error
    return None


def run_op(name, dtype):
    """(samples, passed, refused, failures) of one OpInfo entry and dtype."""
    samples = list(_load_op_db_cached()[name].sample_inputs("cpu", dtype, requires_grad=False))
    passed, refused, failures = 0, 0, []
    for sample in samples:
        error = refusal(name, sample)
        try:
            if error is not None:
                try:
                    check_sample(name, sample, dtype)
                except error:
                    refused += 1
                    continue
                failures.append((sample_text(sample), f"refused in REFUSED, but no {error.__name__}"))
                continue
            why = check_sample(name, sample, dtype)
        except Exception as e:  # noqa: BLE001 — every failure is reported
            why = f"{type(e).__name__}: {e}"
        if why is None:
            passed += 1
        else:
            failures.append((sample_text(sample), why))
    return len(samples), passed, refused, failures


def test_every_catalogue_op_has_samples():
    covered = {kiln_op for kiln_op, _ in OPS.values()}
    assert set(_catalogue()) == covered | NO_OPINFO
    assert not covered & NO_OPINFO
    assert set(OPS) <= set(_load_op_db_cached())


def test_refusals_are_few():
    assert len(REFUSED) < 15


@pytest.mark.parametrize("dtype", DTYPES, ids=lambda d: str(d)[6:])
@pytest.mark.parametrize("name", sorted(OPS))
def test_opinfo_samples(name, dtype):
    total, passed, refused, failures = run_op(name, dtype)
    assert total > 0
    assert not failures, "\n".join(f"{name}({s}): {why}" for s, why in failures)


def main(argv):
    import argparse
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--op", action="append", help="OpInfo entry (default: all)")
    parser.add_argument("--dtype", action="append", choices=["float32", "float64"])
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    names = args.op or sorted(OPS)
    dtypes = args.dtype or ["float32", "float64"]
    if args.child:
        for name in names:
            for d in dtypes:
                total, passed, refused, failures = run_op(name, getattr(torch, d))
                for s, why in failures:
                    print(f"FAIL {name} {d} ({s}): {why}", flush=True)
                print(f"ROW\t{name}\t{d}\t{total}\t{passed}\t{refused}\t{len(failures)}", flush=True)
        return 0
    totals = [0, 0, 0, 0, 0]
    print(f"{'OpInfo entry':42} {'dtype':8} {'samples':>7} {'passed':>6} {'refused':>7} {'failed':>6}")
    for name in names:
        for d in dtypes:
            proc = subprocess.run([sys.executable, os.path.abspath(__file__), "--child", "--op", name,
                                   "--dtype", d], capture_output=True, text=True)
            rows = [line.split("\t") for line in proc.stdout.splitlines() if line.startswith("ROW")]
            for line in proc.stdout.splitlines():
                if line.startswith("FAIL"):
                    print("  " + line)
            if proc.returncode != 0 or not rows:
                tail = proc.stderr.strip().splitlines()[-1:] or [f"exit {proc.returncode}"]
                print(f"{name:42} {d:8} CRASHED ({proc.returncode}): {tail[0]}")
                totals[4] += 1
                continue
            _, _, _, total, passed, refused, failed = rows[0]
            print(f"{name:42} {d:8} {total:>7} {passed:>6} {refused:>7} {failed:>6}", flush=True)
            for i, v in enumerate((total, passed, refused, failed)):
                totals[i] += int(v)
    print(f"{'total':42} {'':8} {totals[0]:>7} {totals[1]:>6} {totals[2]:>7} {totals[3]:>6}"
          f"{f'  ({totals[4]} crashed)' if totals[4] else ''}")
    return 1 if totals[3] or totals[4] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
