"""Kiln's parallel loops share PyTorch's thread pool: in a process that has
loaded GNU libgomp (PyTorch's OpenMP), kernels run on its threads rather
than starting LLVM libomp's beside them, whether compiled by the JIT or
loaded from the disk cache; without libgomp they run on libomp. Each case
runs in a new process, as the pool is the process's."""
import os
import subprocess
import sys

import pytest

PRELUDE = """
import os, sys
import numpy as np
def threads():
    return len(os.listdir("/proc/self/task"))
def has_libgomp():
    return "/libgomp.so" in open("/proc/self/maps").read()
def kiln_kernels(cache):
    import kiln, kiln.functional as F
    r = np.random.default_rng(0)
    a = r.standard_normal((256, 256)).astype(np.float32)
    x = r.standard_normal((8, 64, 28, 28)).astype(np.float32)
    mm = kiln.jit(F.matmul, disk_cache=cache)
    block = kiln.jit(lambda t: F.softmax(F.relu(t), -1), disk_cache=cache)
    np.testing.assert_allclose(mm(a, a), a @ a, rtol=1e-4, atol=1e-3)
    e = np.exp(np.maximum(x, 0) - np.maximum(x, 0).max(-1, keepdims=True))
    np.testing.assert_allclose(block(x), e / e.sum(-1, keepdims=True), rtol=1e-5, atol=1e-6)
    return kiln.thread_pool()  # the JIT's choice; a library has its own router
"""


def run(script, tmp_path, **settings):
    env = dict(os.environ, KILN_NUM_THREADS="2", KILN_CACHE_DIR=str(tmp_path))
    env.pop("KILN_THREAD_POOL", None)
    env.update(settings)
    done = subprocess.run([sys.executable, "-c", PRELUDE + script], env=env, capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


TORCH_FIRST = """
import torch
torch.set_num_threads(2)
torch.relu(torch.rand(8, 64, 56, 56))  # starts libgomp's pool
before = threads()
pool = kiln_kernels(False)  # the JIT
kiln_kernels(True)  # libraries: compiled (or loaded from the cache), then loaded
kiln_kernels(True)
print(has_libgomp(), pool, threads() - before)
"""


@pytest.mark.parametrize("cache", ["cold", "warm"])
def test_beside_torch_kernels_run_on_its_pool(tmp_path, cache):
    if cache == "warm":
        run(TORCH_FIRST, tmp_path)  # fills the disk cache: loaded libraries this time
    gomp, pool, new_threads = run(TORCH_FIRST, tmp_path)
    assert (gomp, pool) == ("True", "libgomp")
    # No second pool, the libraries' included: libomp would have started a
    # worker for 2 threads.
    assert new_threads == "0"


def test_alone_kernels_run_on_libomp(tmp_path):
    gomp, pool, new_threads = run("""
before = threads()
pool = kiln_kernels(False)
kiln_kernels(True)
print(has_libgomp(), pool, threads() - before)
""", tmp_path)
    if gomp == "True":  # numpy's BLAS is OpenBLAS's OpenMP build: its pool is shared
        assert pool == "libgomp"
    else:
        assert pool == "libomp"
        assert int(new_threads) >= 1  # libomp's worker


def test_torch_loaded_later_takes_over(tmp_path):
    first, later, new_threads = run("""
first = kiln_kernels(False)
import torch
torch.set_num_threads(2)
torch.relu(torch.rand(8, 64, 56, 56))
before = threads()
later = kiln_kernels(False)
torch.relu(torch.rand(8, 64, 56, 56))
print(first, later, threads() - before)
""", tmp_path)
    assert (first, later) == ("libomp", "libgomp")
    # torch runs on its libgomp too (Kiln's libomp is not where torch's
    # GOMP calls resolve): no new pool for either.
    assert new_threads == "0"


def test_own_pool_on_request(tmp_path):
    (pool,) = run("""
import torch
torch.relu(torch.rand(8, 64, 56, 56))
print(kiln_kernels(False))
""", tmp_path, KILN_THREAD_POOL="own")
    assert pool == "libomp"
