"""kiln.functional against PyTorch: every op, its attributes, the operator
notes' examples, and the numpy-side contract (dtypes, views, errors)."""
import threading

import numpy as np
import pytest
import torch
import torch.nn.functional as TF

import kiln
import kiln.functional as F

RNG = np.random.default_rng(1234)


def randn(*shape, dtype=np.float32):
    return RNG.standard_normal(shape).astype(dtype)


def t(x):
    return torch.from_numpy(np.array(x))


def close(got, want, rtol=1e-4, atol=1e-5):
    """Equal up to float32 rounding. atol is relative to the largest value:
    a sum of many terms (a convolution, a reduction), summed in another
    order than torch's (vector lanes, FMA), carries rounding errors of the
    terms' size, so an output near 0 made of large terms is off by that."""
    want = want.detach().numpy() if isinstance(want, torch.Tensor) else np.asarray(want)
    assert isinstance(got, np.ndarray), type(got)
    assert got.shape == want.shape, (got.shape, want.shape)
    assert got.dtype == want.dtype, (got.dtype, want.dtype)
    finite = want[np.isfinite(want)] if want.dtype.kind == "f" else want[:0]
    scale = float(np.abs(finite).max()) if finite.size else 1.0
    np.testing.assert_allclose(got, want, rtol=rtol, atol=atol * max(1.0, scale))


