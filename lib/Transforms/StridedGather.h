//===- StridedGather.h - a strided gather as a linalg.generic -------------===//
//
// The dense copies Kiln's convolution rewrites take of a convolution's
// operands (kiln-decompose-strided-conv's column phases,
// kiln-decompose-transposed-conv's kernel taps): a generic, so that it is
// tiled and fused into the convolution's tiles like any producer.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_LIB_TRANSFORMS_STRIDEDGATHER_H
#define KILN_LIB_TRANSFORMS_STRIDEDGATHER_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

namespace kiln {

/// result[i0, i1, ...] = source[i0·strides[0] + offsets[0], ...], of `shape`.
/// Along a dim with stride 1 and offset 0, `shape` must be the source's.
inline mlir::Value stridedGather(mlir::OpBuilder &b, mlir::Location loc, mlir::Value source,
                                 llvm::ArrayRef<int64_t> shape, llvm::ArrayRef<int64_t> strides,
                                 llvm::ArrayRef<int64_t> offsets) {
  using namespace mlir;
  MLIRContext *ctx = b.getContext();
  SmallVector<AffineExpr> read;
  for (size_t d = 0; d < shape.size(); ++d)
    read.push_back(getAffineDimExpr(d, ctx) * strides[d] + offsets[d]);
  unsigned rank = shape.size();
  auto type = cast<RankedTensorType>(source.getType());
  Value init = tensor::EmptyOp::create(b, loc, shape, type.getElementType());
  return linalg::GenericOp::create(
             b, loc, TypeRange{init.getType()}, ValueRange{source}, ValueRange{init},
             ArrayRef<AffineMap>{AffineMap::get(rank, 0, read, ctx),
                                 AffineMap::getMultiDimIdentityMap(rank, ctx)},
             SmallVector<utils::IteratorType>(rank, utils::IteratorType::parallel),
             [](OpBuilder &nb, Location l, ValueRange args) {
               linalg::YieldOp::create(nb, l, args[0]);
             })
      .getResult(0);
}

} // namespace kiln

#endif // KILN_LIB_TRANSFORMS_STRIDEDGATHER_H
