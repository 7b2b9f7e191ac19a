"""Modules like torch.nn over kiln.functional, with numpy parameters.

    net = kiln.nn.Sequential(kiln.nn.Conv2d(3, 8, 3, padding=1), kiln.nn.BatchNorm2d(8),
                             kiln.nn.ReLU())
    net.load_state_dict({k: v.numpy() for k, v in torch_net.state_dict().items()})
    y = net.eval()(x)

Parameters and buffers are numpy arrays held as attributes; train()/eval()
switch the mode (BatchNorm2d updates its running stats in training, as torch
does); state_dict()/load_state_dict() use torch's key names.
"""
import math
from collections import OrderedDict

import numpy as np

from . import functional as F


def _uniform(shape, bound, rng=np.random):
    return rng.uniform(-bound, bound, size=shape).astype(np.float32)


class Module:
    def __init__(self):
        object.__setattr__(self, "_params", OrderedDict())
        object.__setattr__(self, "_buffers", OrderedDict())
        object.__setattr__(self, "_children", OrderedDict())
        object.__setattr__(self, "training", True)

    def __setattr__(self, name, value):
        if isinstance(value, Module):
            self._children[name] = value
        object.__setattr__(self, name, value)

    def register_parameter(self, name, value):
        self._params[name] = None
        object.__setattr__(self, name, None if value is None else np.asarray(value, np.float32))

    def register_buffer(self, name, value):
        self._buffers[name] = None
        object.__setattr__(self, name, value)

    def forward(self, *args, **kwargs):
        raise NotImplementedError

    def __call__(self, *args, **kwargs):
        return self.forward(*args, **kwargs)

    def train(self, mode=True):
        object.__setattr__(self, "training", bool(mode))
        for child in self._children.values():
            child.train(mode)
        return self

    def eval(self):
        return self.train(False)

    def state_dict(self, prefix=""):
        out = OrderedDict()
        for name in list(self._params) + list(self._buffers):
            value = getattr(self, name)
            if value is not None:
                out[prefix + name] = value
        for name, child in self._children.items():
            out.update(child.state_dict(prefix + name + "."))
        return out

    def load_state_dict(self, state_dict, strict=True):
        """Copies arrays (e.g. a torch state_dict's tensors as .numpy()) into
        the module's parameters and buffers by torch's key names."""
        own = self.state_dict()
        given = {k: v for k, v in state_dict.items() if not k.endswith("num_batches_tracked")}
        if strict:
            missing = [k for k in own if k not in given]
            unexpected = [k for k in given if k not in own]
            if missing or unexpected:
                raise KeyError(f"load_state_dict: missing keys {missing}, unexpected keys {unexpected}")
        for key, value in given.items():
            if key not in own:
                continue
            value = np.array(value, dtype=own[key].dtype, copy=True)
            if value.shape != own[key].shape:
                raise ValueError(f"load_state_dict: {key} has shape {value.shape}, "
                                 f"the module expects {own[key].shape}")
            *path, name = key.split(".")
            target = self
            for part in path:
                target = target._children[part]
            object.__setattr__(target, name, value)
        return self

    def __repr__(self):
        return f"{type(self).__name__}()"


class Sequential(Module):
    def __init__(self, *modules):
        super().__init__()
        for i, m in enumerate(modules):
            setattr(self, str(i), m)

    def __getitem__(self, i):
        return list(self._children.values())[i]

    def __len__(self):
        return len(self._children)

    def forward(self, x):
        for m in self._children.values():
            x = m(x)
        return x