# (name, kiln call, torch call, inputs)
X = randn(2, 3, 8, 9)
CASES = [
    ("conv2d_seed", lambda x, w, b: F.conv2d(x, w, b, stride=(2, 1), padding=(4, 2), dilation=(3, 1)),
     lambda x, w, b: TF.conv2d(x, w, b, stride=(2, 1), padding=(4, 2), dilation=(3, 1)),
     [randn(2, 16, 20, 30), randn(33, 16, 3, 5), randn(33)]),
    ("conv2d_groups_same", lambda x, w: F.conv2d(x, w, padding="same", groups=3),
     lambda x, w: TF.conv2d(x, w, padding="same", groups=3), [randn(1, 6, 7, 7), randn(9, 2, 3, 3)]),
    ("conv2d_reflect", lambda x, w: F.conv2d(x, w, padding=1, padding_mode="reflect"),
     lambda x, w: TF.conv2d(TF.pad(x, (1, 1, 1, 1), mode="reflect"), w), [X, randn(4, 3, 3, 3)]),
    ("conv_transpose2d_output_size",
     lambda x, w, b: F.conv_transpose2d(x, w, b, stride=2, padding=1, output_size=(1, 16, 12, 12)),
     lambda x, w, b: TF.conv_transpose2d(x, w, b, stride=2, padding=1, output_padding=1),
     [randn(1, 16, 6, 6), randn(16, 16, 3, 3), randn(16)]),
    ("linear", F.linear, TF.linear, [randn(128, 20), randn(30, 20), randn(30)]),
    ("matmul_broadcast", F.matmul, torch.matmul, [randn(2, 1, 3, 4), randn(5, 4, 2)]),
    ("matmul_vector", F.matmul, torch.matmul, [randn(4), randn(3, 4, 5)]),
    ("mm", F.mm, torch.mm, [randn(2, 3), randn(3, 3)]),
    ("bmm", F.bmm, torch.bmm, [randn(10, 3, 4), randn(10, 4, 5)]),
    ("layer_norm", lambda x, w, b: F.layer_norm(x, (8, 9), w, b),
     lambda x, w, b: TF.layer_norm(x, (8, 9), w, b), [X, randn(8, 9), randn(8, 9)]),
    ("group_norm", lambda x: F.group_norm(x, 3), lambda x: TF.group_norm(x, 3), [randn(4, 6, 5, 5)]),
    ("instance_norm", F.instance_norm, TF.instance_norm, [X]),
    ("rms_norm", lambda x, w: F.rms_norm(x, (9,), w),
     lambda x, w: x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + torch.finfo(x.dtype).eps) * w,
     [X, randn(9)]),
    ("deep_norm", lambda x, y: F.deep_norm(x, y, 0.8, 9), lambda x, y: TF.layer_norm(0.8 * x + y, (9,)),
     [X, randn(2, 3, 8, 9)]),
    ("dyt", F.dyt, lambda x, a, w, b: w * torch.tanh(a * x) + b,
     [X, np.array([0.5], np.float32), randn(9), randn(9)]),
    ("max_pool2d_seed", lambda x: F.max_pool2d(x, 3, stride=2), lambda x: TF.max_pool2d(x, 3, stride=2),
     [randn(4, 16, 50, 32)]),
    ("max_pool2d_ceil", lambda x: F.max_pool2d(x, 3, 2, 1, 2, ceil_mode=True),
     lambda x: TF.max_pool2d(x, 3, 2, 1, 2, ceil_mode=True), [X]),
    # Rows of strided windows wider than one 16-output chunk (38 = 16 + 16 + 6, 23 = 16 + 7).
    ("max_pool2d_wide_rows", lambda x: F.max_pool2d(x, 3, 2, 1), lambda x: TF.max_pool2d(x, 3, 2, 1),
     [randn(1, 2, 9, 75)]),
    ("max_pool2d_wide_rows_dilated", lambda x: F.max_pool2d(x, 3, 3, 1, 2),
     lambda x: TF.max_pool2d(x, 3, 3, 1, 2), [randn(1, 2, 9, 80)]),
    ("avg_pool2d_wide_rows", lambda x: F.avg_pool2d(x, 4, 3, 1), lambda x: TF.avg_pool2d(x, 4, 3, 1),
     [randn(1, 2, 9, 70)]),
    # Borders pooled with windows clipped to the input (kiln-peel-padded-windows):
    # padding on every side, a 5x5 window's two border rows each way, dilation.
    ("max_pool2d_borders", lambda x: F.max_pool2d(x, 5, 1, 2), lambda x: TF.max_pool2d(x, 5, 1, 2),
     [randn(1, 3, 11, 40)]),
    ("max_pool2d_borders_dilated", lambda x: F.max_pool2d(x, 5, 1, 2, 2),
     lambda x: TF.max_pool2d(x, 5, 1, 2, 2), [randn(1, 2, 12, 37)]),
    ("avg_pool2d_borders", lambda x: F.avg_pool2d(x, 5, 2, 2), lambda x: TF.avg_pool2d(x, 5, 2, 2),
     [randn(1, 3, 13, 50)]),
    ("avg_pool2d", lambda x: F.avg_pool2d(x, (3, 2), stride=(2, 1), padding=1, count_include_pad=False),
     lambda x: TF.avg_pool2d(x, (3, 2), stride=(2, 1), padding=1, count_include_pad=False), [X]),
    ("adaptive_avg_pool2d_none", lambda x: F.adaptive_avg_pool2d(x, (None, 7)),
     lambda x: TF.adaptive_avg_pool2d(x, (None, 7)), [randn(1, 64, 10, 9)]),
    ("adaptive_max_pool2d", lambda x: F.adaptive_max_pool2d(x, 5), lambda x: TF.adaptive_max_pool2d(x, 5), [X]),
    ("relu", F.relu, TF.relu, [X]), ("relu6", F.relu6, TF.relu6, [3 * X]),
    ("leaky_relu", lambda x: F.leaky_relu(x, 0.2), lambda x: TF.leaky_relu(x, 0.2), [X]),
    ("elu", lambda x: F.elu(x, 0.5), lambda x: TF.elu(x, 0.5), [X]), ("selu", F.selu, TF.selu, [X]),
    ("gelu", F.gelu, TF.gelu, [X]),
    ("gelu_tanh", lambda x: F.gelu(x, approximate="tanh"), lambda x: TF.gelu(x, approximate="tanh"), [X]),
    ("sigmoid", F.sigmoid, torch.sigmoid, [X]), ("tanh", F.tanh, torch.tanh, [X]),
    ("silu", F.silu, TF.silu, [X]), ("mish", F.mish, TF.mish, [X]),
    ("hardswish", F.hardswish, TF.hardswish, [3 * X]), ("hardsigmoid", F.hardsigmoid, TF.hardsigmoid, [3 * X]),
    ("softplus", lambda x: F.softplus(x, 2, 5), lambda x: TF.softplus(x, 2, 5), [10 * X]),
    ("softsign", F.softsign, TF.softsign, [X]),
    ("prelu", F.prelu, TF.prelu, [X, randn(3)]),
    ("softmax", lambda x: F.softmax(x, 1), lambda x: TF.softmax(x, 1), [X]),
    ("log_softmax", lambda x: F.log_softmax(x, -1), lambda x: TF.log_softmax(x, -1), [X]),
    ("reshape", lambda x: F.reshape(x, (-1, 9)), lambda x: x.reshape(-1, 9), [X]),
    ("transpose", lambda x: F.transpose(x, 1, -1), lambda x: x.transpose(1, -1), [X]),
    ("permute", lambda x: F.permute(x, (2, 0, 3, 1)), lambda x: x.permute(2, 0, 3, 1), [X]),
    ("squeeze_tuple", lambda x: F.squeeze(x, (0, 2)), lambda x: x.squeeze(0).squeeze(1), [randn(1, 3, 1, 4)]),
    ("unsqueeze", lambda x: F.unsqueeze(x, -1), lambda x: x.unsqueeze(-1), [X]),
    ("flatten", lambda x: F.flatten(x, 1, 2), lambda x: x.flatten(1, 2), [X]),
    ("expand", lambda x: F.expand(x, (2, 3, -1)), lambda x: x.expand(2, 3, -1), [randn(3, 1)[:, :1]]),
    ("cat", lambda a, b: F.cat([a, b], 1), lambda a, b: torch.cat([a, b], 1), [randn(2, 3), randn(2, 5)]),
    ("stack", lambda a, b: F.stack((a, b), -1), lambda a, b: torch.stack((a, b), -1), [randn(2, 3), randn(2, 3)]),
    ("slice", lambda x: F.slice(x, 1, -5, None, 2), lambda x: x[:, -5::2], [randn(4, 9)]),
    ("add_alpha", lambda a, b: F.add(a, b, alpha=2), lambda a, b: torch.add(a, b, alpha=2), [X, randn(9)]),
    ("sub_scalar", lambda a: F.sub(a, 0.5), lambda a: a - 0.5, [X]),
    ("mul_0d", F.mul, torch.mul, [X, np.array(3.0, np.float32)]),
    ("div", F.div, torch.div, [X, randn(8, 1)]), ("pow", F.pow, torch.pow, [np.abs(X) + 0.1, randn(9)]),
    ("maximum", F.maximum, torch.maximum, [X, randn(3, 1, 1)]), ("minimum", F.minimum, torch.minimum, [X, randn(9)]),
    ("sqrt", F.sqrt, torch.sqrt, [np.abs(X)]), ("rsqrt", F.rsqrt, torch.rsqrt, [np.abs(X) + 0.1]),
    ("exp", F.exp, torch.exp, [X]), ("log", F.log, torch.log, [np.abs(X) + 0.1]),
    ("abs", F.abs, torch.abs, [X]), ("neg", F.neg, torch.neg, [X]),
    ("reciprocal", F.reciprocal, torch.reciprocal, [np.abs(X) + 0.1]),
    ("clamp", lambda x: F.clamp(x, -0.5, 0.5), lambda x: torch.clamp(x, -0.5, 0.5), [X]),
    ("clamp_min", lambda x: F.clamp(x, min=0.0), lambda x: torch.clamp(x, min=0.0), [X]),
    ("sum_dims", lambda x: F.sum(x, (2, 1)), lambda x: torch.sum(x, (2, 1)), [X]),
    ("mean_keepdim", lambda x: F.mean(x, 1, True), lambda x: torch.mean(x, 1, True), [X]),
    ("var_unbiased", lambda x: F.var(x, 1, keepdim=True), lambda x: torch.var(x, 1, keepdim=True), [X]),
    ("var_correction0", lambda x: F.var(x, (0, 2), correction=0), lambda x: torch.var(x, (0, 2), unbiased=False), [X]),
    ("max_all", F.max, torch.max, [X]), ("min_all", F.min, torch.min, [X]),
]


