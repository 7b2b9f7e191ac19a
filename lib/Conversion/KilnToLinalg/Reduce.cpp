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

template <typename OpTy>
struct SumMeanLowering : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  LogicalResult matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getInput();
    ArrayRef<int64_t> shape = tensorType(x).getShape();
    SmallVector<int64_t> dims = reductionDims(op.getDim(), shape.size());
    Value result = sum(rewriter, loc, x, dims);
    if (std::is_same_v<OpTy, MeanOp>)
      result = scaled(rewriter, loc, result, 1.0 / double(countAlong(shape, dims)));
    rewriter.replaceOp(op, reshapeTo(rewriter, loc, result, op.getType().getShape()));
    return success();
  }
};

// Two passes: the mean, then Σ(x - mean)² / (N - correction).
struct VarLowering : OpConversionPattern<VarOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(VarOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getInput();
    SmallVector<int64_t> dims = reductionDims(op.getDim(), tensorType(x).getRank());
    Value var = moments(rewriter, loc, x, dims, op.getCorrection()).var;
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
    if (!op.getDim()) {
      SmallVector<int64_t> all = llvm::to_vector(llvm::seq<int64_t>(0, type.getRank()));
      Value r = reduce(rewriter, loc, {{x}}, all, start,
                       [](OpBuilder &b, Location l, ValueRange a) -> Value {
                         if (IsMax)
                           return arith::MaximumFOp::create(b, l, a[0], a[1]);
                         return arith::MinimumFOp::create(b, l, a[0], a[1]);
                       });
      rewriter.replaceOp(op, {r, Value()});
      return success();
    }
    // A 0-d input reduces like a 1-element vector.
    if (type.getRank() == 0)
      x = reshapeTo(rewriter, loc, x, {1});
    ArrayRef<int64_t> shape = tensorType(x).getShape();
    int64_t dim = normalizedDim(int64_t(*op.getDim()), shape.size());
    SmallVector<int64_t> outShape = dropDims(shape, {dim});
    MLIRContext *ctx = rewriter.getContext();
    Value values = filled(rewriter, loc, outShape, start);
    Value indices = filled(rewriter, loc, outShape,
                           arith::ConstantIntOp::create(rewriter, loc, 0, 64));
    SmallVector<AffineExpr> outExprs;
    SmallVector<utils::IteratorType> iterators;
    for (int64_t d = 0, e = shape.size(); d < e; ++d) {
      iterators.push_back(d == dim ? utils::IteratorType::reduction
                                   : utils::IteratorType::parallel);
      if (d != dim)
        outExprs.push_back(getAffineDimExpr(d, ctx));
    }
    AffineMap outMap = AffineMap::get(shape.size(), 0, outExprs, ctx);
    auto generic = linalg::GenericOp::create(
        rewriter, loc, TypeRange{values.getType(), indices.getType()}, ValueRange{x},
        ValueRange{values, indices},
        {rewriter.getMultiDimIdentityMap(shape.size()), outMap, outMap}, iterators,
        [&](OpBuilder &b, Location l, ValueRange a) {
          Value v = a[0], best = a[1], bestIndex = a[2];
          Value better = arith::CmpFOp::create(
              b, l, IsMax ? arith::CmpFPredicate::OGT : arith::CmpFPredicate::OLT, v, best);
          Value vIsNan = arith::CmpFOp::create(b, l, arith::CmpFPredicate::UNO, v, v);
          Value bestIsNan = arith::CmpFOp::create(b, l, arith::CmpFPredicate::UNO, best, best);
          Value firstNan = arith::AndIOp::create(
              b, l, vIsNan,
              arith::XOrIOp::create(b, l, bestIsNan,
                                    arith::ConstantIntOp::create(b, l, 1, 1)));
          Value take = arith::OrIOp::create(b, l, better, firstNan);
          Value i = arith::IndexCastOp::create(b, l, b.getI64Type(),
                                               linalg::IndexOp::create(b, l, dim));
          linalg::YieldOp::create(
              b, l,
              ValueRange{arith::SelectOp::create(b, l, take, v, best),
                         arith::SelectOp::create(b, l, take, i, bestIndex)});
        });
    ArrayRef<int64_t> resultShape = op.getValues().getType().getShape();
    rewriter.replaceOp(op, {reshapeTo(rewriter, loc, generic.getResult(0), resultShape),
                            reshapeTo(rewriter, loc, generic.getResult(1), resultShape)});
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
