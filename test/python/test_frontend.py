"""kiln.from_torch against torch: torchvision classifiers at reduced
resolution, a transformer encoder layer and multi-head attention, the
unsupported-op error, the calling contract and AOT export with the weights
inside. Tolerance, stated once: within 1e-3 of the output's largest value."""
import ctypes

import numpy as np
import pytest
import torch
import torchvision

import kiln

TOLERANCE = 1e-3


def assert_matches(got, want):
    want = want.detach().numpy() if isinstance(want, torch.Tensor) else want
    got = got.detach().numpy() if isinstance(got, torch.Tensor) else got
    assert got.shape == want.shape and got.dtype == want.dtype
    scale = float(np.abs(want).max())
    assert float(np.abs(got - want).max()) <= TOLERANCE * scale


def reference(model, *inputs):
    """torch's eval-mode result, the model's flags left as they were."""
    flags = [m.training for m in model.modules()]
    model.eval()
    with torch.no_grad():
        out = model(*inputs)
    for m, flag in zip(model.modules(), flags):
        m.training = flag
    return out


@pytest.mark.parametrize("name", ["resnet18", "mobilenet_v2", "shufflenet_v2_x0_5"])
def test_torchvision_classifiers(name):
    torch.manual_seed(0)
    model = getattr(torchvision.models, name)()  # random weights, train mode
    x = torch.randn(1, 3, 64, 64)
    state = {k: v.clone() for k, v in model.state_dict().items()}
    net = kiln.from_torch(model, x)
    assert model.training  # the flags are put back
    assert all(torch.equal(v, state[k]) for k, v in model.state_dict().items())
    assert_matches(net(x), reference(model, x))


def test_transformer_encoder_layer_and_attention():
    torch.manual_seed(0)
    layer = torch.nn.TransformerEncoderLayer(32, 4, 64, dropout=0.0, batch_first=True)
    x = torch.randn(2, 5, 32)
    assert_matches(kiln.from_torch(layer, x)(x), reference(layer, x))

    mha = torch.nn.MultiheadAttention(32, 4, batch_first=True)
    q, kv = torch.randn(2, 5, 32), torch.randn(2, 7, 32)
    net = kiln.from_torch(lambda a, b: mha(a, b, b, need_weights=False)[0], q, kv)
    mha.eval()
    with torch.no_grad():
        want = mha(q, kv, kv, need_weights=False)[0]
    assert_matches(net(q, kv), want)


class Branchy(torch.nn.Module):
    """Python control flow on sizes, several outputs, in-place updates."""

    def __init__(self):
        super().__init__()
        self.conv = torch.nn.Conv2d(3, 8, 3, padding=1)
        self.bn = torch.nn.BatchNorm2d(8)
        self.fc = torch.nn.Linear(8, 5)

    def forward(self, x):
        y = self.bn(self.conv(x))
        if y.size(1) > 4:
            y = y.relu_()
        y += 1.0
        pooled = y.mean((2, 3))
        return self.fc(pooled), pooled.softmax(-1)


def test_control_flow_several_outputs_and_the_calling_contract():
    torch.manual_seed(0)
    model = Branchy()
    x = torch.randn(2, 3, 9, 9)
    net = kiln.from_torch(model, x)
    for got, want in zip(net(x), reference(model, x)):
        assert isinstance(got, torch.Tensor)
        assert_matches(got, want)
    out = net(x.numpy())
    assert isinstance(out[0], np.ndarray)
    assert "kiln.conv2d" in net.ir("kiln") and "scf.forall" in net.ir("fused")
    # The same ops one at a time (bench/models.py's reference).
    for got, want in zip(net.op_by_op(x.numpy()), out):
        np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-6)
    # Parameters as they were at the call: later changes do not reach it.
    with torch.no_grad():
        model.fc.weight.zero_()
    assert_matches(net(x)[0], net(x)[0])
    assert float(np.abs(net(x.numpy())[0]).max()) > 0
    with pytest.raises(ValueError, match="input #0 must have shape"):
        net(torch.randn(1, 3, 9, 9))
    with pytest.raises(TypeError, match="input #0 must be float32"):
        net(torch.randn(2, 3, 9, 9, dtype=torch.float64))
    with pytest.raises(TypeError, match="takes 1 inputs"):
        net(x, x)


