//===- FlattenNarrowTransfers.cpp - kiln-flatten-narrow-transfers -----------===//
//
// Reads of several contiguous rows each narrower than a register as one
// 1-D read: upstream's vector::populateFlattenVectorTransferPatterns,
// applied to those reads only (see KilnFlattenNarrowTransfers in
// Passes.td; upstream has the patterns but no pass that selects reads).
//
//===----------------------------------------------------------------------===//

#include "kiln/Transforms/Passes.h"

#include "kiln/Transforms/Target.h"

#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Dialect/Vector/Transforms/VectorRewritePatterns.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace kiln {
#define GEN_PASS_DEF_KILNFLATTENNARROWTRANSFERS
#include "kiln/Transforms/Passes.h.inc"
} // namespace kiln

using namespace mlir;

namespace {

struct KilnFlattenNarrowTransfersPass
    : kiln::impl::KilnFlattenNarrowTransfersBase<KilnFlattenNarrowTransfersPass> {
  // On buffers, a read of several contiguous rows each narrower than a
  // register (a 7 x 7 window) becomes one 1-D read: row by row, each would
  // be a partial load and a reduction over them a tree of shuffles.
  // Upstream's pattern, applied to those reads only.
  void runOnOperation() override {
    int64_t bits = kiln::TargetInfo::of(getOperation()).vectorBits;
    SmallVector<Operation *> reads;
    getOperation().walk([&](vector::TransferReadOp read) {
      VectorType type = read.getVectorType();
      int64_t rows = llvm::count_if(type.getShape(), [](int64_t n) { return n != 1; });
      if (isa<MemRefType>(read.getShapedType()) && rows >= 2 &&
          type.getShape().back() * type.getElementTypeBitWidth() < bits)
        reads.push_back(read);
    });
    RewritePatternSet patterns(&getContext());
    vector::populateFlattenVectorTransferPatterns(patterns, /*targetVectorBitwidth=*/bits - 1);
    (void)applyOpPatternsGreedily(
        reads, std::move(patterns),
        GreedyRewriteConfig().setStrictness(GreedyRewriteStrictness::ExistingOps));
  }
};

} // namespace
