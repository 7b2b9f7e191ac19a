"""Random valid kiln programs, in the spirit of NNSmith: chains of catalogue
ops on random shapes (size-1 dims, sizes that are not multiples of vector
widths), written twice — with kiln.functional and with PyTorch — so that a
kiln.jit trace of one can be checked against the other.

A program is a list of steps; each step picks an op valid for the current
value's shape and applies it, now and then combining with a fresh input.
"""
import numpy as np
import torch
import torch.nn.functional as TF

import kiln.functional as F

SIZES = [1, 2, 3, 5, 7, 9, 13, 17]
# Large programs reach the optimizer's outer (multi-threaded) tiles and
# partial vectors: sizes off every tile and vector width, and size 1.
LARGE_SIZES = [1, 3, 17, 33, 64, 100, 129]
LARGE_ELEMENTS = 300_000


class Program:
    def __init__(self, seed):
        self.rng = np.random.default_rng(seed)
        self.seed = seed
        self.inputs = []   # numpy arrays
        self.steps = []    # (description, kiln fn, torch fn, extra input indices)

    def fresh(self, shape, positive=False):
        a = self.rng.standard_normal(shape).astype(np.float32)
        if positive:
            a = np.abs(a) + 0.5
        self.inputs.append(a)
        return len(self.inputs) - 1

    def describe(self):
        return f"program {self.seed}: " + " -> ".join(d for d, *_ in self.steps)


def _pick(rng, seq):
    return seq[int(rng.integers(len(seq)))]


UNARY = [
    ("relu", F.relu, TF.relu), ("gelu", F.gelu, TF.gelu), ("tanh", F.tanh, torch.tanh),
    ("sigmoid", F.sigmoid, torch.sigmoid), ("silu", F.silu, TF.silu), ("mish", F.mish, TF.mish),
    ("hardswish", F.hardswish, TF.hardswish), ("softsign", F.softsign, TF.softsign),
    ("elu", F.elu, TF.elu), ("selu", F.selu, TF.selu), ("neg", F.neg, torch.neg),
    ("abs", F.abs, torch.abs), ("softplus", F.softplus, TF.softplus),
    ("exp∘clamp", lambda x: F.exp(F.clamp(x, -5.0, 5.0)), lambda x: torch.exp(torch.clamp(x, -5, 5))),
    ("log(|x|+1)", lambda x: F.log(F.add(F.abs(x), 1.0)), lambda x: torch.log(torch.abs(x) + 1)),
    ("sqrt(|x|)", lambda x: F.sqrt(F.abs(x)), lambda x: torch.sqrt(torch.abs(x))),
]
BINARY = [("add", F.add, torch.add), ("sub", F.sub, torch.sub), ("mul", F.mul, torch.mul),
          ("maximum", F.maximum, torch.maximum), ("minimum", F.minimum, torch.minimum)]


