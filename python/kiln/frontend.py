"""kiln.from_torch: an unmodified PyTorch module (or a function of tensors)
in, one compiled kiln function out.

    model = torchvision.models.resnet18()
    net = kiln.from_torch(model, torch.randn(1, 3, 224, 224))
    y = net(x)               # numpy in, numpy out; torch tensors in, torch out
    net.ir("fused")          # the IR at a stage of the pipeline, as kiln.jit's
    net.save("libnet.so", header="net.h")

The forward is captured at the ATen level by torch's make_fx (which runs the
Python, so control flow on sizes, and on the values of parameters and
buffers, is taken as the example takes it), functionalized (in-place updates
become values), in eval mode with the parameters as they are at the call;
the module's training flags are put back afterwards and nothing else of it
is touched. It is traced on meta tensors (shapes and dtypes, no data: nothing
is computed, so loading a compiled model from the disk cache costs the trace,
not a run of the model); a forward that reads a parameter's or buffer's
value, or meets a tensor the module holds outside them, is traced on the
example itself. Each ATen op maps to
kiln.functional calls through one table (kiln.aten.ATEN); the graph is traced
by kiln.jit into one kiln function, compiled once, whose parameters are
captured arrays (copied at the call, so later changes to the module do not
reach the compiled model). An ATen op without an entry is one
NotImplementedError naming every such op of the graph, before anything
compiles.
"""
import collections
import operator

import numpy as np

from . import _kernels, aten
from .tracing import JitFunction, compile as _aot


def _torch():
    import torch
    return torch


def _capture(model, example):
    """The ATen graph (a torch.fx.GraphModule) of model(*example)."""
    torch = _torch()
    from torch.fx.experimental.proxy_tensor import make_fx
    from functorch.experimental import functionalize

    modules = list(model.modules()) if isinstance(model, torch.nn.Module) else []
    flags = [m.training for m in modules]
    # Inputs that require grad keep torch off its fused inference kernels
    # (the transformer layers' _transformer_encoder_layer_fwd, native
    # multi-head attention), so the graph holds the ops they are made of.
    inputs = [t.detach().clone().requires_grad_(t.is_floating_point()) for t in example]
    try:
        for m in modules:
            m.training = False
        with torch.enable_grad():
            try:
                return _capture_on_meta(model, inputs)
            except Exception:  # it read a weight's value, or met a tensor of its own
                return make_fx(functionalize(lambda *xs: model(*xs)))(*inputs)
    finally:
        for m, flag in zip(modules, flags):
            m.training = flag


def _capture_on_meta(model, inputs):
    """_capture's graph traced on meta tensors: the parameters and buffers
    lifted to inputs of the graph (torch.nn.utils.stateless.functional_call),
    given as meta tensors with the inputs, then made the graph's constants
    again (the module's own tensors, as make_fx records them when it runs the
    model). Raises where the forward needs data: a value read (.item(), a
    branch on a tensor, nonzero), or a tensor the module holds outside its
    parameters and buffers met by a meta one."""
    torch = _torch()
    from torch.fx.experimental.proxy_tensor import make_fx
    from torch.nn.utils import stateless
    from functorch.experimental import functionalize

    state = {}
    if isinstance(model, torch.nn.Module):
        state = dict(model.named_parameters())
        state.update(model.named_buffers())
    names, weights = list(state), [t.detach() for t in state.values()]

    def meta(t):
        return torch.empty_like(t, device="meta").requires_grad_(t.requires_grad)

    def forward(*args):  # flat: a list argument would make the graph return a list
        lifted, xs = args[:len(names)], args[len(names):]
        if not isinstance(model, torch.nn.Module):
            return model(*xs)
        return stateless.functional_call(model, dict(zip(names, lifted)), xs)

    gm = make_fx(functionalize(forward))(*[meta(t) for t in list(state.values()) + inputs])
    graph = gm.graph
    lifted = [n for n in graph.nodes if n.op == "placeholder"][:len(weights)]
    first = next(n for n in graph.nodes if n.op != "placeholder")
    for i, (node, weight) in enumerate(zip(lifted, weights)):
        name = f"_kiln_weight_{i}"
        gm.register_buffer(name, weight)
        with graph.inserting_before(first):
            constant = graph.get_attr(name)
        constant.meta = dict(node.meta)
        node.replace_all_uses_with(constant)
        graph.erase_node(node)
    is_meta = lambda x: isinstance(x, torch.device) and x.type == "meta"  # noqa: E731
    for node in graph.nodes:
        if node.op == "call_function":
            if is_meta(node.kwargs.get("device")):
                # a factory (zeros, arange) the forward placed by its inputs' device
                node.kwargs = {**node.kwargs, "device": torch.device("cpu")}
            if any(is_meta(a) for a in node.args):
                raise ValueError(f"{node.name}: a meta device in its arguments")
        elif node.op == "get_attr" and is_meta(getattr(getattr(gm, node.target), "device", None)):
            raise ValueError(f"{node.target}: a constant made on the inputs' device")
    return gm  # recompiled by _fold_constants


