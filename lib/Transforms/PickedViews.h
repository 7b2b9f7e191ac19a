//===- PickedViews.h - the views through which a loop picks its block ------===//
//
// The prefetch passes find, under a loop's read, the view that picks the
// loop's current block of a buffer (a memref.subview at the loop's index),
// rebuild the chain at another index and prefetch the lines it reads there.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_LIB_TRANSFORMS_PICKEDVIEWS_H
#define KILN_LIB_TRANSFORMS_PICKEDVIEWS_H

#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"

namespace kiln {

/// A loop's constant step and the index of its last step.
struct Steps {
  int64_t step, last;
};

/// `loop`'s steps, when its bounds and step are constant and it runs at
/// least twice.
std::optional<Steps> constantSteps(mlir::scf::ForOp loop);

/// The views from the one that picks `loop`'s block (offset `index` along
/// its dim `dim`, from a buffer defined outside `loop`) down to the view
/// read.
struct PickedViews {
  llvm::SmallVector<mlir::memref::SubViewOp> chain;
  int64_t dim;

  mlir::memref::SubViewOp pick() const { return chain.front(); }
  int64_t extent() const { return pick().getStaticSizes()[dim]; }

  /// The pick again, at `offset` along its dim (its other offsets, sizes
  /// and strides kept), at the builder's point.
  mlir::memref::SubViewOp pickAt(mlir::Value offset, mlir::OpBuilder &builder) const;

  /// The views under the pick cloned over `pick` (a pick of the same type),
  /// at the builder's point; returns what `base`, read through them, becomes.
  mlir::Value viewsOver(mlir::memref::SubViewOp pick, mlir::Value base,
                        mlir::OpBuilder &builder) const;

  /// What `base` (read through the views) is at `loop`'s next step, the
  /// last step's own (min(index + step, last)), at the builder's point.
  mlir::Value atNextStep(mlir::Value base, mlir::scf::ForOp loop, Steps steps,
                         mlir::OpBuilder &builder) const;
};

/// The views `base` is read through, up to the first (from the buffer)
/// whose offsets include `index`, when its source is defined outside `loop`.
std::optional<PickedViews> pickedViews(mlir::Value base, mlir::Value index, mlir::scf::ForOp loop);

/// One memref.prefetch per 64-byte line of a block of `shape` elements of
/// `element` at `indices` of `base` (the block's dims the last of the
/// indices, its rows along all but its innermost), into the cache level
/// `locality` names (3: L1, 2: L2).
void prefetchLines(mlir::OpBuilder &builder, mlir::Location loc, mlir::Value base,
                   mlir::ValueRange indices, llvm::ArrayRef<int64_t> shape, mlir::Type element,
                   bool isWrite, uint32_t locality = 3);

} // namespace kiln

#endif // KILN_LIB_TRANSFORMS_PICKEDVIEWS_H
