#!/usr/bin/env python3
"""Writes shape_cases.tsv: kiln ops with their operand types and attributes,
and the result shapes PyTorch produces for the same call (or, for calls
PyTorch rejects, the substring of the error Kiln must report).

Run with /usr/bin/python3 (Debian's torch):  test/unittests/gen_shape_cases.py
Rows: name, op, operand types (';'-separated), properties, expected, where
expected is result types (';'-separated) or 'error: <substring>'.
"""
import os
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "python"))
from kiln.ir_text import attr as prop  # noqa: E402  (MLIR attribute text)

torch.manual_seed(0)
ROWS = []
I64_MAX = 9223372036854775807


def tensor_type(shape, dtype="f32"):
    return "tensor<" + "".join(f"{d}x" for d in shape) + dtype + ">"


def make(spec):
    """spec: a shape (float32 tensor) or ('ids', shape, high) for int64 ids."""
    if isinstance(spec, tuple) and spec and spec[0] == "ids":
        return torch.randint(0, spec[2], spec[1])
    return torch.randn(tuple(spec))


def operand_type(spec):
    if isinstance(spec, tuple) and spec and spec[0] == "ids":
        return tensor_type(spec[1], "i64")
    return tensor_type(spec)


def result_type(t):
    return tensor_type(list(t.shape), "i64" if t.dtype == torch.int64 else "f32")


def case(name, op, operands, props, torch_fn=None, error=None, segments=None):
    """A row: run torch_fn on random operands for the expected shapes; with
    `error`, torch_fn must raise (torch_fn None: a rule of Kiln's op
    definition that PyTorch has no function to check)."""
    props = dict(props)
    if segments is not None:
        props["operandSegmentSizes"] = "array<i32: " + ", ".join(map(str, segments)) + ">"
    text = ", ".join(f"{k} = {prop(v)}" for k, v in sorted(props.items()))
    types = ";".join(operand_type(s) for s in operands if s is not None)
    args = [None if s is None else make(s) for s in operands]
    if error is not None:
        if torch_fn is not None:
            try:
                torch_fn(*args)
            except (RuntimeError, ValueError, IndexError, TypeError, AssertionError):
                pass
            else:
                sys.exit(f"{name}: PyTorch accepted a call Kiln must reject")
        expected = "error: " + error
    else:
        out = torch_fn(*args)
        outs = out if isinstance(out, (tuple, list)) else [out]
        expected = ";".join(result_type(t) for t in outs)
    ROWS.append("\t".join([name, op, types, text, expected]))


def enum(kind, value):
    return f"#kiln.{kind}<{value}>"


# ---------------------------------------------------------------- convolution
def conv(cin, cout, k, **kw):
    def run(x, *_):
        return nn.Conv2d(cin, cout, k, **kw)(x)
    return run


def conv_props(k, stride=(1, 1), padding=(0, 0), dilation=(1, 1), groups=1,
               padding_mode=None):
    p = {"stride": list(stride), "dilation": list(dilation), "groups": groups}
    if isinstance(padding, str):
        p["padding_preset"] = enum("padding_preset", padding)
    else:
        p["padding"] = list(padding)
    if padding_mode:
        p["padding_mode"] = enum("padding_mode", padding_mode)
    return p


SEED_IN = [20, 16, 50, 100]
case("conv2d_seed_square", "conv2d", [SEED_IN, [33, 16, 3, 3], [33]],
     conv_props(3, stride=(2, 2)), conv(16, 33, 3, stride=2))
case("conv2d_seed_nonsquare", "conv2d", [SEED_IN, [33, 16, 3, 5], [33]],
     conv_props(0, stride=(2, 1), padding=(4, 2)),
     conv(16, 33, (3, 5), stride=(2, 1), padding=(4, 2)))
case("conv2d_seed_dilated", "conv2d", [SEED_IN, [33, 16, 3, 5], [33]],
     conv_props(0, stride=(2, 1), padding=(4, 2), dilation=(3, 1)),
     conv(16, 33, (3, 5), stride=(2, 1), padding=(4, 2), dilation=(3, 1)))
case("conv2d_groups", "conv2d", [[2, 16, 9, 9], [32, 4, 3, 3]],
     conv_props(3, groups=4), conv(16, 32, 3, groups=4, bias=False))
case("conv2d_same_even_dilated", "conv2d", [[1, 3, 10, 11], [5, 3, 4, 3], [5]],
     conv_props(0, padding="same", dilation=(2, 1)),
     conv(3, 5, (4, 3), padding="same", dilation=(2, 1)))