def _name(target):
    return "getitem" if target is operator.getitem else str(target)


def _fold_linear(graph):
    """addmm(b, x, t(w)) and mm(x, t(w)) of a 2-d weight as aten.linear, the
    form Kiln's GEMM packs a linear layer's weight in."""
    torch = _torch()
    addmm, mm, t = torch.ops.aten.addmm.default, torch.ops.aten.mm.default, torch.ops.aten.t.default
    for node in list(graph.nodes):
        if node.op != "call_function" or node.target not in (addmm, mm) or node.kwargs:
            continue
        mat2 = node.args[-1]
        if not (hasattr(mat2, "target") and mat2.target is t):
            continue
        if node.target is addmm:
            if len(node.args) != 3:
                continue
            bias, x = node.args[0], node.args[1]
            args = (x, mat2.args[0], bias)
        else:
            args = (node.args[0], mat2.args[0])
        with graph.inserting_before(node):
            linear = graph.call_function(torch.ops.aten.linear.default, args)
        node.replace_all_uses_with(linear)
        graph.erase_node(node)
        if not mat2.users:
            graph.erase_node(mat2)


# ATen ops whose result is not a function of their arguments' values.
_NOT_FOLDED = ("rand", "randn", "randint", "bernoulli", "dropout", "normal", "uniform",
               "empty", "multinomial")
# ATen ops that read their first argument's dtype and device, not its data.
_METADATA_ONLY = ("aten.new_zeros.", "aten.new_ones.", "aten.new_full.", "aten.zeros_like.",
                  "aten.ones_like.", "aten.full_like.")


def _fold_constants(gm):
    """Evaluates with torch, at capture, every op none of whose arguments
    depends on the model's inputs (swin's attention masks from zeros,
    slice_scatter and comparisons; maxvit's relative-position bias, a
    parameter indexed by a buffer): they become constants of the graph, as
    kiln.onnx folds an ONNX file's shape computations. Ops Kiln cannot lower
    then only matter where they touch the inputs' data."""
    torch = _torch()
    graph = gm.graph
    values = {n: getattr(gm, n.target) for n in graph.nodes if n.op == "get_attr"}
    folded = 0
    for node in list(graph.nodes):
        if node.op != "call_function" or any(w in _name(node.target) for w in _NOT_FOLDED):
            continue
        inputs = []
        torch.fx.node.map_arg((node.args, node.kwargs), inputs.append)
        stand_ins = {}  # a metadata-only argument, by an empty tensor of its type
        meta = inputs[0].meta.get("tensor_meta") if inputs else None
        if _name(node.target).startswith(_METADATA_ONLY) and meta is not None:
            stand_ins[inputs[0]] = torch.empty(tuple(meta.shape), dtype=meta.dtype)
        if not all(n in values or n in stand_ins for n in inputs):
            continue
        args, kwargs = torch.fx.node.map_arg(
            (node.args, node.kwargs), lambda n: values[n] if n in values else stand_ins[n])
        with torch.no_grad():
            value = node.target(*args, **kwargs)
        if not isinstance(value, torch.Tensor):
            values[node] = value  # a tuple (split, max with indices): read by getitem
            continue
        name = f"_kiln_folded_{folded}"
        folded += 1
        gm.register_buffer(name, value.detach())
        with graph.inserting_before(node):
            constant = graph.get_attr(name)
        constant.meta = dict(node.meta)
        node.replace_all_uses_with(constant)
        graph.erase_node(node)
        values[constant] = value
    graph.eliminate_dead_code()
    gm.recompile()


