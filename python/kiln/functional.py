"""torch-like functions over numpy arrays, one per op of the Kiln catalogue.

Arguments, defaults and results follow PyTorch (torch.nn.functional and the
tensor functions): results are numpy arrays (float data, int64 indices),
several results a tuple. A call PyTorch rejects raises ValueError (bad
shapes or attributes, with the verifier's message) or TypeError (bad
dtypes). Kernels compile on first use and are cached per (op, shapes,
dtypes, attributes).
"""
import os

import numpy as np

from . import ir_text
from ._kernels import as_array, call, from_torch, is_torch_tensor

_I64_MAX = ir_text.I64_MAX

__all__ = [
    "conv2d", "conv_transpose2d", "linear", "matmul", "mm", "bmm", "batch_norm", "layer_norm",
    "instance_norm", "group_norm", "rms_norm", "switch_norm", "deep_norm", "dyt", "max_pool2d",
    "avg_pool2d", "adaptive_avg_pool2d", "adaptive_max_pool2d", "relu", "relu6", "leaky_relu",
    "elu", "selu", "gelu", "sigmoid", "tanh", "silu", "mish", "hardswish", "hardsigmoid",
    "softplus", "softsign", "prelu", "softmax", "log_softmax", "reshape", "transpose", "permute",
    "squeeze", "unsqueeze", "flatten", "expand", "cat", "stack", "split", "slice", "add", "sub",
    "mul", "div", "pow", "maximum", "minimum", "sqrt", "rsqrt", "exp", "log", "abs", "neg",
    "reciprocal", "clamp", "sum", "mean", "var", "max", "min", "embedding", "dropout",
]


def _one(op, operands, props=None):
    return call(op, operands, props)[0]


def _is_tensor(v):
    return isinstance(v, np.ndarray) or getattr(v, "kiln_traced", False) or is_torch_tensor(v)


def _int(v, name):
    """An int argument (a dim, a size, a count): a tensor or a bool where an
    int belongs is a TypeError, never converted."""
    if isinstance(v, (bool, np.bool_)) or not isinstance(v, (int, np.integer)):
        what = "a tensor" if _is_tensor(v) else f"{type(v).__name__} {v!r}"
        raise TypeError(f"{name} must be an int, not {what}")
    return int(v)


def _ints(v, name="dim"):
    """An int or a sequence of ints, as a list."""
    if isinstance(v, (list, tuple)):
        return [_int(x, name) for x in v]
    return [_int(v, name)]


def _pair(v, name):
    """torch's rule for 2-d window arguments: an int, or a sequence of one
    (used for H and W) or two ints (H, W)."""
    v = _ints(v, name)
    if len(v) not in (1, 2):
        raise ValueError(f"{name} must be an int or a sequence of 1 or 2 ints, got {v}")
    return v * 2 if len(v) == 1 else v


def _present(*operands):
    """The operands given (not None) and operandSegmentSizes for them."""
    return [x for x in operands if x is not None], ir_text.segments(
        *[0 if x is None else 1 for x in operands])


# ------------------------------------------------------------------ convolution

def conv2d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1,
           padding_mode="zeros"):
    """F.conv2d; `padding` may be 'same' or 'valid'; padding_mode as nn.Conv2d."""
    props = {"stride": _pair(stride, "stride"), "dilation": _pair(dilation, "dilation"),
             "groups": _int(groups, "groups")}
    if isinstance(padding, str):
        if padding not in ("same", "valid"):
            raise ValueError(f"padding must be 'same', 'valid' or ints, got '{padding}'")
        props["padding_preset"] = ir_text.enum("padding_preset", padding)
    else:
        props["padding"] = _pair(padding, "padding")
    if padding_mode not in ("zeros", "reflect", "replicate", "circular"):
        raise ValueError(f"padding_mode must be zeros, reflect, replicate or circular, "
                         f"got '{padding_mode}'")
    if padding_mode != "zeros":
        props["padding_mode"] = ir_text.enum("padding_mode", padding_mode)
    return _one("conv2d", [input, weight] + ([bias] if bias is not None else []), props)


