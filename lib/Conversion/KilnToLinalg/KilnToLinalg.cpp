//===- KilnToLinalg.cpp - the kiln-to-linalg pass -------------------------===//

#include "Patterns.h"
#include "kiln/Conversion/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"

namespace kiln {
#define GEN_PASS_DEF_KILNTOLINALG
#include "kiln/Conversion/Passes.h.inc"
} // namespace kiln

using namespace mlir;

namespace {

struct KilnToLinalgPass : kiln::impl::KilnToLinalgBase<KilnToLinalgPass> {
  void runOnOperation() override {
    MLIRContext *ctx = &getContext();
    ConversionTarget target(*ctx);
    // Every kiln op must go; a missing lowering fails the pass by name.
    target.addIllegalDialect<kiln::KilnDialect>();
    target.markUnknownOpDynamicallyLegal([](Operation *) { return true; });

    RewritePatternSet patterns(ctx);
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