class Watched(torch.nn.Module):
    """Records the device of every input it is called with."""

    def __init__(self, reads_a_value=False, loose_tensor=False):
        super().__init__()
        self.fc = torch.nn.Linear(4, 4)
        self.reads_a_value = reads_a_value
        self.register_buffer("flip", torch.tensor(True))
        # A tensor the module holds outside its parameters and buffers.
        self.loose = torch.randn(4) if loose_tensor else None
        self.devices = []

    def forward(self, x):
        self.devices.append(x.device.type)
        y = self.fc(x) + torch.arange(4.0, device=x.device)  # a factory on x's device
        if self.loose is not None:
            y = y * self.loose
        if self.reads_a_value and self.flip:  # a branch on a buffer's value
            y = -y
        return y.relu()


@pytest.mark.parametrize("reads_a_value,loose_tensor,traced_on", [
    (False, False, ["meta"]), (True, False, ["meta", "cpu"]), (False, True, ["meta", "cpu"])])
def test_capture_runs_nothing_unless_the_forward_reads_a_value(reads_a_value, loose_tensor,
                                                               traced_on):
    """The forward is traced on meta tensors, so compiling or loading a
    model does not run it; one that reads a buffer's value (a branch on it)
    or meets a tensor of its own is traced on the example instead."""
    torch.manual_seed(0)
    model, x = Watched(reads_a_value, loose_tensor), torch.randn(3, 4)
    net = kiln.from_torch(model, x)
    assert model.devices == traced_on
    assert_matches(net(x), reference(model, x))


def test_torch_tensors_of_every_kind_as_inputs():
    model = torch.nn.Sequential(torch.nn.Linear(6, 4), torch.nn.Tanh())
    net = kiln.from_torch(model, torch.randn(3, 6))
    base = torch.randn(6, 3, requires_grad=True)
    for x in [base.t(), torch.nn.Parameter(torch.randn(3, 6)), base.detach().t()._neg_view()]:
        assert_matches(net(x), reference(model, x.detach().clone()))
    with pytest.raises(TypeError, match="kiln takes"):
        net(torch.randn(3, 6, dtype=torch.bfloat16))
    with pytest.raises(ValueError, match="on the CPU"):
        net(torch.randn(3, 6, device="meta"))


def test_every_unsupported_op_in_one_error_before_compiling():
    def fn(x):
        y = torch.nn.functional.pad(x, (1, 1), mode="reflect").cumsum(1)
        return torch.nn.functional.conv1d(y[None], torch.ones(2, 6, 3)).roll(1).cumsum(0)

    with pytest.raises(NotImplementedError) as e:
        kiln.from_torch(fn, torch.randn(6, 4))
    message = str(e.value)
    assert message.startswith("kiln.from_torch: 5 ops Kiln cannot lower:"), message
    for part in ["aten.reflection_pad1d.default: no Kiln lowering (1x)",
                 "aten.cumsum.default: no Kiln lowering (2x)",
                 "aten.roll.default: a roll of the flattened tensor (1x)",
                 "aten.convolution.default: only 2-d convolutions"]:
        assert part in message, message


def test_values_of_other_dtypes_are_reported_not_raised():
    """A bool tensor has no kiln value: the ops that read one are named in
    the NotImplementedError, not a TypeError."""
    def fn(x):
        return (x * torch.tensor([True, False, True])).relu()

    with pytest.raises(NotImplementedError, match="bool"):
        kiln.from_torch(fn, torch.randn(2, 3))


