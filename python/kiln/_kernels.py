"""Compiled kernels of single kiln ops, cached per (op, operand types, attributes).

A kernel is compiled on first use: the dialect infers its result types (so a
bad call raises the verifier's message), kiln-pipeline lowers it, the JIT
compiles it. Calls then only check and pass arrays.
"""
import os
import threading

import numpy as np

from . import _native, ir_text

# The optimizing pipeline; KILN_OPT_LEVEL=0 selects the naive reference one
# (for bisecting a suspected miscompile).
OPT_LEVEL = int(os.environ.get("KILN_OPT_LEVEL", "3"))

_cache = {}
_lock = threading.Lock()

# The kiln.jit trace being recorded on this thread, if any (kiln.tracing
# sets it): ops called under it record themselves instead of running.
_tracing = threading.local()


def current_graph():
    return getattr(_tracing, "graph", None)


_FLOATS = ("float32", "float64")
_TAKEN = _FLOATS + ("int32", "int64")
_TAKEN_DTYPES = frozenset(np.dtype(name) for name in _TAKEN)  # native byte order


class Kernel:
    def __init__(self, module, outputs):
        self.module = module
        self.outputs = outputs  # [(dtype, shape)]

    def __call__(self, arrays):
        outs = [np.empty(shape, dtype) for dtype, shape in self.outputs]
        self.module.run("kernel", arrays, outs)
        return outs


def _key(value):
    """A hashable form of an attribute value."""
    return tuple(value) if isinstance(value, (list, tuple)) else value


def is_torch_tensor(x):
    """A torch.Tensor (or Parameter), recognised without importing torch."""
    return any(c.__module__ == "torch" and c.__name__ == "Tensor" for c in type(x).__mro__)


def from_torch(t):
    """A CPU torch tensor's data as a numpy array (shared when torch allows):
    parameters and tensors that require grad are read, not differentiated."""
    if t.device.type != "cpu":
        raise ValueError(f"kiln runs on the CPU; got a tensor on {t.device} "
                         f"(move it with .cpu() first)")
    if t.is_sparse or t.is_quantized or t.is_complex() or t.layout != t.detach().layout:
        raise TypeError(f"kiln takes dense real tensors, not {t.layout} {t.dtype}")
    name = str(t.dtype).replace("torch.", "")
    if name not in _TAKEN:
        raise TypeError(f"kiln takes float32, float64, int32 or int64 tensors, not {name}")
    return t.detach().resolve_neg().numpy()


def as_array(x, like=None):
    """x as a C-contiguous numpy array Kiln can take (float32/float64 data,
    int32/int64 indices). CPU torch tensors are read through numpy.
    Non-arrays (Python numbers, lists) become float32, or `like`'s dtype
    when they pair with an array. Values of a kiln.jit trace pass through."""
    if type(x) is np.ndarray:  # the common case first, without dtype.name (1 us)
        if x.dtype in _TAKEN_DTYPES and x.flags.c_contiguous:
            return x
    elif getattr(x, "kiln_traced", False):
        return x
    elif is_torch_tensor(x):
        x = from_torch(x)
    if not isinstance(x, np.ndarray):
        if like is not None and is_torch_tensor(like):
            like = from_torch(like)
        x = np.asarray(x, dtype=like.dtype if like is not None else np.float32)
    if x.dtype.name not in _TAKEN:
        raise TypeError(f"kiln takes float32, float64, int32 or int64 arrays, not {x.dtype.name}")
    if not x.dtype.isnative:  # big-endian data
        x = x.astype(x.dtype.newbyteorder("="))
    if not x.flags.c_contiguous:  # sliced, transposed or Fortran-ordered views
        x = np.ascontiguousarray(x)
    return x


def compile_kernel(op, arrays, props):
    types = [ir_text.tensor_type(a.shape, a.dtype) for a in arrays]
    text = ", ".join(f"{k} = {ir_text.attr(v)}" for k, v in sorted(props.items()))
    try:
        results = _native.infer_result_types(op, types, text)
        source = ir_text.single_op_function("kernel", op, types, results, props)
        module = _native.CompiledModule(source, OPT_LEVEL)
    except ValueError as e:
        # An operand of the wrong element type breaks the op's type
        # constraint ("operand #0 must be ... tensor of ... float ...").
        if "must be statically shaped tensor of" in str(e):
            raise TypeError(str(e)) from None
        raise
    return Kernel(module, module.entries["kernel"][1])


def kernel(op, arrays, props):
    # dtype objects, and tuples built from lists: a small op's call is
    # mostly this key.
    key = (op, tuple([(a.dtype, a.shape) for a in arrays]),
           tuple(sorted([(k, _key(v)) for k, v in props.items()])) if props else ())
    k = _cache.get(key)
    if k is None:
        with _lock:
            k = _cache.get(key)
            if k is None:
                k = _cache[key] = compile_kernel(op, arrays, props)
    return k


def call(op, operands, props=None):
    """Runs kiln.<op> on `operands` (arrays) with `props`; returns the list
    of result arrays. Inside a kiln.jit trace, records the op instead and
    returns its traced results."""
    graph = current_graph()
    if graph is not None:
        return graph.record(op, operands, props or {})
    arrays = [as_array(x) for x in operands]
    return kernel(op, arrays, props or {})(arrays)