@pytest.mark.parametrize("name,kiln_fn,torch_fn,inputs", CASES, ids=[c[0] for c in CASES])
def test_matches_torch(name, kiln_fn, torch_fn, inputs):
    close(kiln_fn(*inputs), torch_fn(*[t(a) for a in inputs]))


def test_max_min_with_dim_return_values_and_indices():
    for kiln_fn, torch_fn in [(F.max, torch.max), (F.min, torch.min)]:
        values, indices = kiln_fn(X, 2, keepdim=True)
        want = torch_fn(t(X), 2, keepdim=True)
        close(values, want.values)
        close(indices, want.indices, 0, 0)
    assert F.max(X).shape == ()


def test_min_max_propagate_nan_and_treat_signed_zeros_as_equal():
    # The optimized pipeline drops llvm.maximum's -0 < +0 ordering and moves
    # the NaN test to one operand (kiln-relax-min-max): NaN still wins
    # everywhere, in pooling windows (vector rows and clipped borders),
    # reductions and pointwise ops, and -0 and +0 compare equal, as in torch.
    x = randn(2, 3, 12, 40)
    x.flat[RNG.integers(0, x.size, 6)] = np.nan
    x.flat[RNG.integers(0, x.size, 20)] = -0.0
    x.flat[RNG.integers(0, x.size, 20)] = 0.0
    x[0, 0, 0, :] = np.nan  # a whole row: every window over it
    pairs = [
        (lambda a: F.max_pool2d(a, 3, 2, 1), lambda a: TF.max_pool2d(a, 3, 2, 1)),
        (lambda a: F.max_pool2d(a, 3, 1), lambda a: TF.max_pool2d(a, 3, 1)),
        (lambda a: F.max(a, -1)[0], lambda a: torch.max(a, -1).values),
        (lambda a: F.min(a, 2)[0], lambda a: torch.min(a, 2).values),
        (F.max, torch.max),
        (F.min, torch.min),
        (F.relu, torch.relu),
        (lambda a: F.clamp(a, -0.5, 0.5), lambda a: torch.clamp(a, -0.5, 0.5)),
        (lambda a: F.maximum(a, F.neg(a)), lambda a: torch.maximum(a, -a)),
        (lambda a: F.minimum(a, F.neg(a)), lambda a: torch.minimum(a, -a)),
    ]
    for kiln_fn, torch_fn in pairs:
        got, want = np.asarray(kiln_fn(x)), torch_fn(t(x)).numpy()
        assert np.array_equal(got, want, equal_nan=True)


