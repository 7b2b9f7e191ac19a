"""Tolerances of Kiln against PyTorch, per element type and op family
(dialect/catalogue.tsv), stated once: the golden cases (gen_golden.py)
and the OpInfo samples (test/python/test_opinfo.py) both read them."""

# As torch.allclose: |kiln - torch| <= atol + rtol·|torch|.
TOLERANCES = {
    "float32": {
        "layout": (0.0, 0.0),          # pure data movement: bit-exact
        "elementwise": (1e-5, 1e-6),   # one rounding (libm vs torch within an ulp or two)
        "reduction": (1e-4, 1e-5),     # summation order differs
        "norm": (1e-4, 1e-4),          # statistics, then a division by them
        "contraction": (1e-4, 1e-4),   # long dot products (matmul, conv)
    },
    "float64": {
        "layout": (0.0, 0.0),
        "elementwise": (1e-12, 1e-14),
        "reduction": (1e-10, 1e-12),
        "norm": (1e-10, 1e-10),
        "contraction": (1e-10, 1e-10),
    },
}
