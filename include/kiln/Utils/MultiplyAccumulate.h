//===- MultiplyAccumulate.h - acc += lhs * rhs as a linalg.generic --------===//
//
// The one contraction body Kiln builds: the lowering's contractions (linear,
// matmul, convolution as GEMM) and the GEMM rewrites of lib/Transforms (a
// 1x1 convolution as a GEMM, a matmul over packed panels).
//
//===----------------------------------------------------------------------===//
#ifndef KILN_UTILS_MULTIPLYACCUMULATE_H
#define KILN_UTILS_MULTIPLYACCUMULATE_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"

namespace kiln {

/// acc += lhs · rhs over loops of `iterators`, the operands read through
/// `maps` (lhs, rhs, acc); returns the generic's result.
inline mlir::Value multiplyAccumulate(mlir::OpBuilder &b, mlir::Location loc, mlir::Value lhs,
                                      mlir::Value rhs, mlir::Value acc,
                                      llvm::ArrayRef<mlir::AffineMap> maps,
                                      llvm::ArrayRef<mlir::utils::IteratorType> iterators) {
  using namespace mlir;
  return linalg::GenericOp::create(
             b, loc, TypeRange{acc.getType()}, ValueRange{lhs, rhs}, ValueRange{acc}, maps,
             iterators,
             [](OpBuilder &nb, Location l, ValueRange v) {
               Value product = arith::MulFOp::create(nb, l, v[0], v[1]);
               linalg::YieldOp::create(nb, l, ValueRange{arith::AddFOp::create(nb, l, v[2], product)});
             })
      .getResult(0);
}

/// The loops of a GEMM with one more parallel dim (a batch, or the panel
/// of packed B), as Kiln's GEMM rewrites build them: (p0, p1, p2, r).
inline llvm::SmallVector<mlir::utils::IteratorType> gemmIterators() {
  llvm::SmallVector<mlir::utils::IteratorType> iterators(3, mlir::utils::IteratorType::parallel);
  iterators.push_back(mlir::utils::IteratorType::reduction);
  return iterators;
}

} // namespace kiln

#endif // KILN_UTILS_MULTIPLYACCUMULATE_H
