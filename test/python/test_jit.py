"""kiln.jit: traced functions of kiln.functional calls compiled into one
kernel per input signature, against PyTorch."""
import numpy as np
import pytest
import torch
import torch.nn.functional as TF

import kiln
import kiln.functional as F

RNG = np.random.default_rng(7)


def randn(*shape):
    return RNG.standard_normal(shape).astype(np.float32)


def t(x):
    return torch.from_numpy(np.array(x))


def test_conv_batch_norm_relu_block():
    x, w, b = randn(2, 8, 16, 16), randn(8, 8, 3, 3), randn(8)
    m, v = randn(8), np.abs(randn(8)) + 0.5

    @kiln.jit
    def block(x, w, b, m, v):
        return F.relu(F.batch_norm(F.conv2d(x, w, b, padding=1), m, v))

    want = TF.relu(TF.batch_norm(TF.conv2d(t(x), t(w), t(b), padding=1), t(m), t(v)))
    np.testing.assert_allclose(block(x, w, b, m, v), want.numpy(), rtol=1e-4, atol=1e-4)
    ir = block.ir("kiln")
    assert ir.count("func.func") == 1
    for op in ("kiln.conv2d", "kiln.batch_norm", "kiln.relu"):
        assert op in ir


def test_transformer_mlp_block():
    d, hidden = 32, 128
    w1, b1, w2, b2 = randn(hidden, d), randn(hidden), randn(d, hidden), randn(d)
    g, beta = randn(d), randn(d)

    @kiln.jit
    def mlp(x):  # weights captured from the enclosing scope
        h = F.gelu(F.linear(x, w1, b1))
        return F.layer_norm(F.add(x, F.linear(h, w2, b2)), (d,), g, beta)

    x = randn(4, 10, d)
    xt = t(x)
    h = TF.gelu(TF.linear(xt, t(w1), t(b1)))
    want = TF.layer_norm(xt + TF.linear(h, t(w2), t(b2)), (d,), t(g), t(beta))
    np.testing.assert_allclose(mlp(x), want.numpy(), rtol=1e-4, atol=1e-4)


def test_compiles_once_per_signature_and_retraces_new_shapes():
    calls = []

    @kiln.jit
    def f(x, y):
        calls.append(1)  # runs only while tracing
        return F.mul(F.add(x, y), 2.0)

    a, b = randn(3, 4), randn(4)
    for _ in range(3):
        np.testing.assert_allclose(f(a, b), (a + b) * 2, rtol=1e-6)
    assert len(calls) == 1
    f(randn(5, 4), b)
    assert len(calls) == 2
    # A new dtype is a new signature; big-endian data is the native one's.
    np.testing.assert_allclose(f(a.astype(np.float64), b.astype(np.float64)), (a + b) * 2)
    assert len(calls) == 3
    np.testing.assert_allclose(f(a.astype(">f4"), b), (a + b) * 2, rtol=1e-6)
    assert len(calls) == 3


def test_several_outputs_and_keyword_constants():
    @kiln.jit
    def stats(x, dim=0):
        return F.mean(x, dim), F.max(x, dim)[1]

    x = randn(5, 6)
    mean, idx = stats(x, dim=1)
    np.testing.assert_allclose(mean, x.mean(1), rtol=1e-5)
    np.testing.assert_array_equal(idx, x.argmax(1))
    assert stats(x, dim=0)[0].shape == (6,)


def test_ir_at_every_stage():
    @kiln.jit
    def f(x):
        return F.softmax(x, -1)

    with pytest.raises(RuntimeError):
        f.ir()
    f(randn(2, 3))
    assert "kiln.softmax" in f.ir("kiln")
    assert "linalg.generic" in f.ir("linalg")
    assert "memref" in f.ir("buffers")
    assert "llvm.func" in f.ir("llvm")
    assert "define void @_mlir_ciface_traced" in f.ir("llvm-ir")
    with pytest.raises(ValueError, match="unknown stage"):
        f.ir("assembly")


def test_trace_errors_carry_the_verifiers_message():
    @kiln.jit
    def bad(x, w):
        return F.matmul(x, w)

    with pytest.raises(ValueError, match="mismatched contraction sizes 3 and 4"):
        bad(randn(2, 3), randn(4, 5))


def test_disk_cache_serves_a_new_process(tmp_path):
    import os
    import subprocess
    import sys
    script = """
import sys, time, numpy as np
sys.path.insert(0, sys.argv[1])
import kiln, kiln.functional as F
@kiln.jit
def f(x):
    return F.softmax(F.add(x, 1.0), -1)
x = np.arange(12, dtype=np.float32).reshape(3, 4)
t0 = time.perf_counter()
y = f(x)
print(round(1000 * (time.perf_counter() - t0), 3), float(y.sum()))
"""
    env = dict(os.environ, KILN_CACHE_DIR=str(tmp_path))
    path = os.path.join(os.path.dirname(kiln.__file__), "..")
    # Two processes race on an empty cache, then a third hits it.
    procs = [subprocess.Popen([sys.executable, "-c", script, path], env=env,
                              stdout=subprocess.PIPE, text=True) for _ in range(2)]
    outs = [p.communicate()[0] for p in procs]
    assert all(p.returncode == 0 for p in procs), outs
    files = sorted(f for f in os.listdir(tmp_path) if f.endswith(".so"))
    assert len(files) == 1 and sorted(os.listdir(tmp_path)) == [
        files[0], files[0][:-3] + ".sum"], os.listdir(tmp_path)
    mtime = os.path.getmtime(tmp_path / files[0])
    hit = subprocess.run([sys.executable, "-c", script, path], env=env, capture_output=True,
                         text=True, check=True).stdout.split()
    assert float(hit[1]) == pytest.approx(3.0)  # each softmax row sums to 1
    assert os.path.getmtime(tmp_path / files[0]) == mtime  # loaded, not rebuilt


def test_out_argument_receives_results():
    @kiln.jit
    def f(x):
        return F.neg(x)

    x = randn(3, 4)
    out = np.empty((3, 4), np.float32)
    assert f(x, out=out) is out
    np.testing.assert_array_equal(out, -x)
    with pytest.raises(ValueError, match="must be float32"):
        f(x, out=np.empty((3, 4), np.float64))
