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
// `read`'s block at the next step: min(index + step, last step).
void prefetchNextStep(vector::TransferReadOp read, const kiln::PickedViews &views,
                      scf::ForOp steps, int64_t step, int64_t lastStep, OpBuilder &builder) {
  Location loc = read.getLoc();
  builder.setInsertionPointAfter(read);
  Value next = arith::MinUIOp::create(
      builder, loc,
      arith::AddIOp::create(builder, loc, steps.getInductionVar(),
                            arith::ConstantIndexOp::create(builder, loc, step)),
      arith::ConstantIndexOp::create(builder, loc, lastStep));
  Value base = views.viewsOver(views.pickAt(next, builder), read.getBase(), builder);
  kiln::prefetchLines(builder, loc, base, read.getIndices(), read.getVectorType().getShape(),
                      read.getVectorType().getElementType(), /*isWrite=*/true);
}

struct KilnPrefetchNextTilePass : kiln::impl::KilnPrefetchNextTileBase<KilnPrefetchNextTilePass> {
  void runOnOperation() override {
    OpBuilder builder(&getContext());
    SmallVector<scf::ForOp> loops;
    getOperation().walk([&](scf::ForOp loop) { loops.push_back(loop); });
    for (scf::ForOp steps : loops) {
      std::optional<int64_t> lower = getConstantIntValue(steps.getLowerBound()),
                             upper = getConstantIntValue(steps.getUpperBound()),
                             step = getConstantIntValue(steps.getStep());
      if (!lower || !upper || !step || *step <= 0)
        continue;
      int64_t trips = (*upper - *lower + *step - 1) / *step;
      if (trips < 2)
        continue;
      int64_t lastStep = *lower + (trips - 1) * *step;
      SmallVector<vector::TransferReadOp> reads(steps.getBody()->getOps<vector::TransferReadOp>());
      for (vector::TransferReadOp read : reads) {
        if (!isAccumulator(read, steps))
          continue;
        // The step's block: picked at the loop's index, the step's extent.
        std::optional<kiln::PickedViews> views =
            kiln::pickedViews(read.getBase(), steps.getInductionVar(), steps);
        if (views && views->extent() == *step)
          prefetchNextStep(read, *views, steps, *step, lastStep, builder);
      }
    }
  }
};

} // namespace
