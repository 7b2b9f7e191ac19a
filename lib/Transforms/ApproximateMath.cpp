//===- ApproximateMath.cpp - kiln-approximate-math ------------------------===//
//
// Upstream MLIR's polynomial approximations of math functions, applied as a
// pass (see KilnApproximateMath in Passes.td); for AVX-512 targets, exp is
// Kiln's own (upstream has no variant that scales by vscalefps).
//
//===----------------------------------------------------------------------===//

#include "kiln/Transforms/Passes.h"
#include "kiln/Transforms/Target.h"

#include "mlir/Dialect/Math/Transforms/Passes.h"
#include "mlir/Dialect/UB/IR/UBOps.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace kiln {
#define GEN_PASS_DEF_KILNAPPROXIMATEMATH
#include "kiln/Transforms/Passes.h.inc"
} // namespace kiln

using namespace mlir;

namespace {

// exp(x) = 2^k exp(r), k = roundeven(x log2 e), r = x - k ln 2 (ln 2 in two
// parts, Cody-Waite, so r is exact enough), exp(r) by the Cephes polynomial
// on |r| <= ln 2 / 2 (upstream's coefficients, in Horner form), and 2^k
// applied by vscalefps, which rounds over- and underflow correctly. x is
// clamped to [-104, 88.8] (NaN kept) only so that k and r stay small:
// exp(-104) and exp(88.8) are already 0 and inf.
struct ExpByScalef : OpRewritePattern<math::ExpOp> {
  static constexpr int64_t kLanes = 16; // f32 lanes of a zmm register

  ExpByScalef(MLIRContext *context) : OpRewritePattern(context, /*benefit=*/2) {}

  LogicalResult matchAndRewrite(math::ExpOp op, PatternRewriter &rewriter) const override {
    auto type = dyn_cast<VectorType>(op.getType());
    if (!type || !type.getElementType().isF32() || type.isScalable() ||
        type.getNumElements() % kLanes != 0)
      return rewriter.notifyMatchFailure(op, "not a vector of whole zmm registers of f32");
    Location loc = op.getLoc();
    auto splat = [&](float value) -> Value {
      return arith::ConstantOp::create(rewriter, loc, DenseElementsAttr::get(type, value));
    };
    // max/min as compare and select: a NaN passes through (uge and ule hold
    // for it), and LLVM makes each one vmaxps/vminps.
    auto clamp = [&](Value x, float lo, float hi) {
      Value low = splat(lo), high = splat(hi);
      Value aboveLow = arith::CmpFOp::create(rewriter, loc, arith::CmpFPredicate::UGE, x, low);
      x = arith::SelectOp::create(rewriter, loc, aboveLow, x, low);
      Value belowHigh = arith::CmpFOp::create(rewriter, loc, arith::CmpFPredicate::ULE, x, high);
      return arith::SelectOp::create(rewriter, loc, belowHigh, x, high).getResult();
    };
    auto fma = [&](Value a, Value b, Value c) {
      return math::FmaOp::create(rewriter, loc, a, b, c).getResult();
    };

    Value x = clamp(op.getOperand(), -104.0f, 88.8f);
    Value k = math::RoundEvenOp::create(
        rewriter, loc, arith::MulFOp::create(rewriter, loc, x, splat(1.44269504088896341f)));
    Value r = fma(k, splat(-0.693359375f), x);
    r = fma(k, splat(2.12194440e-4f), r);
    Value p = fma(r, splat(1.9875691500e-4f), splat(1.3981999507e-3f));
    for (float c : {8.3334519073e-3f, 4.1665795894e-2f, 1.6666665459e-1f, 5.0e-1f, 1.0f, 1.0f})
      p = fma(p, r, splat(c));

    // vscalefps per register. The op's operands reach the intrinsic
    // (a, b, passthrough) in the op's order (src, a, b): src is scaled.
    auto flat = VectorType::get({type.getNumElements()}, rewriter.getF32Type());
    auto chunk = VectorType::get({kLanes}, rewriter.getF32Type());
    Value pFlat = vector::ShapeCastOp::create(rewriter, loc, flat, p);
    Value kFlat = vector::ShapeCastOp::create(rewriter, loc, flat, k);
    Value allLanes = arith::ConstantIntOp::create(rewriter, loc, -1, 16);
    Value currentRounding = arith::ConstantIntOp::create(rewriter, loc, 4, 32);
    Value result = ub::PoisonOp::create(rewriter, loc, flat);
    for (int64_t offset = 0; offset < type.getNumElements(); offset += kLanes) {
      auto slice = [&](Value v) -> Value {
        if (flat == chunk)
          return v;
        return vector::ExtractStridedSliceOp::create(rewriter, loc, v, offset, kLanes, 1);
      };
      Value pPart = slice(pFlat);
      Value scaled = x86vector::MaskScaleFOp::create(rewriter, loc, chunk, pPart, slice(kFlat),
                                                     pPart, allLanes, currentRounding);
      result = flat == chunk ? scaled
                             : vector::InsertStridedSliceOp::create(rewriter, loc, scaled,
                                                                    result, offset, 1)
                                   .getResult();
    }
    rewriter.replaceOpWithNewOp<vector::ShapeCastOp>(op, type, result);
    return success();
  }
};

struct KilnApproximateMathPass : kiln::impl::KilnApproximateMathBase<KilnApproximateMathPass> {
  using KilnApproximateMathBase::KilnApproximateMathBase;

  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    if (kiln::TargetInfo::of(getOperation()).hasAvx512())
      patterns.add<ExpByScalef>(&getContext());
    populateMathPolynomialApproximationPatterns(patterns);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      return signalPassFailure();
  }
};

} // namespace
