"""kiln.nn modules against torch.nn with the same weights (load_state_dict
from a torch state_dict), in train and eval mode."""
import numpy as np
import pytest
import torch
import torch.nn as tnn

import kiln.nn as nn

RNG = np.random.default_rng(3)


def randn(*shape):
    return RNG.standard_normal(shape).astype(np.float32)


def from_torch(kiln_module, torch_module):
    kiln_module.load_state_dict({k: v.detach().numpy() for k, v in torch_module.state_dict().items()})
    return kiln_module


def check(kiln_out, torch_out, rtol=1e-4, atol=1e-4):
    np.testing.assert_allclose(kiln_out, torch_out.detach().numpy(), rtol=rtol, atol=atol)


PAIRS = [
    (lambda: nn.Conv2d(3, 8, 3, stride=2, padding=1), lambda: tnn.Conv2d(3, 8, 3, stride=2, padding=1), (2, 3, 9, 9)),
    (lambda: nn.Conv2d(4, 4, (3, 5), padding=(1, 2), groups=2, padding_mode="circular"),
     lambda: tnn.Conv2d(4, 4, (3, 5), padding=(1, 2), groups=2, padding_mode="circular"), (1, 4, 6, 7)),
    (lambda: nn.ConvTranspose2d(4, 6, 3, stride=2), lambda: tnn.ConvTranspose2d(4, 6, 3, stride=2), (2, 4, 5, 5)),
    (lambda: nn.Linear(20, 30), lambda: tnn.Linear(20, 30), (128, 20)),
    (lambda: nn.LayerNorm(10), lambda: tnn.LayerNorm(10), (20, 5, 10)),
    (lambda: nn.GroupNorm(3, 6), lambda: tnn.GroupNorm(3, 6), (4, 6, 5, 5)),
    (lambda: nn.InstanceNorm2d(6, affine=True), lambda: tnn.InstanceNorm2d(6, affine=True), (2, 6, 5, 5)),
    (lambda: nn.MaxPool2d(3, stride=2), lambda: tnn.MaxPool2d(3, stride=2), (2, 4, 11, 9)),
    (lambda: nn.AvgPool2d((3, 2), stride=(2, 1)), lambda: tnn.AvgPool2d((3, 2), stride=(2, 1)), (2, 4, 11, 9)),
    (lambda: nn.AdaptiveAvgPool2d((5, 7)), lambda: tnn.AdaptiveAvgPool2d((5, 7)), (1, 8, 8, 9)),
    (lambda: nn.PReLU(4), lambda: tnn.PReLU(4), (2, 4, 3)),
    (lambda: nn.Softplus(2.0, 5.0), lambda: tnn.Softplus(2.0, 5.0), (4, 7)),
    (lambda: nn.LeakyReLU(0.2), lambda: tnn.LeakyReLU(0.2), (4, 7)),
    (lambda: nn.GELU(approximate="tanh"), lambda: tnn.GELU(approximate="tanh"), (4, 7)),
    (lambda: nn.Softmax(dim=1), lambda: tnn.Softmax(dim=1), (4, 7)),
    (lambda: nn.Flatten(), lambda: tnn.Flatten(), (2, 3, 4)),
]


@pytest.mark.parametrize("make_kiln,make_torch,shape", PAIRS)
def test_module_matches_torch(make_kiln, make_torch, shape):
    torch.manual_seed(0)
    tm = make_torch()
    km = from_torch(make_kiln(), tm)
    x = randn(*shape)
    check(km(x), tm(torch.from_numpy(x)))


def test_batch_norm_train_updates_running_stats_then_eval_uses_them():
    torch.manual_seed(0)
    tm, km = tnn.BatchNorm2d(4, momentum=0.2), nn.BatchNorm2d(4, momentum=0.2)
    tm.weight.data.uniform_(), tm.bias.data.uniform_()
    from_torch(km, tm)
    for _ in range(3):
        x = randn(8, 4, 5, 5)
        check(km.train()(x), tm.train()(torch.from_numpy(x)))
    check(km.running_mean, tm.running_mean, 1e-5, 1e-6)
    check(km.running_var, tm.running_var, 1e-5, 1e-6)
    x = randn(2, 4, 5, 5)
    check(km.eval()(x), tm.eval()(torch.from_numpy(x)))


def test_sequential_state_dict_round_trip():
    torch.manual_seed(1)
    tm = tnn.Sequential(tnn.Conv2d(3, 8, 3, padding=1), tnn.BatchNorm2d(8), tnn.ReLU(),
                        tnn.AdaptiveAvgPool2d(1), tnn.Flatten(), tnn.Linear(8, 5))
    km = nn.Sequential(nn.Conv2d(3, 8, 3, padding=1), nn.BatchNorm2d(8), nn.ReLU(),
                       nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(8, 5))
    from_torch(km, tm)
    x = randn(2, 3, 8, 8)
    check(km.eval()(x), tm.eval()(torch.from_numpy(x)))
    assert set(km.state_dict()) == set(tm.state_dict()) - {"1.num_batches_tracked"}
    with pytest.raises(KeyError):
        km.load_state_dict({"0.weight": np.zeros((8, 3, 3, 3), np.float32)})
    bad = dict(km.state_dict())
    bad["0.bias"] = np.zeros(7, np.float32)
    with pytest.raises(ValueError, match="0.bias has shape"):
        km.load_state_dict(bad)


def test_embedding_from_pretrained_and_dropout_modes():
    w = np.array([[1, 2.3, 3], [4, 5.1, 6.3]], np.float32)
    np.testing.assert_array_equal(nn.Embedding.from_pretrained(w)(np.array([1])), w[[1]])
    d = nn.Dropout(0.5, seed=3)
    x = np.ones((10, 10), np.float32)
    assert (d(x) == 0).any()
    np.testing.assert_array_equal(d.eval()(x), x)


def test_conv_transpose_output_size_at_call():
    torch.manual_seed(2)
    tm = tnn.ConvTranspose2d(16, 16, 3, stride=2, padding=1)
    km = from_torch(nn.ConvTranspose2d(16, 16, 3, stride=2, padding=1), tm)
    h = randn(1, 16, 6, 6)
    y = km(h, output_size=(1, 16, 12, 12))
    assert y.shape == (1, 16, 12, 12)
    check(y, tm(torch.from_numpy(h), output_size=[1, 16, 12, 12]))
