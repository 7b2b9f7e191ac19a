//===- FuseElementwise.cpp - kiln-fuse-elementwise ------------------------===//
//
// Upstream elementwise fusion (linalg::populateElementwiseOpsFusionPatterns)
// with Kiln's choice of what to fuse (see KilnFuseElementwise in
// Passes.td), and generics reading through reshapes that only add unit dims.
//
//===----------------------------------------------------------------------===//

#include "kiln/Transforms/Passes.h"

#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
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

// A generic that reads, through an expand_shape adding unit dims, index 0 of
// each added dim (a keepdim reduction broadcast back: x / x.sum(-1, True))
// reads the reshape's source instead, so that tile-and-fuse, which cannot
// fuse through a reshape, puts the reduction in its consumer's loop.
// Upstream's unit-dim folding (populateFoldUnitExtentDimsPatterns) would
// reshape every op with a unit dim; this only looks through the reshape.
struct ReadThroughUnitExpand : OpRewritePattern<linalg::GenericOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(linalg::GenericOp op, PatternRewriter &rewriter) const override {
    for (OpOperand *operand : op.getDpsInputOperands()) {
      auto expand = operand->get().getDefiningOp<tensor::ExpandShapeOp>();
      if (!expand)
        continue;
      AffineMap map = op.getMatchingIndexingMap(operand);
      ArrayRef<int64_t> shape = expand.getResultType().getShape();
      // Per group of the reshape, its one non-unit dim (or its first) is
      // kept; every other dim (all of them, from a 0-d source) is read at 0.
      SmallVector<bool> keep(shape.size(), false);
      for (const ReassociationIndices &group : expand.getReassociationIndices()) {
        auto wide = llvm::make_filter_range(group, [&](int64_t d) { return shape[d] != 1; });
        keep[wide.empty() ? group.front() : *wide.begin()] = true;
      }
      SmallVector<AffineExpr> kept;
      bool unitOnly = true;
      for (auto [d, expr] : llvm::enumerate(map.getResults())) {
        auto zero = dyn_cast<AffineConstantExpr>(expr);
        if (keep[d])
          kept.push_back(expr);
        else
          unitOnly &= shape[d] == 1 && zero && zero.getValue() == 0;
      }
      if (!unitOnly)
        continue;
      SmallVector<AffineMap> maps = op.getIndexingMapsArray();
      maps[operand->getOperandNumber()] =
          AffineMap::get(map.getNumDims(), map.getNumSymbols(), kept, op.getContext());
      rewriter.modifyOpInPlace(op, [&] {
        operand->set(expand.getSrc());
        op.setIndexingMapsAttr(rewriter.getAffineMapArrayAttr(maps));
      });
      return success();
    }
    return failure();
  }
};

struct KilnFuseElementwisePass : kiln::impl::KilnFuseElementwiseBase<KilnFuseElementwisePass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    linalg::populateElementwiseOpsFusionPatterns(patterns, fuseOneToOne);
    patterns.add<ReadThroughUnitExpand>(&getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      return signalPassFailure();
  }
};

} // namespace