def test_exp_at_the_ends_of_its_range():
    # exp's polynomial scaled by 2^k (vscalefps on AVX-512, exponent bits
    # elsewhere): 0 for -inf (softmax's masked entries), inf above 88.72,
    # NaN kept, results down to denormals.
    ends = [-np.inf, -1000, -104, -103, -90, -87.9, -87.3, -20, -1e-30, 0, 1e-30, 1, 20,
            88.3, 88.72, 88.73, 89, 1e30, np.inf, np.nan]
    x = np.tile(np.array(ends, np.float32), 32).reshape(5, 128)
    x[1] = -x[1]
    got, want = F.exp(x), torch.exp(t(x)).numpy()
    assert np.array_equal(np.isnan(got), np.isnan(want))
    assert np.array_equal(np.isposinf(got), np.isposinf(want))
    # Exact zeros where torch has them; a 0 for torch's denormals only off
    # AVX-512 (upstream's exp flushes below about -87.7).
    assert np.all(got[want == 0] == 0) and np.all((got != 0) | (want < 1e-37))
    np.testing.assert_allclose(got, want, rtol=2e-6, atol=1e-37)
    masked = randn(3, 64)
    masked[:, ::3] = -np.inf
    got = F.softmax(masked, -1)
    assert np.all(got[:, ::3] == 0)
    close(got, torch.softmax(t(masked), -1), rtol=1e-5, atol=1e-7)


def test_batch_norm_training_returns_new_stats_without_touching_arguments():
    x, m, v, w, b = randn(8, 4, 5, 6), randn(4), np.abs(randn(4)) + 0.5, randn(4), randn(4)
    m0, v0 = m.copy(), v.copy()
    out, new_m, new_v = F.batch_norm(x, m, v, w, b, training=True, momentum=0.3)
    tm, tv = t(m), t(v)
    close(out, TF.batch_norm(t(x), tm, tv, t(w), t(b), training=True, momentum=0.3))
    close(new_m, tm)
    close(new_v, tv)
    assert np.array_equal(m, m0) and np.array_equal(v, v0)
    close(F.batch_norm(x, m, v, w, b), TF.batch_norm(t(x), t(m), t(v), t(w), t(b)))


def test_max_pool2d_indices_and_split():
    values, indices = F.max_pool2d(X, 2, return_indices=True)
    want, want_idx = TF.max_pool2d(t(X), 2, return_indices=True)
    close(values, want)
    close(indices, want_idx, 0, 0)
    parts = F.split(np.arange(10, dtype=np.float32).reshape(5, 2), [1, 4])
    assert isinstance(parts, tuple) and [p.shape for p in parts] == [(1, 2), (4, 2)]


def test_embedding_and_its_errors():
    w = randn(10, 3)
    close(F.embedding(np.array([[1, 2, 4, 5], [4, 3, 2, 9]]), w),
          TF.embedding(torch.tensor([[1, 2, 4, 5], [4, 3, 2, 9]]), t(w)))
    with pytest.raises(IndexError):
        F.embedding(np.array([3, 10]), w)
    with pytest.raises(IndexError):
        F.embedding(np.array([-1]), w)


def test_dropout_seeds():
    x = np.ones((50, 200), np.float32)
    a, b, c = F.dropout(x, 0.3, seed=1), F.dropout(x, 0.3, seed=1), F.dropout(x, 0.3, seed=2)
    assert np.array_equal(a, b) and not np.array_equal(a, c)
    assert abs((a == 0).mean() - 0.3) < 4 * np.sqrt(0.3 * 0.7 / x.size)
    np.testing.assert_allclose(a[a != 0], 1 / 0.7, rtol=1e-6)
    assert np.array_equal(F.dropout(x, 0.3, training=False), x)


def test_views_and_fortran_order_give_correct_results():
    base = randn(6, 8)
    for view in [base[::2, 1::3], base.T, np.asfortranarray(base), base[:, ::-1]]:
        close(F.exp(view), torch.exp(t(view)))
        close(F.softmax(view, 0), TF.softmax(t(view), 0))