def conv_transpose2d(input, weight, bias=None, stride=1, padding=0, output_padding=0, groups=1,
                     dilation=1, output_size=None):
    """F.conv_transpose2d; `output_size` is nn.ConvTranspose2d's (H, W) or (N, C, H, W)."""
    props = {"stride": _pair(stride, "stride"), "padding": _pair(padding, "padding"),
             "output_padding": _pair(output_padding, "output_padding"),
             "groups": _int(groups, "groups"),
             "dilation": _pair(dilation, "dilation")}
    if output_size is not None:
        props["output_size"] = _ints(output_size, "output_size")
    return _one("conv_transpose2d", [input, weight] + ([bias] if bias is not None else []), props)


def linear(input, weight, bias=None):
    return _one("linear", [input, weight] + ([bias] if bias is not None else []))


def matmul(input, other):
    return _one("matmul", [input, other])


def mm(input, mat2):
    return _one("mm", [input, mat2])


def bmm(input, mat2):
    return _one("bmm", [input, mat2])


# ---------------------------------------------------------------- normalization

def _stats_norm(op, flag, use_batch_stats, input, running_mean, running_var, weight, bias,
                momentum, eps):
    x = as_array(input)
    if x.ndim < 2 and 0 in x.shape and op == "batch_norm":
        # torch returns a batch of no elements as it is before any check of
        # its shape (which then has no channel dim to check).
        out = x if getattr(x, "kiln_traced", False) else x.copy()
        if not use_batch_stats:
            return out
        return (out,) + tuple(None if s is None else np.array(as_array(s))
                              for s in (running_mean, running_var))
    operands, segments = _present(input, running_mean, running_var, weight, bias)
    props = {flag: bool(use_batch_stats), "momentum": float(momentum), "eps": float(eps),
             "operandSegmentSizes": segments}
    results = call(op, operands, props)
    if not use_batch_stats:
        return results[0]
    if running_mean is None:
        return results[0], None, None
    return tuple(results)


def batch_norm(input, running_mean, running_var, weight=None, bias=None, training=False,
               momentum=0.1, eps=1e-05):
    """F.batch_norm. In training returns (out, new_running_mean, new_running_var)
    and leaves the arguments unchanged; in eval returns out."""
    return _stats_norm("batch_norm", "training", training, input, running_mean, running_var,
                       weight, bias, momentum, eps)


def instance_norm(input, running_mean=None, running_var=None, weight=None, bias=None,
                  use_input_stats=True, momentum=0.1, eps=1e-05):
    """F.instance_norm. With running stats and use_input_stats, returns
    (out, new_running_mean, new_running_var) instead of updating in place."""
    if use_input_stats and running_mean is None:
        operands, segments = _present(input, None, None, weight, bias)
        return _one("instance_norm", operands, {"eps": float(eps), "momentum": float(momentum),
                                                "operandSegmentSizes": segments})
    return _stats_norm("instance_norm", "use_input_stats", use_input_stats, input, running_mean,
                       running_var, weight, bias, momentum, eps)


def layer_norm(input, normalized_shape, weight=None, bias=None, eps=1e-05):
    operands, segments = _present(input, weight, bias)
    shape = _ints(normalized_shape, "normalized_shape")
    return _one("layer_norm", operands, {"normalized_shape": shape,
                                         "eps": float(eps), "operandSegmentSizes": segments})


def group_norm(input, num_groups, weight=None, bias=None, eps=1e-05):
    operands, segments = _present(input, weight, bias)
    groups = _int(num_groups, "num_groups")
    return _one("group_norm", operands, {"num_groups": groups, "eps": float(eps),
                                         "operandSegmentSizes": segments})


