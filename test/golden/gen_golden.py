#!/usr/bin/env python3
"""Golden data for Kiln's end-to-end tests, computed by PyTorch.

    /usr/bin/python3 test/golden/gen_golden.py OUT_DIR

For every case: OUT_DIR/<case>/case.mlir (one kiln op in a function named
after the case), in<i>.npy, out<i>.npy, and a row of OUT_DIR/cases.tsv:
case, op, family, rtol, atol, inputs, outputs, result shape.
"""
import hashlib
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "python"))
from kiln import ir_text  # noqa: E402

import references  # noqa: E402  (beside this file)
from tolerances import TOLERANCES  # noqa: E402

CASES = []


def rng_for(name):
    return np.random.default_rng(int(hashlib.sha256(name.encode()).hexdigest()[:8], 16))


def case(name, op, inputs, ref, props=None, family="elementwise", operand_args=None):
    """inputs: numpy arrays, the function's arguments; ref: PyTorch on the
    same arrays (as tensors), returning a tensor or a tuple of them."""
    CASES.append((name, op, inputs, ref, props or {}, family, operand_args))


def randn(name, *shape):
    return rng_for(name + str(shape)).standard_normal(shape).astype(np.float32)


def positive(name, *shape):
    return (np.abs(randn(name, *shape)) + 0.1).astype(np.float32)


# ------------------------------------------------------------------ pointwise
for op, fn in [("add", torch.add), ("sub", torch.sub), ("mul", torch.mul),
               ("div", torch.div), ("maximum", torch.maximum), ("minimum", torch.minimum)]:
    n = f"{op}_broadcast"
    case(n, op, [randn(n, 4, 1, 5), randn(n + "b", 3, 1)], fn)
    n = f"{op}_same_shape"
    case(n, op, [randn(n, 2, 3, 4), randn(n + "b", 2, 3, 4)], fn)
    n = f"{op}_scalar"
    case(n, op, [randn(n, 2, 3), randn(n + "b")], fn)
case("add_alpha", "add", [randn("aa", 3, 4), randn("ab", 4)],
     lambda a, b: torch.add(a, b, alpha=2.5), {"alpha": 2.5})
case("sub_alpha", "sub", [randn("sa", 3, 4), randn("sb", 3, 1)],
     lambda a, b: torch.sub(a, b, alpha=-0.5), {"alpha": -0.5})
case("pow_broadcast", "pow", [positive("pa", 3, 4), randn("pb", 4)], torch.pow)
case("sqrt_seed", "sqrt", [positive("sq", 4)], torch.sqrt)
case("rsqrt", "rsqrt", [positive("rs", 5, 6)], torch.rsqrt)
case("exp", "exp", [randn("ex", 5, 6)], torch.exp)
case("log", "log", [positive("lg", 5, 6)], torch.log)
case("abs", "abs", [randn("ab", 5, 6)], torch.abs)
case("neg", "neg", [randn("ng", 5, 6)], torch.neg)
case("reciprocal", "reciprocal", [positive("rc", 5, 6)], torch.reciprocal)
case("clamp_both", "clamp", [randn("cl", 5, 6)], lambda x: torch.clamp(x, -0.5, 0.5),
     {"min": -0.5, "max": 0.5})
case("clamp_min", "clamp", [randn("cm", 5, 6)], lambda x: torch.clamp(x, min=0.1), {"min": 0.1})
case("clamp_max", "clamp", [randn("cx", 5, 6)], lambda x: torch.clamp(x, max=0.2), {"max": 0.2})

# ----------------------------------------------------------------- activations
A = (4, 5, 6)
for op, fn in [("relu", F.relu), ("relu6", F.relu6), ("selu", F.selu),
               ("sigmoid", torch.sigmoid), ("tanh", torch.tanh), ("silu", F.silu),
               ("mish", F.mish), ("hardswish", F.hardswish), ("hardsigmoid", F.hardsigmoid),
               ("softsign", F.softsign)]:
    case(op, op, [3 * randn(op, *A)], fn)
case("leaky_relu", "leaky_relu", [randn("lr", *A)], F.leaky_relu)
case("leaky_relu_slope", "leaky_relu", [randn("lr2", *A)],
     lambda x: F.leaky_relu(x, 0.2), {"negative_slope": 0.2})
case("elu", "elu", [randn("el", *A)], F.elu)
case("elu_alpha", "elu", [randn("el2", *A)], lambda x: F.elu(x, 0.5), {"alpha": 0.5})
case("gelu", "gelu", [3 * randn("ge", *A)], F.gelu)
case("gelu_tanh", "gelu", [3 * randn("gt", *A)], lambda x: F.gelu(x, approximate="tanh"),
     {"approximate": ir_text.enum("approximate", "tanh")})
case("softplus", "softplus", [10 * randn("sp", *A)], F.softplus)
case("softplus_beta_threshold", "softplus", [10 * randn("sp2", *A)],
     lambda x: F.softplus(x, 2.0, 5.0), {"beta": 2.0, "threshold": 5.0})
case("prelu_shared", "prelu", [randn("pr", 2, 5, 4), np.array([0.25], np.float32)], F.prelu)
case("prelu_channels", "prelu", [randn("pc", 2, 5, 4), randn("pcw", 5)], F.prelu)
case("softmax_last", "softmax", [3 * randn("sm", *A)], lambda x: F.softmax(x, -1),
     {"dim": -1}, family="reduction")
case("softmax_first", "softmax", [3 * randn("sm0", *A)], lambda x: F.softmax(x, 0),
     {"dim": 0}, family="reduction")
case("softmax_large", "softmax", [100 * randn("sml", 3, 7)], lambda x: F.softmax(x, 1),
     {"dim": 1}, family="reduction")
case("log_softmax_last", "log_softmax", [3 * randn("ls", *A)],
     lambda x: F.log_softmax(x, -1), {"dim": -1}, family="reduction")
case("log_softmax_middle", "log_softmax", [100 * randn("ls1", *A)],
     lambda x: F.log_softmax(x, 1), {"dim": 1}, family="reduction")

# ------------------------------------------------------------------ reductions
case("sum_seed", "sum", [randn("su", 4, 4)], lambda x: torch.sum(x, 1), {"dim": [1]},
     family="reduction")
case("sum_seed_dims", "sum", [np.arange(120, dtype=np.float32).reshape(4, 5, 6)],
     lambda x: torch.sum(x, (2, 1)), {"dim": [2, 1]}, family="reduction")
case("sum_all", "sum", [randn("sa", 3, 4, 5)], torch.sum, family="reduction")
case("sum_keepdim", "sum", [randn("sk", 3, 4, 5)], lambda x: torch.sum(x, -1, keepdim=True),
     {"dim": [-1], "keepdim": True}, family="reduction")
case("mean_seed", "mean", [randn("me", 4, 4)], lambda x: torch.mean(x, 1), {"dim": [1]},
     family="reduction")
