"""ONNX models through Kiln: kiln.onnx.load(path) returns the same compiled
callable kiln.from_torch does, and

    /usr/bin/python3 -m kiln.onnx model.onnx -o model.mlir [--shape NAME=1,3,224,224]

writes the model as kiln IR (weights inside as MLIR resource blobs) that
kiln-opt, kiln-run and kiln-compile take.

The file is read with Debian's onnx package and checked by its checker
(weights kept in files beside it, as a model over 2 GB is, read from there); a
missing, truncated, malformed or non-ONNX file is a ValueError naming the
file and what is wrong. Each node maps onto kiln.functional through one
table (OPS: op_type -> function of the node's inputs and attributes); values
known at import time (initializers, Constant nodes, Shape of a static
tensor and arithmetic on them) are computed with numpy, so shape
computations fold away. Every node Kiln cannot lower is named in one
NotImplementedError with counts before anything compiles. Inputs need
static shapes: a symbolic dim is a ValueError unless `shapes` gives it.
"""
import collections
import os
import sys

import numpy as np

from . import _kernels, aten
from . import functional as F
from .frontend import CompiledModel


def _onnx():
    import onnx
    import onnx.checker
    import onnx.helper
    import onnx.mapping
    import onnx.numpy_helper
    import onnx.shape_inference
    return onnx


def _is_const(x):
    return isinstance(x, np.ndarray)


def _ints(x):
    """A shape-like input (sizes, axes, starts) as ints: it must be known
    when the model is loaded, since Kiln compiles for static shapes."""
    if not _is_const(x):
        raise NotImplementedError("a shape, axes or sizes input computed at run time (Kiln "
                                  "compiles for static shapes: it must be an initializer or a "
                                  "constant)")
    return [int(v) for v in np.asarray(x).reshape(-1)]


def _floats(x):
    return x if x is None or hasattr(x, "kiln_traced") else float(np.asarray(x).reshape(()))


# ----------------------------------------------------------- op handlers
# Each takes the node's inputs (kiln values, numpy constants, or None for an
# omitted optional input) and its attributes as keywords, and returns its
# output, or the list of its outputs.


def _conv(x, w, b=None, *, auto_pad="NOTSET", dilations=None, group=1, kernel_shape=None,
          pads=None, strides=None):
    if len(x.shape) != 4:
        raise NotImplementedError(f"only 2-d convolutions are in the Kiln catalogue, got an "
                                  f"input of shape {list(x.shape)}")
    padding = _pads(auto_pad, pads, x.shape[2:], w.shape[2:], strides, dilations)
    return F.conv2d(x, w, b, strides or 1, padding, dilations or 1, group)