def rms_norm(input, normalized_shape, weight=None, eps=None):
    """x / sqrt(mean(x², normalized dims) + eps) · weight; eps None is the
    dtype's machine epsilon (torch's rule)."""
    props = {"normalized_shape": _ints(normalized_shape, "normalized_shape")}
    if eps is not None:
        props["eps"] = float(eps)
    return _one("rms_norm", [input] + ([weight] if weight is not None else []), props)


def switch_norm(input, running_mean, running_var, weight, bias, mean_weight, var_weight,
                training=False, momentum=0.1, eps=1e-05):
    """Switchable Normalization (Luo et al. 2018); in training returns
    (out, new_running_mean, new_running_var)."""
    results = call("switch_norm", [input, running_mean, running_var, weight, bias, mean_weight,
                                   var_weight],
                   {"training": bool(training), "momentum": float(momentum), "eps": float(eps)})
    return tuple(results) if training else results[0]


def deep_norm(x, sublayer_out, alpha, normalized_shape, weight=None, bias=None, eps=1e-05):
    """layer_norm(alpha·x + sublayer_out) (DeepNet)."""
    operands, segments = _present(x, sublayer_out, weight, bias)
    return _one("deep_norm", operands, {"alpha": float(alpha),
                                        "normalized_shape": _ints(normalized_shape,
                                                                  "normalized_shape"),
                                        "eps": float(eps), "operandSegmentSizes": segments})


def dyt(x, alpha, weight, bias):
    """weight·tanh(alpha·x) + bias; alpha is a 1-element array."""
    return _one("dyt", [x, alpha, weight, bias])


# --------------------------------------------------------------------- pooling

def _pool_props(kernel_size, stride, padding):
    # torch: no stride (None or an empty sequence) is the kernel size.
    empty = stride is None or (isinstance(stride, (list, tuple)) and not stride)
    return {"kernel_size": _pair(kernel_size, "kernel_size"),
            "stride": [] if empty else _pair(stride, "stride"),
            "padding": _pair(padding, "padding")}


def max_pool2d(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False,
               return_indices=False):
    props = _pool_props(kernel_size, stride, padding)
    props.update(dilation=_pair(dilation, "dilation"), ceil_mode=bool(ceil_mode),
                 return_indices=bool(return_indices))
    results = call("max_pool2d", [input], props)
    return tuple(results) if return_indices else results[0]


def avg_pool2d(input, kernel_size, stride=None, padding=0, ceil_mode=False,
               count_include_pad=True, divisor_override=None):
    props = _pool_props(kernel_size, stride, padding)
    props.update(ceil_mode=bool(ceil_mode), count_include_pad=bool(count_include_pad))
    if divisor_override is not None:
        props["divisor_override"] = _int(divisor_override, "divisor_override")
    return _one("avg_pool2d", [input], props)


def _adaptive_size(output_size):
    if isinstance(output_size, (int, np.integer)) or output_size is None:
        output_size = (output_size, output_size)
    return [-1 if s is None else _int(s, "output_size") for s in output_size]


def adaptive_avg_pool2d(input, output_size):
    """output_size: int, or (H, W) with None keeping that input size."""
    return _one("adaptive_avg_pool2d", [input], {"output_size": _adaptive_size(output_size)})


def adaptive_max_pool2d(input, output_size, return_indices=False):
    results = call("adaptive_max_pool2d", [input], {"output_size": _adaptive_size(output_size),
                                                    "return_indices": bool(return_indices)})
    return tuple(results) if return_indices else results[0]


# ------------------------------------------------------------------ activations

def relu(input):
    return _one("relu", [input])


def relu6(input):
    return _one("relu6", [input])


def leaky_relu(input, negative_slope=0.01):
    return _one("leaky_relu", [input], {"negative_slope": float(negative_slope)})


def elu(input, alpha=1.0):
    return _one("elu", [input], {"alpha": float(alpha)})


def selu(input):
    return _one("selu", [input])