case("mean_seed_keepdim", "mean", [randn("mk", 4, 4)], lambda x: torch.mean(x, 1, True),
     {"dim": [1], "keepdim": True}, family="reduction")
case("mean_all", "mean", [randn("ma", 3, 4, 5)], torch.mean, family="reduction")
SEED_VAR = np.array([[0.2035, 1.2959, 1.8101, -0.4644], [1.5027, -0.3270, 0.5905, 0.6538],
                     [-1.5745, 1.3330, -0.5596, -0.6548], [0.1264, -0.5080, 1.6420, 0.1992]],
                    np.float32)
case("var_seed", "var", [SEED_VAR], lambda x: torch.var(x, dim=1, keepdim=True),
     {"dim": [1], "keepdim": True}, family="reduction")
case("var_correction0", "var", [randn("v0", 3, 4, 5)],
     lambda x: torch.var(x, (0, 2), unbiased=False), {"dim": [0, 2], "correction": 0},
     family="reduction")
case("var_all", "var", [randn("va", 3, 4, 5)], torch.var, family="reduction")
for op, fn in [("max", torch.max), ("min", torch.min)]:
    case(f"{op}_seed", op, [randn(op, 4, 4)], lambda x, fn=fn: tuple(fn(x, 1)), {"dim": 1},
         family="reduction")
    case(f"{op}_all", op, [randn(op + "a", 3, 4, 5)], fn, family="reduction")
    case(f"{op}_keepdim", op, [randn(op + "k", 3, 4, 5)],
         lambda x, fn=fn: tuple(fn(x, 0, keepdim=True)), {"dim": 0, "keepdim": True},
         family="reduction")
    ties = np.array([[1, 3, 3, 0], [2, 2, 1, 2]], np.float32)
    case(f"{op}_ties_first_index", op, [ties], lambda x, fn=fn: tuple(fn(x, 1)), {"dim": 1},
         family="reduction")
    # The first NaN wins over everything; all -inf (or +inf) picks index 0.
    special = np.array([[1, np.nan, 3, np.nan], [-np.inf] * 4, [np.inf] * 4,
                        [2, np.inf, -np.inf, np.inf]], np.float32)
    case(f"{op}_nan_inf", op, [special], lambda x, fn=fn: tuple(fn(x, 1)), {"dim": 1},
         family="reduction")

# --------------------------------------------------------------------- linear
case("linear_seed", "linear", [randn("li", 128, 20), randn("lw", 30, 20), randn("lb", 30)],
     F.linear, family="contraction")
case("linear_3d_no_bias", "linear", [randn("l3", 4, 5, 20), randn("l3w", 30, 20)], F.linear,
     family="contraction")
case("linear_1d_weight", "linear", [randn("l1", 7, 20), randn("l1w", 20)], F.linear,
     family="contraction")
case("matmul_seed", "matmul", [randn("mm", 10, 3, 4), randn("mmb", 10, 4, 5)], torch.matmul,
     family="contraction")
case("matmul_dot", "matmul", [randn("md", 7), randn("mdb", 7)], torch.matmul,
     family="contraction")
case("matmul_matrix_vector", "matmul", [randn("mv", 3, 7), randn("mvb", 7)], torch.matmul,
     family="contraction")
case("matmul_vector_matrix", "matmul", [randn("vm", 7), randn("vmb", 7, 4)], torch.matmul,
     family="contraction")
case("matmul_broadcast_batch", "matmul", [randn("mb", 2, 1, 3, 4), randn("mbb", 5, 4, 2)],
     torch.matmul, family="contraction")
case("matmul_vector_batched", "matmul", [randn("vb", 4), randn("vbb", 3, 4, 5)],
     torch.matmul, family="contraction")
case("mm_seed", "mm", [randn("m2", 2, 3), randn("m2b", 3, 3)], torch.mm, family="contraction")
case("bmm_seed", "bmm", [randn("b3", 10, 3, 4), randn("b3b", 10, 4, 5)], torch.bmm,
     family="contraction")

# --------------------------------------------------------------------- layout
L = "layout"
case("reshape_seed", "reshape", [np.arange(4, dtype=np.float32)], lambda x: x.reshape(2, 2),
     {"shape": [2, 2]}, family=L)
case("reshape_seed_flat", "reshape", [randn("rf", 2, 2)], lambda x: x.reshape(-1),
     {"shape": [-1]}, family=L)
case("reshape_seed_view16", "reshape", [randn("r16", 4, 4)], lambda x: x.view(16),
     {"shape": [16]}, family=L)
case("reshape_seed_view_infer", "reshape", [randn("ri", 4, 4)], lambda x: x.view(-1, 8),
     {"shape": [-1, 8]}, family=L)
case("reshape_regroup", "reshape", [randn("rr", 2, 3, 4)], lambda x: x.reshape(4, 6),
     {"shape": [4, 6]}, family=L)
case("reshape_seed_view_1x3x2x4", "reshape", [randn("rv", 1, 2, 3, 4)],
     lambda x: x.view(1, 3, 2, 4), {"shape": [1, 3, 2, 4]}, family=L)
case("transpose_seed", "transpose", [randn("tr", 2, 3)], lambda x: torch.transpose(x, 0, 1),
     {"dim0": 0, "dim1": 1}, family=L)
case("transpose_seed_1x2x3x4", "transpose", [randn("t4", 1, 2, 3, 4)],
     lambda x: x.transpose(1, 2), {"dim0": 1, "dim1": 2}, family=L)
case("permute_seed", "permute", [randn("pe", 2, 3, 5)], lambda x: torch.permute(x, (2, 0, 1)),
     {"dims": [2, 0, 1]}, family=L)
case("squeeze_all", "squeeze", [randn("sq", 1, 3, 1, 4)], torch.squeeze, family=L)
case("squeeze_dim", "squeeze", [randn("sd", 1, 3, 1, 4)], lambda x: torch.squeeze(x, 2),
     {"dim": [2]}, family=L)
case("unsqueeze", "unsqueeze", [randn("us", 3, 4)], lambda x: torch.unsqueeze(x, 1),
     {"dim": 1}, family=L)
T = np.arange(1, 9, dtype=np.float32).reshape(2, 2, 2)
case("flatten_seed", "flatten", [T], torch.flatten, family=L)
case("flatten_seed_start1", "flatten", [T], lambda x: torch.flatten(x, start_dim=1),
     {"start_dim": 1}, family=L)
case("expand_seed", "expand", [np.array([[1], [2], [3]], np.float32)],
     lambda x: x.expand(3, 4), {"sizes": [3, 4]}, family=L)
case("expand_seed_keep", "expand", [np.array([[1], [2], [3]], np.float32)],
     lambda x: x.expand(-1, 4), {"sizes": [-1, 4]}, family=L)
case("expand_leading", "expand", [randn("el", 3, 1)], lambda x: x.expand(2, 3, 4),
     {"sizes": [2, 3, 4]}, family=L)