case("conv2d_valid", "conv2d", [[1, 3, 10, 11], [5, 3, 4, 3], [5]],
     conv_props(0, padding="valid"), conv(3, 5, (4, 3), padding="valid"))
for mode in ["reflect", "replicate", "circular"]:
    case(f"conv2d_{mode}", "conv2d", [[2, 4, 7, 8], [6, 4, 3, 3], [6]],
         conv_props(3, padding=(1, 2), padding_mode=mode),
         conv(4, 6, 3, padding=(1, 2), padding_mode=mode))
case("conv2d_same_reflect", "conv2d", [[2, 4, 7, 8], [6, 4, 3, 3]],
     conv_props(3, padding="same", padding_mode="reflect"),
     conv(4, 6, 3, padding="same", padding_mode="reflect", bias=False))
case("conv2d_unbatched", "conv2d", [[16, 10, 12], [8, 16, 3, 3], [8]],
     conv_props(3, stride=(2, 2), padding=(1, 1)), conv(16, 8, 3, stride=2, padding=1))
case("conv2d_seed_downsample", "conv2d", [[1, 16, 12, 12], [16, 16, 3, 3], [16]],
     conv_props(3, stride=(2, 2), padding=(1, 1)), conv(16, 16, 3, stride=2, padding=1))
case("conv2d_channel_mismatch", "conv2d", [SEED_IN, [33, 8, 3, 3]], conv_props(3),
     lambda x, w: F.conv2d(x, w), error="input has 16 channels but weight expects 8")
case("conv2d_groups_channel_mismatch", "conv2d", [[1, 16, 5, 5], [8, 4, 3, 3]],
     conv_props(3, groups=2), lambda x, w: F.conv2d(x, w, groups=2),
     error="input has 16 channels but weight expects 8 (groups=2)")
case("conv2d_groups_out_channels", "conv2d", [[1, 16, 5, 5], [9, 8, 3, 3]],
     conv_props(3, groups=2), lambda x, w: F.conv2d(x, w, groups=2),
     error="not divisible by groups=2")
case("conv2d_bias_size", "conv2d", [[1, 3, 5, 5], [4, 3, 3, 3], [5]], conv_props(3),
     lambda x, w, b: F.conv2d(x, w, b), error="bias has shape [5] but must be [4]")
case("conv2d_same_strided", "conv2d", [[1, 3, 10, 10], [4, 3, 3, 3]],
     conv_props(3, stride=(2, 2), padding="same"),
     lambda x, w: F.conv2d(x, w, stride=2, padding="same"), error="needs stride 1")
case("conv2d_kernel_too_big", "conv2d", [[1, 3, 2, 2], [4, 3, 3, 3]], conv_props(3),
     lambda x, w: F.conv2d(x, w), error="padded input is 2x2 but the dilated kernel is 3x3")
case("conv2d_reflect_too_much", "conv2d", [[1, 3, 4, 4], [4, 3, 3, 3]],
     conv_props(3, padding=(4, 4), padding_mode="reflect"),
     conv(3, 4, 3, padding=4, padding_mode="reflect", bias=False),
     error="needs padding below the input size")

# ------------------------------------------------------- transposed convolution
def convt(cin, cout, k, output_size=None, **kw):
    def run(x, *_):
        return nn.ConvTranspose2d(cin, cout, k, **kw)(x, output_size=output_size)
    return run


def convt_props(stride=(1, 1), padding=(0, 0), output_padding=(0, 0), groups=1,
                dilation=(1, 1), output_size=None):
    p = {"stride": list(stride), "padding": list(padding),
         "output_padding": list(output_padding), "groups": groups,
         "dilation": list(dilation)}
    if output_size is not None:
        p["output_size"] = list(output_size)
    return p


case("conv_transpose2d_seed_square", "conv_transpose2d",
     [SEED_IN, [16, 33, 3, 3], [33]], convt_props(stride=(2, 2)),
     convt(16, 33, 3, stride=2))
case("conv_transpose2d_seed_nonsquare", "conv_transpose2d",
     [SEED_IN, [16, 33, 3, 5], [33]], convt_props(stride=(2, 1), padding=(4, 2)),
     convt(16, 33, (3, 5), stride=(2, 1), padding=(4, 2)))
case("conv_transpose2d_seed_output_size", "conv_transpose2d",
     [[1, 16, 6, 6], [16, 16, 3, 3], [16]],
     convt_props(stride=(2, 2), padding=(1, 1), output_size=(1, 16, 12, 12)),
     convt(16, 16, 3, stride=2, padding=1, output_size=[1, 16, 12, 12]))