def test_computations_on_constants_fold_and_rolls_are_slices():
    """What swin and maxvit compute from parameters, buffers and sizes alone
    (an attention mask from new_zeros, slice writes and comparisons; a bias
    table indexed by a buffer) is evaluated by torch at capture; the rolls
    of the input become slices and cats, and a pad of nothing goes."""
    class Windowed(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.table = torch.nn.Parameter(torch.randn(9, 2))
            self.register_buffer("index", torch.randint(0, 9, (4, 4)))

        def forward(self, x):
            mask = x.new_zeros((4, 4))
            mask[:2, 2:] = 1.0
            mask[2:, :2] = 2.0
            bias = self.table[self.index].permute(2, 0, 1)  # (2, 4, 4)
            penalty = (mask.unsqueeze(0) != 0).float() * -100.0
            x = torch.nn.functional.pad(x, (0, 0, 0, 0))
            shifted = torch.roll(x, shifts=(-1, 2), dims=(2, 3))
            return torch.roll(shifted.softmax(-1) + bias + penalty, shifts=(1, -2), dims=(2, 3))

    torch.manual_seed(0)
    model, x = Windowed().eval(), torch.randn(3, 2, 4, 4)
    net = kiln.from_torch(model, x)
    with torch.no_grad():
        assert_matches(net(x), model(x))
    ops = {str(n.target) for n in net.graph_module.graph.nodes if n.op == "call_function"}
    assert not ops & {"aten.index.Tensor", "aten.new_zeros.default", "aten.ne.Scalar",
                      "aten.slice_scatter.default"}, ops


def test_constant_pads_and_normalize():
    """A constant pad (swin v2's windows) is a concatenation with constant
    blocks; F.normalize's 2-norm is sums of squares."""
    def fn(x):
        y = torch.nn.functional.pad(x, (1, 2, 0, 3), value=0.5)
        return torch.nn.functional.normalize(y, dim=-1)

    x = torch.randn(2, 3, 4, 5)
    assert_matches(kiln.from_torch(fn, x)(x), fn(x))


def test_shifted_window_block():
    """swin's block through make_fx: the mask and bias fold, the rolls are
    slices and concats."""
    from torchvision.models.swin_transformer import SwinTransformerBlock
    torch.manual_seed(0)
    block = SwinTransformerBlock(16, 2, [4, 4], [2, 2]).eval()
    x = torch.randn(1, 8, 8, 16)
    with torch.no_grad():
        assert_matches(kiln.from_torch(block, x)(x), block(x))


def _randomized_norms(model):
    """`model` in eval mode, its batch norms' statistics away from 0 and 1."""
    for m in model.modules():
        if isinstance(m, torch.nn.BatchNorm2d):
            m.running_mean.uniform_(-0.5, 0.5)
            m.running_var.uniform_(0.5, 1.5)
    return model.eval()


@pytest.mark.parametrize("hw,stride", [(7, 1), (14, 1), (14, 2)])
def test_inverted_residual_blocks_of_a_batch_on_small_images(hw, stride):
    """mobilenet_v2's blocks at batch 8 on 14 x 14 and 7 x 7 images, whose
    pixels are not whole vectors: their 1x1 and depthwise convolutions are
    computed channels-last (kiln-pointwise-conv-to-matmul,
    kiln-channels-last-conv), the transposes between them cancelled."""
    from torchvision.models.mobilenetv2 import InvertedResidual
    torch.manual_seed(0)
    block = _randomized_norms(torch.nn.Sequential(InvertedResidual(32, 32, 1, 6),
                                                  InvertedResidual(32, 64, stride, 6)))
    x = torch.randn(8, 32, hw, hw)
    assert_matches(kiln.from_torch(block, x)(x), reference(block, x))


def test_residual_stream_stays_channels_last():
    """Three residual inverted residual blocks in a row at batch 8 on 14 x 14
    images, then a block without a residual sum: each sum is computed
    channels-last (kiln-fuse-elementwise moves the transpose back to NCHW
    past it), so only the stage's input is read in another layout (by the
    first convolution and the first sum) and its result transposed back; no
    value between the blocks is."""
    from torchvision.models.mobilenetv2 import InvertedResidual
    torch.manual_seed(0)
    stage = _randomized_norms(torch.nn.Sequential(
        *[InvertedResidual(32, 32, 1, 6) for _ in range(3)], InvertedResidual(32, 48, 1, 6)))
    x = torch.randn(8, 32, 14, 14)
    net = kiln.from_torch(stage, x)
    assert_matches(net(x), reference(stage, x))
    fused = net.ir("fused")
    permutations = ("(d0, d1, d2, d3) -> (d0, d2, d3, d1)", "(d0, d1, d2, d3) -> (d0, d3, d1, d2)")
    maps = {line.split(" = ")[0] for line in fused.splitlines()
            if line.startswith("#map") and any(p in line for p in permutations)}
    reads = sum(line.count(m + ",") + line.count(m + "]") for line in fused.splitlines()
                if "indexing_maps" in line for m in maps)
    assert reads == 3


def test_efficientnet_stage_of_a_batch_on_small_images():
    """efficientnet_b0's stage of 5x5 depthwise convolutions from 14 x 14 to
    7 x 7 (squeeze-and-excitation between the depthwise and the projecting
    convolution), at batch 8: channels-last as above."""
    torch.manual_seed(0)
    stage = _randomized_norms(torchvision.models.efficientnet_b0().features[6])
    x = torch.randn(8, 112, 14, 14)
    assert_matches(kiln.from_torch(stage, x)(x), reference(stage, x))


def test_max_pooling_over_a_channels_last_convolution():
    """inception_v3's 3x3 convolution, batch norm and ReLU before a max
    pooling: the convolution is computed in the pooling's tiles of
    channels (kiln-strategy makes them whole vectors)."""
    torch.manual_seed(0)
    model = _randomized_norms(torch.nn.Sequential(
        torch.nn.Conv2d(80, 192, 3, bias=False), torch.nn.BatchNorm2d(192), torch.nn.ReLU(),
        torch.nn.MaxPool2d(3, 2)))
    x = torch.randn(1, 80, 30, 30)
    assert_matches(kiln.from_torch(model, x)(x), reference(model, x))


def test_save_exports_one_entry_with_the_weights_inside(tmp_path):
    torch.manual_seed(0)
    model = torch.nn.Sequential(torch.nn.Conv2d(3, 4, 3), torch.nn.BatchNorm2d(4),
                                torch.nn.ReLU(), torch.nn.Flatten(), torch.nn.Linear(4 * 6 * 6, 3))
    x = torch.randn(1, 3, 8, 8)
    net = kiln.from_torch(model, x)
    lib, header = tmp_path / "libnet.so", tmp_path / "net.h"
    net.save(lib, header=header, name="net")
    assert "int kiln_net(const float *in0, float *out0);" in header.read_text()
    out = np.empty((1, 3), np.float32)
    xs = np.ascontiguousarray(x.numpy())
    so = ctypes.CDLL(str(lib))
    assert so.kiln_net(ctypes.c_void_p(xs.ctypes.data), ctypes.c_void_p(out.ctypes.data)) == 0
    assert_matches(out, reference(model, x))


def test_weights_are_laid_out_once_not_at_every_call():
    # A channels-last convolution reads its filter transposed: kiln.from_torch
    # marks the weights constant, the pipeline moves the transpose to a
    # prepare entry (kiln-prepare-constants), run once when the model loads.
    torch.manual_seed(0)
    model = torch.nn.Sequential(torch.nn.Conv2d(64, 64, 3, padding=1), torch.nn.ReLU(),
                                torch.nn.Conv2d(64, 64, 3, padding=1)).eval()
    x = torch.randn(1, 64, 14, 14)
    net = kiln.from_torch(model, x)
    compiled = net._jit._last
    assert "traced_prepare" in compiled.runnable.entries
    assert any(p.shape == (64, 3, 3, 64) for p in compiled.prepared)
    assert "func.func @traced_prepare(" in net.ir("fused")
    for _ in range(2):
        assert_matches(net(x), reference(model, x))
    # The library saved with its weights inside computes everything in its
    # one entry.
    assert "traced_prepare" not in net.source()


def test_kiln_jit_reads_captured_arrays_at_every_call():
    # kiln.jit's captured arrays are not constants: a change between calls
    # is seen (nothing computed from them is kept).
    import kiln.functional as F
    r = np.random.default_rng(3)
    x = r.standard_normal((1, 64, 14, 14)).astype(np.float32)
    w = r.standard_normal((64, 64, 3, 3)).astype(np.float32)
    f = kiln.jit(lambda x: F.conv2d(x, w, padding=1))
    first = f(x)
    w *= 2
    np.testing.assert_allclose(f(x), 2 * first, rtol=1e-5, atol=1e-4)
    assert "traced_prepare" not in f._last.runnable.entries
