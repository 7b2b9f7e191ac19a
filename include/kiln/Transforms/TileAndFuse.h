//===- TileAndFuse.h - Kiln's tile-and-fuse of one root --------------------===//
//
// Upstream scf::tileConsumerAndFuseProducersUsingSCF with Kiln's fusion
// control, shared by kiln-tile-and-fuse (outer tiles) and
// kiln-interleave-rows (rows inside them).
//
//===----------------------------------------------------------------------===//
#ifndef KILN_TRANSFORMS_TILEANDFUSE_H
#define KILN_TRANSFORMS_TILEANDFUSE_H

#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/PatternMatch.h"

namespace kiln {

/// Tiles `root` to `sizes` in loops of `loopType` and fuses into them the
/// producers worth it for `tiles` tiles (a convolution, GEMM or reduction
/// only where the tiles partition its result), yielding those `yields`
/// picks. Each slice of a producer is fused once, its readers sharing the
/// tile; a fused producer that would still have to run outside the loop
/// (read by another op too) stays outside, materialized, and the tiling
/// starts again without it, unless it is cheaper to recompute than to read.
/// The tiled ops' cache and register tiles are refitted to their shapes.
mlir::FailureOr<mlir::scf::SCFTileAndFuseResult>
tileAndFuse(mlir::RewriterBase &rewriter, mlir::Operation *root,
            mlir::scf::SCFTilingOptions::LoopType loopType, llvm::ArrayRef<int64_t> sizes,
            int64_t tiles,
            llvm::function_ref<bool(mlir::tensor::ExtractSliceOp, mlir::OpResult, bool)> yields);

/// A tile's `slice` of a constant tensor.pad, at static offsets along the
/// padded dims, rewritten as the pad of the pad input's matching slice,
/// when `tiles` such slices together pad about the input once (the static
/// case of upstream's tensor::bubbleUpPadSlice). Returns that slice of the
/// input, or null where `slice` was left alone.
mlir::tensor::ExtractSliceOp padInTile(mlir::RewriterBase &rewriter,
                                       mlir::tensor::ExtractSliceOp slice, int64_t tiles);

} // namespace kiln

#endif // KILN_TRANSFORMS_TILEANDFUSE_H