X = randn("cat", 2, 3)
case("cat_seed_dim0", "cat", [X, X, X], lambda *t: torch.cat(t, 0), {"dim": 0}, family=L)
case("cat_seed_dim1", "cat", [X, X, X], lambda *t: torch.cat(t, 1), {"dim": 1}, family=L)
case("cat_uneven", "cat", [randn("c1", 2, 3), randn("c2", 2, 5)], lambda *t: torch.cat(t, -1),
     {"dim": -1}, family=L)
case("stack_seed", "stack", [randn("sa", 2, 3), randn("sb", 2, 3)],
     lambda *t: torch.stack(t, 1), {"dim": 1}, family=L)
case("stack_last", "stack", [randn("sl0", 2, 3), randn("sl1", 2, 3)],
     lambda *t: torch.stack(t, -1), {"dim": -1}, family=L)
case("stack_first", "stack", [randn("s0", 2, 3), randn("s1", 2, 3), randn("s2", 2, 3)],
     lambda *t: torch.stack(t), family=L)
S = np.arange(10, dtype=np.float32).reshape(5, 2)
case("split_seed_size", "split", [S], lambda x: torch.split(x, 2), {"split_size": 2}, family=L)
case("split_seed_sections", "split", [S], lambda x: torch.split(x, [1, 4]),
     {"sections": [1, 4]}, family=L)
case("split_dim1", "split", [randn("sp", 4, 7)], lambda x: torch.split(x, 3, dim=1),
     {"split_size": 3, "dim": 1}, family=L)
V = np.arange(1, 11, dtype=np.float32)
M = ir_text.I64_MAX


def slice_props(dims, starts, ends, steps):
    return {"dims": dims, "starts": starts, "ends": ends, "steps": steps}


case("slice_seed_range", "slice", [V], lambda x: x[2:7], slice_props([0], [2], [7], [1]), family=L)
case("slice_seed_step", "slice", [V], lambda x: x[1:9:2], slice_props([0], [1], [9], [2]),
     family=L)
case("slice_seed_full", "slice", [V], lambda x: x[:], slice_props([0], [0], [M], [1]), family=L)
case("slice_negative_2d", "slice", [randn("sn", 10, 6)], lambda x: x[-3:, -5:-1:2],
     slice_props([0, 1], [-3, -5], [M, -1], [1, 2]), family=L)
case("slice_clamped", "slice", [V], lambda x: x[5:100:3], slice_props([0], [5], [100], [3]),
     family=L)


# ------------------------------------------------------------- normalization
N = "norm"
seg = ir_text.segments


def batch_norm_train(momentum=0.1, eps=1e-5):
    """F.batch_norm in training; returns the output and the updated running
    stats (torch updates them in place: here, on copies)."""
    def run(x, rm, rv, w=None, b=None):
        rm, rv = rm.clone(), rv.clone()
        out = F.batch_norm(x, rm, rv, w, b, training=True, momentum=momentum, eps=eps)
        return out, rm, rv
    return run


BN = (20, 100, 35, 45)
case("batch_norm_seed_eval", "batch_norm",
     [randn("bn", *BN), randn("bnm", 100), positive("bnv", 100), randn("bnw", 100),
      randn("bnb", 100)],
     lambda x, m, v, w, b: F.batch_norm(x, m, v, w, b), {"operandSegmentSizes": seg(1, 1, 1, 1, 1)},
     family=N)
case("batch_norm_seed_train_no_affine", "batch_norm",
     [randn("bt", *BN), randn("btm", 100), positive("btv", 100)], batch_norm_train(),
     {"training": True, "operandSegmentSizes": seg(1, 1, 1, 0, 0)}, family=N)
case("batch_norm_train_affine_momentum", "batch_norm",
     [randn("ba", 8, 4, 5, 6), randn("bam", 4), positive("bav", 4), randn("baw", 4),
      randn("bab", 4)], batch_norm_train(momentum=0.3, eps=1e-3),
     {"training": True, "momentum": 0.3, "eps": 1e-3,
      "operandSegmentSizes": seg(1, 1, 1, 1, 1)}, family=N)
case("batch_norm_train_no_stats", "batch_norm", [randn("bs", 6, 3, 7)],
     lambda x: F.batch_norm(x, None, None, training=True),
     {"training": True, "operandSegmentSizes": seg(1, 0, 0, 0, 0)}, family=N)
case("batch_norm_eval_2d", "batch_norm", [randn("b2", 16, 5), randn("b2m", 5), positive("b2v", 5)],
     lambda x, m, v: F.batch_norm(x, m, v), {"operandSegmentSizes": seg(1, 1, 1, 0, 0)},
     family=N)
LN = (20, 5, 10)
for shape in [(10,), (5, 10), (20, 5, 10)]:
    nm = f"layer_norm_{len(shape)}d"
    case(nm, "layer_norm", [randn(nm, *LN), randn(nm + "w", *shape), randn(nm + "b", *shape)],
         lambda x, w, b, shape=shape: F.layer_norm(x, shape, w, b),
         {"normalized_shape": list(shape), "operandSegmentSizes": seg(1, 1, 1)}, family=N)
case("layer_norm_seed_no_affine", "layer_norm", [randn("lnn", *LN)],
     lambda x: F.layer_norm(x, (10,)), {"normalized_shape": [10],
                                        "operandSegmentSizes": seg(1, 0, 0)}, family=N)
# Constant rows (zero variance): the output must be exactly the bias (a
# differential-testing find; the mean has to be exact for x - mean = 0).
CONST_ROWS = np.repeat(np.array([[0.3], [-1.7], [2.9]], np.float32), 13, axis=1).reshape(3, 13)
case("layer_norm_constant_rows", "layer_norm",
     [np.concatenate([CONST_ROWS, randn("lnc", 2, 13)]), randn("lncw", 13), randn("lncb", 13)],
     lambda x, w, b: F.layer_norm(x, (13,), w, b),
     {"normalized_shape": [13], "operandSegmentSizes": seg(1, 1, 1)}, family=N)
case("layer_norm_eps", "layer_norm", [randn("lne", 4, 64), randn("lnew", 64)],
     lambda x, w: F.layer_norm(x, (64,), w, eps=1e-2),
     {"normalized_shape": [64], "eps": 1e-2, "operandSegmentSizes": seg(1, 1, 0)}, family=N)


def instance_norm_train(momentum=0.1):
    def run(x, rm, rv, w=None, b=None):
        rm, rv = rm.clone(), rv.clone()
        out = F.instance_norm(x, rm, rv, w, b, use_input_stats=True, momentum=momentum)
        return out, rm, rv
    return run


case("instance_norm_seed", "instance_norm", [randn("in", *BN)], F.instance_norm,
     {"operandSegmentSizes": seg(1, 0, 0, 0, 0)}, family=N)
case("instance_norm_seed_affine", "instance_norm",
     [randn("ina", 4, 100, 7, 9), randn("inaw", 100), randn("inab", 100)],
     lambda x, w, b: F.instance_norm(x, weight=w, bias=b),
     {"operandSegmentSizes": seg(1, 0, 0, 1, 1)}, family=N)
