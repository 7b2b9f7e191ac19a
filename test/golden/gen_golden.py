#!/usr/bin/env python3
"""Golden data for Kiln's end-to-end tests, computed by PyTorch.

    /usr/bin/python3 test/golden/gen_golden.py OUT_DIR

For every case: OUT_DIR/<case>/case.mlir (one kiln op in a function named
after the case), in<i>.npy, out<i>.npy, and a row of OUT_DIR/cases.tsv:
case, op, family, rtol, atol, inputs, outputs, result shape.
"""
import hashlib
import math
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "python"))
from kiln import ir_text  # noqa: E402

# Tolerances, per op family, stated once (float32; torch.allclose-style:
# |kiln - torch| <= atol + rtol·|torch|).
TOLERANCES = {
    "layout": (0.0, 0.0),          # pure data movement: bit-exact
    "elementwise": (1e-5, 1e-6),   # one rounding (libm vs torch within an ulp or two)
    "reduction": (1e-4, 1e-5),     # summation order differs
    "norm": (1e-4, 1e-4),          # statistics, then a division by them
    "contraction": (1e-4, 1e-4),   # long dot products (matmul, conv)
}

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


def to_torch(a):
    return torch.from_numpy(np.array(a, order="C"))


def main(out_dir):
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
        rtol, atol = TOLERANCES[family]
        shape = "x".join(str(s) for s in outs[0].shape) or "scalar"
        rows.append("\t".join(map(str, [name, op, family, rtol, atol, len(inputs), len(outs),
                                        shape])))
    with open(os.path.join(out_dir, "cases.tsv"), "w") as f:
        f.write("\n".join(rows) + "\n")
    print(f"gen_golden: {len(rows)} cases in {out_dir}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "golden")