def gelu(input, approximate="none"):
    if approximate not in ("none", "tanh"):
        raise ValueError(f"approximate must be 'none' or 'tanh', got '{approximate}'")
    return _one("gelu", [input], {"approximate": ir_text.enum("approximate", approximate)})


def sigmoid(input):
    return _one("sigmoid", [input])


def tanh(input):
    return _one("tanh", [input])


def silu(input):
    return _one("silu", [input])


def mish(input):
    return _one("mish", [input])


def hardswish(input):
    return _one("hardswish", [input])


def hardsigmoid(input):
    return _one("hardsigmoid", [input])


def softplus(input, beta=1.0, threshold=20.0):
    return _one("softplus", [input], {"beta": float(beta), "threshold": float(threshold)})


def softsign(input):
    return _one("softsign", [input])


def prelu(input, weight):
    return _one("prelu", [input, weight])


def _cast(input, dtype):
    """torch's `dtype=` of softmax and log_softmax: the input is converted
    before the op."""
    if dtype is None:
        return input
    # A torch dtype (torch.float64) or a numpy one (np.float64, "float64").
    name = str(dtype).replace("torch.", "") if "torch" in str(dtype) else np.dtype(dtype).name
    x = as_array(input)
    if name not in ("float32", "float64"):
        raise TypeError(f"dtype must be float32 or float64, not {name}")
    if x.dtype.name == name:
        return x
    if getattr(x, "kiln_traced", False):
        raise TypeError(f"dtype={name} converts a {x.dtype.name} value, which a kiln.jit trace "
                        f"cannot do: convert the function's input instead")
    return x.astype(name)


def softmax(input, dim, _stacklevel=3, dtype=None):
    """F.softmax; `dtype` converts the input first, as torch's does."""
    return _one("softmax", [_cast(input, dtype)], {"dim": _int(dim, "dim")})


def log_softmax(input, dim, _stacklevel=3, dtype=None):
    return _one("log_softmax", [_cast(input, dtype)], {"dim": _int(dim, "dim")})


# ---------------------------------------------------------------------- layout

def reshape(input, shape):
    return _one("reshape", [input], {"shape": _ints(shape, "shape")})


def transpose(input, dim0, dim1):
    return _one("transpose", [input], {"dim0": _int(dim0, "dim0"), "dim1": _int(dim1, "dim1")})


def permute(input, dims):
    return _one("permute", [input], {"dims": _ints(dims, "dims")})


def squeeze(input, dim=None):
    """All size-1 dims, or those of `dim` (an int or a tuple) that have size 1."""
    return _one("squeeze", [input], {} if dim is None else {"dim": _ints(dim)})


def unsqueeze(input, dim):
    return _one("unsqueeze", [input], {"dim": _int(dim, "dim")})


def flatten(input, start_dim=0, end_dim=-1):
    return _one("flatten", [input], {"start_dim": _int(start_dim, "start_dim"),
                                     "end_dim": _int(end_dim, "end_dim")})


def expand(input, sizes):
    """Tensor.expand(sizes): sizes is one tuple; -1 keeps a dim."""
    return _one("expand", [input], {"sizes": _ints(sizes, "sizes")})


def cat(tensors, dim=0):
    return _one("cat", list(tensors), {"dim": _int(dim, "dim")})


def stack(tensors, dim=0):
    return _one("stack", list(tensors), {"dim": _int(dim, "dim")})


def split(tensor, split_size_or_sections, dim=0):
    """torch.split: a tuple of chunks of split_size (the last smaller), or of
    the listed section sizes."""
    if isinstance(split_size_or_sections, (int, np.integer)):
        props = {"split_size": _int(split_size_or_sections, "split_size")}
    else:
        props = {"sections": _ints(split_size_or_sections, "split_size_or_sections")}
    props["dim"] = _int(dim, "dim")
    return tuple(call("split", [tensor], props))