case("conv_transpose2d_output_size_hw", "conv_transpose2d",
     [[1, 16, 6, 6], [16, 16, 3, 3]],
     convt_props(stride=(2, 2), padding=(1, 1), output_size=(11, 12)),
     convt(16, 16, 3, stride=2, padding=1, output_size=[11, 12], bias=False))
case("conv_transpose2d_output_padding", "conv_transpose2d",
     [[2, 4, 5, 6], [4, 3, 3, 3]],
     convt_props(stride=(2, 3), output_padding=(1, 2)),
     convt(4, 3, 3, stride=(2, 3), output_padding=(1, 2), bias=False))
case("conv_transpose2d_groups_dilation", "conv_transpose2d",
     [[2, 6, 5, 5], [6, 2, 3, 3], [6]],
     convt_props(groups=3, dilation=(2, 2), padding=(1, 1)),
     convt(6, 6, 3, groups=3, dilation=2, padding=1))
case("conv_transpose2d_output_padding_too_big", "conv_transpose2d",
     [[1, 4, 5, 5], [4, 3, 3, 3]], convt_props(stride=(2, 2), output_padding=(2, 2)),
     convt(4, 3, 3, stride=2, output_padding=2, bias=False),
     error="must be smaller than either stride or dilation")
case("conv_transpose2d_output_size_unreachable", "conv_transpose2d",
     [[1, 16, 6, 6], [16, 16, 3, 3]],
     convt_props(stride=(2, 2), padding=(1, 1), output_size=(1, 16, 14, 12)),
     convt(16, 16, 3, stride=2, padding=1, output_size=[1, 16, 14, 12], bias=False),
     error="is unreachable")
case("conv_transpose2d_channel_mismatch", "conv_transpose2d",
     [[1, 8, 6, 6], [16, 4, 3, 3]], convt_props(),
     lambda x, w: F.conv_transpose2d(x, w), error="input has 8 channels but weight expects 16")

# --------------------------------------------------------------------- linear
case("linear_seed", "linear", [[128, 20], [30, 20], [30]], {},
     lambda x, w, b: F.linear(x, w, b))
case("linear_3d_no_bias", "linear", [[4, 5, 20], [30, 20]], {},
     lambda x, w: F.linear(x, w))
case("linear_1d_input", "linear", [[20], [30, 20], [30]], {},
     lambda x, w, b: F.linear(x, w, b))
case("linear_1d_weight", "linear", [[7, 20], [20]], {}, lambda x, w: F.linear(x, w))
case("linear_features_mismatch", "linear", [[128, 20], [30, 21]], {},
     lambda x, w: F.linear(x, w), error="input has 20 features but weight expects 21")
case("matmul_seed", "matmul", [[10, 3, 4], [10, 4, 5]], {}, torch.matmul)
case("matmul_dot", "matmul", [[3], [3]], {}, torch.matmul)
case("matmul_matrix_vector", "matmul", [[2, 3], [3]], {}, torch.matmul)
case("matmul_vector_matrix", "matmul", [[3], [3, 4]], {}, torch.matmul)
case("matmul_vector_batched", "matmul", [[4], [7, 4, 5]], {}, torch.matmul)
case("matmul_batched_vector", "matmul", [[7, 3, 4], [4]], {}, torch.matmul)
case("matmul_broadcast_batch", "matmul", [[10, 1, 3, 4], [5, 4, 2]], {}, torch.matmul)
case("matmul_mismatch", "matmul", [[2, 3], [4, 5]], {}, torch.matmul,
     error="mismatched contraction sizes 3 and 4")
case("matmul_batch_mismatch", "matmul", [[2, 3, 4], [5, 4, 5]], {}, torch.matmul,
     error="do not broadcast")
case("mm_seed", "mm", [[2, 3], [3, 3]], {}, torch.mm)
case("mm_mismatch", "mm", [[2, 3], [4, 3]], {}, torch.mm, error="cannot be multiplied")
case("bmm_seed", "bmm", [[10, 3, 4], [10, 4, 5]], {}, torch.bmm)
case("bmm_batch_mismatch", "bmm", [[10, 3, 4], [9, 4, 5]], {}, torch.bmm,
     error="input has batch size 10 but mat2 has 9")

# ------------------------------------------------------------- normalization
def bn(training, n_stats=True):
    def run(x, m=None, v=None, w=None, b=None):
        out = F.batch_norm(x, m, v, w, b, training=training)
        return (out, m, v) if training and m is not None else out
    return run


