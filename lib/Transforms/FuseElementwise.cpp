//===- FuseElementwise.cpp - kiln-fuse-elementwise ------------------------===//
//
// Upstream elementwise fusion (linalg::populateElementwiseOpsFusionPatterns)
// with Kiln's choice of what to fuse (see KilnFuseElementwise in
// Passes.td).
//
//===----------------------------------------------------------------------===//

#include "kiln/Transforms/Passes.h"

#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace kiln {
#define GEN_PASS_DEF_KILNFUSEELEMENTWISE
#include "kiln/Transforms/Passes.h.inc"
} // namespace kiln

using namespace mlir;

namespace {

// Fuse a producer used once, and only where the consumer reads it element
// for element: through a broadcast, the fused producer would run once per
// consumer element instead of once per own element.
bool fuseOneToOne(OpOperand *operand) {
  Operation *producer = operand->get().getDefiningOp();
  auto consumer = dyn_cast<linalg::LinalgOp>(operand->getOwner());
  if (!producer || !producer->hasOneUse() || !consumer)
    return false;
  return consumer.getMatchingIndexingMap(operand).isPermutation();
}

struct KilnFuseElementwisePass : kiln::impl::KilnFuseElementwiseBase<KilnFuseElementwisePass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    linalg::populateElementwiseOpsFusionPatterns(patterns, fuseOneToOne);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      return signalPassFailure();
  }
};

} // namespace
