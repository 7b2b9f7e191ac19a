//===- TileAndFuse.cpp - kiln-tile-and-fuse -------------------------------===//
//
// Roots tiled into scf.forall with upstream
// scf::tileConsumerAndFuseProducersUsingSCF; Kiln only picks the roots and
// which producers to fuse (see KilnTileAndFuse in Passes.td).
//
//===----------------------------------------------------------------------===//

#include "kiln/Transforms/Passes.h"
#include "kiln/Transforms/Strategy.h"

#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/RegionUtils.h"

namespace kiln {
#define GEN_PASS_DEF_KILNTILEANDFUSE
#include "kiln/Transforms/Passes.h.inc"
} // namespace kiln

using namespace mlir;

namespace {

// Fuse a producer only when a tile needs part of it: a slice covering the
// whole result would recompute all of the producer in every tile. Pads stay
// whole: a tiled pad has data-dependent sizes, and the padded copy is made
// once anyway.
std::optional<scf::SCFTileAndFuseOptions::ControlFnResult>
fuseWhenPartial(tensor::ExtractSliceOp slice, OpResult producer, bool) {
  if (isa<tensor::PadOp>(producer.getOwner()))
    return std::nullopt;
  if (auto linalgOp = dyn_cast<linalg::LinalgOp>(producer.getOwner()))
    if (!kiln::isTileable(linalgOp))
      return std::nullopt;
  ArrayRef<int64_t> whole = slice.getSourceType().getShape();
  ArrayRef<int64_t> part = slice.getResultType().getShape();
  if (slice.getSourceType().getRank() == slice.getResultType().getRank() && whole == part)
    return std::nullopt;
  return scf::SCFTileAndFuseOptions::ControlFnResult{};
}

// The last linalg op of the function body that still asks for outer tiles.
linalg::LinalgOp nextRoot(func::FuncOp func) {
  for (Operation &op : llvm::reverse(func.getBody().front()))
    if (auto linalgOp = dyn_cast<linalg::LinalgOp>(&op))
      if (linalgOp->hasAttr(kiln::kOuterTilesAttr))
        return linalgOp;
  return nullptr;
}

// The register tiles of an op cut out of a larger one, refitted to its shape.
void refitRegisterTiles(Operation *op) {
  op->removeAttr(kiln::kOuterTilesAttr);
  auto linalgOp = dyn_cast<linalg::LinalgOp>(op);
  auto tiles = op->getAttrOfType<DenseI64ArrayAttr>(kiln::kRegisterTilesAttr);
  if (!linalgOp || !tiles)
    return;
  SmallVector<int64_t> ranges = linalgOp.getStaticLoopRanges();
  if (llvm::any_of(ranges, ShapedType::isDynamic)) {
    op->removeAttr(kiln::kRegisterTilesAttr);
    return;
  }
  op->setAttr(kiln::kRegisterTilesAttr,
              Builder(op).getDenseI64ArrayAttr(kiln::fitTiles(tiles.asArrayRef(), ranges)));
}

struct KilnTileAndFusePass : kiln::impl::KilnTileAndFuseBase<KilnTileAndFusePass> {
  void runOnOperation() override {
    func::FuncOp func = getOperation();
    IRRewriter rewriter(&getContext());
    while (linalg::LinalgOp root = nextRoot(func)) {
      ArrayRef<int64_t> sizes =
          root->getAttrOfType<DenseI64ArrayAttr>(kiln::kOuterTilesAttr).asArrayRef();
      if (llvm::all_of(sizes, [](int64_t s) { return s == 0; })) {
        root->removeAttr(kiln::kOuterTilesAttr);
        continue;
      }
      scf::SCFTilingOptions tiling;
      tiling.setLoopType(scf::SCFTilingOptions::LoopType::ForallOp);
      tiling.setTileSizes(getAsIndexOpFoldResult(&getContext(), sizes));
      scf::SCFTileAndFuseOptions options;
      options.setTilingOptions(tiling);
      options.setFusionControlFn(fuseWhenPartial);

      rewriter.setInsertionPoint(root);
      FailureOr<scf::SCFTileAndFuseResult> result = scf::tileConsumerAndFuseProducersUsingSCF(
          rewriter, cast<TilingInterface>(root.getOperation()), options);
      if (failed(result)) {
        // Not tileable as asked: it stays whole (and correct).
        root->removeAttr(kiln::kOuterTilesAttr);
        continue;
      }
      for (Operation *tiled : result->tiledAndFusedOps)
        refitRegisterTiles(tiled);
      for (OpResult value : root->getResults())
        if (Value replacement = result->replacements.lookup(value))
          rewriter.replaceAllUsesWith(value, replacement);
      rewriter.eraseOp(root);
      // Producers now computed inside the loop are dead outside it.
      (void)runRegionDCE(rewriter, func->getRegions());
    }
  }
};

} // namespace