SEED_BN = [20, 100, 35, 45]
case("batch_norm_seed_eval", "batch_norm", [SEED_BN, [100], [100], [100], [100]], {},
     bn(False), segments=[1, 1, 1, 1, 1])
case("batch_norm_seed_train", "batch_norm", [SEED_BN, [100], [100], [100], [100]],
     {"training": True}, bn(True), segments=[1, 1, 1, 1, 1])
case("batch_norm_seed_no_affine", "batch_norm", [SEED_BN, [100], [100]], {"training": True},
     bn(True), segments=[1, 1, 1, 0, 0])
case("batch_norm_train_no_stats", "batch_norm", [[4, 3, 5]], {"training": True},
     bn(True), segments=[1, 0, 0, 0, 0])
case("batch_norm_eval_no_stats", "batch_norm", [[4, 3, 5]], {}, bn(False),
     error="are required when training is false", segments=[1, 0, 0, 0, 0])
case("batch_norm_stats_size", "batch_norm", [[4, 3, 5], [4], [4]], {}, bn(False),
     error="running_mean has shape [4] but must be [3]", segments=[1, 1, 1, 0, 0])
case("batch_norm_one_value_per_channel", "batch_norm", [[1, 3]], {"training": True},
     bn(True), error="more than 1 value per channel", segments=[1, 0, 0, 0, 0])
case("layer_norm_seed", "layer_norm", [[20, 5, 10], [10], [10]],
     {"normalized_shape": [10]}, lambda x, w, b: F.layer_norm(x, [10], w, b),
     segments=[1, 1, 1])
case("layer_norm_2d", "layer_norm", [[20, 5, 10]], {"normalized_shape": [5, 10]},
     lambda x: F.layer_norm(x, [5, 10]), segments=[1, 0, 0])
case("layer_norm_3d", "layer_norm", [[2, 4, 5, 10], [4, 5, 10]],
     {"normalized_shape": [4, 5, 10]}, lambda x, w: F.layer_norm(x, [4, 5, 10], w),
     segments=[1, 1, 0])
case("layer_norm_mismatch", "layer_norm", [[20, 5, 11]], {"normalized_shape": [10]},
     lambda x: F.layer_norm(x, [10]), error="does not end with normalized_shape [10]",
     segments=[1, 0, 0])


def inorm(use_input_stats=True):
    def run(x, m=None, v=None, w=None, b=None):
        out = F.instance_norm(x, m, v, w, b, use_input_stats=use_input_stats)
        return (out, m, v) if use_input_stats and m is not None else out
    return run


case("instance_norm_seed", "instance_norm", [SEED_BN], {}, inorm(),
     segments=[1, 0, 0, 0, 0])
case("instance_norm_affine", "instance_norm", [SEED_BN, None, None, [100], [100]], {},
     inorm(), segments=[1, 0, 0, 1, 1])
case("instance_norm_running_stats", "instance_norm", [[2, 3, 4, 4], [3], [3]], {},
     inorm(), segments=[1, 1, 1, 0, 0])
case("instance_norm_eval_stats", "instance_norm", [[2, 3, 4, 4], [3], [3]],
     {"use_input_stats": False}, inorm(False), segments=[1, 1, 1, 0, 0])
case("instance_norm_single_spatial", "instance_norm", [[2, 3, 1, 1]], {}, inorm(),
     error="more than 1 spatial element", segments=[1, 0, 0, 0, 0])
for g in [3, 6, 1]:
    case(f"group_norm_seed_{g}", "group_norm", [[20, 6, 10, 10], [6], [6]],
         {"num_groups": g}, lambda x, w, b, g=g: F.group_norm(x, g, w, b),
         segments=[1, 1, 1])
case("group_norm_indivisible", "group_norm", [[20, 6, 10, 10]], {"num_groups": 4},
     lambda x: F.group_norm(x, 4), error="not divisible by num_groups=4",
     segments=[1, 0, 0])


sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "golden"))
from references import rms_norm as rms  # noqa: E402


case("rms_norm_last", "rms_norm", [[4, 7, 16], [16]], {"normalized_shape": [16]},
     rms([16]))
case("rms_norm_two_dims", "rms_norm", [[4, 7, 16]],
     {"normalized_shape": [7, 16], "eps": 1e-6}, rms([7, 16], 1e-6))
case("rms_norm_weight_shape", "rms_norm", [[4, 7, 16], [7]], {"normalized_shape": [16]},
     error="weight has shape [7] but must be normalized_shape [16]")