case("instance_norm_running_stats", "instance_norm",
     [randn("inr", 3, 4, 5, 6), randn("inrm", 4), positive("inrv", 4)],
     instance_norm_train(momentum=0.2),
     {"momentum": 0.2, "operandSegmentSizes": seg(1, 1, 1, 0, 0)}, family=N)
case("instance_norm_eval_stats", "instance_norm",
     [randn("ine", 3, 4, 5, 6), randn("inem", 4), positive("inev", 4)],
     lambda x, m, v: F.instance_norm(x, m, v, use_input_stats=False),
     {"use_input_stats": False, "operandSegmentSizes": seg(1, 1, 1, 0, 0)}, family=N)
for g in [3, 6, 1]:
    nm = f"group_norm_seed_{g}"
    case(nm, "group_norm", [randn(nm, 20, 6, 10, 10), randn(nm + "w", 6), randn(nm + "b", 6)],
         lambda x, w, b, g=g: F.group_norm(x, g, w, b),
         {"num_groups": g, "operandSegmentSizes": seg(1, 1, 1)}, family=N)
case("group_norm_no_affine_3d", "group_norm", [randn("gn3", 2, 8, 5)],
     lambda x: F.group_norm(x, 4), {"num_groups": 4, "operandSegmentSizes": seg(1, 0, 0)},
     family=N)


rms_norm = references.rms_norm


case("rms_norm_last", "rms_norm", [randn("rm", 4, 7, 16), randn("rmw", 16)], rms_norm([16]),
     {"normalized_shape": [16]}, family=N)
case("rms_norm_two_dims_eps", "rms_norm", [randn("rm2", 4, 7, 16)], rms_norm([7, 16], 1e-6),
     {"normalized_shape": [7, 16], "eps": 1e-6}, family=N)


def switch_norm(training, momentum=0.1, eps=1e-5):
    """Switchable Normalization (Luo et al. 2018) with population statistics,
    as Kiln defines it (KilnNormOps.td)."""
    def run(x, rm, rv, w, b, mw, vw):
        n, c = x.shape[:2]
        xs = x.reshape(n, c, int(np.prod(x.shape[2:])))  # (-1 is ambiguous when n = 0)
        mean_in = xs.mean(-1)
        var_in = xs.var(-1, unbiased=False)
        sq_in = var_in + mean_in ** 2
        mean_ln = mean_in.mean(1, keepdim=True)
        var_ln = sq_in.mean(1, keepdim=True) - mean_ln ** 2
        if training:
            mean_bn = mean_in.mean(0, keepdim=True)
            var_bn = sq_in.mean(0, keepdim=True) - mean_bn ** 2
        else:
            mean_bn, var_bn = rm.unsqueeze(0), rv.unsqueeze(0)
        a, v = torch.softmax(mw, 0), torch.softmax(vw, 0)
        mean = a[0] * mean_in + a[1] * mean_ln + a[2] * mean_bn
        var = v[0] * var_in + v[1] * var_ln + v[2] * var_bn
        shape = (n, c) + (1,) * (x.dim() - 2)
        y = (x - mean.reshape(shape)) / torch.sqrt(var.reshape(shape) + eps)
        y = y * w.reshape((1, c) + (1,) * (x.dim() - 2)) + b.reshape((1, c) + (1,) * (x.dim() - 2))
        if not training:
            return y
        return (y, (1 - momentum) * rm + momentum * mean_bn[0],
                (1 - momentum) * rv + momentum * var_bn[0])
    return run


SN = [randn("sn", 8, 4, 5, 5), randn("snm", 4), positive("snv", 4), randn("snw", 4),
      randn("snb", 4), randn("snmw", 3), randn("snvw", 3)]
case("switch_norm_train", "switch_norm", SN, switch_norm(True), {"training": True}, family=N)
case("switch_norm_eval", "switch_norm", SN, switch_norm(False), family=N)
case("deep_norm", "deep_norm", [randn("dn", 4, 6, 32), randn("dny", 4, 6, 32), randn("dnw", 32),
                                 randn("dnb", 32)],
     lambda x, y, w, b: F.layer_norm(2.0 * x + y, (32,), w, b),
     {"alpha": 2.0, "normalized_shape": [32], "operandSegmentSizes": seg(1, 1, 1, 1)}, family=N)
case("dyt", "dyt", [randn("dy", 4, 6, 32), np.array([0.7], np.float32), randn("dyw", 32),
                    randn("dyb", 32)],
     lambda x, a, w, b: w * torch.tanh(a * x) + b, family="elementwise")

# -------------------------------------------------------------------- pooling
P = "elementwise"  # a max is exact; an average is one division of a short sum


def pool(kernel, stride=(), padding=(0, 0), **kw):
    return dict(kernel_size=list(kernel), stride=list(stride), padding=list(padding), **kw)


PX = (20, 16, 50, 32)
case("max_pool2d_seed_square", "max_pool2d", [randn("mp", *PX)],
     lambda x: F.max_pool2d(x, 3, stride=2), pool((3, 3), (2, 2)), family=P)
case("max_pool2d_seed_nonsquare", "max_pool2d", [randn("mp2", *PX)],
     lambda x: F.max_pool2d(x, (3, 2), stride=(2, 1)), pool((3, 2), (2, 1)), family=P)
case("max_pool2d_default_stride", "max_pool2d", [randn("mpd", 2, 3, 9, 10)],
     lambda x: F.max_pool2d(x, (2, 3)), pool((2, 3)), family=P)
case("max_pool2d_ceil_pad_dilation", "max_pool2d", [randn("mpc", 2, 3, 10, 11)],
     lambda x: F.max_pool2d(x, 3, 2, padding=1, dilation=2, ceil_mode=True),
     pool((3, 3), (2, 2), (1, 1), dilation=[2, 2], ceil_mode=True), family=P)
case("max_pool2d_ceil_last_window", "max_pool2d", [randn("mpl", 1, 2, 5, 5)],
     lambda x: F.max_pool2d(x, 2, 2, padding=1, ceil_mode=True),
     pool((2, 2), (2, 2), (1, 1), ceil_mode=True), family=P)
case("max_pool2d_indices_unbatched", "max_pool2d", [randn("mpi", 16, 12, 12)],
     lambda x: tuple(F.max_pool2d(x, 2, return_indices=True)),
     pool((2, 2), return_indices=True), family=P)
case("max_pool2d_indices_padded", "max_pool2d", [randn("mpp", 2, 3, 9, 8)],
     lambda x: tuple(F.max_pool2d(x, 3, 2, padding=1, dilation=(1, 2), ceil_mode=True,
                                  return_indices=True)),
     pool((3, 3), (2, 2), (1, 1), dilation=[1, 2], ceil_mode=True, return_indices=True),
     family=P)
case("avg_pool2d_seed_square", "avg_pool2d", [randn("ap", *PX)],
     lambda x: F.avg_pool2d(x, 3, stride=2), pool((3, 3), (2, 2)), family=P)
