"""kiln.jit: trace a Python function of kiln.functional calls into one kiln
function, compile it once per input signature, and call it like the original.

    @kiln.jit
    def block(x, w, b, mean, var):
        return F.relu(F.batch_norm(F.conv2d(x, w, b, padding=1), mean, var))

    y = block(x, w, b, mean, var)      # traces and compiles on the first call
    print(block.ir("linalg"))          # the IR at a stage of the pipeline

Positional arguments are the traced inputs (arrays); keyword arguments are
constants of the trace and part of the cache key. Arrays the function reads
from elsewhere (a closure, a global) are captured when it is traced: the
compiled function reads those same array objects on every call.

Compiled functions are cached in memory and on disk (kiln.cache: shared
objects in $KILN_CACHE_DIR, default ~/.cache/kiln, named by a hash of the
traced IR, the Kiln version, the opt-level and the host CPU with its
features, each verified against its checksum before it is loaded, the whole
bounded by $KILN_CACHE_MAX_MB). A new process tracing the same function
loads the library instead of compiling.
"""
import functools
import os
import threading

import numpy as np

from . import _native, cache, ir_text
from . import _kernels
from ._kernels import _tracing


class Tracer:
    """A value of the traced function: an SSA name with a type."""

    kiln_traced = True  # what kiln.functional looks for (no import cycle)

    def __init__(self, graph, name, type_text):
        self.graph, self.name, self.type = graph, name, type_text
        inner = type_text[len("tensor<"):-1].split("x")
        self.dtype = np.dtype({"f32": "float32", "f64": "float64", "i32": "int32",
                               "i64": "int64"}[inner[-1]])
        self.shape = tuple(int(d) for d in inner[:-1])
        self.ndim = len(self.shape)

    def __repr__(self):
        return f"Tracer({self.name}: {self.type})"


class Graph:
    """The ops a traced function calls, in order, as kiln IR lines."""

    def __init__(self):
        self.args = []       # (name, type) of the function's arguments
        self.captured = []   # arrays read from outside, passed after the inputs
        self._captured_ids = {}
        self.lines = []
        self._count = 0

    def input(self, array):
        t = Tracer(self, f"%a{len(self.args)}", ir_text.tensor_type(array.shape, array.dtype))
        self.args.append((t.name, t.type))
        return t

    def operand(self, x):
        """A traced value, or an outside array captured as an extra argument."""
        if isinstance(x, Tracer):
            if x.graph is not self:
                raise ValueError("a value of another kiln.jit trace was used")
            return x
        a = _kernels.as_array(x)
        key = id(x)
        if key not in self._captured_ids:
            t = Tracer(self, f"%c{len(self.captured)}", ir_text.tensor_type(a.shape, a.dtype))
            self._captured_ids[key] = t
            self.captured.append(a)
        return self._captured_ids[key]

    def record(self, op, operands, props):
        values = [self.operand(x) for x in operands]
        types = [v.type for v in values]
        text = ", ".join(f"{k} = {ir_text.attr(v)}" for k, v in sorted(props.items()))
        results = _native.infer_result_types(op, types, text)
        name = f"%v{self._count}"
        self._count += 1
        lhs = name if len(results) == 1 else f"{name}:{len(results)}"
        self.lines.append(f"  {lhs} = " + ir_text.op_line(op, [v.name for v in values], types,
                                                          results, props))
        names = [name] if len(results) == 1 else [f"{name}#{i}" for i in range(len(results))]
        return [Tracer(self, n, t) for n, t in zip(names, results)]

    def function(self, name, outputs, embed=False, constant=False):
        """The traced function; captured arrays are arguments after the
        inputs (marked kiln.constant if `constant`: the pipeline may then
        compute what depends on them alone once, in an entry of its own), or
        with `embed` constants of the function (MLIR resource blobs, so the
        pipeline never folds through them)."""
        mark = " {kiln.constant}" if constant else ""
        captured = [(f"%c{i}", ir_text.tensor_type(a.shape, a.dtype) + mark)
                    for i, a in enumerate(self.captured)]
        args = ", ".join(f"{n}: {t}" for n, t in self.args + ([] if embed else captured))
        consts = [f"  {n} = arith.constant dense_resource<kiln_c{i}> : {t}"
                  for i, (n, t) in enumerate(captured)] if embed else []
        types = ", ".join(o.type for o in outputs)
        text = (f"func.func @{name}({args}) -> ({types}) {{\n" + "\n".join(consts + self.lines) +
                f"\n  return {', '.join(o.name for o in outputs)} : {types}\n}}\n")
        if embed and self.captured:
            blobs = ",\n".join(f'      kiln_c{i}: "0x{a.dtype.alignment:02X}000000'
                               f'{a.tobytes().hex().upper()}"' for i, a in enumerate(self.captured))
            text += f"{{-#\n  dialect_resources: {{\n    builtin: {{\n{blobs}\n    }}\n  }}\n#-}}\n"
        return text


class Compiled:
    def __init__(self, source, runnable, captured, single):
        self.source, self.runnable, self.captured, self.single = source, runnable, captured, single
        self.outputs = runnable.entries["traced"][1]
        # What the pipeline computes from constant captures alone
        # (kiln-prepare-constants), computed here once and passed to every
        # call after them.
        self.prepared = []
        if "traced_prepare" in runnable.entries:
            self.prepared = [np.empty(shape, dtype)
                             for dtype, shape in runnable.entries["traced_prepare"][1]]
            runnable.run("traced_prepare", captured, self.prepared)

    def __call__(self, arrays, out=None):
        if out is None:
            outs = [np.empty(shape, dtype) for dtype, shape in self.outputs]
        else:
            outs = [out] if isinstance(out, np.ndarray) else list(out)
        self.runnable.run("traced", arrays + self.captured + self.prepared, outs)
        return outs[0] if self.single else tuple(outs)


