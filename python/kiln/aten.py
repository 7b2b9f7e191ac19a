"""ATen ops as kiln.functional calls: the one table kiln.from_torch maps a
captured graph through (as torch-mlir's importers map ATen ops in one table).

ATEN maps each ATen overload's name ("aten.convolution.default") to a
function taking the op's arguments as ATen orders them (tensors as kiln
values: traced values or numpy arrays) and returning what the ATen op
returns. An op's outputs that only autograd or training read (batch_norm's
saved statistics, max_pool2d's indices when unused) are UNUSED: reading one
is an error. Views and copies are the same op here: Kiln's values are never
aliased.
"""
import numpy as np

from . import functional as F


class _Unused:
    """An output of an ATen op that a Kiln graph never computes."""

    def __init__(self, what):
        self.what = what

    def __repr__(self):
        return f"<{self.what}: not computed by Kiln>"


def _unused(what):
    return _Unused(what)


def is_unused(value):
    return isinstance(value, _Unused)


class Failed:
    """The result of an op a frontend could not lower, while it checks a
    whole graph (kiln.from_torch, kiln.onnx): ops reading one are skipped,
    their failure reported once, where it happened."""


def failed(x):
    """Whether x (or anything in a list, tuple or dict of it) is Failed."""
    if isinstance(x, (list, tuple)):
        return any(failed(v) for v in x)
    if isinstance(x, dict):
        return any(failed(v) for v in x.values())
    return isinstance(x, Failed)


def _shape(x):
    return tuple(x.shape)


def _identity(x, *args, **kwargs):
    return x


def _convolution(input, weight, bias, stride, padding, dilation, transposed, output_padding,
                 groups):
    if len(_shape(weight)) != 4:
        raise NotImplementedError(f"only 2-d convolutions are in the Kiln catalogue, got a "
                                  f"weight of shape {list(_shape(weight))}")
    if transposed:
        return F.conv_transpose2d(input, weight, bias, stride, padding, output_padding, groups,
                                  dilation)
    return F.conv2d(input, weight, bias, stride, padding, dilation, groups)


def _native_batch_norm(input, weight, bias, running_mean, running_var, training, momentum, eps):
    out = F.batch_norm(input, running_mean, running_var, weight, bias, training, momentum, eps)
    if isinstance(out, tuple):  # training with running stats: Kiln returns the new ones
        out = out[0]
    return out, _unused("batch_norm's saved mean"), _unused("batch_norm's saved inverse std")


def _native_layer_norm(input, normalized_shape, weight, bias, eps):
    return (F.layer_norm(input, normalized_shape, weight, bias, eps),
            _unused("layer_norm's saved mean"), _unused("layer_norm's saved inverse std"))


def _native_group_norm(input, weight, bias, n, c, hw, group, eps):
    return (F.group_norm(input, group, weight, bias, eps), _unused("group_norm's saved mean"),
            _unused("group_norm's saved inverse std"))


def _hardtanh(x, min_val=-1.0, max_val=1.0):
    if (min_val, max_val) == (0.0, 6.0):
        return F.relu6(x)
    return F.clamp(x, min_val, max_val)


def _elu(x, alpha=1.0, scale=1.0, input_scale=1.0):
    if (scale, input_scale) == (1.0, 1.0):
        return F.elu(x, alpha)
    if (alpha, scale, input_scale) == (1.6732632423543772, 1.0507009873554805, 1.0):
        return F.selu(x)
    raise NotImplementedError(f"scale={scale}, input_scale={input_scale}")


def _as_strided(x, size, stride, storage_offset=None):
    """A view with the dense row-major strides of its size over all of x
    (what functionalization leaves of a flattening view) is a reshape."""
    dense, step = [], 1
    for s in reversed(list(size)):
        dense.insert(0, step)
        step *= s
    elements = int(np.prod(_shape(x)))
    # A dim of size 1 is never stepped along: its stride does not matter.
    strided = any(n != 1 and s != d for n, s, d in zip(size, stride, dense))
    if strided or (storage_offset or 0) != 0 or step != elements:
        raise NotImplementedError(f"a strided view (size {list(size)}, stride {list(stride)}) "
                                  f"that is not a reshape")
    return F.reshape(x, size)


