//===- PrefetchNextTile.cpp - kiln-prefetch-next-tile ---------------------===//
//
// A register tile loop prefetches the next step's accumulators while the
// current step's reduction runs (see KilnPrefetchNextTile in Passes.td).
//
//===----------------------------------------------------------------------===//

#include "kiln/Transforms/Passes.h"

#include "PickedViews.h"

#include "mlir/Dialect/Utils/IndexingUtils.h"
#include "mlir/IR/IRMapping.h"

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
  memref::SubViewOp pick = views.pick();
  SmallVector<OpFoldResult> offsets = pick.getMixedOffsets();
  offsets[views.dim] = next;
  IRMapping nextStep;
  nextStep.map(pick.getResult(),
               memref::SubViewOp::create(builder, loc, pick.getType(), pick.getSource(), offsets,
                                         pick.getMixedSizes(), pick.getMixedStrides())
                   .getResult());
  for (memref::SubViewOp view : ArrayRef(views.chain).drop_front())
    builder.clone(*view, nextStep);
  Value base = nextStep.lookup(read.getBase());
  VectorType type = read.getVectorType();
  ArrayRef<int64_t> shape = type.getShape();
  int64_t lineElements = std::max<int64_t>(1, 512 / type.getElementTypeBitWidth());
  int64_t rank = shape.size(), leading = type.getNumElements() / shape.back();
  unsigned outer = read.getIndices().size() - rank;
  for (int64_t row = 0; row < leading; ++row) {
    SmallVector<int64_t> position = delinearize(row, computeStrides(shape.drop_back()));
    for (int64_t column = 0; column < shape.back(); column += lineElements) {
      SmallVector<Value> indices(read.getIndices());
      for (int64_t d = 0; d < rank; ++d) {
        int64_t offset = d + 1 < rank ? position[d] : column;
        if (offset != 0)
          indices[outer + d] =
              arith::AddIOp::create(builder, loc, indices[outer + d],
                                    arith::ConstantIndexOp::create(builder, loc, offset));
      }
      memref::PrefetchOp::create(builder, loc, base, indices, /*isWrite=*/true,
                                 /*localityHint=*/3, /*isDataCache=*/true);
    }
  }
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