def _load_or_compile(source, opt_level):
    """A SharedLibrary from the disk cache (kiln.cache), keyed by the IR,
    Kiln's version and build, the opt-level and the CPU's features."""
    # The extension's own identity (size and time of its build) stands for
    # the compiler's: a rebuilt Kiln of the same version compiles anew.
    build = os.stat(_native.__file__)
    return cache.load_or_compile(source, opt_level, [
        _native.version, f"{build.st_size}:{build.st_mtime_ns}", str(opt_level),
        _native.host_cpu()])


class JitFunction:
    def __init__(self, fn, opt_level=3, disk_cache=True, constant_captures=False):
        """`constant_captures`: the arrays fn captures never change after
        tracing (a model's weights), so what depends on them alone may be
        computed once."""
        functools.update_wrapper(self, fn)
        self.fn, self.opt_level, self.disk_cache = fn, opt_level, disk_cache
        self.constant_captures = constant_captures
        self._cache = {}
        self._lock = threading.Lock()
        self._last = None

    def _trace(self, arrays, kwargs, name="traced", embed=False):
        """(kiln IR of fn on arrays' types, the arrays it captured, whether
        it returns one value)."""
        graph = Graph()
        inputs = [graph.input(a) for a in arrays]
        _tracing.graph = graph
        try:
            result = self.fn(*inputs, **kwargs)
        finally:
            _tracing.graph = None
        single = isinstance(result, Tracer) or not isinstance(result, (tuple, list))
        outputs = [result] if single else list(result)
        outputs = [graph.operand(o) for o in outputs]
        # opt_level=0 has no kiln-prepare-constants to consume the marks.
        constant = self.constant_captures and self.opt_level != 0
        return graph.function(name, outputs, embed, constant), graph.captured, single

    def _compile(self, source, captured, single):
        runnable = (_load_or_compile(source, self.opt_level) if self.disk_cache
                    else _native.CompiledModule(source, self.opt_level))
        return Compiled(source, runnable, captured, single)

    def prepare(self, arrays, traced=None):
        """Compiles (or loads from the disk cache) for arrays' types without
        running fn (only the prepare entry of constant captures, if any);
        `traced`, a _trace of fn on the same types, spares tracing again."""
        key = tuple([(a.dtype, a.shape) for a in arrays])
        with self._lock:
            if key not in self._cache:
                self._cache[key] = self._compile(*(traced or self._trace(arrays, {})))
            self._last = self._cache[key]

    def __call__(self, *args, out=None, **kwargs):
        """Runs the compiled function; `out` (an array, or a tuple of them for
        several results) receives the results instead of new arrays."""
        arrays = [_kernels.as_array(a) for a in args]
        # Keyed by dtype objects (not their names) and built from a list, not
        # a generator: this lookup is most of a small call's time.
        key = tuple([(a.dtype, a.shape) for a in arrays])
        if kwargs:
            key = (key, tuple(sorted(kwargs.items())))
        compiled = self._cache.get(key)
        if compiled is None:
            with self._lock:
                compiled = self._cache.get(key)
                if compiled is None:
                    compiled = self._cache[key] = self._compile(*self._trace(arrays, kwargs))
        self._last = compiled
        return compiled(arrays, out)

    def ir(self, stage="kiln"):
        """The IR of the last compiled signature at `stage`: kiln, linalg,
        fused, optimized (tiled and vectorized), buffers, loops, llvm (LLVM
        dialect) or llvm-ir; opt_level=0 has no fused or optimized stage."""
        if self._last is None:
            raise RuntimeError("call the function once before asking for its IR")
        return _native.ir_at_stage(self._last.source, stage, self.opt_level)


class AotLibrary:
    """A traced function ready to be saved as a shared object."""

    def __init__(self, source, name, captured, opt_level):
        self.source, self.name, self.captured, self.opt_level = source, name, captured, opt_level

    def save(self, path, header=None, target_cpu="native"):
        """Writes the shared object (and, if asked, its C header). Its entry
        kiln_<name>(inputs..., captured..., outputs...) takes the traced
        inputs, then the arrays the function captured (self.captured), then
        the outputs; see kiln/Runtime/AotCompiler.h for the whole C ABI."""
        _native.compile_shared_object(self.source, str(path), self.opt_level,
                                      "" if header is None else str(header), target_cpu)
        return path


def compile(fn, *example_inputs, name=None, opt_level=3, embed_captured=False, **kwargs):
    """Traces fn (a function of kiln.functional calls, or a kiln.jit one) on
    example inputs for ahead-of-time compilation:

        kiln.compile(block, x, w).save("libblock.so", header="block.h")

    Arrays fn captures are extra inputs of the library's entry, or with
    `embed_captured` constants inside the library (their values as traced).
    """
    jf = fn if isinstance(fn, JitFunction) else JitFunction(fn, opt_level)
    if jf.constant_captures:  # a library's entry computes everything itself
        jf = JitFunction(jf.fn, opt_level)
    name = name or getattr(jf.fn, "__name__", "traced")
    if not name.isidentifier():
        raise ValueError(f"'{name}' is not a C identifier; pass name=")
    arrays = [_kernels.as_array(a) for a in example_inputs]
    source, captured, _ = jf._trace(arrays, kwargs, name=name, embed=embed_captured)
    return AotLibrary(source, name, [] if embed_captured else captured, opt_level)


def jit(fn=None, *, opt_level=3, disk_cache=True):
    """Decorator: @kiln.jit or @kiln.jit(opt_level=3, disk_cache=False)."""
    if fn is None:
        return lambda f: JitFunction(f, opt_level, disk_cache)
    return JitFunction(fn, opt_level, disk_cache)