def test_big_endian_arrays_are_read_in_native_order():
    # The call's fast path takes native-order arrays as they are; others are
    # converted (the native check compares kind, width and byte order).
    x = randn(4, 8)
    close(F.exp(x.astype(">f4")), torch.exp(t(x)))
    close(F.add(x.astype(">f8"), x.astype(np.float64)), t(x.astype(np.float64)) * 2)
    jitted = kiln.jit(F.relu)
    assert np.array_equal(jitted(x.astype(">f4")), jitted(x))


def test_zero_element_tensors():
    z = np.zeros((0, 4), np.float32)
    assert F.relu(z).shape == (0, 4)
    assert F.add(z, randn(4)).shape == (0, 4)
    assert F.sum(z, 1).shape == (0,)
    assert F.linear(z, randn(3, 4)).shape == (0, 3)


def test_no_elements_and_0d_with_torchs_semantics():
    z = np.zeros((0, 3), np.float32)
    close(F.sum(z, 0), torch.sum(t(z), 0))                      # zeros
    close(F.mean(z, 0), torch.mean(t(z), 0))                    # NaN
    close(F.var(np.float32(2.0), 0), torch.var(torch.tensor(2.0), 0))
    close(F.mean(np.float32(3.0), 0, True), torch.mean(torch.tensor(3.0), 0, True))
    close(F.group_norm(np.zeros((0, 2), np.float32), 1), TF.group_norm(torch.zeros(0, 2), 1))
    close(F.cat([np.zeros(0, np.float32)] * 2), torch.zeros(0))
    a, b = F.split(np.zeros((0, 4), np.float32), 2, 1)
    assert a.shape == b.shape == (0, 2)
    out, m, v = F.batch_norm(np.zeros((0, 3), np.float32), np.ones(3, np.float32),
                             np.ones(3, np.float32), training=True)
    assert out.shape == (0, 3) and (m == 1).all() and (v == 1).all()  # untouched, as torch
    with pytest.raises(ValueError, match="no maximum or minimum"):
        F.max(z, 0)


def test_overloads_as_torch_has_them():
    x, y, s = randn(5, 4), randn(4), np.array(7.0, np.float32)
    close(F.max(x, y), torch.max(t(x), t(y)))                  # binary, not dim=y
    close(F.min(x, s), torch.min(t(x), torch.tensor(7.0)))      # a 0-d other is not dim 7
    close(F.var(x, True), torch.var(t(x), True))                # var(input, unbiased)
    close(F.var(x, False), torch.var(t(x), False))
    close(F.var(x, 1, False, True), torch.var(t(x), 1, False, True))
    lo, hi = randn(5, 1), randn(4) + 1
    close(F.clamp(x, lo, hi), torch.clamp(t(x), t(lo), t(hi)))
    close(F.clamp(x, max=hi), torch.clamp(t(x), max=t(hi)))
    n, d = 3 * randn(6, 7), randn(7)
    for mode in ("trunc", "floor"):
        close(F.div(n, d, rounding_mode=mode), torch.div(t(n), t(d), rounding_mode=mode))
    close(F.div(np.float32([-7, 7, -0.5]), np.float32([2, -2, 3]), rounding_mode="floor"),
          torch.tensor([-4.0, -4.0, -1.0]))
    close(F.softmax(x, 1, dtype=torch.float64), torch.softmax(t(x), 1, dtype=torch.float64),
          1e-12, 1e-14)
    close(F.log_softmax(x, 0, dtype=np.float64), torch.log_softmax(t(x), 0, dtype=torch.float64),
          1e-12, 1e-14)
    p = randn(1, 2, 6, 6)
    close(F.max_pool2d(p, (2,), stride=(), padding=(1,)), TF.max_pool2d(t(p), (2,), (), (1,)))
    close(F.avg_pool2d(p, 3, stride=[2], divisor_override=-2),
          TF.avg_pool2d(t(p), 3, [2], divisor_override=-2))
    with pytest.raises(ValueError, match="rounding_mode"):
        F.div(n, d, rounding_mode="round")


def test_an_argument_of_the_wrong_kind_is_a_type_error():
    x = randn(3, 4)
    for call in [lambda: F.sum(x, True), lambda: F.sum(x, np.int64(1.0) * np.ones(1)),
                 lambda: F.softmax(x, 1.0), lambda: F.transpose(x, 0, torch.tensor(1)),
                 lambda: F.max(x, True), lambda: F.max_pool2d(x[None], True),
                 lambda: F.var(x, 1, 1), lambda: F.reshape(x, (2, 6.0)),
                 lambda: F.var(x, True, unbiased=False)]:
        with pytest.raises(TypeError):
            call()