def slice(input, dim=0, start=None, end=None, step=1):
    """input[..., start:end:step, ...] along `dim` (aten.slice), clamped and
    wrapped like Python slicing; step must be positive (as in torch)."""
    step = 1 if step is None else _int(step, "step")
    if step <= 0:
        raise ValueError(f"slice step must be positive, got {step}")
    props = {"dims": [_int(dim, "dim")], "starts": [0 if start is None else _int(start, "start")],
             "ends": [_I64_MAX if end is None else _int(end, "end")], "steps": [step]}
    return _one("slice", [input], props)


# ------------------------------------------------------------------- pointwise

def _binary(op, input, other, props=None):
    # A Python number takes the dtype of the array (or traced value) beside it.
    like = input if hasattr(input, "dtype") else other if hasattr(other, "dtype") else None
    return _one(op, [as_array(input, like), as_array(other, like)], props)


def add(input, other, alpha=1):
    return _binary("add", input, other, {"alpha": float(alpha)})


def sub(input, other, alpha=1):
    return _binary("sub", input, other, {"alpha": float(alpha)})


def mul(input, other):
    return _binary("mul", input, other)


def div(input, other, *, rounding_mode=None):
    """torch.div: true division, or rounded toward zero ('trunc') or down
    ('floor', as torch's floor division of floats)."""
    if rounding_mode is None:
        return _binary("div", input, other)
    if rounding_mode not in ("trunc", "floor"):
        raise ValueError(f"div expected rounding_mode to be one of None, 'trunc', or 'floor' "
                         f"but found '{rounding_mode}'")
    return _binary("div", input, other,
                   {"rounding_mode": ir_text.enum("rounding_mode", rounding_mode)})


def pow(input, exponent):
    return _binary("pow", input, exponent)


def maximum(input, other):
    return _binary("maximum", input, other)


def minimum(input, other):
    return _binary("minimum", input, other)


def sqrt(input):
    return _one("sqrt", [input])


def rsqrt(input):
    return _one("rsqrt", [input])


def exp(input):
    return _one("exp", [input])


def log(input):
    return _one("log", [input])


def abs(input):
    return _one("abs", [input])


def neg(input):
    return _one("neg", [input])


def reciprocal(input):
    return _one("reciprocal", [input])


def clamp(input, min=None, max=None):
    """torch.clamp: min(max(input, min), max). Number bounds are attributes
    of kiln.clamp; tensor bounds broadcast with the input (maximum, then
    minimum; NaN in either propagates, as torch's)."""
    if min is None and max is None:
        raise ValueError("clamp: at least one of min and max must be given")
    if _is_tensor(min) or _is_tensor(max):
        out = input
        if min is not None:
            out = _binary("maximum", out, min)
        if max is not None:
            out = _binary("minimum", out, max)
        return out
    props = {}
    if min is not None:
        props["min"] = float(min)
    if max is not None:
        props["max"] = float(max)
    return _one("clamp", [input], props)


# ------------------------------------------------------------------ reductions

def _dims(dim):
    return {} if dim is None else {"dim": _ints(dim)}


def sum(input, dim=None, keepdim=False):
    return _one("sum", [input], {**_dims(dim), "keepdim": bool(keepdim)})


def mean(input, dim=None, keepdim=False):
    return _one("mean", [input], {**_dims(dim), "keepdim": bool(keepdim)})


def var(input, dim=None, unbiased=None, keepdim=False, *, correction=None):
    """torch.var's overloads: var(input, unbiased), var(input, dim, unbiased,
    keepdim) and var(input, dim, *, correction, keepdim); correction 1
    unless unbiased=False (0) or given."""
    if isinstance(dim, (bool, np.bool_)):  # var(input, unbiased)
        if unbiased is not None:
            raise TypeError("var: dim must be an int or a sequence of ints, not a bool")
        dim, unbiased = None, bool(dim)
    if unbiased is not None and correction is not None:
        raise TypeError("var: give unbiased or correction, not both")
    if unbiased is not None and not isinstance(unbiased, (bool, np.bool_)):
        raise TypeError(f"var: unbiased must be a bool, not {type(unbiased).__name__}")
    if correction is None:
        correction = 0 if unbiased is False else 1
    return _one("var", [input], {**_dims(dim), "correction": _int(correction, "correction"),
                                 "keepdim": bool(keepdim)})


