//===- TileAndFuse.cpp - kiln-tile-and-fuse -------------------------------===//
//
// Roots tiled into scf.forall with upstream
// scf::tileConsumerAndFuseProducersUsingSCF; Kiln only picks the roots and
// which producers to fuse (see KilnTileAndFuse in Passes.td).
//
//===----------------------------------------------------------------------===//

#include "kiln/Transforms/Passes.h"
#include "kiln/Transforms/Strategy.h"

#include "mlir/Analysis/SliceAnalysis.h"
#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/RegionUtils.h"

namespace kiln {
#define GEN_PASS_DEF_KILNTILEANDFUSE
#include "kiln/Transforms/Passes.h.inc"
} // namespace kiln

using namespace mlir;

namespace {

// Whether to fuse the producer of `slice` into a loop of `tiles`
// iterations: only when the tiles together need about the producer's result
// once. A slice covering, say, all of a batch-statistics reduction while
// the loop runs over samples would recompute it in every tile. Pads stay
// whole: a tiled pad has data-dependent sizes, and the padded copy is made
// once anyway.
bool worthFusing(tensor::ExtractSliceOp slice, Operation *producer, int64_t tiles) {
  if (isa<tensor::PadOp>(producer))
    return false;
  if (auto linalgOp = dyn_cast<linalg::LinalgOp>(producer))
    if (!kiln::isTileable(linalgOp))
      return false;
  RankedTensorType part = slice.getResultType(), whole = slice.getSourceType();
  if (!part.hasStaticShape() || !whole.hasStaticShape())
    return true;
  // Halos (a window's overlap between neighbouring tiles) may cost 2x.
  return part.getNumElements() * tiles <= 2 * whole.getNumElements();
}

// Whether the loop should also yield a fused producer's result, for a user
// that comes after it and is not fused itself (a max returned beside its
// argmax, which reads it): tiling alone would leave the whole producer to
// run again for that user. `feeding` is what the root reads, directly or
// not: those users are fused too, or run before the loop. Only for an exact
// partition of the result into tiles (no halos written twice).
bool yieldsProducer(tensor::ExtractSliceOp slice, OpResult producer, int64_t tiles,
                    bool isDestination, const llvm::SetVector<Operation *> &feeding) {
  Operation *loop = slice->getParentOp();
  bool usedAfter = llvm::any_of(producer.getUsers(), [&](Operation *user) {
    Operation *inBlock = loop->getBlock()->findAncestorOpInBlock(*user);
    return inBlock && inBlock != loop && !feeding.contains(inBlock) &&
           loop->isBeforeInBlock(inBlock);
  });
  RankedTensorType part = slice.getResultType(), whole = slice.getSourceType();
  return usedAfter && !isDestination && part.hasStaticShape() && whole.hasStaticShape() &&
         part.getNumElements() * tiles == whole.getNumElements();
}

// The last linalg op of the function body that still asks for outer tiles.
linalg::LinalgOp nextRoot(func::FuncOp func) {
  for (Operation &op : llvm::reverse(func.getBody().front()))
    if (auto linalgOp = dyn_cast<linalg::LinalgOp>(&op))
      if (linalgOp->hasAttr(kiln::kOuterTilesAttr))
        return linalgOp;
  return nullptr;
}

// The cache and register tiles of an op cut out of a larger one, refitted
// to its shape.
void refitInnerTiles(Operation *op) {
  op->removeAttr(kiln::kOuterTilesAttr);
  auto linalgOp = dyn_cast<linalg::LinalgOp>(op);
  if (!linalgOp)
    return;
  SmallVector<int64_t> ranges = linalgOp.getStaticLoopRanges();
  for (StringRef name : {kiln::kCacheTilesAttr, kiln::kRegisterTilesAttr}) {
    auto tiles = op->getAttrOfType<DenseI64ArrayAttr>(name);
    if (!tiles)
      continue;
    if (llvm::any_of(ranges, ShapedType::isDynamic))
      op->removeAttr(name);
    else
      op->setAttr(name, Builder(op).getDenseI64ArrayAttr(
                            kiln::fitTiles(tiles.asArrayRef(), ranges)));
  }
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
      int64_t tiles = 1;
      for (auto [size, range] : llvm::zip(sizes, root.getStaticLoopRanges()))
        tiles *= size ? range / size : 1;
      scf::SCFTileAndFuseOptions options;
      options.setTilingOptions(tiling);
      llvm::SetVector<Operation *> feeding;
      (void)getBackwardSlice(root.getOperation(), &feeding);
      options.setFusionControlFn(
          [tiles, &feeding](tensor::ExtractSliceOp slice, OpResult producer, bool isDestination)
              -> std::optional<scf::SCFTileAndFuseOptions::ControlFnResult> {
            if (!worthFusing(slice, producer.getOwner(), tiles))
              return std::nullopt;
            return scf::SCFTileAndFuseOptions::ControlFnResult{
                yieldsProducer(slice, producer, tiles, isDestination, feeding)};
          });

      rewriter.setInsertionPoint(root);
      FailureOr<scf::SCFTileAndFuseResult> result = scf::tileConsumerAndFuseProducersUsingSCF(
          rewriter, cast<TilingInterface>(root.getOperation()), options);
      if (failed(result)) {
        // Not tileable as asked: it stays whole (and correct).
        root->removeAttr(kiln::kOuterTilesAttr);
        continue;
      }
      for (Operation *tiled : result->tiledAndFusedOps)
        refitInnerTiles(tiled);
      // The root's results, and fused producers' ones still used outside.
      Operation *loop = result->loops.front();
      for (auto [value, replacement] : result->replacements)
        rewriter.replaceUsesWithIf(value, replacement, [&](OpOperand &use) {
          return !loop->isAncestor(use.getOwner());
        });
      rewriter.eraseOp(root);
      // Producers now computed inside the loop are dead outside it.
      (void)runRegionDCE(rewriter, func->getRegions());
    }
  }
};

} // namespace
