"""ONNX models through Kiln (kiln.onnx): ONNX's own backend node test cases
for every op type the importer maps, models exported by torch.onnx.export
against torch, bad files, and the kiln IR the command line writes.

    /usr/bin/python3 test/python/test_onnx.py

prints a table of op types: cases passed, and those Kiln does not take,
with why (a dtype outside float32/float64/int32/int64, a 1-d or 3-d window,
a value only known at run time where Kiln compiles for static shapes, ...).
"""
import collections
import io
import os
import re
import subprocess
import sys

import numpy as np
import pytest
import torch
import torchvision

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
BUILD = os.path.join(ROOT, os.environ.get("KILN_BUILD_DIR", "build"))
if __name__ == "__main__":  # pytest's conftest does this for the tests
    sys.path.insert(0, os.path.join(BUILD, "python"))

import onnx  # noqa: E402

import kiln.onnx  # noqa: E402

TOLERANCE = 1e-3  # of the output's largest value, as kiln.from_torch's tests


def node_cases():
    """ONNX's backend node test cases with one node, by op type. Debian's
    onnx 1.12 generates them with numpy aliases numpy 1.24 removed."""
    for alias, kind in [("float", float), ("int", int), ("bool", bool), ("object", object)]:
        if alias not in np.__dict__:
            setattr(np, alias, kind)
    from onnx.backend.test.case.node import collect_testcases
    by_op = collections.defaultdict(list)
    for case in collect_testcases(""):
        if len(case.model.graph.node) == 1:
            by_op[case.model.graph.node[0].op_type].append(case)
    return by_op


def run_case(case):
    """'pass', or ('unsupported', why), or ('fail', why) for one case. Int
    inputs are bound at load (kiln.onnx.load's constants=): shapes, axes and
    indices, which Kiln compiles for."""
    outcomes = []
    for inputs, outputs in case.data_sets:
        names = [i.name for i in case.model.graph.input]
        bound = {n: a for n, a in zip(names, inputs)
                 if np.asarray(a).dtype.name in ("int32", "int64")}
        try:
            net = kiln.onnx.load(case.model, constants=bound)
        except (NotImplementedError, TypeError) as e:
            outcomes.append(("unsupported", str(e).replace("kiln.onnx: ", "")))
            continue
        got = net(*[a for n, a in zip(names, inputs) if n not in bound])
        got = got if isinstance(got, tuple) else (got,)
        for g, w in zip(got, outputs):
            if g.shape != w.shape or not np.allclose(g, w, rtol=case.rtol,
                                                     atol=max(case.atol, 1e-6), equal_nan=True):
                outcomes.append(("fail", f"wrong result: shape {g.shape}, expected {w.shape}"))
                break
        else:
            outcomes.append(("pass", ""))
    return outcomes


_CASES = None


def cases_of(op):
    global _CASES
    if _CASES is None:
        _CASES = node_cases()
    return _CASES.get(op, [])


@pytest.mark.parametrize("op", sorted(kiln.onnx.OPS))
def test_backend_node_cases(op):
    """Each case passes, or is refused by a NotImplementedError/TypeError
    saying why; none is a wrong answer or any other exception."""
    for case in cases_of(op):
        for outcome, why in run_case(case):
            assert outcome != "fail", f"{case.name}: {why}"


def exported(model, *inputs):
    f = io.BytesIO()
    torch.onnx.export(model, inputs, f)
    return onnx.load_from_string(f.getvalue())


def assert_matches(got, want):
    want = want.detach().numpy()
    assert got.shape == want.shape
    assert float(np.abs(got - want).max()) <= TOLERANCE * float(np.abs(want).max())


@pytest.mark.parametrize("name", ["resnet18", "mobilenet_v2", "shufflenet_v2_x0_5"])
def test_exported_torchvision_classifiers(name, tmp_path):
    torch.manual_seed(0)
    model = getattr(torchvision.models, name)().eval()
    x = torch.randn(1, 3, 64, 64)
    path = tmp_path / "model.onnx"
    onnx.save(exported(model, x), str(path))
    net = kiln.onnx.load(str(path))
    with torch.no_grad():
        assert_matches(net(x.numpy()), model(x))


