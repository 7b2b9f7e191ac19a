//===- Reduce.cpp - sum, mean, var, max, min ------------------------------===//

#include "Patterns.h"

#include <cmath>

using namespace mlir;

namespace kiln::lowering {

namespace {

// The normalized dims a sum/mean/var reduces: all when none are listed.
SmallVector<int64_t> reductionDims(std::optional<ArrayRef<int64_t>> listed, int64_t rank) {
  SmallVector<int64_t> dims;
  if (listed && !listed->empty())
    for (int64_t d : *listed)
      dims.push_back(normalizedDim(d, rank));
  else
    dims = llvm::to_vector(llvm::seq<int64_t>(0, rank));
  return dims;
}

// A 0-d input reduces like a 1-element vector (torch takes dim 0 or -1 of
// it, and no dim means all of its one element).
Value asVector(OpBuilder &b, Location loc, Value x) {
  return tensorType(x).getRank() == 0 ? reshapeTo(b, loc, x, {1}) : x;
}

template <typename OpTy>
struct SumMeanLowering : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  LogicalResult matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = asVector(rewriter, loc, adaptor.getInput());
    ArrayRef<int64_t> shape = tensorType(x).getShape();
    SmallVector<int64_t> dims = reductionDims(op.getDim(), shape.size());
    Value result = sum(rewriter, loc, x, dims);
    if (std::is_same_v<OpTy, MeanOp>)
      result = divided(rewriter, loc, result, countAlong(shape, dims));
    rewriter.replaceOp(op, reshapeTo(rewriter, loc, result, op.getType().getShape()));
    return success();
  }
};

// Two passes: the mean, then Σ(x - mean)² / (N - correction). A float32
// variance is computed in float64 and rounded once, as torch's CPU kernel
// accumulates it in double: within half an ulp, where float32 sums, even by
// cascade, leave one or two.
struct VarLowering : OpConversionPattern<VarOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(VarOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = asVector(rewriter, loc, adaptor.getInput());
    RankedTensorType type = tensorType(x);
    SmallVector<int64_t> dims = reductionDims(op.getDim(), type.getRank());
    bool widen = type.getElementType().isF32();
    Value var = moments(rewriter, loc, x, dims, op.getCorrection(),
                        widen ? rewriter.getF64Type() : Type()).var;
    if (widen)
      var = elementwise(rewriter, loc, tensorType(var).clone(rewriter.getF32Type()), {{var}},
                        [](OpBuilder &b, Location l, ValueRange a) -> Value {
                          return arith::TruncFOp::create(b, l, b.getF32Type(), a[0]);
                        });
    rewriter.replaceOp(op, reshapeTo(rewriter, loc, var, op.getType().getShape()));
    return success();
  }
};

// max/min of the whole tensor (NaN-propagating), or along a dim with the
// index of the first extreme value (a NaN counts as the extreme, as in torch).
template <typename OpTy, bool IsMax>
struct ArgReduceLowering : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  LogicalResult matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getInput();
    RankedTensorType type = tensorType(x);
    Type et = type.getElementType();
    Value start = constant(rewriter, loc, et, IsMax ? -INFINITY : INFINITY);
    auto extreme = [](OpBuilder &b, Location l, ValueRange a) -> Value {
      if (IsMax)
        return arith::MaximumFOp::create(b, l, a[0], a[1]);
      return arith::MinimumFOp::create(b, l, a[0], a[1]);
    };
    if (!op.getDim()) {
      SmallVector<int64_t> all = llvm::to_vector(llvm::seq<int64_t>(0, type.getRank()));
      Value r = reduce(rewriter, loc, {{x}}, all, start, extreme);
      rewriter.replaceOp(op, {r, Value()});
      return success();
    }
    x = asVector(rewriter, loc, x);
    ArrayRef<int64_t> shape = tensorType(x).getShape();
    SmallVector<int64_t> dim = {normalizedDim(int64_t(*op.getDim()), int64_t(shape.size()))};
    SmallVector<int64_t> kept = keptDims(shape.size(), dim);
    // Two reductions with standard combiners, so both vectorize (a combined
    // (value, index) select chain stays scalar): the NaN-propagating extreme
    // m, then the first index j whose element is m (or is NaN when m is):
    // min over j of (match ? j : N).
    Value values = reduce(rewriter, loc, {{x}}, dim, start, extreme);
    Value none = arith::ConstantIntOp::create(rewriter, loc, shape[dim[0]], 64);
    Value indices = reduce(
        rewriter, loc, {{x}, {values, kept}}, dim, none,
        [&](OpBuilder &b, Location l, ValueRange a) -> Value {
          Value v = a[0], m = a[1], first = a[2];
          Value equal = arith::CmpFOp::create(b, l, arith::CmpFPredicate::OEQ, v, m);
          Value vIsNan = arith::CmpFOp::create(b, l, arith::CmpFPredicate::UNO, v, v);
          Value mIsNan = arith::CmpFOp::create(b, l, arith::CmpFPredicate::UNO, m, m);
          Value match = arith::SelectOp::create(b, l, mIsNan, vIsNan, equal);
          Value j = arith::IndexCastOp::create(b, l, b.getI64Type(),
                                               linalg::IndexOp::create(b, l, dim[0]));
          Value candidate = arith::SelectOp::create(b, l, match, j, none);
          return arith::MinSIOp::create(b, l, candidate, first);
        });
    ArrayRef<int64_t> resultShape = op.getValues().getType().getShape();
    rewriter.replaceOp(op, {reshapeTo(rewriter, loc, values, resultShape),
                            reshapeTo(rewriter, loc, indices, resultShape)});
    return success();
  }
};

} // namespace

void populateReducePatterns(RewritePatternSet &patterns) {
  patterns.add<SumMeanLowering<SumOp>, SumMeanLowering<MeanOp>, VarLowering,
               ArgReduceLowering<MaxOp, true>, ArgReduceLowering<MinOp, false>>(
      patterns.getContext());
}

} // namespace kiln::lowering
