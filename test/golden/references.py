"""PyTorch references for ops torch 1.13 lacks, shared by the test generators
(test/golden/gen_golden.py, test/unittests/gen_shape_cases.py)."""
import torch


def rms_norm(shape, eps=None):
    """rms_norm as torch >= 2.4 defines it: x / sqrt(mean(x^2) + eps) * weight,
    eps None meaning the dtype's machine epsilon."""
    def run(x, w=None):
        dims = tuple(range(-len(shape), 0))
        e = torch.finfo(x.dtype).eps if eps is None else eps
        y = x * torch.rsqrt(x.pow(2).mean(dims, keepdim=True) + e)
        return y * w if w is not None else y
    return run