def test_exported_transformer_encoder_layer():
    torch.manual_seed(0)
    layer = torch.nn.TransformerEncoderLayer(32, 4, 64, dropout=0.0, batch_first=True).eval()
    x = torch.randn(2, 5, 32)
    net = kiln.onnx.load(exported(layer, x))
    with torch.no_grad():
        assert_matches(net(x.numpy()), layer(x))


def test_exported_class_token_shape_computation_folds():
    """vit's class token, expanded to the batch: the exporter computes the
    Expand's sizes with ConstantOfShape, Equal and Where, folded at load."""
    class ClassToken(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.token = torch.nn.Parameter(torch.randn(1, 1, 8))

        def forward(self, x):
            return torch.cat([self.token.expand(x.shape[0], -1, -1), x], dim=1)

    model, x = ClassToken().eval(), torch.randn(2, 5, 8)
    proto = exported(model, x)
    assert {"ConstantOfShape", "Equal", "Where"} <= {n.op_type for n in proto.graph.node}
    with torch.no_grad():
        assert_matches(kiln.onnx.load(proto)(x.numpy()), model(x))


def test_exported_einsum_attention():
    """maxvit's attention: einsums over grid, head and window letters, a
    batched matmul each (one of them a transposed operand)."""
    class Attention(torch.nn.Module):
        def forward(self, q, k, v):
            scores = torch.einsum("B G H I D, B G H J D -> B G H I J", q, k).softmax(-1)
            return torch.einsum("B G H I J, B G H J D -> B G H I D", scores, v)

    torch.manual_seed(0)
    q, k, v = (torch.randn(1, 2, 3, 5, 4) for _ in range(3))
    proto = exported(Attention(), q, k, v)
    assert "Einsum" in {n.op_type for n in proto.graph.node}
    assert_matches(kiln.onnx.load(proto)(q.numpy(), k.numpy(), v.numpy()), Attention()(q, k, v))


def test_exported_shifted_window_block():
    """swin's block: its attention mask and relative-position index are
    shape computations the exporter writes with Range, Mod, ScatterND,
    Expand, Not and a cast to bool, all folded at load; the shifts are
    slices and concats."""
    from torchvision.models.swin_transformer import SwinTransformerBlock
    torch.manual_seed(0)
    block = SwinTransformerBlock(16, 2, [4, 4], [2, 2]).eval()
    x = torch.randn(1, 8, 8, 16)
    proto = exported(block, x)
    assert {"Range", "Mod", "ScatterND"} <= {n.op_type for n in proto.graph.node}
    with torch.no_grad():
        assert_matches(kiln.onnx.load(proto)(x.numpy()), block(x))


def test_exported_constant_pad():
    class Padded(torch.nn.Module):
        def forward(self, x):
            return torch.nn.functional.pad(x, (1, 2, 0, 3), value=0.5).relu()

    x = torch.randn(2, 3, 4, 5)
    proto = exported(Padded(), x)
    assert "Pad" in {n.op_type for n in proto.graph.node}
    assert_matches(kiln.onnx.load(proto)(x.numpy()), Padded()(x))


def test_exported_gelu_is_one_kiln_gelu():
    """torch.onnx.export writes gelu with Erf (ONNX's Gelu is opset 20): the
    importer fuses the pattern back into kiln.gelu."""
    torch.manual_seed(0)
    model = torch.nn.Sequential(torch.nn.Linear(8, 16), torch.nn.GELU(), torch.nn.Linear(16, 4),
                                torch.nn.GELU()).eval()
    x = torch.randn(3, 8)
    net = kiln.onnx.load(exported(model, x))
    assert net.ir("kiln").count("kiln.gelu") == 2
    with torch.no_grad():
        assert_matches(net(x.numpy()), model(x))


def test_exported_average_pools_and_their_pads():
    """torch.onnx.export writes average pools after a Pad (of nothing, or of
    the zeros a count_include_pad pool counts): the Pad folds away."""
    torch.manual_seed(0)
    model = torch.nn.Sequential(torch.nn.Conv2d(3, 4, 3), torch.nn.AvgPool2d(2, 2),
                                torch.nn.Conv2d(4, 4, 1), torch.nn.AvgPool2d(3, 1, padding=1)).eval()
    x = torch.randn(1, 3, 10, 10)
    proto = exported(model, x)
    assert "Pad" in {n.op_type for n in proto.graph.node}
    net = kiln.onnx.load(proto)
    with torch.no_grad():
        assert_matches(net(x.numpy()), model(x))


def small_model():
    torch.manual_seed(0)
    model = torch.nn.Sequential(torch.nn.Conv2d(3, 4, 3), torch.nn.ReLU(), torch.nn.Flatten(),
                                torch.nn.Linear(4 * 4 * 4, 3)).eval()
    return model, torch.randn(1, 3, 6, 6)


def test_bad_files_are_value_errors_naming_the_file(tmp_path):
    model, x = small_model()
    good = exported(model, x).SerializeToString()
    cases = {"truncated.onnx": good[: len(good) // 2], "text.onnx": b"not a model at all\n",
             "empty.onnx": b"", "zeros.onnx": bytes(64)}
    for name, data in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        with pytest.raises(ValueError, match=str(path)):
            kiln.onnx.load(str(path))
    with pytest.raises(FileNotFoundError, match="missing.onnx"):
        kiln.onnx.load(str(tmp_path / "missing.onnx"))


def test_weights_in_files_beside_the_model(tmp_path):
    """A model over protobuf's 2 GB keeps its weights in files of their own
    (torch.onnx.export writes it so): read from beside the model; a missing
    one is a ValueError naming the model."""
    model, x = small_model()
    path = tmp_path / "model.onnx"
    onnx.save_model(exported(model, x), str(path), save_as_external_data=True,
                    all_tensors_to_one_file=False, size_threshold=0)
    beside = sorted(p.name for p in tmp_path.iterdir() if p.name != "model.onnx")
    assert beside, "the weights should be files of their own"
    with torch.no_grad():
        assert_matches(kiln.onnx.load(str(path))(x.numpy()), model(x))
    (tmp_path / beside[0]).unlink()
    with pytest.raises(ValueError, match=str(path)):
        kiln.onnx.load(str(path))


def test_inputs_are_checked_by_name_and_symbolic_dims_need_shapes(tmp_path):
    model, x = small_model()
    proto = exported(model, x)
    net = kiln.onnx.load(proto)
    assert_matches(net(x.numpy()), model(x))
    assert isinstance(net(x), torch.Tensor)
    name = proto.graph.input[0].name
    with pytest.raises(ValueError, match=f"input '{name}' must have shape"):
        net(np.zeros((2, 3, 6, 6), np.float32))
    with pytest.raises(TypeError, match=f"input '{name}' must be float32"):
        net(np.zeros((1, 3, 6, 6), np.float64))
    proto.graph.input[0].type.tensor_type.shape.dim[0].dim_param = "batch"
    with pytest.raises(ValueError, match="symbolic dims"):
        kiln.onnx.load(proto)
    net = kiln.onnx.load(proto, shapes={name: (2, 3, 6, 6)})
    x2 = torch.randn(2, 3, 6, 6)
    assert_matches(net(x2.numpy()), model(x2))


def test_every_unsupported_node_in_one_error():
    x = onnx.helper.make_tensor_value_info("x", onnx.TensorProto.FLOAT, [2, 3])
    y = onnx.helper.make_tensor_value_info("y", onnx.TensorProto.FLOAT, [2, 3])
    nodes = [onnx.helper.make_node("Erf", ["x"], ["a"]), onnx.helper.make_node("Relu", ["a"], ["b"]),
             onnx.helper.make_node("Erf", ["b"], ["c"]), onnx.helper.make_node("Floor", ["c"], ["y"])]
    proto = onnx.helper.make_model(onnx.helper.make_graph(nodes, "g", [x], [y]))
    with pytest.raises(NotImplementedError) as e:
        kiln.onnx.load(proto)
    assert str(e.value) == ("kiln.onnx: 3 nodes Kiln cannot lower: Erf: no Kiln lowering (2x); "
                            "Floor: no Kiln lowering (1x)")


def test_the_command_line_writes_kiln_ir_every_tool_takes(tmp_path):
    model, x = small_model()
    onnx.save(exported(model, x), str(tmp_path / "m.onnx"))
    run = [sys.executable, "-m", "kiln.onnx", str(tmp_path / "m.onnx"), "-o",
           str(tmp_path / "m.mlir")]
    env = dict(os.environ, PYTHONPATH=os.path.join(BUILD, "python"))
    subprocess.run(run, check=True, env=env)
    kiln_run_matches(tmp_path, model, x)
    (tmp_path / "bad.onnx").write_bytes(b"\x08\x07garbage")
    bad = subprocess.run(run[:3] + [str(tmp_path / "bad.onnx"), "-o", str(tmp_path / "b.mlir")],
                         env=env, capture_output=True, text=True)
    assert bad.returncode == 1 and "bad.onnx" in bad.stderr
    assert not (tmp_path / "b.mlir").exists()


def test_the_command_line_writes_scalar_weights_kiln_run_takes(tmp_path):
    """torch.onnx.export's layer norm divides by 0-d constants: written as
    0-d resource blobs, which kiln-run lowers (kiln-bufferize inlines them)."""
    torch.manual_seed(0)
    layer = torch.nn.TransformerEncoderLayer(16, 2, 32, dropout=0.0, batch_first=True).eval()
    x = torch.randn(1, 4, 16)
    onnx.save(exported(layer, x), str(tmp_path / "m.onnx"))
    env = dict(os.environ, PYTHONPATH=os.path.join(BUILD, "python"))
    subprocess.run([sys.executable, "-m", "kiln.onnx", str(tmp_path / "m.onnx"), "-o",
                    str(tmp_path / "m.mlir")], check=True, env=env)
    assert "tensor<f32>" in (tmp_path / "m.mlir").read_text()
    kiln_run_matches(tmp_path, layer, x)


def kiln_run_matches(tmp_path, model, x):
    """kiln-run runs tmp_path/m.mlir on x and checks it against the model."""
    np.save(tmp_path / "x.npy", x.numpy())
    with torch.no_grad():
        np.save(tmp_path / "y.npy", model(x).numpy())
    subprocess.run([os.path.join(BUILD, "bin", "kiln-run"), str(tmp_path / "m.mlir"),
                    "--entry=model", f"--input={tmp_path / 'x.npy'}",
                    f"--golden={tmp_path / 'y.npy'}", "--rtol=1e-3", "--atol=1e-4"], check=True)


def reason(why):
    """A refusal's reason without the op and the counts: one per kind."""
    why = re.sub(r"^\d+ nodes? Kiln cannot lower: (\w+: )?", "", why)
    dtype = re.match(r"input '.*' is (\w+): Kiln takes", why)
    if dtype:
        return f"{dtype[1]} inputs"
    return re.sub(r" \(\d+x\)$", "", why).split(";")[0].split(" (")[0]


def main():
    totals = collections.Counter()
    print(f"{'op type':22} {'cases':>5} {'passed':>6}  not taken (why)")
    for op in sorted(kiln.onnx.OPS):
        outcomes = [o for case in cases_of(op) for o in run_case(case)]
        count = collections.Counter(o for o, _ in outcomes)
        reasons = collections.Counter(reason(why) for o, why in outcomes if o != "pass")
        totals.update(count)
        why = "; ".join(f"{r} ({n}x)" for r, n in sorted(reasons.items()))
        print(f"{op:22} {len(outcomes):>5} {count['pass']:>6}  {why}")
    print(f"{'total':22} {sum(totals.values()):>5} {totals['pass']:>6}  "
          f"{totals['unsupported']} not taken, {totals['fail']} failed")
    return 1 if totals["fail"] else 0


if __name__ == "__main__":
    sys.exit(main())