def _t(x):
    return F.transpose(x, 0, 1) if len(_shape(x)) == 2 else x


def _max_pool2d_with_indices(x, kernel_size, stride=(), padding=0, dilation=1, ceil_mode=False):
    return F.max_pool2d(x, kernel_size, stride, padding, dilation, ceil_mode, return_indices=True)


def _select(x, dim, index):
    size = _shape(x)[dim]
    index = index + size if index < 0 else index
    return F.squeeze(F.slice(x, dim, index, index + 1), dim)


def _addmm(bias, mat1, mat2, beta=1, alpha=1):
    if (beta, alpha) != (1, 1):
        raise NotImplementedError(f"beta={beta}, alpha={alpha}")
    return F.add(F.mm(mat1, mat2), bias)


def _softmax(x, dim, half_to_float=False):
    return F.softmax(x, dim)


def _log_softmax(x, dim, half_to_float=False):
    return F.log_softmax(x, dim)


def _embedding(weight, indices, padding_idx=-1, scale_grad_by_freq=False, sparse=False):
    return F.embedding(indices, weight, None if padding_idx == -1 else padding_idx)


def _mean(x, dim=None, keepdim=False, dtype=None):
    return F.mean(_cast(x, dtype), dim, keepdim)


def _sum(x, dim=None, keepdim=False, dtype=None):
    return F.sum(_cast(x, dtype), dim, keepdim)


def _cast(x, dtype):
    if dtype is not None and str(dtype).replace("torch.", "") != np.dtype(x.dtype).name:
        raise NotImplementedError(f"a conversion to {dtype} (Kiln has no cast op)")
    return x


def _squeeze(x, dim=None):
    return F.squeeze(x, dim)


def _split(x, split_size, dim=0):
    return F.split(x, split_size, dim)


def _dropout(x, p, train):
    if train:
        raise NotImplementedError("dropout in training mode (kiln.from_torch runs models in "
                                  "eval mode)")
    return x


def _factory(fill):
    """A tensor made from its sizes alone (ones, zeros, full): a constant of
    the graph."""
    def make(size, *args, dtype=None, layout=None, device=None, pin_memory=None):
        value = args[0] if args else fill
        name = "float32" if dtype is None else str(dtype).replace("torch.", "")
        return np.full([int(s) for s in size], value, dtype=np.dtype(name))
    return make


def _roll(x, shifts, dims=()):
    """torch.roll as slices and cats: along each dim, the last `shift`
    elements come first (a flattened roll, with no dims, is not taken)."""
    shifts = [shifts] if isinstance(shifts, int) else list(shifts)
    dims = [dims] if isinstance(dims, int) else list(dims)
    if not dims:
        raise NotImplementedError("a roll of the flattened tensor")
    for shift, dim in zip(shifts, dims):
        n = x.shape[dim]
        shift = shift % n if n else 0
        if shift:
            x = F.cat([F.slice(x, dim, n - shift, n), F.slice(x, dim, 0, n - shift)], dim)
    return x


def pad_with_constant(x, before, after, value=0.0):
    """x padded by before[d] and after[d] elements of `value` along each dim
    d, as concatenations with constant blocks (the catalogue has no pad op;
    swin pads its windows where the size is not a multiple of the window)."""
    if any(int(p) < 0 for p in list(before) + list(after)):
        raise NotImplementedError("a negative pad (a crop)")
    dtype = np.dtype(x.dtype)
    for d, (lo, hi) in enumerate(zip(before, after)):
        if not lo and not hi:
            continue
        shape = list(x.shape)
        parts = []
        for n in (lo, hi):
            shape[d] = int(n)
            parts.append(np.full(shape, value, dtype) if n else None)
        x = F.cat([p for p in (parts[0], x, parts[1]) if p is not None], d)
    return x