def _pads(auto_pad, pads, sizes, kernel, strides, dilations):
    """ONNX's pads (begin..., end...) or auto_pad as the symmetric (H, W)
    padding torch's windows take: SAME_UPPER/LOWER pad to ceil(size /
    stride) outputs, which is symmetric where the total padding is even."""
    strides, dilations = list(strides or [1, 1]), list(dilations or [1, 1])
    if auto_pad in ("SAME_UPPER", "SAME_LOWER"):
        total = [max((-(-n // s) - 1) * s + d * (k - 1) + 1 - n, 0)
                 for n, k, s, d in zip(sizes, kernel, strides, dilations)]
        if any(t % 2 for t in total):
            raise NotImplementedError(f"auto_pad={auto_pad} padding {total} unevenly (torch's "
                                      f"windows pad both sides alike)")
        return [t // 2 for t in total]
    if auto_pad == "VALID":
        return [0, 0]
    pads = list(pads or [0] * 4)
    if pads[:2] != pads[2:]:
        raise NotImplementedError(f"asymmetric pads {pads}")
    return pads[:2]


def _pool(kind):
    def pool(x, *, auto_pad="NOTSET", ceil_mode=0, count_include_pad=0, dilations=None,
             kernel_shape=None, pads=None, storage_order=0, strides=None):
        if len(x.shape) != 4:
            raise NotImplementedError(f"only 2-d pooling, got an input of shape {list(x.shape)}")
        padding = _pads(auto_pad, pads, x.shape[2:], kernel_shape, strides, dilations)
        if any(2 * p > k for p, k in zip(padding, kernel_shape)):
            raise NotImplementedError(f"pads {padding} over half of kernel {kernel_shape} "
                                      f"(torch's limit, and so Kiln's)")
        stride = strides or 1
        if kind == "max":
            return F.max_pool2d(x, kernel_shape, stride, padding, dilations or 1, bool(ceil_mode))
        return F.avg_pool2d(x, kernel_shape, stride, padding, bool(ceil_mode),
                            bool(count_include_pad))
    return pool


def _gemm(a, b, c=None, *, alpha=1.0, beta=1.0, transA=0, transB=0):
    if transA:
        a = F.transpose(a, 0, 1)
    if transB and c is not None and len(c.shape) == 1 and (alpha, beta) == (1.0, 1.0):
        return F.linear(a, b, c)  # the form Kiln packs a linear layer's weight in
    y = F.linear(a, b) if transB else F.mm(a, b)
    if alpha != 1.0:
        y = F.mul(y, float(alpha))
    if c is not None:
        y = F.add(y, c if beta == 1.0 else F.mul(c, float(beta)))
    return y


def _batch_norm(x, scale, bias, mean, var, *, epsilon=1e-5, momentum=0.9, training_mode=0):
    if training_mode:
        raise NotImplementedError("training_mode=1")
    return F.batch_norm(x, mean, var, scale, bias, False, 1 - momentum, epsilon)


def _clip(x, lo=None, hi=None, *, min=None, max=None):
    lo = min if lo is None else _floats(lo)
    hi = max if hi is None else _floats(hi)
    if isinstance(lo, float) and isinstance(hi, float) and (lo, hi) == (0.0, 6.0):
        return F.relu6(x)
    if lo is None and hi is None:
        return x
    return F.clamp(x, lo, hi)


def _flatten(x, *, axis=1):
    shape = list(x.shape)
    axis = axis + len(shape) if axis < 0 else axis
    outer = int(np.prod(shape[:axis]))
    flat = [outer, int(np.prod(shape[axis:]))]
    return x.reshape(flat) if _is_const(x) else F.reshape(x, flat)


def _reshape(x, shape, *, allowzero=0):
    shape = _ints(shape)
    if not allowzero:  # 0 copies the input's size of that dim
        shape = [x.shape[i] if s == 0 else s for i, s in enumerate(shape)]
    if _is_const(x):
        return x.reshape(shape)
    return F.reshape(x, shape)


def _transpose(x, *, perm=None):
    perm = list(reversed(range(len(x.shape)))) if perm is None else list(perm)
    return x.transpose(perm) if _is_const(x) else F.permute(x, perm)


def _axes(axes_input, axes_attr):
    return _ints(axes_input) if axes_input is not None else axes_attr


def _unsqueeze(x, axes=None, *, axes_attr=None):
    axes = sorted(a + len(x.shape) + len(_axes(axes, axes_attr)) if a < 0 else a
                  for a in _axes(axes, axes_attr))
    if _is_const(x):
        return np.expand_dims(x, tuple(axes))
    for a in axes:
        x = F.unsqueeze(x, a)
    return x


def _squeeze(x, axes=None, *, axes_attr=None):
    axes = _axes(axes, axes_attr)
    if _is_const(x):
        return np.squeeze(x, None if axes is None else tuple(axes))
    return F.squeeze(x, axes)


def _reduce(fn):
    def reduce(x, axes=None, *, axes_attr=None, keepdims=1, noop_with_empty_axes=0):
        axes = _axes(axes, axes_attr)
        if not axes and noop_with_empty_axes:
            return x
        return fn(x, axes if axes else None, bool(keepdims))
    return reduce


def _concat(*xs, axis):
    if all(_is_const(x) for x in xs):
        return np.concatenate(xs, axis)
    return F.cat(list(xs), axis)


def _split(x, sizes=None, *, axis=0, split=None, num_outputs=None, outputs=1):
    """`outputs`: how many the node has (equal parts when no sizes are given)."""
    sizes = _ints(sizes) if sizes is not None else split
    if sizes is None:
        n = x.shape[axis] if axis >= 0 else x.shape[axis + len(x.shape)]
        sizes = [n // outputs] * outputs
    if _is_const(x):
        return np.split(x, np.cumsum(sizes)[:-1], axis)
    return list(F.split(x, list(sizes), axis))


def _slice(x, starts, ends, axes=None, steps=None):
    starts, ends = _ints(starts), _ints(ends)
    axes = list(range(len(starts))) if axes is None else _ints(axes)
    steps = [1] * len(starts) if steps is None else _ints(steps)
    if _is_const(x):
        index = [slice(None)] * x.ndim
        for a, s, e, st in zip(axes, starts, ends, steps):
            index[a] = slice(s, e, st)
        return x[tuple(index)]
    if any(st < 0 for st in steps):
        raise NotImplementedError(f"negative steps {steps} (torch's and Kiln's slices go "
                                  f"forward only)")
    for a, s, e, st in zip(axes, starts, ends, steps):
        x = F.slice(x, a, s, e, st)
    return x


def _gather(x, indices, *, axis=0):
    """Rows of a matrix by run-time indices: kiln.embedding. Known indices
    along any axis: the slices they pick, concatenated."""
    rank = len(x.shape)
    axis = axis + rank if axis < 0 else axis
    if _is_const(x) and _is_const(indices):
        return np.take(x, indices, axis=axis)
    if not _is_const(indices):
        if axis == 0 and rank == 2:
            return F.embedding(indices, x)
        raise NotImplementedError(f"Gather by run-time indices along axis {axis} of a "
                                  f"rank-{rank} tensor (kiln.embedding takes rows of a matrix)")
    size = x.shape[axis]
    picks = [int(i) + size if i < 0 else int(i) for i in indices.reshape(-1)]
    if indices.ndim == 0:
        return aten._select(x, axis, picks[0])
    parts = [F.slice(x, axis, i, i + 1) for i in picks]
    y = parts[0] if len(parts) == 1 else F.cat(parts, axis)
    return F.reshape(y, list(x.shape[:axis]) + list(indices.shape) + list(x.shape[axis + 1:]))


def _shape(x, *, start=0, end=None):
    return np.array(list(x.shape)[start:end], np.int64)


def _int_div(a, b):
    """ONNX's integer Div truncates toward zero."""
    return (np.abs(a) // np.abs(b) * np.sign(a) * np.sign(b)).astype(np.result_type(a, b))


def _elementwise(fn, const_fn):
    def apply(*xs):
        if all(_is_const(x) for x in xs):
            return const_fn(*xs)
        return fn(*xs)
    return apply


def _variadic(fn):
    def apply(*xs):
        out = xs[0]
        for x in xs[1:]:
            out = fn(out, x)
        return out
    return apply


def _cast(x, *, to):
    dtype = np.dtype(_onnx().mapping.TENSOR_TYPE_TO_NP_TYPE[to])
    if _is_const(x) and to != _onnx().TensorProto.BFLOAT16:
        return x.astype(dtype)  # any dtype a constant takes (a bool mask)
    if dtype.name not in _kernels._TAKEN or to == _onnx().TensorProto.BFLOAT16:
        raise NotImplementedError(f"a cast to {_onnx().TensorProto.DataType.Name(to)} (Kiln "
                                  f"takes float32, float64, int32 and int64)")
    if _is_const(x):
        return x.astype(dtype)
    if np.dtype(x.dtype) != dtype:
        raise NotImplementedError(f"a cast from {np.dtype(x.dtype).name} to {dtype.name} "
                                  f"(Kiln has no cast op)")
    return x


def _constant(**attrs):
    onnx = _onnx()
    if "value" in attrs:
        return onnx.numpy_helper.to_array(attrs["value"])
    for key, dtype in [("value_float", np.float32), ("value_floats", np.float32),
                       ("value_int", np.int64), ("value_ints", np.int64)]:
        if key in attrs:
            return np.array(attrs[key], dtype)
    raise NotImplementedError(f"a Constant with {sorted(attrs)}")


def _constant_of_shape(shape, *, value=None):
    fill = _onnx().numpy_helper.to_array(value).reshape(-1) if value is not None else \
        np.zeros(1, np.float32)
    return np.full(_ints(shape), fill[0], fill.dtype)


def _folded(const_fn, what):
    """Ops that exporters write into shape computations (a class token's
    Expand sizes: Equal, Where; swin's shifted windows: Mod, Range): numpy
    on constants; Kiln has no bool or integer arithmetic for them at run
    time."""
    def apply(*xs, **attrs):
        if all(_is_const(x) for x in xs):
            return const_fn(*xs, **attrs)
        raise NotImplementedError(f"{what} of tensors computed at run time (Kiln has no bool "
                                  f"tensors nor integer arithmetic)")
    return apply


def _einsum(*xs, equation):
    """Einsum of one or two operands as kiln ops: sums over the letters
    only one operand has and the output drops, then a permutation (one
    operand) or a batched matmul over the letters both share (batch: kept;
    contracted: dropped) with each side's own letters flattened into its
    rows or columns (two operands). Ellipses, repeated letters (diagonals)
    and more operands are not taken."""
    eq = (equation.decode() if isinstance(equation, bytes) else equation).replace(" ", "")
    if "..." in eq:
        raise NotImplementedError("an einsum with an ellipsis")
    lhs, arrow, out = eq.partition("->")
    ins = lhs.split(",")
    if len(ins) != len(xs) or len(xs) > 2:
        raise NotImplementedError(f"an einsum of {len(xs)} operands")
    if not arrow:  # implicit output: the letters seen once, in order
        seen = "".join(ins)
        out = "".join(sorted(c for c in set(seen) if seen.count(c) == 1))
    if any(len(set(s)) != len(s) for s in ins + [out]):
        raise NotImplementedError("an einsum with a repeated letter (a diagonal)")
    if all(_is_const(x) for x in xs):
        return np.einsum(f"{lhs}->{out}", *xs)
    xs, ins = list(xs), list(ins)
    for i, (x, s) in enumerate(zip(xs, ins)):
        others = "".join(ins[:i] + ins[i + 1:]) + out
        drop = [d for d, c in enumerate(s) if c not in others]
        if drop:
            xs[i], ins[i] = F.sum(x, drop), "".join(c for c in s if c in others)
    if len(xs) == 1:
        x, s = xs[0], ins[0]
        return F.permute(x, [s.index(c) for c in out]) if s != out else x
    (a, sa), (b, sb) = zip(xs, ins)
    size = {c: d for s, x in ((sa, a), (sb, b)) for c, d in zip(s, x.shape)}
    batch = [c for c in out if c in sa and c in sb]
    rows = [c for c in sa if c in out and c not in sb]
    cols = [c for c in sb if c in out and c not in sa]
    inner = [c for c in sa if c in sb and c not in out]
    prod = lambda letters: int(np.prod([size[c] for c in letters]))  # noqa: E731
    a = F.reshape(F.permute(a, [sa.index(c) for c in batch + rows + inner]),
                  [size[c] for c in batch] + [prod(rows), prod(inner)])
    b = F.reshape(F.permute(b, [sb.index(c) for c in batch + inner + cols]),
                  [size[c] for c in batch] + [prod(inner), prod(cols)])
    y = F.reshape(F.matmul(a, b), [size[c] for c in batch + rows + cols])
    order = batch + rows + cols
    return F.permute(y, [order.index(c) for c in out]) if order != list(out) else y


def _scatter_nd(data, indices, updates, *, reduction="none"):
    """ScatterND on constants (swin's attention mask, written window by
    window): numpy."""
    if reduction != "none":
        raise NotImplementedError(f"ScatterND with reduction '{reduction}'")
    out = data.copy()
    index = indices.reshape(-1, indices.shape[-1])
    rows = updates.reshape((index.shape[0],) + data.shape[indices.shape[-1]:])
    for i, row in zip(index, rows):
        out[tuple(i)] = row
    return out


def _expand(x, shape):
    sizes = _broadcast_sizes(x.shape, _ints(shape))
    if _is_const(x):
        return np.broadcast_to(x.reshape([1] * (len(sizes) - x.ndim) + list(x.shape)),
                               sizes).copy()
    return F.expand(x, sizes)


def _softmax(fn):
    def apply(x, *, axis=-1):
        return fn(x, axis)
    return apply


def _pad(x, pads=None, value=None, axes=None, *, mode="constant"):
    """A constant Pad: concatenations with constant blocks (a Pad of nothing,
    which torch.onnx.export writes before some pools, is the identity);
    reflect and edge modes are not taken."""
    if pads is None or not any(_ints(pads)):
        return x
    if mode != "constant":
        raise NotImplementedError(f"{mode} padding (Kiln has no pad op)")
    if value is not None and not _is_const(value):
        raise NotImplementedError("a pad value computed at run time")
    pads, rank = _ints(pads), len(x.shape)
    dims = list(range(rank)) if axes is None else [a % rank for a in _ints(axes)]
    before, after = [0] * rank, [0] * rank
    for i, d in enumerate(dims):
        before[d], after[d] = pads[i], pads[i + len(dims)]
    fill = 0.0 if value is None or np.size(value) == 0 else np.asarray(value).reshape(-1)[0]
    if _is_const(x):
        return np.pad(x, list(zip(before, after)), constant_values=fill)
    return aten.pad_with_constant(x, before, after, float(fill))


def _layer_norm(x, scale=None, bias=None, *, axis=-1, epsilon=1e-5, stash_type=1):
    """The normalized output, and the Mean and InvStdDev outputs (over the
    normalized dims, kept as size-1 dims)."""
    axis = axis + len(x.shape) if axis < 0 else axis
    dims = list(range(axis, len(x.shape)))
    y = F.layer_norm(x, list(x.shape[axis:]), scale, bias, epsilon)
    mean = F.mean(x, dims, True)
    inv_std = F.rsqrt(F.add(F.var(x, dims, keepdim=True, correction=0), float(epsilon)))
    return [y, mean, inv_std]


def _number(fn, const_fn):
    """Binary arithmetic: numpy on constants (shape computations), kiln on
    float tensors; a constant operand takes the tensor's dtype (ONNX's Pow
    takes an exponent of another type)."""
    def apply(a, b):
        if _is_const(a) and _is_const(b):
            return const_fn(a, b)
        traced = a if not _is_const(a) else b
        if np.dtype(traced.dtype).kind != "f":
            raise NotImplementedError(f"arithmetic on {np.dtype(traced.dtype).name} tensors "
                                      f"(Kiln's pointwise ops take float32 and float64)")
        a, b = (x.astype(traced.dtype) if _is_const(x) else x for x in (a, b))
        if not _is_const(a) and not _is_const(b) and a.dtype != b.dtype:
            raise NotImplementedError(f"arithmetic on {np.dtype(a.dtype).name} and "
                                      f"{np.dtype(b.dtype).name} tensors (no cast op)")
        return fn(a, b)
    return apply


def _prelu(x, slope):
    """PRelu's slope broadcasts to the input: kiln.prelu where it is one
    value or one per channel, else max(x, 0) + slope · min(x, 0)."""
    n = int(np.prod(slope.shape))
    if n == 1 or (len(x.shape) >= 2 and n == x.shape[1] and
                  list(slope.shape) in ([n], [n] + [1] * (len(x.shape) - 2))):
        return F.prelu(x, F.reshape(slope, [n]) if len(slope.shape) != 1 else slope)
    return F.add(F.relu(x), F.mul(slope, F.minimum(x, 0.0)))


def _selu(x, *, alpha=1.6732632423543772, gamma=1.0507009873554805):
    if abs(alpha - 1.6732632423543772) < 1e-6 and abs(gamma - 1.0507009873554805) < 1e-6:
        return F.selu(x)
    return F.mul(F.elu(x, alpha), gamma)


OPS = {
    "Conv": _conv,
    "Gemm": _gemm,
    "MatMul": F.matmul,
    "BatchNormalization": _batch_norm,
    "LayerNormalization": _layer_norm,
    "InstanceNormalization": lambda x, s, b, *, epsilon=1e-5: F.instance_norm(
        x, None, None, s, b, eps=epsilon),
    "MaxPool": _pool("max"),
    "AveragePool": _pool("avg"),
    "GlobalAveragePool": lambda x: F.adaptive_avg_pool2d(x, 1),
    "GlobalMaxPool": lambda x: F.adaptive_max_pool2d(x, 1),
    "Relu": F.relu,
    "Clip": _clip,
    "LeakyRelu": lambda x, *, alpha=0.01: F.leaky_relu(x, alpha),
    "Elu": lambda x, *, alpha=1.0: F.elu(x, alpha),
    "Selu": _selu,
    "Sigmoid": F.sigmoid,
    "Tanh": F.tanh,
    "HardSigmoid": lambda x, *, alpha=0.2, beta=0.5: F.hardsigmoid(x) if (
        abs(alpha - 1 / 6) < 1e-7 and beta == 0.5) else F.clamp(F.add(F.mul(x, alpha), beta),
                                                                0.0, 1.0),
    "HardSwish": F.hardswish,
    "Gelu": lambda x, *, approximate="none": F.gelu(x, approximate),
    "Softplus": F.softplus,
    "Softsign": F.softsign,
    "Mish": F.mish,
    "PRelu": _prelu,
    "Softmax": _softmax(F.softmax),
    "LogSoftmax": _softmax(F.log_softmax),
    "Add": _number(F.add, np.add),
    "Sub": _number(F.sub, np.subtract),
    "Mul": _number(F.mul, np.multiply),
    "Div": _number(F.div, lambda a, b: _int_div(a, b) if a.dtype.kind in "iu" else a / b),
    "Pow": _number(F.pow, np.power),
    "Max": _variadic(_number(F.maximum, np.maximum)),
    "Min": _variadic(_number(F.minimum, np.minimum)),
    "Sum": _variadic(_number(F.add, np.add)),
    "Sqrt": _elementwise(F.sqrt, np.sqrt),
    "Exp": _elementwise(F.exp, np.exp),
    "Log": _elementwise(F.log, np.log),
    "Abs": _elementwise(F.abs, np.abs),
    "Neg": _elementwise(F.neg, np.negative),
    "Reciprocal": _elementwise(F.reciprocal, np.reciprocal),
    "ReduceMean": _reduce(F.mean),
    "ReduceSum": _reduce(F.sum),
    "ReduceMax": _reduce(lambda x, axes, keep: _single_axis(F.max, x, axes, keep)),
    "ReduceMin": _reduce(lambda x, axes, keep: _single_axis(F.min, x, axes, keep)),
    "Flatten": _flatten,
    "Reshape": _reshape,
    "Transpose": _transpose,
    "Unsqueeze": _unsqueeze,
    "Squeeze": _squeeze,
    "Concat": _concat,
    "Split": _split,
    "Slice": _slice,
    "Gather": _gather,
    "Expand": _expand,
    "Shape": _shape,
    "Einsum": _einsum,
    "ConstantOfShape": _constant_of_shape,
    "Equal": _folded(np.equal, "a comparison"),
    "Where": _folded(np.where, "a selection"),
    "Not": _folded(np.logical_not, "a negation"),
    "And": _folded(np.logical_and, "a conjunction"),
    "Or": _folded(np.logical_or, "a disjunction"),
    "Less": _folded(np.less, "a comparison"),
    "Greater": _folded(np.greater, "a comparison"),
    "Mod": lambda a, b, *, fmod=0: _folded(np.fmod if fmod else np.mod, "a modulo")(a, b),
    "ScatterND": _folded(_scatter_nd, "a scatter"),
    "Range": _folded(lambda start, limit, delta: np.arange(
        start, limit, delta, dtype=np.result_type(start, limit, delta)), "a range"),
    "Cast": _cast,
    "Constant": _constant,
    "Identity": lambda x: x,
    "Pad": _pad,
    "Dropout": lambda x, ratio=None, training_mode=None, *, seed=None: x,
}

# Attributes that collide with input names take a suffix.
_RENAMED = {"axes": "axes_attr"}
# Op types whose outputs past the first are optional and never computed.
_FIRST_ONLY = {"Dropout", "BatchNormalization", "MaxPool"}


def _single_axis(fn, x, axes, keep):
    if axes is None:
        whole = fn(x)
        return F.reshape(whole, [1] * len(x.shape)) if keep else whole
    if len(axes) != 1:
        raise NotImplementedError("a max or min over several axes")
    return fn(x, axes[0], keep)[0]


def _broadcast_sizes(shape, target):
    """Expand's sizes (numpy broadcasting of shape and target) as
    kiln.expand's."""
    rank = max(len(shape), len(target))
    shape = [1] * (rank - len(shape)) + list(shape)
    target = [1] * (rank - len(target)) + list(target)
    return [t if s == 1 else s for s, t in zip(shape, target)]


# ---------------------------------------------------------------- loading


def _constants(graph):
    """Values of the graph's initializers and Constant nodes, by name."""
    onnx = _onnx()
    values = {t.name: onnx.numpy_helper.to_array(t) for t in graph.initializer}
    for n in graph.node:
        if n.op_type == "Constant" and len(n.attribute) == 1 and n.attribute[0].name == "value":
            values[n.output[0]] = onnx.numpy_helper.to_array(n.attribute[0].t)
    return values


def _fold_zero_pads(model):
    """A Pad of zeros around H and W (the same on both sides) whose only
    reader is a Conv or an AveragePool becomes that op's own padding
    (torch.onnx.export writes average pools that count the padding this
    way): counted zeros are count_include_pad=1."""
    onnx = _onnx()
    graph = model.graph
    values = _constants(graph)
    users = collections.defaultdict(list)
    for n in graph.node:
        for i in n.input:
            users[i].append(n)
    outputs = {v.name for v in graph.output}
    dropped = set()
    for pad in graph.node:
        if pad.op_type != "Pad" or len(pad.input) < 2 or pad.output[0] in outputs:
            continue
        attrs = {a.name: onnx.helper.get_attribute_value(a) for a in pad.attribute}
        mode = attrs.get("mode", b"constant")
        value = values.get(pad.input[2]) if len(pad.input) > 2 and pad.input[2] else None
        pads = values.get(pad.input[1])
        readers = users[pad.output[0]]
        if (mode not in (b"constant", "constant") or pads is None or pads.size != 8 or
                (value is not None and float(value.reshape(-1)[0]) != 0) or len(readers) != 1 or
                readers[0].op_type not in ("Conv", "AveragePool")):
            continue
        begin, end = [int(v) for v in pads[:4]], [int(v) for v in pads[4:]]
        if begin[:2] != [0, 0] or end[:2] != [0, 0] or begin[2:] != end[2:]:
            continue
        reader = readers[0]
        own = {a.name: onnx.helper.get_attribute_value(a) for a in reader.attribute}
        if any(own.get("pads", [0])) or own.get("auto_pad", b"NOTSET") not in (b"NOTSET",
                                                                               "NOTSET"):
            continue
        for a in list(reader.attribute):
            if a.name in ("pads", "count_include_pad"):
                reader.attribute.remove(a)
        reader.attribute.append(onnx.helper.make_attribute("pads", begin[2:] + end[2:]))
        if reader.op_type == "AveragePool":
            reader.attribute.append(onnx.helper.make_attribute("count_include_pad", 1))
        reader.input[0] = pad.input[0]
        dropped.add(id(pad))
    if dropped:
        nodes = [n for n in graph.node if id(n) not in dropped]
        del graph.node[:]
        graph.node.extend(nodes)


def _fuse_erf_gelu(model):
    """torch.onnx.export writes gelu as (x · (Erf(x / √2) + 1)) · 0.5 (ONNX has
    Gelu only from opset 20): those five nodes become one Gelu node, which
    kiln.gelu computes (Kiln has no erf)."""
    onnx = _onnx()
    graph = model.graph
    values = _constants(graph)
    producer = {o: n for n in graph.node for o in n.output}
    users = collections.defaultdict(list)
    for n in graph.node:
        for i in n.input:
            users[i].append(n)
    outputs = {v.name for v in graph.output}

    def only_user(name, op_type):
        found = users.get(name, [])
        ok = len(found) == 1 and found[0].op_type == op_type and name not in outputs
        return found[0] if ok else None

    def scalar(name, value):
        v = values.get(name)
        return v is not None and v.size == 1 and abs(float(v.reshape(())) - value) < 1e-6

    def other(node, name):
        rest = [i for i in node.input if i != name]
        return rest[0] if len(rest) == 1 else None

    fused, replaced = {}, set()
    for erf in graph.node:
        div = producer.get(erf.input[0]) if erf.op_type == "Erf" else None
        if div is None or div.op_type != "Div" or not scalar(div.input[1], 2 ** 0.5):
            continue
        x = div.input[0]
        add = only_user(erf.output[0], "Add")
        mul = add and other(add, erf.output[0]) and scalar(other(add, erf.output[0]), 1.0) and \
            only_user(add.output[0], "Mul")
        half = mul and other(mul, add.output[0]) == x and only_user(mul.output[0], "Mul")
        if not half or not scalar(other(half, mul.output[0]) or "", 0.5):
            continue
        fused[id(half)] = onnx.helper.make_node("Gelu", [x], list(half.output))
        replaced.update(id(n) for n in (erf, add, mul))
        if len(users[div.output[0]]) == 1:
            replaced.add(id(div))
    if fused:
        nodes = [fused.get(id(n), n) for n in graph.node if id(n) not in replaced]
        del graph.node[:]
        graph.node.extend(nodes)


def read(path):
    """The checked ModelProto of `path`; ValueError naming the file and what
    is wrong with it."""
    onnx = _onnx()
    if not os.path.exists(path):
        raise FileNotFoundError(f"{path}: no such file")
    try:
        with open(path, "rb") as f:
            data = f.read()
        model = onnx.ModelProto()
        model.ParseFromString(data)
    except Exception as e:  # noqa: BLE001 — protobuf's DecodeError and friends
        raise ValueError(f"{path}: not an ONNX model (truncated or malformed: "
                         f"{type(e).__name__}: {e})") from None
    if not model.graph.node and not model.graph.output:
        raise ValueError(f"{path}: not an ONNX model (no graph)")
    try:
        # Weights in files beside the model (a model over protobuf's 2 GB,
        # as torch.onnx.export writes it): checked from the path, where the
        # checker finds them.
        onnx.checker.check_model(path if _external_tensors(model) else model)
    except Exception as e:  # noqa: BLE001 — onnx.checker.ValidationError and others
        first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        raise ValueError(f"{path}: not a valid ONNX model: {first}") from None
    return model


def _external_tensors(model):
    """The model's tensors whose data are in files of their own."""
    from onnx import external_data_helper
    return [t for t in external_data_helper._get_all_tensors(model)
            if external_data_helper.uses_external_data(t)]


def _load_external_data(model, path):
    """Reads the weights kept in files beside `path` into `model`."""
    if not _external_tensors(model):
        return
    from onnx import external_data_helper
    try:
        external_data_helper.load_external_data_for_model(
            model, os.path.dirname(os.path.abspath(path)))
    except (OSError, ValueError) as e:
        raise ValueError(f"{path}: the model's external data cannot be read: {e}") from None


def _attributes(node):
    onnx = _onnx()
    out = {}
    for a in node.attribute:
        value = onnx.helper.get_attribute_value(a)
        if isinstance(value, bytes):
            value = value.decode()
        elif isinstance(value, list):
            value = [v.decode() if isinstance(v, bytes) else v for v in value]
        out[_RENAMED.get(a.name, a.name)] = value
    return out


def _input_types(model, shapes):
    """(name, dtype, shape) of the graph's inputs that are not initializers."""
    onnx = _onnx()
    initialized = {t.name for t in model.graph.initializer}
    types = []
    for value in model.graph.input:
        if value.name in initialized:
            continue
        if not value.type.HasField("tensor_type"):
            raise NotImplementedError(f"input '{value.name}' is not a tensor "
                                      f"({value.type.WhichOneof('value')})")
        tensor = value.type.tensor_type
        dtype = np.dtype(onnx.mapping.TENSOR_TYPE_TO_NP_TYPE[tensor.elem_type])
        if dtype.name not in _kernels._TAKEN or tensor.elem_type == onnx.TensorProto.BFLOAT16:
            name = onnx.TensorProto.DataType.Name(tensor.elem_type).lower()
            raise TypeError(f"input '{value.name}' is {name}: Kiln takes float32, float64, "
                            f"int32 and int64")
        if value.name in shapes:
            shape = tuple(int(d) for d in shapes[value.name])
        else:
            dims = tensor.shape.dim
            missing = [d.dim_param or "?" for d in dims if not d.HasField("dim_value")]
            if missing:
                raise ValueError(f"input '{value.name}' has symbolic dims {missing}: give its "
                                 f"shape (shapes={{'{value.name}': (...)}})")
            shape = tuple(int(d.dim_value) for d in dims)
        types.append((value.name, np.dtype(dtype), shape))
    return types


def _graph_function(model):
    """A function of kiln values computing the graph; called with `problems`
    (a Counter), nodes Kiln cannot lower are counted there and their outputs
    stand in as new traced values of the inferred shapes."""
    onnx = _onnx()
    graph = model.graph
    weights = {t.name: onnx.numpy_helper.to_array(t).copy() for t in graph.initializer}
    inferred = {}
    for v in list(graph.value_info) + list(graph.output):
        t = v.type.tensor_type
        if all(d.HasField("dim_value") for d in t.shape.dim):
            inferred[v.name] = (onnx.mapping.TENSOR_TYPE_TO_NP_TYPE[t.elem_type],
                                tuple(d.dim_value for d in t.shape.dim))
    initialized = {t.name for t in graph.initializer}
    input_names = [v.name for v in graph.input if v.name not in initialized]

    def stand_in(name):  # no kiln value stands in for an unknown shape or a bool
        if name not in inferred or np.dtype(inferred[name][0]).name not in _kernels._TAKEN:
            return aten.Failed()
        dtype, shape = inferred[name]
        return _kernels.current_graph().input(np.empty(shape, dtype))

    def run(*inputs, problems=None):
        env = dict(weights)
        env.update(zip(input_names, inputs))
        for node in graph.node:
            args = [env[n] if n else None for n in node.input]
            if aten.failed(args):  # reported where it failed
                env.update((n, aten.Failed()) for n in node.output)
                continue
            try:
                if node.domain not in ("", "ai.onnx"):
                    raise NotImplementedError(f"domain '{node.domain}'")
                if node.op_type not in OPS:
                    raise NotImplementedError("no Kiln lowering")
                unused = [a for a in args if aten.is_unused(a)]
                if unused:
                    raise NotImplementedError(f"reads {unused[0]!r}")
                while args and args[-1] is None:
                    args.pop()
                attrs = _attributes(node)
                if node.op_type == "Split":
                    attrs["outputs"] = len(node.output)
                try:
                    out = OPS[node.op_type](*args, **attrs)
                except TypeError as e:  # a value of a dtype Kiln has no kernels for
                    if "kiln takes" not in str(e):
                        raise
                    raise NotImplementedError(str(e)) from None
                except (IndexError, KeyError, ArithmeticError) as e:  # numpy on bad constants
                    raise ValueError(f"node '{node.name}' ({node.op_type}): {e}") from None
            except NotImplementedError as e:
                if problems is None:
                    raise NotImplementedError(f"{node.op_type}: {e}") from None
                problems[f"{node.op_type}: {e}"] += 1
                out = [stand_in(n) for n in node.output]
            outs = list(out) if isinstance(out, (list, tuple)) else [out]
            # numpy folds 0-d arrays to scalars: constants stay arrays
            outs = [np.asarray(o) if isinstance(o, np.generic) else o for o in outs]
            if node.op_type in _FIRST_ONLY:
                outs = outs[:1] + [aten._unused(f"{node.op_type}'s output #{i}")
                                   for i in range(1, len(node.output))]
            for name, value in zip(node.output, outs):
                env[name] = value
        results = [env[v.name] for v in graph.output]
        if problems is not None:
            for v, r in zip(graph.output, results):
                if aten.is_unused(r):
                    problems[f"output '{v.name}': {r!r}"] += 1
        if problems:  # only checking: any value ends the trace
            return inputs[0] if inputs else results[0]
        results = [_kernels.as_array(r) if _is_const(r) else r for r in results]
        return results[0] if len(results) == 1 else tuple(results)

    return run


def load(path, shapes=None, constants=None, opt_level=3):
    """The ONNX model at `path` (or a ModelProto) compiled by Kiln: called
    like kiln.from_torch's models. `shapes` gives inputs with symbolic dims
    their shapes ({name: (1, 3, 224, 224)}); `constants` binds inputs to
    values fixed at load ({name: array}), as Kiln compiles for static shapes
    (a Reshape's shape or a Slice's starts given as inputs)."""
    onnx = _onnx()
    if isinstance(path, (str, os.PathLike)):
        model = read(str(path))
    else:
        model = onnx.ModelProto()
        model.CopyFrom(path)  # shapes and inference below must not touch the caller's
    shapes = shapes or {}
    for name, value in (constants or {}).items():
        inputs = [v for v in model.graph.input if v.name == name]
        if not inputs:
            raise ValueError(f"constants names '{name}', which is not an input of the model")
        declared = onnx.mapping.TENSOR_TYPE_TO_NP_TYPE.get(
            inputs[0].type.tensor_type.elem_type)
        value = np.asarray(value)
        if inputs[0].type.tensor_type.elem_type == onnx.TensorProto.BFLOAT16 or (
                declared is not None and np.dtype(declared) != value.dtype):
            raise TypeError(f"constants['{name}'] is {value.dtype.name}, but the input is "
                            f"{onnx.TensorProto.DataType.Name(inputs[0].type.tensor_type.elem_type)}")
        model.graph.initializer.append(onnx.numpy_helper.from_array(value, name))
    types = _input_types(model, shapes)
    for name in shapes:
        if name not in [n for n, _, _ in types]:
            raise ValueError(f"shapes names '{name}', which is not an input of the model")
    if shapes:  # shapes inferred from the given ones
        for value in model.graph.input:
            if value.name in shapes:
                dims = value.type.tensor_type.shape.dim
                del dims[:]
                for d in shapes[value.name]:
                    dims.add().dim_value = int(d)
    # Shapes first, while weights kept in files of their own are still
    # there (protobuf cannot serialize a model over 2 GB for the inference);
    # the rewrites below keep every value's shape.
    try:
        model = onnx.shape_inference.infer_shapes(model)
    except Exception:  # noqa: BLE001 — stand-ins then lack shapes; the error still lists ops
        pass
    if isinstance(path, (str, os.PathLike)):
        _load_external_data(model, str(path))
    _fuse_erf_gelu(model)
    _fold_zero_pads(model)
    examples = [np.zeros(shape, dtype) for _, dtype, shape in types]
    return CompiledModel(_graph_function(model), examples, opt_level, ("kiln.onnx", "node"),
                         names=[f"'{n}'" for n, _, _ in types])


def main(argv=None):
    import argparse
    ap = argparse.ArgumentParser(prog="python3 -m kiln.onnx",
                                 description="Writes an ONNX model as kiln IR.")
    ap.add_argument("model")
    ap.add_argument("-o", "--output", required=True)
    ap.add_argument("--shape", action="append", default=[],
                    help="NAME=D0,D1,... for an input with symbolic dims")
    args = ap.parse_args(argv)
    shapes = {}
    for spec in args.shape:
        name, _, dims = spec.partition("=")
        shapes[name] = tuple(int(d) for d in dims.split(","))
    try:
        text = load(args.model, shapes).source()
    except (ValueError, TypeError, NotImplementedError, FileNotFoundError) as e:
        print(f"kiln.onnx: {e}", file=sys.stderr)
        return 1
    with open(args.output, "w") as f:
        f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
