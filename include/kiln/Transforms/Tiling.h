//===- Tiling.h - tiling steps kiln-tile-caches and kiln-vectorize share --===//
//
// Upstream scf::tileUsingSCF and scf::tileConsumerAndFuseProducersUsingSCF
// applied to the sizes of an op's #kiln.tiling, and the rules for when an
// accumulator's fill goes into the register tiles: cache tiling
// (kiln-tile-caches) decides it for the blocks it cuts, register tiling
// (kiln-vectorize) for the tiles inside them, by the same rule.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_TRANSFORMS_TILING_H
#define KILN_TRANSFORMS_TILING_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/PatternMatch.h"

#include <optional>
#include <utility>

namespace kiln {

/// Tiles `op` with scf.for to `sizes` (in loop order `order`, if given);
/// returns the tiled op (`op` itself when every size is 0), or failure.
mlir::FailureOr<mlir::Operation *> tileWithLoops(mlir::linalg::LinalgOp op,
                                                 llvm::ArrayRef<int64_t> sizes,
                                                 llvm::ArrayRef<int64_t> order,
                                                 mlir::RewriterBase &rewriter);

/// The dim of `op`'s lone reduction loop when `sizes` tiles it to 2 to 64
/// elements and its combiner has a neutral element, so that upstream's
/// partial reduction tiling can split it; else nothing.
std::optional<unsigned> splitReductionDim(mlir::linalg::LinalgOp op,
                                          llvm::ArrayRef<int64_t> sizes);

/// The fill that `op`'s accumulator starts from, when `op` is its only user.
mlir::linalg::FillOp fillOfInit(mlir::linalg::LinalgOp op);

/// The reduction dims that `op`'s cache tiles cut into slices.
llvm::SmallVector<unsigned> slicedReductions(mlir::linalg::LinalgOp op);

/// Whether the fill of `op`'s accumulator goes into its register tiles.
bool fusesInitFill(mlir::linalg::LinalgOp op);

/// Tiles parallel loops of `op` to `sizes` with `fill`, its accumulator's
/// fill, fused in; returns the tiled op and the fill's tile.
mlir::FailureOr<std::pair<mlir::linalg::LinalgOp, mlir::linalg::FillOp>>
tileFusingFill(mlir::linalg::LinalgOp op, mlir::linalg::FillOp fill,
               llvm::ArrayRef<int64_t> sizes, llvm::ArrayRef<int64_t> order,
               mlir::RewriterBase &rewriter);

} // namespace kiln

#endif // KILN_TRANSFORMS_TILING_H
