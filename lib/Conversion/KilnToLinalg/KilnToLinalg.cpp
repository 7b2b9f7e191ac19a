//===- KilnToLinalg.cpp - the kiln-to-linalg pass -------------------------===//

#include "Patterns.h"
#include "kiln/Conversion/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

namespace kiln {
#define GEN_PASS_DEF_KILNTOLINALG
#include "kiln/Conversion/Passes.h.inc"
} // namespace kiln

using namespace mlir;

namespace {

/// A kiln op whose results all have no elements computes nothing: they are
/// tensor.empty. (An op's own lowering may slice at offset 0 of a dim of
/// size 0, which the tensor dialect's verifier refuses.)
struct NoElementsLowering : ConversionPattern {
  explicit NoElementsLowering(MLIRContext *ctx)
      : ConversionPattern(MatchAnyOpTypeTag(), /*benefit=*/2, ctx) {}

  LogicalResult matchAndRewrite(Operation *op, ArrayRef<Value>,
                                ConversionPatternRewriter &rewriter) const override {
    if (!isa<kiln::KilnDialect>(op->getDialect()) || op->getNumResults() == 0)
      return failure();
    SmallVector<Value> empties;
    for (Type type : op->getResultTypes()) {
      auto t = dyn_cast<RankedTensorType>(type);
      if (!t || !t.hasStaticShape() || t.getNumElements() != 0)
        return failure();
      empties.push_back(
          tensor::EmptyOp::create(rewriter, op->getLoc(), t.getShape(), t.getElementType()));
    }
    rewriter.replaceOp(op, empties);
    return success();
  }
};

struct KilnToLinalgPass : kiln::impl::KilnToLinalgBase<KilnToLinalgPass> {
  void runOnOperation() override {
    MLIRContext *ctx = &getContext();
    ConversionTarget target(*ctx);
    // Every kiln op must go; a missing lowering fails the pass by name.
    target.addIllegalDialect<kiln::KilnDialect>();
    target.markUnknownOpDynamicallyLegal([](Operation *) { return true; });

    RewritePatternSet patterns(ctx);
    patterns.add<NoElementsLowering>(ctx);
    kiln::lowering::populatePointwisePatterns(patterns);
    kiln::lowering::populateActivationPatterns(patterns);
    kiln::lowering::populateReducePatterns(patterns);
    kiln::lowering::populateLinearPatterns(patterns);
    kiln::lowering::populateLayoutPatterns(patterns);
    kiln::lowering::populateNormPatterns(patterns);
    kiln::lowering::populatePoolPatterns(patterns);
    kiln::lowering::populateConvPatterns(patterns);
    kiln::lowering::populateOtherPatterns(patterns);
    if (failed(applyPartialConversion(getOperation(), target, std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