def test_torch_tensors_of_every_kind():
    w = torch.nn.Parameter(torch.randn(3, 4))
    close(F.relu(w), torch.relu(w))                             # a parameter
    g = torch.randn(3, 4, requires_grad=True)
    close(F.add(g, 1.0), g + 1)                                 # requires grad
    v = torch.randn(4, 6)[:, ::2].t()
    close(F.mul(v, v), v * v)                                   # a non-contiguous view
    n = torch.randn(4)._neg_view()
    close(F.exp(n), torch.exp(n))                               # a lazily negated view
    close(F.embedding(torch.tensor([[0, 2]]), w), TF.embedding(torch.tensor([[0, 2]]), w))
    for dtype in (torch.bfloat16, torch.float16, torch.complex64):
        with pytest.raises(TypeError, match="kiln takes"):
            F.relu(torch.ones(3, dtype=dtype))
    with pytest.raises(ValueError, match="on the CPU"):
        F.relu(torch.ones(3, device="meta"))


def test_float64_stays_float64():
    x = randn(3, 4, dtype=np.float64)
    close(F.softmax(x, 1), TF.softmax(t(x), 1), 1e-12, 1e-14)


def test_bad_calls_raise_with_the_verifiers_message():
    with pytest.raises(ValueError, match="input has 3 channels but weight expects 2"):
        F.conv2d(X, randn(4, 2, 3, 3))
    with pytest.raises(ValueError, match="do not broadcast"):
        F.add(randn(2, 3), randn(4))
    with pytest.raises(ValueError, match="is out of range"):
        F.softmax(X, 4)
    with pytest.raises(ValueError, match="mismatched contraction sizes"):
        F.matmul(randn(2, 3), randn(4, 5))
    with pytest.raises(TypeError):
        F.relu(np.arange(4, dtype=np.int64))
    with pytest.raises(TypeError):
        F.relu(np.zeros(3, np.float16))
    with pytest.raises(TypeError):
        F.relu()
    with pytest.raises(ValueError):
        F.dropout(X, 1.5)
    with pytest.raises(ValueError):
        F.gelu(X, approximate="erf")


def test_concurrent_calls_from_threads():
    xs = [randn(16, 32) for _ in range(8)]
    results, errors = {}, []

    def work(i):
        try:
            for _ in range(20):
                results[i] = F.gelu(F.layer_norm(xs[i], (32,)))
        except Exception as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert not errors
    for i, x in enumerate(xs):
        close(results[i], TF.gelu(TF.layer_norm(t(x), (32,))))


# Reductions longer than 256, GEMMs of 256 rows or more, and linear layers
# take the packed GEMM path (B's slices packed into panels; a linear layer's
# weight transposed by the packing; blocks of rows; a pointwise op after it
# fused into the GEMM's tiles), at sizes that are not multiples of the tiles.
PACKED_GEMMS = [
    ("matmul", F.matmul, torch.matmul, [(260, 300), (300, 200)]),
    ("matmul_tall", F.matmul, torch.matmul, [(1040, 520), (520, 64)]),
    ("matmul_short", F.matmul, torch.matmul, [(300, 100), (100, 96)]),
    ("linear_3d", F.linear, TF.linear, [(3, 100, 520), (96, 520), (96,)]),
    ("linear_one_row", F.linear, TF.linear, [(1, 600), (72, 600), (72,)]),
    ("linear_short", F.linear, TF.linear, [(70, 200), (96, 200), (96,)]),
    ("linear_odd", F.linear, TF.linear, [(5, 33), (48, 33), (48,)]),
    ("linear_gelu", lambda x, w, b: F.gelu(F.linear(x, w, b)),
     lambda x, w, b: TF.gelu(TF.linear(x, w, b)), [(130, 770), (288, 770), (288,)]),
]


@pytest.mark.parametrize("name,kiln_fn,torch_fn,shapes", PACKED_GEMMS, ids=[c[0] for c in PACKED_GEMMS])
def test_gemms_with_packed_operands(name, kiln_fn, torch_fn, shapes):
    inputs = [randn(*shape) for shape in shapes]
    close(kiln_fn(*inputs), torch_fn(*[t(a) for a in inputs]))