def _arg_reduce(op, binary, input, dim, keepdim):
    if _is_tensor(dim):  # torch.max(input, other): elementwise
        if keepdim:
            raise TypeError(f"{op}(input, other) takes no keepdim")
        return _binary(binary, input, dim)
    if dim is None:
        if keepdim:
            raise ValueError(f"{op}: keepdim needs a dim")
        return _one(op, [input])
    return tuple(call(op, [input], {"dim": _int(dim, "dim"), "keepdim": bool(keepdim)}))


def max(input, dim=None, keepdim=False):
    """torch.max: a 0-d array for the whole tensor, (values, indices) along
    dim, or the elementwise maximum with a tensor `other` in dim's place."""
    return _arg_reduce("max", "maximum", input, dim, keepdim)


def min(input, dim=None, keepdim=False):
    """torch.min: a 0-d array for the whole tensor, (values, indices) along
    dim, or the elementwise minimum with a tensor `other` in dim's place."""
    return _arg_reduce("min", "minimum", input, dim, keepdim)


# ------------------------------------------------------- embedding, dropout

def embedding(input, weight, padding_idx=None, max_norm=None, norm_type=2.0,
              scale_grad_by_freq=False, sparse=False):
    """Rows of weight picked by the int indices `input`; an index outside
    [0, num_embeddings) raises IndexError, as torch does. With `max_norm`,
    rows whose norm_type-norm exceeds it come out scaled to max_norm (torch
    also rescales those rows of weight in place; Kiln leaves weight alone).
    scale_grad_by_freq and sparse concern gradients, which Kiln has none of."""
    props = {} if padding_idx is None else {"padding_idx": _int(padding_idx, "padding_idx")}
    weight = as_array(weight)
    if getattr(input, "kiln_traced", False):  # kiln.jit: indices known at run time
        ids = input
    else:
        ids = from_torch(input) if is_torch_tensor(input) else np.asarray(input)
        if ids.dtype.kind not in "iu":
            raise TypeError(f"embedding indices must be integers, not {ids.dtype.name}")
        ids = ids.astype(np.int64, copy=False)
        rows = weight.shape[0] if weight.ndim >= 1 else 0
        if ids.size and (ids.min() < 0 or ids.max() >= rows):
            raise IndexError(f"embedding index out of range: indices must be in [0, {rows}), "
                             f"got {ids.min()}..{ids.max()}")
    out = _one("embedding", [ids, weight], props)
    if max_norm is None:
        return out
    # torch's embedding_renorm_: scale max_norm / (norm + 1e-7) where the norm
    # exceeds max_norm; the minimum with 1 leaves the other rows as they are.
    p = float(norm_type)
    norm = pow(sum(pow(abs(out), p), -1, keepdim=True), 1.0 / p)
    return mul(out, minimum(div(float(max_norm), add(norm, 1e-7)), 1.0))


def dropout(input, p=0.5, training=True, seed=None):
    """Zeroes each element with probability p and scales the rest by
    1/(1-p). The mask is a function of `seed` (and each element's position):
    the same seed gives the same mask. seed None draws a fresh one."""
    if not 0 <= p <= 1:
        raise ValueError(f"dropout probability has to be between 0 and 1, but got {p}")
    if not training:
        x = as_array(input)
        return x if getattr(x, "kiln_traced", False) else np.array(x, copy=True)
    if seed is None:
        seed = int.from_bytes(os.urandom(8), "little") >> 1
    return _one("dropout", [input], {"p": float(p), "training": True, "seed": int(seed)})