def _constant(value):
    torch = _torch()
    if isinstance(value, torch.Tensor):
        try:
            return np.array(_kernels.from_torch(value))  # a copy: the model may change later
        except TypeError:  # a dtype Kiln has no kernels for: only an op reading it fails
            return aten._unused(f"a {str(value.dtype).replace('torch.', '')} constant")
    return value


def _interpret(gm):
    """A function of kiln values computing gm's graph through aten.ATEN.

    Called with `problems` (a Counter), an op that has no entry or that its
    entry refuses (NotImplementedError) is counted there by its reason, and
    its results stand in as new traced values of the shapes make_fx
    recorded, so that one trace finds every such op (and, when it finds
    none, is the model's trace)."""
    torch = _torch()
    graph = gm.graph
    constants = {n.target: _constant(getattr(gm, n.target)) for n in graph.nodes
                 if n.op == "get_attr"}

    def call(node, a, k):
        if node.target is operator.getitem:
            return operator.getitem(*a)
        name = _name(node.target)
        if name not in aten.ATEN:
            raise NotImplementedError("no Kiln lowering")
        used = [x for x in list(a) + list(k.values()) if aten.is_unused(x)]
        if used:
            raise NotImplementedError(f"reads {used[0]!r}")
        return aten.ATEN[name](*a, **k)

    def stand_in(meta):  # TensorMetadata (a named tuple), or a tuple of them
        if isinstance(meta, (tuple, list)) and not hasattr(meta, "shape"):
            return tuple(stand_in(m) for m in meta)
        name = None if meta is None else str(meta.dtype).replace("torch.", "")
        if name not in _kernels._TAKEN:  # no kiln value can stand in: its readers are skipped
            return aten.Failed()
        return _kernels.current_graph().input(np.empty(tuple(meta.shape), np.dtype(name)))

    def run(*inputs, problems=None):
        env, args = {}, iter(inputs)
        load = lambda a: torch.fx.node.map_arg(a, lambda n: env[n])  # noqa: E731
        for node in graph.nodes:
            if node.op == "placeholder":
                env[node] = next(args)
            elif node.op == "get_attr":
                env[node] = constants[node.target]
            elif node.op == "call_function":
                args, kwargs = load(node.args), load(node.kwargs)
                if aten.failed((args, kwargs)):
                    env[node] = aten.Failed()  # reported where it failed
                    continue
                try:
                    env[node] = call(node, args, kwargs)
                except NotImplementedError as e:
                    if problems is None:
                        raise NotImplementedError(f"{_name(node.target)}: {e}") from None
                    problems[f"{_name(node.target)}: {e}"] += 1
                    env[node] = stand_in(node.meta.get("tensor_meta"))
            elif node.op == "output":
                out = load(node.args[0])
                flat = list(out) if isinstance(out, (tuple, list)) else [out]
                bad = [x for x in flat if not isinstance(x, aten.Failed) and
                       (aten.is_unused(x) or not hasattr(x, "shape"))]
                if bad and problems is None:
                    raise NotImplementedError(f"kiln.from_torch: the model returns {bad[0]!r}; "
                                              f"Kiln models return tensors")
                if bad:
                    problems[f"output: {bad[0]!r}"] += 1
                if problems:  # only checking: any value ends the trace
                    return inputs[0]
                return out
        raise AssertionError("a graph without an output")

    return run


def _checked_trace(jit, examples, what):
    """The trace of jit (a JitFunction of a frontend's interpreter, taking
    `problems`) on examples; NotImplementedError naming every op Kiln cannot
    lower, with counts, from that one trace (nothing compiled). `what`: the
    frontend and what it calls an op."""
    problems = collections.Counter()
    traced = jit._trace(examples, {"problems": problems})
    if problems:
        listed = "; ".join(f"{op} ({count}x)" for op, count in sorted(problems.items()))
        count = sum(problems.values())
        raise NotImplementedError(f"{what[0]}: {count} {what[1]}{'s' if count > 1 else ''} "
                                  f"Kiln cannot lower: {listed}")
    return traced


