"""kiln.compile(...).save(): a traced function as a shared object with
Kiln's C ABI, loaded with ctypes, giving kiln.jit's (and torch's) results."""
import ctypes
import subprocess

import numpy as np
import pytest
import torch
import torch.nn.functional as TF

import kiln
import kiln.functional as F


def test_saved_library_loads_with_ctypes_and_matches(tmp_path):
    r = np.random.default_rng(5)
    x = r.standard_normal((2, 4, 9, 9)).astype(np.float32)
    w = r.standard_normal((6, 4, 3, 3)).astype(np.float32)

    def block(x, w):
        return F.relu(F.conv2d(x, w, padding=1))

    lib_path, header = tmp_path / "libblock.so", tmp_path / "block.h"
    aot = kiln.compile(block, x, w)
    aot.save(lib_path, header=header)
    assert "int kiln_block(const float *in0, const float *in1, float *out0);" in header.read_text()

    lib = ctypes.CDLL(str(lib_path))
    lib.kiln_block_output_shape.restype = ctypes.POINTER(ctypes.c_int64)
    shape = tuple(lib.kiln_block_output_shape(0)[i] for i in range(lib.kiln_block_output_rank(0)))
    out = np.empty(shape, np.float32)
    ptr = lambda a: ctypes.c_void_p(a.ctypes.data)
    assert lib.kiln_block(ptr(x), ptr(w), ptr(out)) == 0
    np.testing.assert_allclose(out, kiln.jit(block)(x, w), rtol=1e-6, atol=1e-6)
    np.testing.assert_allclose(out, TF.relu(TF.conv2d(torch.tensor(x), torch.tensor(w), padding=1)).numpy(),
                               rtol=1e-4, atol=1e-4)


def test_model_library_exports_only_its_c_abi(tmp_path):
    # Six layers of different widths: kernels large enough that the AOT
    # compiler generates them in parts on several threads (the constants they
    # share are named kiln.split.* when the split externalizes them); the
    # parts link, and only kiln_* is exported (a kernel's or wrapper's
    # symbol could be interposed by another library's of the same name).
    r = np.random.default_rng(6)
    x = r.standard_normal((1, 16, 20, 20)).astype(np.float32)
    chans = [16, 24, 32, 40, 48, 56, 64]
    ws = [r.standard_normal((o, i, 3, 3)).astype(np.float32) * 0.2 for i, o in zip(chans, chans[1:])]
    bs = [r.standard_normal(o).astype(np.float32) for o in chans[1:]]

    def model(x):
        for w, b in zip(ws, bs):
            x = F.max_pool2d(F.relu(F.conv2d(x, w, b, padding=1)), 2, 1)
        return F.softmax(F.flatten(x, 1), -1)

    lib_path = tmp_path / "libmodel.so"
    kiln.compile(model, x, embed_captured=True).save(lib_path)
    nm = lambda *flags: subprocess.run(["nm", *flags, str(lib_path)], check=True,
                                       capture_output=True, text=True).stdout
    exported = nm("-D", "--defined-only").split()[2::3]
    assert "kiln_model" in exported
    assert all(n.startswith("kiln_") for n in exported), exported
    assert "kiln.split" in nm()
    lib = ctypes.CDLL(str(lib_path))
    out = np.empty((1, 64 * 14 * 14), np.float32)
    assert lib.kiln_model(ctypes.c_void_p(x.ctypes.data), ctypes.c_void_p(out.ctypes.data)) == 0
    np.testing.assert_allclose(out, kiln.jit(model)(x), rtol=1e-5, atol=1e-9)


def test_bad_target_and_path_raise(tmp_path):
    aot = kiln.compile(lambda x: F.relu(x), np.zeros(3, np.float32), name="relu3")
    with pytest.raises(RuntimeError, match="unsupported target CPU"):
        aot.save(tmp_path / "a.so", target_cpu="no-such-cpu")
    with pytest.raises(RuntimeError, match="cannot write"):
        aot.save(tmp_path / "missing" / "a.so")
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(ValueError, match="not a C identifier"):
        kiln.compile(lambda x: x, np.zeros(3, np.float32), name="my-lib")


def _host_has(*flags):
    with open("/proc/cpuinfo") as f:
        present = set(next(line for line in f if line.startswith("flags")).split())
    return all(flag in present for flag in flags)


@pytest.mark.skipif(not _host_has("avx2", "fma"), reason="the host cannot run haswell code")
def test_saved_for_haswell_is_tiled_for_it_and_right(tmp_path):
    # Tiles, vectors and registers follow the target CPU (kiln-set-target):
    # a GEMM for haswell is built for 16 ymm registers whatever the host.
    rng = np.random.default_rng(7)
    a, b = (rng.standard_normal((256, 256)).astype(np.float32) for _ in range(2))
    lib_path = tmp_path / "libmm.so"
    kiln.compile(F.matmul, a, b, name="mm").save(lib_path, target_cpu="haswell")
    lib = ctypes.CDLL(str(lib_path))
    out = np.empty_like(a)
    assert lib.kiln_mm(ctypes.c_void_p(a.ctypes.data), ctypes.c_void_p(b.ctypes.data),
                       ctypes.c_void_p(out.ctypes.data)) == 0
    np.testing.assert_allclose(out, a.astype(np.float64) @ b, rtol=1e-4, atol=1e-4)


def test_saved_for_another_cpu_uses_only_its_instructions(tmp_path):
    # The lowering follows the target CPU, not the host: a library for
    # x86-64-v2 gets no AVX-512 intrinsic (exp's vscalefps), which LLVM
    # would abort on, and runs anywhere.
    x = np.random.default_rng(6).standard_normal((8, 128)).astype(np.float32)
    x[:, ::5] = -np.inf
    lib_path = tmp_path / "libsoftmax.so"
    kiln.compile(lambda a: F.softmax(a, -1), x, name="softmax").save(lib_path, target_cpu="x86-64-v2")
    lib = ctypes.CDLL(str(lib_path))
    out = np.empty_like(x)
    assert lib.kiln_softmax(ctypes.c_void_p(x.ctypes.data), ctypes.c_void_p(out.ctypes.data)) == 0
    np.testing.assert_allclose(out, torch.softmax(torch.tensor(x), -1).numpy(), rtol=1e-5, atol=1e-7)
