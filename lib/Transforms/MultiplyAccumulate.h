//===- MultiplyAccumulate.h - acc += lhs * rhs as a linalg.generic --------===//
//
// The contraction Kiln's GEMM rewrites build (a 1x1 convolution as a GEMM,
// a matmul over packed panels): three parallel loops and a reduction.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_LIB_TRANSFORMS_MULTIPLYACCUMULATE_H
#define KILN_LIB_TRANSFORMS_MULTIPLYACCUMULATE_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"

namespace kiln {

/// acc += lhs · rhs over loops (p0, p1, p2, r), the operands read through
/// `maps` (lhs, rhs, acc); returns the generic's result.
inline mlir::Value multiplyAccumulate(mlir::OpBuilder &b, mlir::Location loc, mlir::Value lhs,
                                      mlir::Value rhs, mlir::Value acc,
                                      llvm::ArrayRef<mlir::AffineMap> maps) {
  using namespace mlir;
  SmallVector<utils::IteratorType> iterators(3, utils::IteratorType::parallel);
  iterators.push_back(utils::IteratorType::reduction);
  return linalg::GenericOp::create(
             b, loc, TypeRange{acc.getType()}, ValueRange{lhs, rhs}, ValueRange{acc}, maps,
             iterators,
             [](OpBuilder &nb, Location l, ValueRange v) {
               Value product = arith::MulFOp::create(nb, l, v[0], v[1]);
               linalg::YieldOp::create(nb, l, ValueRange{arith::AddFOp::create(nb, l, v[2], product)});
             })
      .getResult(0);
}

} // namespace kiln

#endif // KILN_LIB_TRANSFORMS_MULTIPLYACCUMULATE_H
