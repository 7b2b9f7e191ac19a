//===- FuseElementwise.cpp - kiln-fuse-elementwise ------------------------===//
//
// Upstream elementwise fusion (linalg::populateElementwiseOpsFusionPatterns)
// with Kiln's choice of what to fuse (see KilnFuseElementwise in
// Passes.td), generics reading through reshapes that only add unit dims,
// and upstream's reshape folding (linalg::populateFoldReshapeOpsBy*
// Patterns) for an elementwise op over a convolution's or GEMM's result.
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

// The convolution or contraction whose result `value` is, directly or
// through a reshape (and the slice that drops a convolution's padded
// columns, kiln-pad-conv-width); else null.
Operation *contractionBehind(Value value) {
  if (Operation *reshape = value.getDefiningOp();
      isa_and_nonnull<tensor::ExpandShapeOp, tensor::CollapseShapeOp>(reshape))
    value = reshape->getOperand(0);
  if (auto slice = value.getDefiningOp<tensor::ExtractSliceOp>())
    value = slice.getSource();
  auto producer = value.getDefiningOp<linalg::LinalgOp>();
  bool contraction = producer && producer.getNumReductionLoops() != 0 &&
                     (linalg::isaContractionOpInterface(producer) ||
                      linalg::isaConvolutionOpInterface(producer));
  return contraction ? producer.getOperation() : nullptr;
}

// Whether the elementwise generic owning `operand`, which reads a reshape of
// a convolution's or contraction's result (a 1x1 convolution done as a GEMM
// over pixels, expanded back to NCHW; a grouped convolution's result
// without its group dim), should take the reshape's source shape: it then
// reads the result itself, so that tile-and-fuse fuses the producer into
// the epilogue's tiles instead of writing the whole result to memory and
// reading it again. Only where it reads no other such result: of two (a
// residual sum of two convolutions), each fold would reshape the other's
// operand and undo the other fold.
bool foldReshapeOfContraction(OpOperand *operand) {
  auto consumer = dyn_cast<linalg::GenericOp>(operand->getOwner());
  if (!consumer || consumer.getNumReductionLoops() != 0 || !consumer.isDpsInput(operand) ||
      !isa_and_nonnull<tensor::ExpandShapeOp, tensor::CollapseShapeOp>(
          operand->get().getDefiningOp()) ||
      !contractionBehind(operand->get()))
    return false;
  return llvm::none_of(consumer.getDpsInputOperands(), [&](OpOperand *other) {
    return other != operand && contractionBehind(other->get());
  });
}

struct KilnFuseElementwisePass : kiln::impl::KilnFuseElementwiseBase<KilnFuseElementwisePass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    linalg::populateElementwiseOpsFusionPatterns(patterns, fuseOneToOne);
    patterns.add<ReadThroughUnitExpand>(&getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      return signalPassFailure();
    // Then, the chains fused, each over the shape of the result it reads:
    // done before, a folded op's result, reshaped back, would keep the
    // next op of its chain from fusing with it.
    RewritePatternSet reshapes(&getContext());
    linalg::populateFoldReshapeOpsByCollapsingPatterns(reshapes, foldReshapeOfContraction);
    linalg::populateFoldReshapeOpsByExpansionPatterns(reshapes, foldReshapeOfContraction);
    if (failed(applyPatternsGreedily(getOperation(), std::move(reshapes))))
      return signalPassFailure();
  }
};

} // namespace
