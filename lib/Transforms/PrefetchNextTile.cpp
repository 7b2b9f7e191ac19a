//===- PrefetchNextTile.cpp - kiln-prefetch-next-tile ---------------------===//
//
// A register tile loop prefetches the next step's accumulators while the
// current step's reduction runs (see KilnPrefetchNextTile in Passes.td).
//
//===----------------------------------------------------------------------===//

#include "kiln/Transforms/Passes.h"

#include "PickedViews.h"

namespace kiln {
#define GEN_PASS_DEF_KILNPREFETCHNEXTTILE
#include "kiln/Transforms/Passes.h.inc"
} // namespace kiln

using namespace mlir;

namespace {

// Whether `read` is an accumulator of `steps`: an n-D, in-bounds, minor
// identity read in its body that an inner loop takes as iteration argument.
bool isAccumulator(vector::TransferReadOp read, scf::ForOp steps) {
  if (read->getParentOp() != steps || read.getVectorType().getRank() < 2 ||
      !read.getPermutationMap().isMinorIdentity() || read.getMask() ||
      !llvm::all_of(read.getInBoundsValues(), [](bool b) { return b; }) ||
      !isa<MemRefType>(read.getBase().getType()))
    return false;
  return llvm::any_of(read->getUsers(), [&](Operation *user) {
    auto inner = dyn_cast<scf::ForOp>(user);
    return inner && inner->getParentOp() == steps &&
           llvm::is_contained(inner.getInitArgs(), read.getResult());
  });
}

// Before the inner loop, prefetches for writing each 64-byte line of
// `read`'s block at the next step.
void prefetchNextStep(vector::TransferReadOp read, const kiln::PickedViews &views,
                      scf::ForOp loop, kiln::Steps steps, OpBuilder &builder) {
  builder.setInsertionPointAfter(read);
  Value base = views.atNextStep(read.getBase(), loop, steps, builder);
  kiln::prefetchLines(builder, read.getLoc(), base, read.getIndices(),
                      read.getVectorType().getShape(), read.getVectorType().getElementType(),
                      /*isWrite=*/true);
}

struct KilnPrefetchNextTilePass : kiln::impl::KilnPrefetchNextTileBase<KilnPrefetchNextTilePass> {
  void runOnOperation() override {
    OpBuilder builder(&getContext());
    SmallVector<scf::ForOp> loops;
    getOperation().walk([&](scf::ForOp loop) { loops.push_back(loop); });
    for (scf::ForOp loop : loops) {
      std::optional<kiln::Steps> steps = kiln::constantSteps(loop);
      if (!steps)
        continue;
      SmallVector<vector::TransferReadOp> reads(loop.getBody()->getOps<vector::TransferReadOp>());
      for (vector::TransferReadOp read : reads) {
        if (!isAccumulator(read, loop))
          continue;
        // The step's block: picked at the loop's index, the step's extent.
        std::optional<kiln::PickedViews> views =
            kiln::pickedViews(read.getBase(), loop.getInductionVar(), loop);
        if (views && views->extent() == steps->step)
          prefetchNextStep(read, *views, loop, *steps, builder);
      }
    }
  }
};

} // namespace
