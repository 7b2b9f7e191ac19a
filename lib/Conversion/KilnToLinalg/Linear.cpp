//===- Linear.cpp - linear, matmul, mm, bmm -------------------------------===//

#include "Patterns.h"

using namespace mlir;

namespace kiln::lowering {

namespace {

// mm and bmm: the named linalg contraction into a zero-filled result.
template <typename OpTy, typename LinalgOpTy>
struct NamedContractionLowering : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  LogicalResult matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    RankedTensorType type = op.getType();
    Value acc = zeros(rewriter, op.getLoc(), type.getShape(), type.getElementType());
    rewriter.replaceOpWithNewOp<LinalgOpTy>(
        op, ValueRange{adaptor.getInput(), adaptor.getMat2()}, ValueRange{acc});
    return success();
  }
};

// torch.matmul: 1-D operands become a row (lhs) or column (rhs); batch dims
// broadcast. Two matrices are a linalg.matmul, equal batches a
// linalg.batch_matmul, anything else one broadcasting contraction generic.
struct MatmulLowering : OpConversionPattern<MatmulOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(MatmulOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value lhs = adaptor.getInput(), rhs = adaptor.getOther();
    ArrayRef<int64_t> x = tensorType(lhs).getShape(), y = tensorType(rhs).getShape();
    if (x.size() == 1)
      lhs = reshapeTo(rewriter, loc, lhs, {1, x[0]});
    if (y.size() == 1)
      rhs = reshapeTo(rewriter, loc, rhs, {y[0], 1});
    ArrayRef<int64_t> a = tensorType(lhs).getShape(), bShape = tensorType(rhs).getShape();
    Type et = elementType(lhs);
    int64_t m = a[a.size() - 2], k = a.back(), n = bShape.back();
    ArrayRef<int64_t> aBatch = a.drop_back(2), bBatch = bShape.drop_back(2);
    SmallVector<int64_t> batch = *kiln::shape::broadcast(aBatch, bBatch);
    SmallVector<int64_t> outShape(batch);
    outShape.append({m, n});

    Value product;
    if (batch.empty()) {
      product = linalg::MatmulOp::create(rewriter, loc, ValueRange{lhs, rhs},
                                         ValueRange{zeros(rewriter, loc, outShape, et)})
                    .getResult(0);
    } else if (aBatch == bBatch && aBatch.size() == 1) {
      product = linalg::BatchMatmulOp::create(
                    rewriter, loc, ValueRange{lhs, rhs},
                    ValueRange{zeros(rewriter, loc, outShape, et)})
                    .getResult(0);
    } else {
      // Iteration space: batch..., m, n, k.
      MLIRContext *ctx = rewriter.getContext();
      int64_t nb = batch.size();
      SmallVector<int64_t> loops(batch);
      loops.append({m, n, k});
      auto mapOf = [&](ArrayRef<int64_t> shape, int64_t row, int64_t col) {
        SmallVector<int64_t> dims;
        for (size_t i = 0; i + 2 < shape.size(); ++i)
          dims.push_back(nb - (shape.size() - 2) + i);
        dims.append({row, col});
        return operandMap(ctx, Operand{Value(), dims}, loops, shape);
      };
      SmallVector<utils::IteratorType> iterators(nb + 2, utils::IteratorType::parallel);
      iterators.push_back(utils::IteratorType::reduction);
      SmallVector<AffineExpr> outExprs;
      for (int64_t d = 0; d < nb + 2; ++d)
        outExprs.push_back(getAffineDimExpr(d, ctx));
      product = contract(rewriter, loc, lhs, mapOf(a, nb, nb + 2), rhs,
                         mapOf(bShape, nb + 2, nb + 1), outShape,
                         AffineMap::get(nb + 3, 0, outExprs, ctx), iterators);
    }
    rewriter.replaceOp(op, reshapeTo(rewriter, loc, product, op.getType().getShape()));
    return success();
  }
};

// y = x·Wᵀ + b over x collapsed to (M, in).
struct LinearLowering : OpConversionPattern<LinearOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(LinearOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    Value x = adaptor.getInput(), w = adaptor.getWeight();
    ArrayRef<int64_t> in = tensorType(x).getShape();
    int64_t k = in.back(), rows = countAlong(in, keptDims(in.size(), {int64_t(in.size() - 1)}));
    ArrayRef<int64_t> wShape = tensorType(w).getShape();
    int64_t outFeatures = wShape.size() == 2 ? wShape[0] : 1;
    x = reshapeTo(rewriter, loc, x, {rows, k});
    w = reshapeTo(rewriter, loc, w, {outFeatures, k});
    AffineExpr m = getAffineDimExpr(0, ctx), o = getAffineDimExpr(1, ctx),
               r = getAffineDimExpr(2, ctx);
    Value y = contract(rewriter, loc, x, AffineMap::get(3, 0, {m, r}, ctx), w,
                       AffineMap::get(3, 0, {o, r}, ctx), {rows, outFeatures},
                       AffineMap::get(3, 0, {m, o}, ctx),
                       {utils::IteratorType::parallel, utils::IteratorType::parallel,
                        utils::IteratorType::reduction});
    RankedTensorType type = op.getType();
    y = reshapeTo(rewriter, loc, y, type.getShape());
    if (Value bias = adaptor.getBias())
      y = elementwise(rewriter, loc, type, {{y}, {bias}},
                      [](OpBuilder &b, Location l, ValueRange a) {
                        return arith::AddFOp::create(b, l, a[0], a[1]);
                      });
    rewriter.replaceOp(op, y);
    return success();
  }
};

} // namespace

void populateLinearPatterns(RewritePatternSet &patterns) {
  patterns.add<NamedContractionLowering<MmOp, linalg::MatmulOp>,
               NamedContractionLowering<BmmOp, linalg::BatchMatmulOp>, MatmulLowering,
               LinearLowering>(
      patterns.getContext());
}

} // namespace kiln::lowering