def switch_norm(x, rm, rv, w, b, mw, vw):
    # Shapes follow from Luo et al.'s definition: the output is x-shaped and
    # the running stats keep their [C] shape.
    return (x, rm, rv)


case("switch_norm_train", "switch_norm", [[8, 4, 5, 5], [4], [4], [4], [4], [3], [3]],
     {"training": True}, switch_norm)
case("switch_norm_eval", "switch_norm", [[8, 4, 5, 5], [4], [4], [4], [4], [3], [3]],
     {}, lambda x, *rest: x)
case("switch_norm_logits", "switch_norm", [[8, 4, 5, 5], [4], [4], [4], [4], [2], [3]],
     {}, error="mean_weight has shape [2] but must be [3]")
case("deep_norm", "deep_norm", [[4, 6, 32], [4, 6, 32], [32], [32]],
     {"alpha": 2.0, "normalized_shape": [32]},
     lambda x, y, w, b: F.layer_norm(2.0 * x + y, [32], w, b), segments=[1, 1, 1, 1])
case("deep_norm_sublayer_mismatch", "deep_norm", [[4, 6, 32], [4, 6, 31]],
     {"alpha": 2.0, "normalized_shape": [32]},
     lambda x, y: F.layer_norm(2.0 * x + y, [32]), error="sublayer_out has type",
     segments=[1, 1, 0, 0])
case("dyt", "dyt", [[4, 6, 32], [1], [32], [32]], {},
     lambda x, a, w, b: w * torch.tanh(a * x) + b)
case("dyt_alpha_not_scalar", "dyt", [[4, 6, 32], [2], [32], [32]], {},
     error="alpha must hold one element")

# -------------------------------------------------------------------- pooling
def pool_props(kernel, stride=(), padding=(0, 0), **kw):
    return dict(kernel_size=list(kernel), stride=list(stride), padding=list(padding), **kw)


case("max_pool2d_seed_square", "max_pool2d", [[20, 16, 50, 32]],
     pool_props((3, 3), (2, 2)), nn.MaxPool2d(3, stride=2))
case("max_pool2d_seed_nonsquare", "max_pool2d", [[20, 16, 50, 32]],
     pool_props((3, 2), (2, 1)), nn.MaxPool2d((3, 2), stride=(2, 1)))
case("max_pool2d_default_stride", "max_pool2d", [[2, 3, 9, 10]], pool_props((2, 3)),
     nn.MaxPool2d((2, 3)))
case("max_pool2d_ceil_pad_dilation", "max_pool2d", [[2, 3, 10, 11]],
     pool_props((3, 3), (2, 2), (1, 1), dilation=[2, 2], ceil_mode=True),
     nn.MaxPool2d(3, 2, padding=1, dilation=2, ceil_mode=True))
case("max_pool2d_ceil_last_window", "max_pool2d", [[1, 1, 5, 5]],
     pool_props((2, 2), (2, 2), (1, 1), ceil_mode=True),
     nn.MaxPool2d(2, 2, padding=1, ceil_mode=True))
case("max_pool2d_indices", "max_pool2d", [[16, 12, 12]],
     pool_props((2, 2), return_indices=True), nn.MaxPool2d(2, return_indices=True))
case("max_pool2d_pad_too_big", "max_pool2d", [[1, 1, 8, 8]],
     pool_props((3, 3), (1, 1), (2, 2)), nn.MaxPool2d(3, 1, padding=2),
     error="must be at most half of kernel_size")
case("max_pool2d_too_small", "max_pool2d", [[1, 1, 2, 2]], pool_props((3, 3)),
     nn.MaxPool2d(3), error="is too small")
case("avg_pool2d_seed_square", "avg_pool2d", [[20, 16, 50, 32]],
     pool_props((3, 3), (2, 2)), nn.AvgPool2d(3, stride=2))
case("avg_pool2d_seed_nonsquare", "avg_pool2d", [[20, 16, 50, 32]],
     pool_props((3, 2), (2, 1)), nn.AvgPool2d((3, 2), stride=(2, 1)))
case("avg_pool2d_ceil_no_pad_count", "avg_pool2d", [[2, 3, 10, 11]],
     pool_props((3, 3), (2, 2), (1, 1), ceil_mode=True, count_include_pad=False,
                divisor_override=5),
     nn.AvgPool2d(3, 2, 1, ceil_mode=True, count_include_pad=False, divisor_override=5))
case("avg_pool2d_zero_divisor", "avg_pool2d", [[1, 1, 4, 4]],
     pool_props((2, 2), divisor_override=0), nn.AvgPool2d(2, divisor_override=0),
     error="divisor_override must not be zero")