def _constant_pad_nd(x, pad, value=0.0):
    """torch's pad list runs from the last dim backwards, (before, after)
    for each."""
    rank = len(x.shape)
    before, after = [0] * rank, [0] * rank
    for i in range(len(pad) // 2):
        before[rank - 1 - i], after[rank - 1 - i] = int(pad[2 * i]), int(pad[2 * i + 1])
    return pad_with_constant(x, before, after, float(value))


def _norm(x, p=2, dim=None, keepdim=False, dtype=None):
    """The 2-norm along dims (F.normalize's): sqrt of the sum of squares."""
    if p not in (2, 2.0, None) or dtype is not None:
        raise NotImplementedError(f"a {p}-norm" if dtype is None else "a norm with a dtype")
    return F.sqrt(F.sum(F.mul(x, x), dim, keepdim))


def _binary(fn):
    def apply(a, b, alpha=1):
        return fn(a, b) if alpha == 1 else fn(a, F.mul(b, float(alpha)))
    return apply


def _rsub(a, b, alpha=1):
    return F.sub(b, a if alpha == 1 else F.mul(a, float(alpha)))


ATEN = {
    # convolution, linear
    "aten.convolution.default": _convolution,
    "aten.linear.default": F.linear,
    "aten.addmm.default": _addmm,
    "aten.mm.default": F.mm,
    "aten.bmm.default": F.bmm,
    "aten.matmul.default": F.matmul,
    # normalization
    "aten.native_batch_norm.default": _native_batch_norm,
    "aten.native_layer_norm.default": _native_layer_norm,
    "aten.native_group_norm.default": _native_group_norm,
    # pooling
    "aten.max_pool2d_with_indices.default": _max_pool2d_with_indices,
    "aten.max_pool2d.default": F.max_pool2d,
    "aten.avg_pool2d.default": F.avg_pool2d,
    "aten._adaptive_avg_pool2d.default": F.adaptive_avg_pool2d,
    "aten.adaptive_avg_pool2d.default": F.adaptive_avg_pool2d,
    "aten.adaptive_max_pool2d.default": lambda x, size: F.adaptive_max_pool2d(x, size, True),
    # activations
    "aten.relu.default": F.relu,
    "aten.hardtanh.default": _hardtanh,
    "aten.leaky_relu.default": F.leaky_relu,
    "aten.elu.default": _elu,
    "aten.gelu.default": F.gelu,
    "aten.sigmoid.default": F.sigmoid,
    "aten.tanh.default": F.tanh,
    "aten.silu.default": F.silu,
    "aten.mish.default": F.mish,
    "aten.hardswish.default": F.hardswish,
    "aten.hardsigmoid.default": F.hardsigmoid,
    "aten.softplus.default": F.softplus,
    "aten.prelu.default": F.prelu,
    "aten._softmax.default": _softmax,
    "aten._log_softmax.default": _log_softmax,
    "aten.softmax.int": lambda x, dim, dtype=None: F.softmax(x, dim, dtype=dtype),
    "aten.log_softmax.int": lambda x, dim, dtype=None: F.log_softmax(x, dim, dtype=dtype),
    # pointwise
    "aten.add.Tensor": _binary(F.add),
    "aten.add.Scalar": _binary(F.add),
    "aten.sub.Tensor": _binary(F.sub),
    "aten.sub.Scalar": _binary(F.sub),
    "aten.rsub.Scalar": _rsub,
    "aten.rsub.Tensor": _rsub,
    "aten.mul.Tensor": F.mul,
    "aten.mul.Scalar": F.mul,
    "aten.div.Tensor": F.div,
    "aten.div.Scalar": F.div,
    "aten.div.Tensor_mode": lambda a, b, rounding_mode=None: F.div(a, b,
                                                                 rounding_mode=rounding_mode),
    "aten.pow.Tensor_Scalar": F.pow,
    "aten.pow.Tensor_Tensor": F.pow,
    "aten.maximum.default": F.maximum,
    "aten.minimum.default": F.minimum,
    "aten.sqrt.default": F.sqrt,
    "aten.rsqrt.default": F.rsqrt,
    "aten.exp.default": F.exp,
    "aten.log.default": F.log,
    "aten.abs.default": F.abs,
    "aten.neg.default": F.neg,
    "aten.reciprocal.default": F.reciprocal,
    "aten.clamp.default": lambda x, min=None, max=None: F.clamp(x, min, max),
    "aten.clamp_min.default": lambda x, min: F.clamp(x, min=min),
    "aten.clamp_max.default": lambda x, max: F.clamp(x, max=max),
    # reductions
    "aten.mean.dim": _mean,
    "aten.mean.default": lambda x, dtype=None: _mean(x, dtype=dtype),
    "aten.sum.dim_IntList": _sum,
    "aten.sum.default": lambda x, dtype=None: _sum(x, dtype=dtype),
    "aten.var.correction": lambda x, dim=None, correction=None, keepdim=False: F.var(
        x, dim, keepdim=keepdim, correction=1 if correction is None else correction),
    "aten.var.dim": lambda x, dim=None, unbiased=True, keepdim=False: F.var(x, dim, unbiased,
                                                                           keepdim),
    "aten.max.dim": lambda x, dim, keepdim=False: F.max(x, dim, keepdim),
    "aten.min.dim": lambda x, dim, keepdim=False: F.min(x, dim, keepdim),
    "aten.max.default": F.max,
    "aten.min.default": F.min,
    "aten.amax.default": lambda x, dim=(), keepdim=False: _amax(F.max, x, dim, keepdim),
    # layout: views and their copies alike
    "aten.view.default": F.reshape,
    "aten.view_copy.default": F.reshape,
    "aten._unsafe_view.default": F.reshape,
    "aten.reshape.default": F.reshape,
    "aten._reshape_alias.default": lambda x, size, stride: F.reshape(x, size),
    "aten._reshape_alias_copy.default": lambda x, size, stride: F.reshape(x, size),
    "aten.as_strided.default": _as_strided,
    "aten.as_strided_copy.default": _as_strided,
    "aten.t.default": _t,
    "aten.t_copy.default": _t,
    "aten.transpose.int": F.transpose,
    "aten.transpose_copy.int": F.transpose,
    "aten.permute.default": F.permute,
    "aten.permute_copy.default": F.permute,
    "aten.unsqueeze.default": F.unsqueeze,
    "aten.unsqueeze_copy.default": F.unsqueeze,
    "aten.squeeze.dim": _squeeze,
    "aten.squeeze.default": _squeeze,
    "aten.squeeze_copy.dim": _squeeze,
    "aten.flatten.using_ints": F.flatten,
    "aten.expand.default": lambda x, size, implicit=False: F.expand(x, size),
    "aten.expand_copy.default": lambda x, size, implicit=False: F.expand(x, size),
    "aten.cat.default": F.cat,
    "aten.stack.default": F.stack,
    "aten.split.Tensor": _split,
    "aten.split_copy.Tensor": _split,
    "aten.split_with_sizes.default": _split,
    "aten.roll.default": _roll,
    "aten.constant_pad_nd.default": _constant_pad_nd,
    "aten.norm.ScalarOpt_dim": _norm,
    "aten.slice.Tensor": F.slice,
    "aten.slice_copy.Tensor": F.slice,
    "aten.select.int": _select,
    "aten.select_copy.int": _select,
    "aten.clone.default": _identity,
    "aten.detach.default": _identity,
    "aten.alias.default": _identity,
    "aten.lift_fresh_copy.default": _identity,
    # embedding, dropout
    "aten.embedding.default": _embedding,
    "aten.dropout.default": _dropout,
    # constants made from sizes
    "aten.ones.default": _factory(1),
    "aten.zeros.default": _factory(0),
    "aten.full.default": _factory(None),
    # what batch_norm leaves for its backward (a reserve buffer)
    "aten.empty.memory_format": lambda *args, **kwargs: _unused("an empty buffer"),
}


def _amax(fn, x, dim, keepdim):
    dims = [dim] if isinstance(dim, int) else list(dim)
    if len(dims) != 1:
        raise NotImplementedError("over several dims")
    return fn(x, dims[0], keepdim)[0]
