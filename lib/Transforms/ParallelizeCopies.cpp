//===- ParallelizeCopies.cpp - kiln-parallelize-copies --------------------===//
//
// Whole-buffer copies and fills left by bufferization, tiled into
// scf.forall by upstream scf::tileUsingSCF with the strategy's sizes (see
// KilnParallelizeCopies in Passes.td).
//
//===----------------------------------------------------------------------===//

#include "kiln/Transforms/Passes.h"
#include "kiln/Transforms/Strategy.h"

#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"
#include "mlir/IR/PatternMatch.h"

namespace kiln {
#define GEN_PASS_DEF_KILNPARALLELIZECOPIES
#include "kiln/Transforms/Passes.h.inc"
} // namespace kiln

using namespace mlir;

namespace {

struct KilnParallelizeCopiesPass
    : kiln::impl::KilnParallelizeCopiesBase<KilnParallelizeCopiesPass> {
  using KilnParallelizeCopiesBase::KilnParallelizeCopiesBase;

  // An op on whole buffers, outside every loop, worth spreading over threads.
  bool isCandidate(linalg::LinalgOp op) {
    if (op->getParentOp() != getOperation().getOperation() || !op.hasPureBufferSemantics() ||
        op.getNumParallelLoops() != op.getNumLoops() || op.getNumLoops() == 0)
      return false;
    int64_t iterations = 1;
    for (int64_t r : op.getStaticLoopRanges()) {
      if (ShapedType::isDynamic(r))
        return false;
      iterations *= r;
    }
    return iterations >= minElements;
  }

  void runOnOperation() override {
    kiln::TargetInfo target = kiln::TargetInfo::host(threads, vectorBits, /*l2KiB=*/0);
    SmallVector<linalg::LinalgOp> candidates;
    for (Operation &op : getOperation().getBody().front())
      if (auto linalgOp = dyn_cast<linalg::LinalgOp>(&op); linalgOp && isCandidate(linalgOp))
        candidates.push_back(linalgOp);

    IRRewriter rewriter(&getContext());
    for (linalg::LinalgOp op : candidates) {
      std::optional<kiln::TileStrategy> strategy = kiln::chooseStrategy(op, target);
      if (!strategy || llvm::all_of(strategy->outer, [](int64_t t) { return t == 0; }))
        continue;
      scf::SCFTilingOptions options;
      options.setLoopType(scf::SCFTilingOptions::LoopType::ForallOp);
      options.setTileSizes(getAsIndexOpFoldResult(&getContext(), strategy->outer));
      rewriter.setInsertionPoint(op);
      FailureOr<scf::SCFTilingResult> tiled =
          scf::tileUsingSCF(rewriter, cast<TilingInterface>(op.getOperation()), options);
      if (failed(tiled) || tiled->tiledOps.size() != 1)
        continue;
      rewriter.eraseOp(op);
      auto tile = cast<linalg::LinalgOp>(tiled->tiledOps.front());
      if (strategy->registers.size() == tile.getNumLoops())
        tile->setAttr(kiln::kRegisterTilesAttr,
                      rewriter.getDenseI64ArrayAttr(
                          kiln::fitTiles(strategy->registers, tile.getStaticLoopRanges())));
    }
  }
};

} // namespace