class CompiledModel:
    """A model compiled by Kiln for fixed input shapes and dtypes (from
    torch or ONNX): called with numpy arrays it returns numpy arrays, with
    torch tensors torch tensors (sharing the result's memory). `fn` is a
    frontend's interpreter (a function of kiln values taking `problems`);
    `examples` are arrays of the inputs' types; `what` names the frontend and
    its ops in the error listing what Kiln cannot lower."""

    def __init__(self, fn, examples, opt_level, what, names=None):
        self.examples = examples
        self.opt_level = opt_level
        self._fn = fn
        # The weights the interpreter captures are the model's as loaded.
        self._jit = JitFunction(fn, opt_level, constant_captures=True)
        self._signature = [(a.dtype, a.shape) for a in examples]
        self._names = names or [f"#{i}" for i in range(len(examples))]
        traced = _checked_trace(self._jit, examples, what)
        # Compiles (or loads); runs only the prepare entry, if any.
        self._jit.prepare(examples, traced)

    def __call__(self, *inputs):
        if len(inputs) != len(self._signature):
            raise TypeError(f"the model takes {len(self._signature)} inputs, got {len(inputs)}")
        torch_out = any(_kernels.is_torch_tensor(x) for x in inputs)
        arrays = [_kernels.as_array(x) for x in inputs]
        for a, (dtype, shape), name in zip(arrays, self._signature, self._names):
            if a.dtype != dtype:
                raise TypeError(f"input {name} must be {dtype.name}, got {a.dtype.name} (the "
                                f"model was compiled for {dtype.name} {list(shape)})")
            if a.shape != shape:
                raise ValueError(f"input {name} must have shape {list(shape)}, got "
                                 f"{list(a.shape)} (compile the model again for other shapes)")
        out = self._jit(*arrays)
        if not torch_out:
            return out
        torch = _torch()
        return (tuple(torch.from_numpy(o) for o in out) if isinstance(out, tuple)
                else torch.from_numpy(out))

    def op_by_op(self, *arrays):
        """The model run one op at a time through kiln.functional, each op
        compiled alone (numpy arrays in and out): the reference that the
        whole-model compile is measured against (bench/models.py)."""
        return self._fn(*arrays)

    def ir(self, stage="kiln"):
        """The model's IR at `stage`, as kiln.jit's .ir."""
        return self._jit.ir(stage)

    def source(self):
        """The model as kiln IR with its weights inside (MLIR resource
        blobs): a module every Kiln tool takes."""
        return _aot(self._fn, *self.examples, name="model", opt_level=self.opt_level,
                    embed_captured=True).source

    def save(self, path, header=None, name="model", target_cpu="native"):
        """Writes the model as a shared object (and, if asked, its C header)
        with its weights inside: one entry kiln_<name>(inputs..., outputs...)
        (see kiln/Runtime/AotCompiler.h for the whole C ABI)."""
        return _aot(self._fn, *self.examples, name=name, opt_level=self.opt_level,
                    embed_captured=True).save(path, header=header, target_cpu=target_cpu)


def from_torch(model, *example_inputs, opt_level=3):
    """Compiles `model` (a torch.nn.Module or a function of tensors) for
    inputs like `example_inputs` (torch tensors or numpy arrays)."""
    torch = _torch()
    if not callable(model):
        raise TypeError(f"from_torch takes a torch.nn.Module or a function, not "
                        f"{type(model).__name__}")
    examples = []
    for i, x in enumerate(example_inputs):
        if not (_kernels.is_torch_tensor(x) or isinstance(x, np.ndarray)):
            raise TypeError(f"example input #{i} must be a tensor or an array, not "
                            f"{type(x).__name__}")
        examples.append(_kernels.as_array(x))
    gm = _capture(model, [torch.from_numpy(np.array(a)) for a in examples])
    _fold_linear(gm.graph)  # first: it matches linear layers' transposed weights
    _fold_constants(gm)
    model = CompiledModel(_interpret(gm), examples, opt_level, ("kiln.from_torch", "op"))
    model.graph_module = gm
    return model