case("avg_pool2d_seed_nonsquare", "avg_pool2d", [randn("ap2", *PX)],
     lambda x: F.avg_pool2d(x, (3, 2), stride=(2, 1)), pool((3, 2), (2, 1)), family=P)
case("avg_pool2d_pad_count_include", "avg_pool2d", [randn("apc", 2, 3, 10, 11)],
     lambda x: F.avg_pool2d(x, 3, 2, padding=1, ceil_mode=True),
     pool((3, 3), (2, 2), (1, 1), ceil_mode=True), family=P)
case("avg_pool2d_pad_exclude", "avg_pool2d", [randn("ape", 2, 3, 10, 11)],
     lambda x: F.avg_pool2d(x, 3, 2, padding=1, ceil_mode=True, count_include_pad=False),
     pool((3, 3), (2, 2), (1, 1), ceil_mode=True, count_include_pad=False), family=P)
case("avg_pool2d_divisor_override", "avg_pool2d", [randn("apd", 3, 7, 7)],
     lambda x: F.avg_pool2d(x, 2, padding=1, divisor_override=3),
     pool((2, 2), (), (1, 1), divisor_override=3), family=P)
case("avg_pool2d_negative_divisor", "avg_pool2d", [randn("apn", 1, 1, 4, 4)],
     lambda x: F.avg_pool2d(x, 2, divisor_override=-2), pool((2, 2), divisor_override=-2),
     family=P)
case("adaptive_avg_pool2d_seed_5x7", "adaptive_avg_pool2d", [randn("aa", 1, 64, 8, 9)],
     lambda x: F.adaptive_avg_pool2d(x, (5, 7)), {"output_size": [5, 7]}, family=P)
case("adaptive_avg_pool2d_seed_7", "adaptive_avg_pool2d", [randn("aa7", 1, 64, 10, 9)],
     lambda x: F.adaptive_avg_pool2d(x, 7), {"output_size": [7, 7]}, family=P)
case("adaptive_avg_pool2d_seed_none", "adaptive_avg_pool2d", [randn("aan", 1, 64, 10, 9)],
     lambda x: F.adaptive_avg_pool2d(x, (None, 7)), {"output_size": [-1, 7]}, family=P)
case("adaptive_avg_pool2d_global", "adaptive_avg_pool2d", [randn("aag", 8, 32, 7, 7)],
     lambda x: F.adaptive_avg_pool2d(x, 1), {"output_size": [1, 1]}, family="reduction")
case("adaptive_max_pool2d_indices", "adaptive_max_pool2d", [randn("am", 2, 3, 10, 9)],
     lambda x: tuple(F.adaptive_max_pool2d(x, (4, 5), return_indices=True)),
     {"output_size": [4, 5], "return_indices": True}, family=P)
case("adaptive_max_pool2d_unbatched", "adaptive_max_pool2d", [randn("amu", 3, 11, 6)],
     lambda x: F.adaptive_max_pool2d(x, (3, 4)), {"output_size": [3, 4]}, family=P)

# ---------------------------------------------------------------- convolution
C = "contraction"


def pair(v):
    return list(v) if isinstance(v, (tuple, list)) else [v, v]


