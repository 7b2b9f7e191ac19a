//===- PickedViews.h - the views through which a loop picks its block ------===//
//
// The prefetch passes find, under a loop's read, the view that picks the
// loop's current block of a buffer (a memref.subview at the loop's index)
// and rebuild the chain at another index.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_LIB_TRANSFORMS_PICKEDVIEWS_H
#define KILN_LIB_TRANSFORMS_PICKEDVIEWS_H

#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"

namespace kiln {

/// The views from the one that picks `loop`'s block (offset `index` along
/// its dim `dim`, from a buffer defined outside `loop`) down to the view
/// read.
struct PickedViews {
  llvm::SmallVector<mlir::memref::SubViewOp> chain;
  int64_t dim;

  mlir::memref::SubViewOp pick() const { return chain.front(); }
  int64_t extent() const { return pick().getStaticSizes()[dim]; }
};

/// The views `base` is read through, up to the first (from the buffer)
/// whose offsets include `index`, when its source is defined outside `loop`.
inline std::optional<PickedViews> pickedViews(mlir::Value base, mlir::Value index,
                                              mlir::scf::ForOp loop) {
  llvm::SmallVector<mlir::memref::SubViewOp> chain;
  for (auto view = base.getDefiningOp<mlir::memref::SubViewOp>(); view;
       view = view.getSource().getDefiningOp<mlir::memref::SubViewOp>()) {
    chain.insert(chain.begin(), view);
    llvm::SmallVector<mlir::OpFoldResult> offsets = view.getMixedOffsets();
    auto at = llvm::find(offsets, mlir::OpFoldResult(index));
    if (at == offsets.end())
      continue;
    if (!loop.isDefinedOutsideOfLoop(view.getSource()))
      return std::nullopt;
    return PickedViews{chain, at - offsets.begin()};
  }
  return std::nullopt;
}

} // namespace kiln

#endif // KILN_LIB_TRANSFORMS_PICKEDVIEWS_H
