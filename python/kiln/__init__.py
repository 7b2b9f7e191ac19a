"""Kiln: neural-network operators compiled with MLIR.

The native extension and the torch-like API arrive with the Python issue;
for now the package holds the kiln IR writer (kiln.ir_text) that tests and
generators share.
"""