def conv_ref(stride=1, padding=0, dilation=1, groups=1, mode="zeros"):
    """nn.Conv2d's forward: F.pad for a non-zero padding_mode, then conv2d."""
    def run(x, w, b=None):
        pad = padding
        if mode != "zeros":
            k, d = w.shape[2:], pair(dilation)
            if padding == "same":
                tot = [d[i] * (k[i] - 1) for i in range(2)]
                lo = [t // 2 for t in tot]
                pads = (lo[1], tot[1] - lo[1], lo[0], tot[0] - lo[0])
            else:
                ph, pw = pair(padding)
                pads = (pw, pw, ph, ph)
            x, pad = F.pad(x, pads, mode=mode), 0
        return F.conv2d(x, w, b, stride, pad, dilation, groups)
    return run


def conv_props(stride=1, padding=0, dilation=1, groups=1, mode=None):
    p = {"stride": pair(stride), "dilation": pair(dilation), "groups": groups}
    if isinstance(padding, str):
        p["padding_preset"] = ir_text.enum("padding_preset", padding)
    else:
        p["padding"] = pair(padding)
    if mode:
        p["padding_mode"] = ir_text.enum("padding_mode", mode)
    return p


SEED = (20, 16, 50, 100)
case("conv2d_seed_square", "conv2d", [randn("c1", *SEED), randn("c1w", 33, 16, 3, 3),
                                       randn("c1b", 33)],
     conv_ref(stride=2), conv_props(stride=2), family=C)
case("conv2d_seed_nonsquare", "conv2d", [randn("c2", *SEED), randn("c2w", 33, 16, 3, 5),
                                          randn("c2b", 33)],
     conv_ref(stride=(2, 1), padding=(4, 2)), conv_props((2, 1), (4, 2)), family=C)
case("conv2d_seed_dilated", "conv2d", [randn("c3", *SEED), randn("c3w", 33, 16, 3, 5),
                                        randn("c3b", 33)],
     conv_ref((2, 1), (4, 2), (3, 1)), conv_props((2, 1), (4, 2), (3, 1)), family=C)
case("conv2d_seed_downsample", "conv2d", [randn("cd", 1, 16, 12, 12),
                                           randn("cdw", 16, 16, 3, 3), randn("cdb", 16)],
     conv_ref(2, 1), conv_props(2, 1), family=C)
# 32 output channels fill vectors: computed channels-last at opt-level 3
# (kiln-channels-last-conv), the reference loops at 0.
case("conv2d_channels_last", "conv2d", [randn("ccl", 2, 8, 14, 14), randn("cclw", 32, 8, 3, 3),
                                         randn("cclb", 32)],
     conv_ref(padding=1), conv_props(1, 1), family=C)
case("conv2d_groups_dilation", "conv2d", [randn("cg", 2, 16, 9, 9), randn("cgw", 32, 4, 3, 3)],
     conv_ref(padding=2, dilation=2, groups=4), conv_props(1, 2, 2, 4), family=C)
case("conv2d_depthwise", "conv2d", [randn("cdw2", 2, 8, 7, 7), randn("cdww", 8, 1, 3, 3),
                                     randn("cdwb", 8)],
     conv_ref(padding=1, groups=8), conv_props(1, 1, 1, 8), family=C)
case("conv2d_same_even_kernel", "conv2d", [randn("cs", 1, 3, 10, 11), randn("csw", 5, 3, 4, 3),
                                            randn("csb", 5)],
     conv_ref(padding="same", dilation=(2, 1)), conv_props(1, "same", (2, 1)), family=C)
case("conv2d_valid", "conv2d", [randn("cv", 1, 3, 10, 11), randn("cvw", 5, 3, 4, 3)],
     conv_ref(padding="valid"), conv_props(1, "valid"), family=C)
for mode in ["reflect", "replicate", "circular"]:
    n = f"conv2d_{mode}"
    case(n, "conv2d", [randn(n, 2, 4, 7, 8), randn(n + "w", 6, 4, 3, 3), randn(n + "b", 6)],
         conv_ref(padding=(1, 2), mode=mode), conv_props(1, (1, 2), mode=mode), family=C)
case("conv2d_same_reflect", "conv2d", [randn("csr", 2, 4, 7, 8), randn("csrw", 6, 4, 4, 3)],
     conv_ref(padding="same", mode="reflect"), conv_props(1, "same", mode="reflect"), family=C)
case("conv2d_unbatched", "conv2d", [randn("cu", 16, 10, 12), randn("cuw", 8, 16, 3, 3),
                                     randn("cub", 8)],
     conv_ref(2, 1), conv_props(2, 1), family=C)


def convt_ref(stride=1, padding=0, output_padding=0, groups=1, dilation=1, output_size=None):
    """nn.ConvTranspose2d's forward, output_size included."""
    def run(x, w, b=None):
        op = output_padding
        if output_size is not None:
            k, s, p, d = w.shape[2:], pair(stride), pair(padding), pair(dilation)
            op = [output_size[-2 + i] - ((x.shape[-2 + i] - 1) * s[i] - 2 * p[i]
                                         + d[i] * (k[i] - 1) + 1) for i in range(2)]
        return F.conv_transpose2d(x, w, b, stride, padding, op, groups, dilation)
    return run


def convt_props(stride=1, padding=0, output_padding=0, groups=1, dilation=1, output_size=None):
    p = {"stride": pair(stride), "padding": pair(padding), "output_padding": pair(output_padding),
         "groups": groups, "dilation": pair(dilation)}
    if output_size is not None:
        p["output_size"] = list(output_size)
    return p


case("conv_transpose2d_seed_square", "conv_transpose2d",
     [randn("t1", *SEED), randn("t1w", 16, 33, 3, 3), randn("t1b", 33)],
     convt_ref(2), convt_props(2), family=C)
case("conv_transpose2d_seed_nonsquare", "conv_transpose2d",
     [randn("t2", *SEED), randn("t2w", 16, 33, 3, 5), randn("t2b", 33)],
     convt_ref((2, 1), (4, 2)), convt_props((2, 1), (4, 2)), family=C)
case("conv_transpose2d_seed_output_size", "conv_transpose2d",
     [randn("t3", 1, 16, 6, 6), randn("t3w", 16, 16, 3, 3), randn("t3b", 16)],
     convt_ref(2, 1, output_size=(1, 16, 12, 12)),
     convt_props(2, 1, output_size=(1, 16, 12, 12)), family=C)
case("conv_transpose2d_output_padding", "conv_transpose2d",
     [randn("t4", 2, 4, 5, 6), randn("t4w", 4, 3, 3, 3)],
     convt_ref((2, 3), output_padding=(1, 2)), convt_props((2, 3), output_padding=(1, 2)),
     family=C)
case("conv_transpose2d_groups_dilation", "conv_transpose2d",
     [randn("t5", 2, 6, 5, 5), randn("t5w", 6, 2, 3, 3), randn("t5b", 6)],
     convt_ref(2, 1, 1, groups=3, dilation=2), convt_props(2, 1, 1, 3, 2), family=C)
case("conv_transpose2d_big_padding_unbatched", "conv_transpose2d",
     [randn("t6", 4, 7, 7), randn("t6w", 4, 2, 3, 3)],
     convt_ref(1, 2), convt_props(1, 2), family=C)

# --------------------------------------------------------- embedding, dropout
E = randn("emb", 10, 3)
case("embedding_seed", "embedding", [np.array([[1, 2, 4, 5], [4, 3, 2, 9]]), E], F.embedding,
     family=L)
case("embedding_seed_padding_idx", "embedding", [np.array([[0, 2, 0, 5]]), E],
     lambda i, w: F.embedding(i, w, padding_idx=0), {"padding_idx": 0}, family=L)
case("embedding_seed_pretrained", "embedding",
     [np.array([1]), np.array([[1, 2.3, 3], [4, 5.1, 6.3]], np.float32)], F.embedding, family=L)
case("embedding_int32_ids", "embedding",
     [np.array([[3, 0], [9, 9], [1, 7]], np.int32), E],
     lambda i, w: F.embedding(i.long(), w), family=L)
case("dropout_seed_eval", "dropout", [randn("do", 20, 16)],
     lambda x: F.dropout(x, 0.2, training=False), {"p": 0.2, "training": False}, family=L)
case("dropout_p0", "dropout", [randn("d0", 20, 16)], lambda x: F.dropout(x, 0.0),
     {"p": 0.0}, family=L)

# ----------------------------------------------- rounding division, no elements
# Quotients near and at integers of both signs, and a zero divisor.
NUM = np.array([[7, -7, 7, -7, 0.5, -6], [1e-3, 2.5, -2.5, 9, 0, 3]], np.float32)
DEN = np.array([[2, 2, -2, -2, 0.25, 3], [3, 0.5, 0.5, -3, -2, 0]], np.float32)
for mode in ["trunc", "floor"]:
    case(f"div_{mode}", "div", [NUM, DEN], lambda a, b, m=mode: torch.div(a, b, rounding_mode=m),
         {"rounding_mode": f"#kiln.rounding_mode<{mode}>"})
    n = f"div_{mode}_broadcast"
    case(n, "div", [3 * randn(n, 4, 1, 5), randn(n + "b", 3, 1)],
         lambda a, b, m=mode: torch.div(a, b, rounding_mode=m),
         {"rounding_mode": f"#kiln.rounding_mode<{mode}>"})

# Every op on tensors with no elements (and the ops that take them, on 0-d
# tensors), with torch's semantics: empty results, a sum of nothing 0, a
# mean of nothing NaN, a product with an empty reduction 0 (plus the bias).
Z = randn("z", 0, 3)
for op, fn, props in [
        ("relu", F.relu, {}), ("relu6", F.relu6, {}), ("leaky_relu", F.leaky_relu, {}),
        ("elu", F.elu, {}), ("selu", F.selu, {}), ("gelu", F.gelu, {}), ("sigmoid", torch.sigmoid, {}),
        ("tanh", torch.tanh, {}), ("silu", F.silu, {}), ("mish", F.mish, {}),
        ("hardswish", F.hardswish, {}), ("hardsigmoid", F.hardsigmoid, {}),
        ("softplus", F.softplus, {}), ("softsign", F.softsign, {}), ("sqrt", torch.sqrt, {}),
        ("rsqrt", torch.rsqrt, {}), ("exp", torch.exp, {}), ("log", torch.log, {}),
        ("abs", torch.abs, {}), ("neg", torch.neg, {}), ("reciprocal", torch.reciprocal, {}),
        ("clamp", lambda x: torch.clamp(x, min=0.5), {"min": 0.5}),
        ("dropout", lambda x: F.dropout(x, 0.5, training=True), {"p": 0.5, "seed": 3})]:
    case(f"{op}_empty", op, [Z], fn, props)
for op, fn in [("add", torch.add), ("sub", torch.sub), ("mul", torch.mul), ("div", torch.div),
               ("pow", torch.pow), ("maximum", torch.maximum), ("minimum", torch.minimum)]:
    case(f"{op}_empty_broadcast", op, [randn(op + "e", 0, 1, 3), randn(op + "eb", 4, 1)], fn)
    case(f"{op}_0d", op, [randn(op + "0"), positive(op + "0b")], fn)
case("relu_0d", "relu", [randn("r0d")], F.relu)
case("prelu_empty", "prelu", [randn("pre", 0, 3), randn("prew", 3)], F.prelu)
case("softmax_empty", "softmax", [randn("sme", 0, 4)], lambda x: F.softmax(x, -1), {"dim": -1},
     family="reduction")
case("softmax_0d", "softmax", [randn("sm0d")], lambda x: F.softmax(x, 0), {"dim": 0},
     family="reduction")
case("log_softmax_empty_dim", "log_softmax", [randn("lse", 3, 0)],
     lambda x: F.log_softmax(x, 1), {"dim": 1}, family="reduction")
case("sum_empty_dim", "sum", [randn("se0", 3, 0)], lambda x: torch.sum(x, 1), {"dim": [1]},
     family="reduction")
case("sum_empty_all", "sum", [randn("sea", 0, 4)], torch.sum, family="reduction")
case("sum_0d", "sum", [randn("s0d")], lambda x: torch.sum(x, -1), {"dim": [-1]},
     family="reduction")
case("mean_empty_dim", "mean", [randn("me0", 3, 0)], lambda x: torch.mean(x, 1), {"dim": [1]},
     family="reduction")
case("mean_0d_dim0_keepdim", "mean", [randn("m0d")], lambda x: torch.mean(x, 0, True),
     {"dim": [0], "keepdim": True}, family="reduction")
case("var_empty_dim", "var", [randn("ve0", 2, 0)], lambda x: torch.var(x, 1), {"dim": [1]},
     family="reduction")
case("var_0d", "var", [randn("v0d")], lambda x: torch.var(x, 0), {"dim": [0]},
     family="reduction")
for op, fn in [("max", torch.max), ("min", torch.min)]:
    case(f"{op}_empty_along", op, [randn(op + "ea", 0, 3)], lambda x, fn=fn: tuple(fn(x, 1)),
         {"dim": 1}, family="reduction")
    case(f"{op}_0d", op, [randn(op + "0d")], fn, family="reduction")
    case(f"{op}_0d_dim", op, [randn(op + "0dd")], lambda x, fn=fn: tuple(fn(x, 0, True)),
         {"dim": 0, "keepdim": True}, family="reduction")
case("reshape_empty", "reshape", [randn("rse", 0, 6)], lambda x: x.reshape(-1, 3, 2),
     {"shape": [-1, 3, 2]}, family=L)
case("reshape_0d", "reshape", [randn("rs0d")], lambda x: x.reshape(1, 1), {"shape": [1, 1]},
     family=L)
case("transpose_empty", "transpose", [randn("tre", 0, 3, 2)], lambda x: x.transpose(0, 2),
     {"dim0": 0, "dim1": 2}, family=L)
case("permute_empty", "permute", [randn("pe", 2, 0, 3)], lambda x: x.permute(2, 0, 1),
     {"dims": [2, 0, 1]}, family=L)
case("squeeze_empty", "squeeze", [randn("sqe", 0, 1, 3)], torch.squeeze, family=L)
case("unsqueeze_empty", "unsqueeze", [randn("use", 0, 3)], lambda x: x.unsqueeze(1),
     {"dim": 1}, family=L)
case("unsqueeze_0d", "unsqueeze", [randn("us0d")], lambda x: x.unsqueeze(0), {"dim": 0},
     family=L)
case("flatten_empty", "flatten", [randn("fe", 2, 0, 3)], torch.flatten, family=L)
case("flatten_0d", "flatten", [randn("f0d")], torch.flatten, family=L)
case("expand_empty", "expand", [randn("ee", 0, 1)], lambda x: x.expand(0, 4),
     {"sizes": [0, 4]}, family=L)
case("expand_0d", "expand", [randn("e0d")], lambda x: x.expand(2, 3), {"sizes": [2, 3]},
     family=L)
case("cat_empty", "cat", [randn("ce0", 0), randn("ce1", 0)], lambda *t: torch.cat(t, 0),
     {"dim": 0}, family=L)
case("cat_one_empty", "cat", [randn("co0", 0, 5), randn("co1", 5, 5)],
     lambda *t: torch.cat(t, 0), {"dim": 0}, family=L)
case("stack_empty", "stack", [randn("st0", 0, 1, 0), randn("st1", 0, 1, 0)],
     lambda *t: torch.stack(t, 1), {"dim": 1}, family=L)
case("stack_0d", "stack", [randn("s0a"), randn("s0b")], lambda *t: torch.stack(t),
     {"dim": 0}, family=L)
case("split_empty", "split", [randn("spe", 0, 4)], lambda x: torch.split(x, 2, 1),
     {"split_size": 2, "dim": 1}, family=L)
case("slice_empty", "slice", [randn("sle", 0, 6)], lambda x: x[:, 1:5:2],
     slice_props([1], [1], [5], [2]), family=L)
case("slice_to_empty", "slice", [randn("slt", 4, 6)], lambda x: x[:, 5:2],
     slice_props([1], [5], [2], [1]), family=L)
case("embedding_empty_ids", "embedding", [np.zeros((0, 2), np.int64), randn("eme", 5, 3)],
     F.embedding, family=L)
case("linear_empty_batch", "linear", [randn("lie", 0, 4), randn("liew", 3, 4), randn("lieb", 3)],
     F.linear, family=C)
case("linear_no_features", "linear", [randn("lnf", 2, 0), randn("lnfw", 3, 0), randn("lnfb", 3)],
     F.linear, family=C)
case("matmul_empty_reduction", "matmul", [randn("mae", 2, 3, 0), randn("maeb", 0, 4)],
     torch.matmul, family=C)
case("mm_empty_reduction", "mm", [randn("mme", 3, 0), randn("mmeb", 0, 4)], torch.mm,
     family=C)
case("bmm_empty_batch", "bmm", [randn("bme", 0, 3, 4), randn("bmeb", 0, 4, 2)], torch.bmm,
     family=C)
case("conv2d_empty_batch", "conv2d", [randn("c0", 0, 3, 5, 5), randn("c0w", 4, 3, 3, 3),
                                       randn("c0b", 4)],
     conv_ref(1, 1), conv_props(1, 1), family=C)
case("conv_transpose2d_empty_batch", "conv_transpose2d",
     [randn("ct0", 0, 4, 3, 3), randn("ct0w", 4, 2, 3, 3)], convt_ref(2), convt_props(2),
     family=C)
case("batch_norm_train_empty_batch", "batch_norm",
     [randn("bne", 0, 3, 2), randn("bnem", 3), positive("bnev", 3)],
     lambda x, m, v: (F.batch_norm(x, m, v, training=True), m, v),
     {"training": True, "operandSegmentSizes": seg(1, 1, 1, 0, 0)}, family="norm")
case("batch_norm_eval_empty_batch", "batch_norm",
     [randn("bee", 0, 3), randn("beem", 3), positive("beev", 3)], F.batch_norm,
     {"operandSegmentSizes": seg(1, 1, 1, 0, 0)}, family="norm")
case("instance_norm_empty_batch", "instance_norm", [randn("ine", 0, 2, 5)], F.instance_norm,
     {"operandSegmentSizes": seg(1, 0, 0, 0, 0)}, family="norm")
case("layer_norm_empty", "layer_norm", [randn("lne", 0, 1), randn("lnew", 1), randn("lneb", 1)],
     lambda x, w, b: F.layer_norm(x, (1,), w, b),
     {"normalized_shape": [1], "operandSegmentSizes": seg(1, 1, 1)}, family="norm")
case("group_norm_empty_batch", "group_norm", [randn("gne", 0, 2), randn("gnew", 2),
                                               randn("gneb", 2)],
     lambda x, w, b: F.group_norm(x, 1, w, b),
     {"num_groups": 1, "operandSegmentSizes": seg(1, 1, 1)}, family="norm")
case("rms_norm_empty", "rms_norm", [randn("rme", 0, 4)], rms_norm([4]),
     {"normalized_shape": [4]}, family="norm")
case("switch_norm_eval_empty_batch", "switch_norm",
     [randn("sne", 0, 4, 3, 3)] + SN[1:], switch_norm(False), family="norm")
case("deep_norm_empty", "deep_norm", [randn("dne", 0, 8), randn("dney", 0, 8)],
     lambda x, y: F.layer_norm(2.0 * x + y, (8,)),
     {"alpha": 2.0, "normalized_shape": [8], "operandSegmentSizes": seg(1, 1, 0, 0)},
     family="norm")
case("dyt_empty", "dyt", [randn("dye", 0, 8), np.array([0.7], np.float32), randn("dyew", 8),
                          randn("dyeb", 8)],
     lambda x, a, w, b: w * torch.tanh(a * x) + b)
case("max_pool2d_empty_batch", "max_pool2d", [randn("mpe", 0, 2, 4, 4)],
     lambda x: F.max_pool2d(x, 2), pool((2, 2)), family=P)
case("avg_pool2d_empty_batch", "avg_pool2d", [randn("ape0", 0, 2, 4, 4)],
     lambda x: F.avg_pool2d(x, 2), pool((2, 2)), family=P)
case("adaptive_avg_pool2d_empty_batch", "adaptive_avg_pool2d", [randn("aae", 0, 2, 5, 4)],
     lambda x: F.adaptive_avg_pool2d(x, 2), {"output_size": [2, 2]}, family=P)
case("adaptive_max_pool2d_empty_batch", "adaptive_max_pool2d", [randn("ame", 0, 2, 5, 4)],
     lambda x: F.adaptive_max_pool2d(x, 2), {"output_size": [2, 2]}, family=P)

# ------------------------------------------------------------------- float64
def f64(a):
    return a.astype(np.float64)


case("add_f64", "add", [f64(randn("a64", 4, 1, 5)), f64(randn("a64b", 3, 1))], torch.add)
case("gelu_f64", "gelu", [f64(3 * randn("g64", 4, 5))], F.gelu)
case("softmax_f64", "softmax", [f64(3 * randn("s64", 4, 9))], lambda x: F.softmax(x, 1),
     {"dim": 1}, family="reduction")
case("layer_norm_f64", "layer_norm", [f64(randn("ln64", 4, 6, 32)), f64(randn("ln64w", 32))],
     lambda x, w: F.layer_norm(x, (32,), w),
     {"normalized_shape": [32], "operandSegmentSizes": seg(1, 1, 0)}, family=N)
case("matmul_f64", "matmul", [f64(randn("m64", 3, 5, 7)), f64(randn("m64b", 7, 2))], torch.matmul,
     family=C)
case("conv2d_f64", "conv2d", [f64(randn("c64", 2, 4, 9, 9)), f64(randn("c64w", 6, 4, 3, 3)),
                              f64(randn("c64b", 6))],
     conv_ref(2, 1), conv_props(2, 1), family=C)

def to_torch(a):
    return torch.from_numpy(np.array(a, order="C"))


def check_catalogue_covered():
    """Every op of dialect/catalogue.tsv has at least one golden case, and
    one on an input with no elements."""
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "dialect",
                        "catalogue.tsv")
    with open(path) as f:
        ops = {line.split("\t")[0] for line in f if line.strip() and not line.startswith("#")}
    missing = ops - {c[1] for c in CASES}
    if missing:
        sys.exit(f"gen_golden: no golden case for {sorted(missing)}")
    missing = ops - {c[1] for c in CASES if any(np.size(a) == 0 for a in c[2])}
    if missing:
        sys.exit(f"gen_golden: no golden case on an input with no elements for {sorted(missing)}")


