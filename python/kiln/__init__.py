"""Kiln: neural-network operators compiled with MLIR, called from numpy.

    import numpy as np, kiln.functional as F
    y = F.conv2d(x, w, b, stride=2, padding=1)

kiln.functional mirrors torch.nn.functional (and torch's tensor functions)
for the 68 ops of the Kiln catalogue; kernels are JIT-compiled on first use
and cached. kiln.ir_text writes kiln IR; kiln._native is the extension.
"""
import importlib

__version__ = "0.1.0"

# Loaded on first use, so that kiln.ir_text works without the extension
# (the golden-data generator imports it from the source tree).
_SUBMODULES = ("aten", "cache", "frontend", "functional", "ir_text", "nn", "tracing")


def __getattr__(name):
    if name in ("jit", "compile"):  # from kiln.tracing
        return getattr(importlib.import_module(".tracing", __name__), name)
    if name in ("cache_info", "clear_cache"):  # from kiln.cache
        return getattr(importlib.import_module(".cache", __name__), name)
    if name == "thread_pool":  # the extension's
        return importlib.import_module("._native", __name__).openmp_pool
    if name == "from_torch":  # from kiln.frontend
        return importlib.import_module(".frontend", __name__).from_torch
    if name in _SUBMODULES:
        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module 'kiln' has no attribute '{name}'")