class Conv2d(Module):
    def __init__(self, in_channels, out_channels, kernel_size, stride=1, padding=0, dilation=1,
                 groups=1, bias=True, padding_mode="zeros"):
        super().__init__()
        k = F._pair(kernel_size, "kernel_size")
        self.stride, self.padding, self.dilation = stride, padding, dilation
        self.groups, self.padding_mode = groups, padding_mode
        bound = 1 / math.sqrt(in_channels // groups * k[0] * k[1])
        self.register_parameter("weight", _uniform((out_channels, in_channels // groups, *k), bound))
        self.register_parameter("bias", _uniform((out_channels,), bound) if bias else None)

    def forward(self, x):
        return F.conv2d(x, self.weight, self.bias, self.stride, self.padding, self.dilation,
                        self.groups, self.padding_mode)


class ConvTranspose2d(Module):
    def __init__(self, in_channels, out_channels, kernel_size, stride=1, padding=0,
                 output_padding=0, groups=1, bias=True, dilation=1):
        super().__init__()
        k = F._pair(kernel_size, "kernel_size")
        self.stride, self.padding, self.output_padding = stride, padding, output_padding
        self.groups, self.dilation = groups, dilation
        bound = 1 / math.sqrt(out_channels // groups * k[0] * k[1])
        self.register_parameter("weight", _uniform((in_channels, out_channels // groups, *k), bound))
        self.register_parameter("bias", _uniform((out_channels,), bound) if bias else None)

    def forward(self, x, output_size=None):
        return F.conv_transpose2d(x, self.weight, self.bias, self.stride, self.padding,
                                  0 if output_size is not None else self.output_padding,
                                  self.groups, self.dilation, output_size)


class Linear(Module):
    def __init__(self, in_features, out_features, bias=True):
        super().__init__()
        bound = 1 / math.sqrt(in_features)
        self.register_parameter("weight", _uniform((out_features, in_features), bound))
        self.register_parameter("bias", _uniform((out_features,), bound) if bias else None)

    def forward(self, x):
        return F.linear(x, self.weight, self.bias)


class BatchNorm2d(Module):
    def __init__(self, num_features, eps=1e-05, momentum=0.1, affine=True,
                 track_running_stats=True):
        super().__init__()
        self.eps, self.momentum, self.track_running_stats = eps, momentum, track_running_stats
        self.register_parameter("weight", np.ones(num_features, np.float32) if affine else None)
        self.register_parameter("bias", np.zeros(num_features, np.float32) if affine else None)
        self.register_buffer("running_mean", np.zeros(num_features, np.float32)
                             if track_running_stats else None)
        self.register_buffer("running_var", np.ones(num_features, np.float32)
                             if track_running_stats else None)

    def forward(self, x):
        batch_stats = self.training or self.running_mean is None
        out = F.batch_norm(x, self.running_mean, self.running_var, self.weight, self.bias,
                           batch_stats, self.momentum, self.eps)
        if not batch_stats:
            return out
        y, new_mean, new_var = out
        if self.training and new_mean is not None:
            object.__setattr__(self, "running_mean", new_mean)
            object.__setattr__(self, "running_var", new_var)
        return y


class LayerNorm(Module):
    def __init__(self, normalized_shape, eps=1e-05, elementwise_affine=True):
        super().__init__()
        self.normalized_shape = tuple(F._ints(normalized_shape))
        self.eps = eps
        self.register_parameter("weight", np.ones(self.normalized_shape, np.float32)
                                if elementwise_affine else None)
        self.register_parameter("bias", np.zeros(self.normalized_shape, np.float32)
                                if elementwise_affine else None)

    def forward(self, x):
        return F.layer_norm(x, self.normalized_shape, self.weight, self.bias, self.eps)


class InstanceNorm2d(Module):
    def __init__(self, num_features, eps=1e-05, momentum=0.1, affine=False,
                 track_running_stats=False):
        super().__init__()
        self.eps, self.momentum = eps, momentum
        self.register_parameter("weight", np.ones(num_features, np.float32) if affine else None)
        self.register_parameter("bias", np.zeros(num_features, np.float32) if affine else None)
        self.register_buffer("running_mean", np.zeros(num_features, np.float32)
                             if track_running_stats else None)
        self.register_buffer("running_var", np.ones(num_features, np.float32)
                             if track_running_stats else None)

    def forward(self, x):
        use_input_stats = self.training or self.running_mean is None
        out = F.instance_norm(x, self.running_mean, self.running_var, self.weight, self.bias,
                              use_input_stats, self.momentum, self.eps)
        if isinstance(out, tuple):
            y, new_mean, new_var = out
            object.__setattr__(self, "running_mean", new_mean)
            object.__setattr__(self, "running_var", new_var)
            return y
        return out


class GroupNorm(Module):
    def __init__(self, num_groups, num_channels, eps=1e-05, affine=True):
        super().__init__()
        self.num_groups, self.eps = num_groups, eps
        self.register_parameter("weight", np.ones(num_channels, np.float32) if affine else None)
        self.register_parameter("bias", np.zeros(num_channels, np.float32) if affine else None)

    def forward(self, x):
        return F.group_norm(x, self.num_groups, self.weight, self.bias, self.eps)


class RMSNorm(Module):
    def __init__(self, normalized_shape, eps=None, elementwise_affine=True):
        super().__init__()
        self.normalized_shape = tuple(F._ints(normalized_shape))
        self.eps = eps
        self.register_parameter("weight", np.ones(self.normalized_shape, np.float32)
                                if elementwise_affine else None)

    def forward(self, x):
        return F.rms_norm(x, self.normalized_shape, self.weight, self.eps)


class MaxPool2d(Module):
    def __init__(self, kernel_size, stride=None, padding=0, dilation=1, return_indices=False,
                 ceil_mode=False):
        super().__init__()
        self.args = (kernel_size, stride, padding, dilation, ceil_mode, return_indices)

    def forward(self, x):
        return F.max_pool2d(x, *self.args)


class AvgPool2d(Module):
    def __init__(self, kernel_size, stride=None, padding=0, ceil_mode=False,
                 count_include_pad=True, divisor_override=None):
        super().__init__()
        self.args = (kernel_size, stride, padding, ceil_mode, count_include_pad, divisor_override)

    def forward(self, x):
        return F.avg_pool2d(x, *self.args)


class AdaptiveAvgPool2d(Module):
    def __init__(self, output_size):
        super().__init__()
        self.output_size = output_size

    def forward(self, x):
        return F.adaptive_avg_pool2d(x, self.output_size)


class AdaptiveMaxPool2d(Module):
    def __init__(self, output_size, return_indices=False):
        super().__init__()
        self.output_size, self.return_indices = output_size, return_indices

    def forward(self, x):
        return F.adaptive_max_pool2d(x, self.output_size, self.return_indices)


class Embedding(Module):
    def __init__(self, num_embeddings, embedding_dim, padding_idx=None, _weight=None):
        super().__init__()
        self.padding_idx = padding_idx
        if _weight is None:
            _weight = np.random.standard_normal((num_embeddings, embedding_dim)).astype(np.float32)
            if padding_idx is not None:
                _weight[padding_idx] = 0
        self.register_parameter("weight", _weight)

    @classmethod
    def from_pretrained(cls, embeddings, freeze=True, padding_idx=None):
        w = np.asarray(embeddings, np.float32)
        return cls(w.shape[0], w.shape[1], padding_idx, _weight=w.copy())

    def forward(self, input):
        return F.embedding(input, self.weight, self.padding_idx)


class Dropout(Module):
    def __init__(self, p=0.5, seed=None):
        super().__init__()
        self.p, self.seed, self._calls = p, seed, 0

    def forward(self, x):
        seed = None
        if self.seed is not None:  # a fresh but reproducible mask per call
            seed, self._calls = self.seed + self._calls, self._calls + 1
        return F.dropout(x, self.p, self.training, seed)


class PReLU(Module):
    def __init__(self, num_parameters=1, init=0.25):
        super().__init__()
        self.register_parameter("weight", np.full(num_parameters, init, np.float32))

    def forward(self, x):
        return F.prelu(x, self.weight)


class Flatten(Module):
    def __init__(self, start_dim=1, end_dim=-1):
        super().__init__()
        self.start_dim, self.end_dim = start_dim, end_dim

    def forward(self, x):
        return F.flatten(x, self.start_dim, self.end_dim)


class Identity(Module):
    def forward(self, x):
        return x


def _activation(name, fn, *params):
    """A module class calling fn(x, *params) with torch's constructor arguments."""
    def __init__(self, *args, **kwargs):
        Module.__init__(self)
        values = dict(zip([p for p, _ in params], args))
        values.update(kwargs)
        self.kwargs = {p: values.get(p, default) for p, default in params}

    def forward(self, x):
        return fn(x, **self.kwargs)

    return type(name, (Module,), {"__init__": __init__, "forward": forward})


ReLU = _activation("ReLU", F.relu)
ReLU6 = _activation("ReLU6", F.relu6)
LeakyReLU = _activation("LeakyReLU", F.leaky_relu, ("negative_slope", 0.01))
ELU = _activation("ELU", F.elu, ("alpha", 1.0))
SELU = _activation("SELU", F.selu)
GELU = _activation("GELU", F.gelu, ("approximate", "none"))
Sigmoid = _activation("Sigmoid", F.sigmoid)
Tanh = _activation("Tanh", F.tanh)
SiLU = _activation("SiLU", F.silu)
Mish = _activation("Mish", F.mish)
Hardswish = _activation("Hardswish", F.hardswish)
Hardsigmoid = _activation("Hardsigmoid", F.hardsigmoid)
Softplus = _activation("Softplus", F.softplus, ("beta", 1.0), ("threshold", 20.0))
Softsign = _activation("Softsign", F.softsign)
Softmax = _activation("Softmax", F.softmax, ("dim", -1))
LogSoftmax = _activation("LogSoftmax", F.log_softmax, ("dim", -1))