def main(out_dir):
    check_catalogue_covered()
    os.makedirs(out_dir, exist_ok=True)
    rows = []
    for name, op, inputs, ref, props, family, operand_args in CASES:
        outs = ref(*[to_torch(a) for a in inputs])
        outs = list(outs) if isinstance(outs, (tuple, list)) else [outs]
        outs = [o.detach().numpy() if o.dtype != torch.int64 else o.numpy() for o in outs]
        d = os.path.join(out_dir, name)
        os.makedirs(d, exist_ok=True)
        arg_types = [ir_text.tensor_type(a.shape, a.dtype) for a in inputs]
        res_types = [ir_text.tensor_type(o.shape, o.dtype) for o in outs]
        with open(os.path.join(d, "case.mlir"), "w") as f:
            f.write(f"// {name}: kiln.{op} against PyTorch {torch.__version__}\n")
            f.write(ir_text.single_op_function(name, op, arg_types, res_types, props,
                                               operand_args))
        for i, a in enumerate(inputs):
            np.save(os.path.join(d, f"in{i}.npy"), np.array(a, order="C"))
        for i, o in enumerate(outs):
            np.save(os.path.join(d, f"out{i}.npy"), np.array(o, order="C"))
        floats = [a.dtype.name for a in inputs if a.dtype.kind == "f"]
        rtol, atol = TOLERANCES[floats[0] if floats else "float32"][family]
        shape = "x".join(str(s) for s in outs[0].shape) or "scalar"
        rows.append("\t".join(map(str, [name, op, family, rtol, atol, len(inputs), len(outs),
                                        shape])))
    with open(os.path.join(out_dir, "cases.tsv"), "w") as f:
        f.write("\n".join(rows) + "\n")
    print(f"gen_golden: {len(rows)} cases in {out_dir}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "golden")