def _step(p, shape):
    """Appends one random step valid for `shape`; returns the new shape."""
    rng = p.rng
    rank = len(shape)
    kinds = ["unary", "binary", "softmax", "reduce", "layout"]
    if rank >= 2:
        kinds += ["linear", "layer_norm"]
    if rank == 4:
        kinds += ["conv", "pool", "norm4d"]
    kind = _pick(rng, kinds)
    if kind == "unary":
        name, kf, tf = _pick(rng, UNARY)
        p.steps.append((name, kf, tf, []))
        return shape
    if kind == "binary":
        name, kf, tf = _pick(rng, BINARY)
        tail = shape[int(rng.integers(0, rank + 1)):]
        other = tuple(1 if rng.random() < 0.3 else d for d in tail)
        i = p.fresh(other)
        p.steps.append((f"{name}{other}", lambda x, y, kf=kf: kf(x, y),
                        lambda x, y, tf=tf: tf(x, y), [i]))
        return shape
    if kind == "softmax":
        d = int(rng.integers(-rank, rank))
        log = bool(rng.integers(2))
        p.steps.append((f"{'log_' if log else ''}softmax({d})",
                        lambda x: (F.log_softmax if log else F.softmax)(x, d),
                        lambda x: (TF.log_softmax if log else TF.softmax)(x, d), []))
        return shape
    if kind == "reduce":
        dims = sorted(set(int(v) for v in rng.integers(0, rank, int(rng.integers(1, rank + 1)))))
        keep = bool(rng.integers(2)) or len(dims) == rank
        op = _pick(rng, ["sum", "mean", "var"])
        kf = {"sum": lambda x: F.sum(x, dims, keep), "mean": lambda x: F.mean(x, dims, keep),
              "var": lambda x: F.var(x, dims, keepdim=keep, correction=0)}[op]
        tf = {"sum": lambda x: torch.sum(x, dims, keep), "mean": lambda x: torch.mean(x, dims, keep),
              "var": lambda x: torch.var(x, dims, unbiased=False, keepdim=keep)}[op]
        p.steps.append((f"{op}({dims}, keepdim={keep})", kf, tf, []))
        return tuple(1 if i in dims else s for i, s in enumerate(shape)) if keep else \
            tuple(s for i, s in enumerate(shape) if i not in dims)
    if kind == "layout":
        choice = _pick(rng, ["transpose", "flatten", "unsqueeze", "reshape", "permute"])
        if choice == "transpose" and rank >= 2:
            a, b = (int(v) for v in rng.choice(rank, 2, replace=False))
            p.steps.append((f"transpose({a},{b})", lambda x: F.transpose(x, a, b),
                            lambda x: torch.transpose(x, a, b), []))
            s = list(shape)
            s[a], s[b] = s[b], s[a]
            return tuple(s)
        if choice == "permute" and rank >= 2:
            perm = [int(v) for v in rng.permutation(rank)]
            p.steps.append((f"permute{perm}", lambda x: F.permute(x, perm),
                            lambda x: x.permute(*perm), []))
            return tuple(shape[i] for i in perm)
        if choice == "unsqueeze" and rank < 4:
            d = int(rng.integers(0, rank + 1))
            p.steps.append((f"unsqueeze({d})", lambda x: F.unsqueeze(x, d),
                            lambda x: torch.unsqueeze(x, d), []))
            return shape[:d] + (1,) + shape[d:]
        if choice == "reshape" and rank >= 1 and shape[-1]:  # (-1, 0) is ambiguous
            n = int(np.prod(shape))
            p.steps.append((f"reshape(-1,{shape[-1]})", lambda x: F.reshape(x, (-1, shape[-1])),
                            lambda x: x.reshape(-1, shape[-1]), []))
            return (n // shape[-1], shape[-1])
        if rank >= 2:
            p.steps.append(("flatten(1)", lambda x: F.flatten(x, 1), lambda x: torch.flatten(x, 1), []))
            return (shape[0], int(np.prod(shape[1:])))
        return shape
    if kind == "linear":
        out = _pick(rng, SIZES)
        iw, ib = p.fresh((out, shape[-1])), p.fresh((out,))
        p.steps.append((f"linear({shape[-1]}->{out})", F.linear, TF.linear, [iw, ib]))
        return shape[:-1] + (out,)
    if kind == "layer_norm":
        iw = p.fresh((shape[-1],))
        p.steps.append(("layer_norm", lambda x, w: F.layer_norm(x, (shape[-1],), w),
                        lambda x, w: TF.layer_norm(x, (shape[-1],), w), [iw]))
        return shape
    if kind == "conv":
        n, c, h, w = shape
        k = [int(rng.integers(1, min(3, h) + 1)), int(rng.integers(1, min(3, w) + 1))]
        # 16 and 32 output channels fill vectors: the channels-last path.
        o, stride, pad = _pick(rng, [1, 3, 4, 16, 32]), int(rng.integers(1, 3)), int(rng.integers(0, 2))
        # Strides and dilations per dimension (a height stride alone stays in
        # the convolution, a width stride splits it into column phases),
        # drawn from a generator of their own so that the programs of older
        # seeds keep their other steps.
        own = np.random.default_rng((p.seed, len(p.steps)))
        stride = [stride, int(own.integers(1, 3))]
        dilation = [int(own.integers(1, 3)) if (ki - 1) * 2 < size + 2 * pad else 1
                    for ki, size in zip(k, (h, w))]
        # A third of them transposed (their row phases computed apart).
        if own.random() < 1 / 3:
            extra = [int(own.integers(0, max(s, d))) for s, d in zip(stride, dilation)]
            sizes = [(size - 1) * s - 2 * pad + d * (ki - 1) + e + 1
                     for size, ki, s, d, e in zip((h, w), k, stride, dilation, extra)]
            if min(sizes) > 0:
                iw, ib = p.fresh((c, o, *k)), p.fresh((o,))
                p.steps.append(
                    (f"conv_transpose2d({c}->{o}, k={k}, s={stride}, p={pad}, op={extra}, d={dilation})",
                     lambda x, w_, b: F.conv_transpose2d(x, w_, b, stride, pad, extra, 1, dilation),
                     lambda x, w_, b: TF.conv_transpose2d(x, w_, b, stride, pad, extra, 1, dilation),
                     [iw, ib]))
                return (n, o, *sizes)
        iw, ib = p.fresh((o, c, *k)), p.fresh((o,))
        p.steps.append((f"conv2d({c}->{o}, k={k}, s={stride}, p={pad}, d={dilation})",
                        lambda x, w_, b: F.conv2d(x, w_, b, stride, pad, dilation),
                        lambda x, w_, b: TF.conv2d(x, w_, b, stride, pad, dilation), [iw, ib]))
        return (n, o, *((size + 2 * pad - d * (ki - 1) - 1) // s + 1
                        for size, ki, s, d in zip((h, w), k, stride, dilation)))
    if kind == "pool":
        n, c, h, w = shape
        k = int(rng.integers(1, min(h, w, 3) + 1))
        avg = bool(rng.integers(2))
        p.steps.append((f"{'avg' if avg else 'max'}_pool2d({k})",
                        lambda x: (F.avg_pool2d if avg else F.max_pool2d)(x, k),
                        lambda x: (TF.avg_pool2d if avg else TF.max_pool2d)(x, k), []))
        return (n, c, h // k, w // k)
    # norm4d
    n, c, h, w = shape
    if n * h * w > 1:
        im, iv = p.fresh((c,)), p.fresh((c,), positive=True)
        p.steps.append(("batch_norm(eval)", lambda x, m, v: F.batch_norm(x, m, v),
                        lambda x, m, v: TF.batch_norm(x, m, v), [im, iv]))
    return shape


def random_program(seed, max_steps=5, large=False, empty=False):
    """`empty`: the input has no elements (a batch of 0, the other dims as
    usual), so every step runs on tensors with none, or reduces over none."""
    p = Program(seed)
    rank = int(p.rng.integers(2 if empty else 1, 5))
    shape = tuple(_pick(p.rng, LARGE_SIZES if large else SIZES) for _ in range(rank))
    while large and np.prod(shape) > LARGE_ELEMENTS:
        shape = shape[1:]
    if empty:
        shape = (0,) + shape[1:]
    p.fresh(shape)
    for _ in range(int(p.rng.integers(1, max_steps + 1))):
        shape = _step(p, shape)
    return p


# Long sums: reduced extents far beyond a block of the cascade (16), some
# not multiples of it, over up to LARGE_ELEMENTS terms.
LONG_SIZES = [1, 17, 64, 129, 561, 1000, 4097, 30000]


def random_long_sum(seed):
    """A reduction of same-sign values (a sum's rounding grows with its
    length there, where signs do not cancel): sum, mean or var over random
    dims, softmax, log_softmax or layer_norm along one, then a layer_norm
    half of the time, which amplifies the error of near-equal values (as
    program 16450's sum of 561 terms)."""
    p = Program(seed)
    rng = p.rng
    rank = int(rng.integers(1, 4))
    shape = tuple(_pick(rng, LONG_SIZES) for _ in range(rank))
    while np.prod(shape) > LARGE_ELEMENTS:
        shape = shape[1:]
    p.inputs.append(rng.uniform(0.5, 1.5, shape).astype(np.float32))
    rank = len(shape)
    kind = _pick(rng, ["sum", "mean", "var", "softmax", "log_softmax", "layer_norm"])
    if kind in ("sum", "mean", "var"):
        dims = sorted(set(int(v) for v in rng.integers(0, rank, int(rng.integers(1, rank + 1)))))
        keep = bool(rng.integers(2))
        kf = {"sum": lambda x: F.sum(x, dims, keep), "mean": lambda x: F.mean(x, dims, keep),
              "var": lambda x: F.var(x, dims, keepdim=keep, correction=0)}[kind]
        tf = {"sum": lambda x: torch.sum(x, dims, keep), "mean": lambda x: torch.mean(x, dims, keep),
              "var": lambda x: torch.var(x, dims, unbiased=False, keepdim=keep)}[kind]
        p.steps.append((f"{kind}({dims}, keepdim={keep})", kf, tf, []))
        shape = tuple(1 if i in dims else n for i, n in enumerate(shape)) if keep else \
            tuple(n for i, n in enumerate(shape) if i not in dims)
    elif kind == "layer_norm":
        p.steps.append(("layer_norm", lambda x: F.layer_norm(x, (shape[-1],)),
                        lambda x: TF.layer_norm(x, (shape[-1],)), []))
    else:
        d = int(rng.integers(-rank, rank))
        kf, tf = (F.softmax, TF.softmax) if kind == "softmax" else (F.log_softmax, TF.log_softmax)
        p.steps.append((f"{kind}({d})", lambda x: kf(x, d), lambda x: tf(x, d), []))
    if shape and shape[-1] > 1 and rng.random() < 0.5:
        p.steps.append(("layer_norm", lambda x: F.layer_norm(x, (shape[-1],)),
                        lambda x: TF.layer_norm(x, (shape[-1],)), []))
    return p


def check_accuracy(p, jit, opt_levels=(0, 3), factor=2.0, ulps=4.0):
    """None when kiln's error against float64 is at most `factor` times
    torch's float32 error, or `ulps` ulp of the result's largest value, at
    every opt-level; else a message. Stricter than check() (no tolerance of
    its own): a sum in sequence over N terms drifts by about sqrt(N) ulp
    (10 to 50 ulp at these lengths), a cascade stays within a few, which is
    all a float32 chain's other roundings (a mean's division, a square root,
    a norm's 1/std amplifying its mean's half ulp) leave anyway."""
    want32, want64 = run_torch(p), run_torch64(p)
    torch_err = _max_abs(want32 - want64)
    floor = ulps * np.spacing(np.float32(max(_max_abs(want64), np.finfo(np.float32).tiny)))
    for level in opt_levels:
        got = run_kiln(p, lambda f: jit(f, level))
        if got.shape != want64.shape:
            return f"{p.describe()}: opt-level={level}: shape {got.shape} vs torch {want64.shape}"
        err = _max_abs(got - want64)
        if np.isnan(got).any() != np.isnan(want32).any():
            err = float("inf")
        if err > max(factor * torch_err, float(floor)):
            return (f"{p.describe()} {p.inputs[0].shape}: opt-level={level}: max abs error "
                    f"{err:.3g} against float64, torch float32's {torch_err:.3g}")
    return None


def run_kiln(p, jit):
    def fn(*args):
        x = args[0]
        for _, kf, _, extra in p.steps:
            x = kf(x, *[args[i] for i in extra])
        return x
    return jit(fn)(*p.inputs)


def run_torch(p):
    args = [torch.from_numpy(a) for a in p.inputs]
    x = args[0]
    for _, _, tf, extra in p.steps:
        x = tf(x, *[args[i] for i in extra])
    return x.numpy()


def run_torch64(p):
    """The program in float64: the reference both float32 runs are held to."""
    args = [torch.from_numpy(a.astype(np.float64)) for a in p.inputs]
    x = args[0]
    for _, _, tf, extra in p.steps:
        x = tf(x, *[args[i] for i in extra])
    return x.numpy()


def _max_abs(a):
    """The largest |value| that is not NaN; 0 for none (no elements, or all
    NaN, as a mean over no elements gives)."""
    a = np.abs(a[~np.isnan(a)])
    return float(a.max()) if a.size else 0.0


def check(p, jit, opt_levels=(0, 3), rtol=1e-3, atol=1e-4):
    """None when kiln matches torch at every opt-level, else a message.

    `jit(fn, opt_level)` compiles a traced function. Kiln's results and
    torch's float32 run are compared with torch in float64. Kiln fails when
    it is outside tolerance of the float64 result and also clearly worse
    than torch's own float32 run: an ill-conditioned program (say, a
    layer_norm of a near-constant row) amplifies rounding noise in both, and
    that is not a kiln bug. The levels are also held to each other: the
    optimized pipeline must agree with the reference one."""
    want32, want64 = run_torch(p), run_torch64(p)
    results = {}
    for level in opt_levels:
        got = run_kiln(p, lambda f: jit(f, level))
        results[level] = got
        if got.shape != want64.shape:
            return f"{p.describe()}: opt-level={level}: shape {got.shape} vs torch {want64.shape}"
        if got.size == 0:
            continue
        scale = max(1.0, _max_abs(want64))
        if np.allclose(got, want64, rtol=rtol, atol=atol * scale, equal_nan=True):
            continue
        kiln_err = _max_abs(got - want64)
        # A NaN where float64 has none (and torch's float32 has none either)
        # is as wrong as can be.
        stray = (np.isnan(got) != np.isnan(want64)) & (np.isnan(want32) == np.isnan(want64))
        if stray.any():
            kiln_err = float("inf")
        torch_err = _max_abs(want32 - want64)
        if kiln_err > 2 * torch_err:
            return (f"{p.describe()}: opt-level={level}: max abs error {kiln_err:.3g} against "
                    f"float64 (torch float32: {torch_err:.3g}; scale {scale:.3g})")
    first, *others = opt_levels
    for level in others:
        a, b = results[first], results[level]
        scale = max(1.0, _max_abs(want64))
        torch_err = _max_abs(want32 - want64)
        if a.size and not np.allclose(a, b, rtol=rtol, atol=atol * scale, equal_nan=True):
            diff = _max_abs(a - b)
            if diff > 2 * torch_err:
                return (f"{p.describe()}: opt-level={first} and {level} differ by {diff:.3g} "
                        f"(torch float32 error: {torch_err:.3g})")
    return None