case("adaptive_avg_pool2d_seed_5x7", "adaptive_avg_pool2d", [[1, 64, 8, 9]],
     {"output_size": [5, 7]}, nn.AdaptiveAvgPool2d((5, 7)))
case("adaptive_avg_pool2d_seed_7", "adaptive_avg_pool2d", [[1, 64, 10, 9]],
     {"output_size": [7, 7]}, nn.AdaptiveAvgPool2d(7))
case("adaptive_avg_pool2d_seed_none", "adaptive_avg_pool2d", [[1, 64, 10, 9]],
     {"output_size": [-1, 7]}, nn.AdaptiveAvgPool2d((None, 7)))
case("adaptive_avg_pool2d_global", "adaptive_avg_pool2d", [[8, 32, 7, 7]],
     {"output_size": [1, 1]}, nn.AdaptiveAvgPool2d(1))
case("adaptive_max_pool2d_indices", "adaptive_max_pool2d", [[2, 3, 10, 9]],
     {"output_size": [4, 5], "return_indices": True},
     nn.AdaptiveMaxPool2d((4, 5), return_indices=True))
case("adaptive_max_pool2d_bad_size", "adaptive_max_pool2d", [[2, 3, 10, 9]],
     {"output_size": [4, 5, 6]}, nn.AdaptiveMaxPool2d((4, 5, 6)),
     error="output_size must have 2 values")

# ----------------------------------------------------------------- activations
case("relu", "relu", [[3, 4]], {}, F.relu)
case("gelu_tanh", "gelu", [[3, 4]], {"approximate": enum("approximate", "tanh")},
     lambda x: F.gelu(x, approximate="tanh"))
case("softplus", "softplus", [[3, 4]], {"beta": 2.0, "threshold": 10.0},
     lambda x: F.softplus(x, 2.0, 10.0))
case("prelu_shared", "prelu", [[2, 5, 4], [1]], {}, F.prelu)
case("prelu_channels", "prelu", [[2, 5, 4], [5]], {}, F.prelu)
case("prelu_channel_mismatch", "prelu", [[2, 5, 4], [4]], {}, F.prelu,
     error="weight has 4 elements but must have 1 or 5")
case("softmax_last", "softmax", [[2, 3, 4]], {"dim": -1}, lambda x: F.softmax(x, -1))
case("log_softmax_first", "log_softmax", [[2, 3, 4]], {"dim": 0},
     lambda x: F.log_softmax(x, 0))

# ---------------------------------------------------------------------- layout
case("reshape_seed_2x2", "reshape", [[4]], {"shape": [2, 2]}, lambda x: x.reshape(2, 2))
case("reshape_seed_flat", "reshape", [[2, 2]], {"shape": [-1]}, lambda x: x.reshape(-1))
case("reshape_view_infer", "reshape", [[4, 4]], {"shape": [-1, 8]}, lambda x: x.view(-1, 8))
case("reshape_seed_view16", "reshape", [[4, 4]], {"shape": [16]}, lambda x: x.view(16))
case("reshape_seed_view_1x3x2x4", "reshape", [[1, 2, 3, 4]], {"shape": [1, 3, 2, 4]},
     lambda x: x.view(1, 3, 2, 4))
case("reshape_two_infer", "reshape", [[4, 4]], {"shape": [-1, -1]},
     lambda x: x.view(-1, -1), error="more than one -1")
case("reshape_size_mismatch", "reshape", [[10]], {"shape": [3, 4]},
     lambda x: x.reshape(3, 4), error="is invalid for input of shape [10]")
case("transpose_seed", "transpose", [[2, 3]], {"dim0": 0, "dim1": 1},
     lambda x: torch.transpose(x, 0, 1))
case("transpose_negative", "transpose", [[1, 2, 3, 4]], {"dim0": 1, "dim1": -1},
     lambda x: torch.transpose(x, 1, -1))
case("transpose_seed_1x2x3x4", "transpose", [[1, 2, 3, 4]], {"dim0": 1, "dim1": 2},
     lambda x: x.transpose(1, 2))
case("transpose_out_of_range", "transpose", [[2, 3]], {"dim0": 0, "dim1": 2},
     lambda x: torch.transpose(x, 0, 2), error="dim1 2 is out of range")
case("permute_seed", "permute", [[2, 3, 5]], {"dims": [2, 0, 1]},
     lambda x: torch.permute(x, (2, 0, 1)))
