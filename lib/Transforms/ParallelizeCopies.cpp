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

  // An op on buffers, all loops parallel, static.
  static bool isStaticParallel(linalg::LinalgOp op) {
    return op.hasPureBufferSemantics() && op.getNumParallelLoops() == op.getNumLoops() &&
           op.getNumLoops() != 0 && !llvm::any_of(op.getStaticLoopRanges(), ShapedType::isDynamic);
  }

  // An op on whole buffers, outside every loop, worth spreading over threads.
  bool isCandidate(linalg::LinalgOp op) {
    if (op->getParentOp() != getOperation().getOperation() || !isStaticParallel(op))
      return false;
    int64_t iterations = 1;
    for (int64_t r : op.getStaticLoopRanges())
      iterations *= r;
    return iterations >= minElements;
  }

  // A copy or fill a thread's tile made for itself (a pad of its part of the
  // input): already in a parallel loop, it only needs vectorizing.
  static bool isInTile(linalg::LinalgOp op) {
    return isa<linalg::CopyOp, linalg::FillOp, linalg::MapOp>(op) &&
           op->getParentOfType<scf::ForallOp>() && !op->hasAttr(kiln::kRegisterTilesAttr) &&
           isStaticParallel(op);
  }

  static void setRegisterTiles(linalg::LinalgOp op, ArrayRef<int64_t> registers) {
    if (registers.size() == op.getNumLoops())
      op->setAttr(kiln::kRegisterTilesAttr,
                  Builder(op).getDenseI64ArrayAttr(
                      kiln::fitTiles(registers, op.getStaticLoopRanges())));
  }

  void runOnOperation() override {
    kiln::TargetInfo target = kiln::TargetInfo::host(threads, vectorBits, /*l2KiB=*/0);
    SmallVector<linalg::LinalgOp> candidates;
    for (Operation &op : getOperation().getBody().front())
      if (auto linalgOp = dyn_cast<linalg::LinalgOp>(&op); linalgOp && isCandidate(linalgOp))
        candidates.push_back(linalgOp);
    getOperation().walk([&](linalg::LinalgOp op) {
      if (!isInTile(op))
        return;
      if (std::optional<kiln::TileStrategy> strategy = kiln::chooseStrategy(op, target))
        setRegisterTiles(op, strategy->registers);
    });

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
      setRegisterTiles(cast<linalg::LinalgOp>(tiled->tiledOps.front()), strategy->registers);
    }
  }
};

} // namespace
