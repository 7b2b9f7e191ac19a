//===- Passes.td - Kiln conversion passes -----------------*- tablegen -*-===//

#ifndef KILN_CONVERSION_PASSES_TD
#define KILN_CONVERSION_PASSES_TD

include "mlir/Pass/PassBase.td"

def KilnToLinalg : Pass<"kiln-to-linalg", "mlir::ModuleOp"> {
  let summary = "Lower kiln ops to linalg, tensor, arith and math";
  let description = [{
    Each kiln op becomes linalg named ops where one fits (matmul,
    batch_matmul, convolutions, pooling, transpose) and linalg.generic
    otherwise; layout ops become tensor reshapes and slices. Composite ops
    (norms, softmax, gelu) decompose into reductions and elementwise generics
    for the fusion passes to merge. An op whose results have no elements
    becomes `tensor.empty` (nothing to compute); one with elements computed
    from inputs that have none follows torch (a sum of nothing is 0, a mean
    NaN). A kiln op without a lowering is an error.
  }];
  let dependentDialects = [
    "mlir::linalg::LinalgDialect", "mlir::tensor::TensorDialect",
    "mlir::arith::ArithDialect", "mlir::math::MathDialect"
  ];
}

#endif // KILN_CONVERSION_PASSES_TD