case("permute_repeat", "permute", [[2, 3, 5]], {"dims": [2, 0, -1]},
     lambda x: torch.permute(x, (2, 0, -1)), error="appears more than once")
case("squeeze_all", "squeeze", [[1, 3, 1, 4]], {}, torch.squeeze)
case("squeeze_dim_not_one", "squeeze", [[1, 3, 1, 4]], {"dim": [1]},
     lambda x: torch.squeeze(x, 1))
case("squeeze_dim", "squeeze", [[1, 3, 1, 4]], {"dim": [-2]}, lambda x: torch.squeeze(x, -2))
case("unsqueeze_front", "unsqueeze", [[3, 4]], {"dim": 0}, lambda x: torch.unsqueeze(x, 0))
case("unsqueeze_back", "unsqueeze", [[3, 4]], {"dim": -1}, lambda x: torch.unsqueeze(x, -1))
case("unsqueeze_out_of_range", "unsqueeze", [[3, 4]], {"dim": 3},
     lambda x: torch.unsqueeze(x, 3), error="dim 3 is out of range")
case("flatten_seed_all", "flatten", [[2, 2, 2]], {}, torch.flatten)
case("flatten_seed_start1", "flatten", [[2, 2, 2]], {"start_dim": 1},
     lambda x: torch.flatten(x, start_dim=1))
case("flatten_middle", "flatten", [[2, 3, 4, 5]], {"start_dim": 1, "end_dim": 2},
     lambda x: torch.flatten(x, 1, 2))
case("flatten_scalar", "flatten", [[]], {}, torch.flatten)
case("flatten_reversed", "flatten", [[2, 3, 4]], {"start_dim": 2, "end_dim": 1},
     lambda x: torch.flatten(x, 2, 1), error="start_dim 2 comes after end_dim 1")
case("expand_seed", "expand", [[3, 1]], {"sizes": [3, 4]}, lambda x: x.expand(3, 4))
case("expand_seed_keep", "expand", [[3, 1]], {"sizes": [-1, 4]}, lambda x: x.expand(-1, 4))
case("expand_leading", "expand", [[3, 1]], {"sizes": [2, 3, 4]}, lambda x: x.expand(2, 3, 4))
case("expand_non_singleton", "expand", [[3, 2]], {"sizes": [3, 4]},
     lambda x: x.expand(3, 4), error="which is not 1")
case("cat_seed_dim0", "cat", [[2, 3], [2, 3], [2, 3]], {"dim": 0},
     lambda *t: torch.cat(t, 0))
case("cat_seed_dim1", "cat", [[2, 3], [2, 3], [2, 3]], {"dim": 1},
     lambda *t: torch.cat(t, 1))
case("cat_uneven", "cat", [[2, 3], [2, 5]], {"dim": -1}, lambda *t: torch.cat(t, -1))
case("cat_mismatch", "cat", [[2, 3], [3, 3]], {"dim": 1}, lambda *t: torch.cat(t, 1),
     error="tensor #1 has shape [3, 3] but tensor #0 has [2, 3]")
case("stack_seed", "stack", [[2, 3], [2, 3]], {"dim": 1}, lambda *t: torch.stack(t, 1))
case("stack_end", "stack", [[2, 3], [2, 3], [2, 3]], {"dim": -1},
     lambda *t: torch.stack(t, -1))
case("stack_mismatch", "stack", [[2, 3], [2, 4]], {}, lambda *t: torch.stack(t),
     error="tensor #1 has shape [2, 4]")
case("split_seed_size", "split", [[5, 2]], {"split_size": 2}, lambda x: torch.split(x, 2))
case("split_seed_sections", "split", [[5, 2]], {"sections": [1, 4]},
     lambda x: torch.split(x, [1, 4]))
case("split_dim1", "split", [[4, 7]], {"split_size": 3, "dim": 1},
     lambda x: torch.split(x, 3, dim=1))
case("split_bad_sections", "split", [[5, 2]], {"sections": [1, 3]},
     lambda x: torch.split(x, [1, 3]), error="sum to 4 but dim 0 has size 5")


def slice_props(dims, starts, ends, steps):
    return {"dims": dims, "starts": starts, "ends": ends, "steps": steps}


case("slice_seed_range", "slice", [[10]], slice_props([0], [2], [7], [1]), lambda x: x[2:7])
case("slice_seed_step", "slice", [[10]], slice_props([0], [1], [9], [2]), lambda x: x[1:9:2])
case("slice_seed_full", "slice", [[10]], slice_props([0], [0], [I64_MAX], [1]),
     lambda x: x[:])