# Convolutions whose output channels fill vectors, computed channels-last
# (kiln-channels-last-conv): stride 1; a height stride read in place; a
# width stride through its column phases; dilated; f64; 1 to 4 vectors of
# channels; rows of 7 and of a prime width; a deep layer; followed by a bias
# and a relu, which read the result back as NCHW. Last, the seed's
# convolution (33 channels: the NCHW path, its height stride in place).
CHANNELS_LAST_CONVS = [  # N, C, F, H, W, kernel, stride, padding, dilation
    ("3x3", (2, 24, 64, 20, 28, 3, 1, 1, 1)),
    ("stride2", (1, 32, 96, 22, 22, 3, 2, 1, 1)),
    ("height_stride", (2, 8, 32, 25, 20, 3, (2, 1), (4, 1), (3, 1))),
    ("width_stride", (1, 16, 32, 12, 30, (3, 5), (1, 2), 1, (1, 2))),
    ("dilated", (1, 16, 32, 20, 24, 3, 1, 2, 2)),
    ("stem_7x7", (1, 3, 64, 32, 32, 7, 2, 3, 1)),
    ("rows_of_7", (1, 32, 16, 7, 7, 3, 1, 1, 1)),
    ("prime_width", (3, 5, 32, 11, 13, 3, 1, 1, 1)),
    ("deep", (2, 256, 256, 7, 7, 3, 1, 1, 1)),  # weights > input: tiles of channels
    ("channels_48", (1, 48, 48, 28, 28, 3, 1, 1, 1)),  # 3 vectors: tiles of 1
    ("channels_96", (2, 64, 96, 14, 14, 3, 1, 1, 1)),  # 6 vectors: tiles of 2
    ("seed_nchw", (2, 16, 33, 50, 40, (3, 5), (2, 1), (4, 2), (3, 1))),
]


@pytest.mark.parametrize("name,shape", CHANNELS_LAST_CONVS, ids=[c[0] for c in CHANNELS_LAST_CONVS])
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_channels_last_convolutions(name, shape, dtype):
    n, c, f, h, w, k, stride, padding, dilation = shape
    kernel = k if isinstance(k, tuple) else (k, k)
    x, wt, b = randn(n, c, h, w, dtype=dtype), randn(f, c, *kernel, dtype=dtype), randn(f, dtype=dtype)
    close(F.relu(F.conv2d(x, wt, b, stride, padding, dilation)),
          TF.relu(TF.conv2d(t(x), t(wt), t(b), stride, padding, dilation)))


# 1x1 convolutions that read part of their input, as a GEMM over a slice
# of it (kiln-pointwise-conv-to-matmul): ResNet's stride-2 downsamples, a
# stride of 3 that leaves rows and columns unread, padding (the border
# pixels are the padding's), a (2, 1) stride, f64, and a batch of 2; and
# inception_v3's 1x1 convolutions on 12 x 12 at stride 1.
STRIDED_POINTWISE_CONVS = [  # N, C, F, H, W, stride, padding
    ("downsample_56", (1, 64, 128, 56, 56, 2, 0)),
    ("downsample_14", (1, 256, 512, 14, 14, 2, 0)),
    ("stride3_unread", (2, 8, 12, 10, 11, 3, 0)),
    ("padded", (1, 16, 8, 9, 9, 2, 1)),
    ("height_stride", (2, 16, 24, 12, 10, (2, 1), 0)),
    ("pixels_144", (1, 768, 192, 12, 12, 1, 0)),  # 9 vectors: register steps of one
]


@pytest.mark.parametrize("name,shape", STRIDED_POINTWISE_CONVS,
                         ids=[c[0] for c in STRIDED_POINTWISE_CONVS])
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_strided_pointwise_convolutions(name, shape, dtype):
    n, c, f, h, w, stride, padding = shape
    x, wt, b = randn(n, c, h, w, dtype=dtype), randn(f, c, 1, 1, dtype=dtype), randn(f, dtype=dtype)
    close(F.conv2d(x, wt, b, stride, padding), TF.conv2d(t(x), t(wt), t(b), stride, padding))


# Grouped and depthwise convolutions at the shapes networks have (their
# register tiles take several groups' rows at once, kiln-strategy): rows of
# whole vectors, padded to them (28, 14) or not (7), channels-last on
# several images of 14 x 14 or less (kiln-channels-last-conv), width-strided
# ones in column phases, a depthwise multiplier, groups of a few channels.
GROUPED_CONVS = [  # N, C, F, H, W, kernel, stride, padding, groups
    ("depthwise_112", (1, 32, 32, 112, 112, 3, 1, 1, 32)),
    ("depthwise_stride2", (1, 24, 24, 56, 56, 3, 2, 1, 24)),
    ("depthwise_5x5_28", (1, 40, 40, 28, 28, 5, 1, 2, 40)),
    ("depthwise_7x7", (2, 48, 48, 7, 7, 3, 1, 1, 48)),
    ("depthwise_7x7_batch8", (8, 48, 48, 7, 7, 3, 1, 1, 48)),
    ("depthwise_14x14_batch2", (2, 32, 32, 14, 14, 3, 1, 1, 32)),
    ("depthwise_5x5_7x7", (6, 64, 64, 7, 7, 5, 1, 2, 64)),
    ("depthwise_stride2_to_7x7", (6, 32, 32, 14, 14, 3, 2, 1, 32)),
    ("depthwise_unpadded_5x5", (11, 16, 16, 7, 7, 3, 1, 0, 16)),
    ("depthwise_multiplier", (1, 8, 16, 14, 14, 3, 1, 1, 8)),
    ("groups_of_16_28", (1, 64, 64, 28, 28, 3, 1, 1, 4)),
    ("groups_of_16_stride2", (1, 32, 32, 30, 30, 3, 2, 1, 2)),
    ("groups_of_4", (1, 32, 32, 20, 20, 3, 1, 1, 8)),
    ("groups_unpadded", (1, 6, 9, 11, 13, (3, 5), (2, 1), 0, 3)),
]


