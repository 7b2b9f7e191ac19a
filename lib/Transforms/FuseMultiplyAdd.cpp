//===- FuseMultiplyAdd.cpp - kiln-fuse-multiply-add -------------------------===//
//
// A vector multiply whose only use is an add, as one vector.fma (see
// KilnFuseMultiplyAdd in Passes.td). Upstream has no such rewrite, and
// LLVM fuses a multiply and an add only when told it may: these are
// exactly the accumulations the vectorizer and the math polynomials made.
//
//===----------------------------------------------------------------------===//

#include "kiln/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/PatternMatch.h"

namespace kiln {
#define GEN_PASS_DEF_KILNFUSEMULTIPLYADD
#include "kiln/Transforms/Passes.h.inc"
} // namespace kiln

using namespace mlir;

namespace {

// acc + a * b on vectors as one vector.fma: LLVM fuses a multiply and an
// add only when told it may, and these are exactly the accumulations the
// vectorizer produced (a convolution tap, a scale and shift).
void fuseMultiplyAdd(func::FuncOp func, RewriterBase &rewriter) {
  func.walk([&](arith::AddFOp add) {
    if (!isa<VectorType>(add.getType()))
      return;
    for (unsigned i = 0; i < 2; ++i) {
      auto mul = add->getOperand(i).getDefiningOp<arith::MulFOp>();
      if (!mul || !mul->hasOneUse())
        continue;
      rewriter.setInsertionPoint(add);
      rewriter.replaceOpWithNewOp<vector::FMAOp>(add, mul.getLhs(), mul.getRhs(),
                                                 add->getOperand(1 - i));
      rewriter.eraseOp(mul);
      return;
    }
  });
}

struct KilnFuseMultiplyAddPass : kiln::impl::KilnFuseMultiplyAddBase<KilnFuseMultiplyAddPass> {
  void runOnOperation() override {
    IRRewriter rewriter(&getContext());
    fuseMultiplyAdd(getOperation(), rewriter);
  }
};

} // namespace