case("slice_negative", "slice", [[10, 6]], slice_props([0, 1], [-3, -5], [I64_MAX, -1], [1, 2]),
     lambda x: x[-3:, -5:-1:2])
case("slice_clamped", "slice", [[10]], slice_props([0], [5], [100], [3]), lambda x: x[5:100:3])
case("slice_empty", "slice", [[10]], slice_props([0], [7], [2], [1]), lambda x: x[7:2])
case("slice_zero_step", "slice", [[10]], slice_props([0], [0], [5], [0]),
     error="steps must be positive")

# ------------------------------------------------------------------- pointwise
case("sqrt_seed", "sqrt", [[4]], {}, torch.sqrt)
case("add_broadcast", "add", [[4, 1], [3]], {"alpha": 2.0}, lambda a, b: torch.add(a, b, alpha=2))
case("add_scalar", "add", [[2, 3], []], {}, torch.add)
case("add_mismatch", "add", [[2, 3], [4]], {}, torch.add, error="do not broadcast")
case("sub_broadcast", "sub", [[5, 1, 3], [4, 1]], {}, torch.sub)
case("mul_broadcast", "mul", [[1], [2, 3]], {}, torch.mul)
case("div_broadcast", "div", [[2, 1, 4], [3, 1]], {}, torch.div)
case("pow_broadcast", "pow", [[2, 3], [1, 3]], {}, torch.pow)
case("maximum_broadcast", "maximum", [[6, 1], [1, 5]], {}, torch.maximum)
case("minimum_broadcast", "minimum", [[6, 5], [5]], {}, torch.minimum)

# ------------------------------------------------------------------ reductions
case("sum_seed", "sum", [[4, 4]], {"dim": [1]}, lambda x: torch.sum(x, 1))
case("sum_seed_dims", "sum", [[4, 5, 6]], {"dim": [2, 1]}, lambda x: torch.sum(x, (2, 1)))
case("sum_all", "sum", [[4, 5, 6]], {}, torch.sum)
case("sum_repeat", "sum", [[4, 5, 6]], {"dim": [1, -2]}, lambda x: torch.sum(x, (1, -2)),
     error="appears more than once")
case("mean_seed", "mean", [[4, 4]], {"dim": [1]}, lambda x: torch.mean(x, 1))
case("mean_seed_keepdim", "mean", [[4, 4]], {"dim": [1], "keepdim": True},
     lambda x: torch.mean(x, 1, True))
case("var_seed", "var", [[4, 4]], {"dim": [1], "keepdim": True},
     lambda x: torch.var(x, dim=1, keepdim=True))
case("var_all", "var", [[4, 4]], {"correction": 0}, lambda x: torch.var(x, unbiased=False))
case("max_seed", "max", [[4, 4]], {"dim": 1}, lambda x: tuple(torch.max(x, 1)))
case("max_all", "max", [[4, 4]], {}, torch.max)
case("max_keepdim", "max", [[4, 5, 6]], {"dim": -1, "keepdim": True},
     lambda x: tuple(torch.max(x, -1, keepdim=True)))
case("min_seed", "min", [[4, 4]], {"dim": 1}, lambda x: tuple(torch.min(x, 1)))
case("min_empty_dim", "min", [[0, 4]], {"dim": 0}, lambda x: torch.min(x, 0),
     error="dim 0 has size 0")

# ----------------------------------------------------------- embedding, dropout
case("embedding_seed", "embedding", [("ids", [2, 4], 10), [10, 3]], {}, F.embedding)
case("embedding_seed_padding", "embedding", [("ids", [1, 4], 10), [10, 3]],
     {"padding_idx": 0}, lambda i, w: F.embedding(i, w, padding_idx=0))
case("embedding_seed_pretrained", "embedding", [("ids", [1], 2), [2, 3]], {},
     F.embedding)
case("embedding_bad_padding", "embedding", [("ids", [4], 10), [10, 3]],
     {"padding_idx": 10}, lambda i, w: F.embedding(i, w, padding_idx=10),
     error="padding_idx 10 is outside the 10 embeddings")
case("dropout_seed", "dropout", [[20, 16]], {"p": 0.2}, lambda x: F.dropout(x, 0.2))

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "shape_cases.tsv")
with open(out, "w") as f:
    f.write("# Generated by gen_shape_cases.py from PyTorch " + torch.__version__ +
            "; do not edit.\n")
    f.write("\n".join(ROWS) + "\n")
print(f"wrote {len(ROWS)} cases to {out}")