@pytest.mark.parametrize("name,shape", GROUPED_CONVS, ids=[c[0] for c in GROUPED_CONVS])
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_grouped_convolutions(name, shape, dtype):
    n, c, f, h, w, k, stride, padding, groups = shape
    k = k if isinstance(k, tuple) else (k, k)
    x, wt = randn(n, c, h, w, dtype=dtype), randn(f, c // groups, *k, dtype=dtype)
    b = randn(f, dtype=dtype)
    close(F.conv2d(x, wt, b, stride, padding, 1, groups),
          TF.conv2d(t(x), t(wt), t(b), stride, padding, 1, groups))


@pytest.mark.parametrize("seed", range(12))
def test_random_convolutions(seed):
    r = np.random.default_rng(seed)
    groups = int(r.choice([1, 2, 3]))
    cin, cout = groups * int(r.integers(1, 4)), groups * int(r.integers(1, 4))
    k = [int(v) for v in r.integers(1, 4, 2)]
    stride, dilation = [int(v) for v in r.integers(1, 3, 2)], [int(v) for v in r.integers(1, 3, 2)]
    padding = [int(v) for v in r.integers(0, 3, 2)]
    h, w = [int(r.integers(dilation[i] * (k[i] - 1) + 1, 12)) for i in range(2)]
    x, wt, b = randn(int(r.integers(1, 3)), cin, h, w), randn(cout, cin // groups, *k), randn(cout)
    close(F.conv2d(x, wt, b, stride, padding, dilation, groups),
          TF.conv2d(t(x), t(wt), t(b), stride, padding, dilation, groups))


# Transposed convolutions, whose row phases kiln-decompose-transposed-conv
# computes apart: strides 2 and 3 (with a dilation sharing a factor or
# not), padding up to and past the kernel's reach (a cropped spread, left
# to the plain path), output_padding, groups, and the seed's shape class.
@pytest.mark.parametrize("seed", range(16))
def test_random_transposed_convolutions(seed):
    r = np.random.default_rng(200 + seed)
    groups = int(r.choice([1, 1, 2]))
    cin, cout = groups * int(r.integers(1, 4)), groups * int(r.integers(1, 4))
    k = [int(v) for v in r.integers(1, 5, 2)]
    stride = [int(v) for v in r.integers(1, 4, 2)]
    stride[0] = max(stride[0], 2)
    dilation = [int(v) for v in r.integers(1, 4, 2)]
    padding = [int(r.integers(0, dilation[i] * (k[i] - 1) + 2)) for i in range(2)]
    output_padding = [int(r.integers(0, max(stride[i], dilation[i]))) for i in range(2)]
    x, wt, b = randn(int(r.integers(1, 3)), cin, *r.integers(2, 9, 2)), randn(cin, cout // groups, *k), randn(cout)
    try:
        want = TF.conv_transpose2d(t(x), t(wt), t(b), stride, padding, output_padding, groups, dilation)
    except RuntimeError:  # an output_padding torch refuses
        return
    close(F.conv_transpose2d(x, wt, b, stride, padding, output_padding, groups, dilation), want)


def test_seed_transposed_convolution():
    x, wt = randn(2, 16, 10, 20), randn(16, 33, 3, 3)
    close(F.conv_transpose2d(x, wt, stride=2), TF.conv_transpose2d(t(x), t(wt), stride=2))


@pytest.mark.parametrize("seed", range(12))
def test_random_broadcasting_and_reductions(seed):
    r = np.random.default_rng(100 + seed)
    shape = [int(v) for v in r.integers(1, 6, int(r.integers(1, 5)))]
    other = [1 if r.random() < 0.4 else d for d in shape[int(r.integers(0, len(shape))):]]
    a, b = randn(*shape), randn(*other)
    close(F.mul(a, b), torch.mul(t(a), t(b)))
    dims = sorted(set(int(v) for v in r.integers(0, len(shape), 2)))
    keep = bool(r.integers(0, 2))
    close(F.sum(a, dims, keep), torch.sum(t(a), dims, keep))
    close(F.var(a, dims, keepdim=keep, correction=0), torch.var(t(a), dims, unbiased=False, keepdim=keep))
