//===- Other.cpp - embedding, dropout -------------------------------------===//

#include "Patterns.h"

using namespace mlir;

namespace kiln::lowering {

namespace {

// Rows of `weight` gathered by `input`. An index outside [0, rows) is
// clamped so the kernel never reads out of bounds; callers that must report
// it (torch raises IndexError) check the indices before the call.
// padding_idx only affects gradients, so the forward pass ignores it.
struct EmbeddingLowering : OpConversionPattern<EmbeddingOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(EmbeddingOp op, OpAdaptor a,
                                ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value ids = a.getInput(), weight = a.getWeight();
    RankedTensorType type = op.getType();
    int64_t rank = type.getRank(), rows = tensorType(weight).getShape()[0];
    Value init = tensor::EmptyOp::create(rewriter, loc, type.getShape(), type.getElementType());
    // The id is read with tensor.extract at the outer loops' indices, not as
    // an input: the vectorizer then sees it uniform along the row and copies
    // the weight row with contiguous vector loads instead of a gather.
    auto generic = linalg::GenericOp::create(
        rewriter, loc, TypeRange{type}, ValueRange{}, ValueRange{init},
        {rewriter.getMultiDimIdentityMap(rank)},
        SmallVector<utils::IteratorType>(rank, utils::IteratorType::parallel),
        [&](OpBuilder &b, Location l, ValueRange) {
          SmallVector<Value> at;
          for (int64_t d = 0; d + 1 < rank; ++d)
            at.push_back(linalg::IndexOp::create(b, l, d));
          Value id = tensor::ExtractOp::create(b, l, ids, at);
          Value row = arith::IndexCastOp::create(b, l, b.getIndexType(), id);
          row = arith::MaxSIOp::create(b, l, row, arith::ConstantIndexOp::create(b, l, 0));
          row = arith::MinSIOp::create(b, l, row, arith::ConstantIndexOp::create(b, l, rows - 1));
          Value col = linalg::IndexOp::create(b, l, rank - 1);
          linalg::YieldOp::create(
              b, l, ValueRange{tensor::ExtractOp::create(b, l, weight, ValueRange{row, col})});
        });
    rewriter.replaceOp(op, generic.getResult(0));
    return success();
  }
};

// SplitMix64's output function: a bijective 64-bit mix of a counter.
Value splitMix64(OpBuilder &b, Location l, Value z) {
  auto c = [&](uint64_t v) { return arith::ConstantIntOp::create(b, l, int64_t(v), 64); };
  auto mixStep = [&](Value x, uint64_t shift, uint64_t mul) {
    x = arith::XOrIOp::create(b, l, x, arith::ShRUIOp::create(b, l, x, c(shift)));
    return mul ? Value(arith::MulIOp::create(b, l, x, c(mul))) : x;
  };
  z = mixStep(z, 30, 0xBF58476D1CE4E5B9ULL);
  z = mixStep(z, 27, 0x94D049BB133111EBULL);
  return mixStep(z, 31, 0);
}

// Training dropout: element i (row-major) is kept when
// u = top 24 bits of SplitMix64(i + seed·φ64) / 2^24 >= p, and scaled by
// 1/(1-p). A pure function of (seed, i): the same seed gives the same mask
// on every run, tiling and thread count. (Inference dropout folds away.)
struct DropoutLowering : OpConversionPattern<DropoutOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(DropoutOp op, OpAdaptor a,
                                ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = a.getInput();
    if (!op.getTraining()) {
      rewriter.replaceOp(op, x);
      return success();
    }
    ArrayRef<int64_t> shape = op.getType().getShape();
    double p = op.getP().convertToDouble();
    uint64_t seedMix = uint64_t(op.getSeed()) * 0x9E3779B97F4A7C15ULL;
    Value y = elementwise(
        rewriter, loc, op.getType(), {{x}}, [&](OpBuilder &b, Location l, ValueRange v) {
          auto c64 = [&](uint64_t k) { return arith::ConstantIntOp::create(b, l, int64_t(k), 64); };
          Value counter = c64(seedMix);
          int64_t stride = 1;
          for (int64_t d = shape.size() - 1; d >= 0; --d) {
            Value i = arith::IndexCastOp::create(b, l, b.getI64Type(),
                                                 linalg::IndexOp::create(b, l, d));
            counter = arith::AddIOp::create(b, l, counter,
                                            arith::MulIOp::create(b, l, i, c64(stride)));
            stride *= shape[d];
          }
          Value bits = arith::ShRUIOp::create(b, l, splitMix64(b, l, counter), c64(40));
          Type et = v[0].getType();
          Value u = arith::MulFOp::create(b, l, arith::UIToFPOp::create(b, l, et, bits),
                                          constant(b, l, et, 1.0 / 16777216.0));
          Value keep = arith::CmpFOp::create(b, l, arith::CmpFPredicate::OGE, u,
                                             constant(b, l, et, p));
          Value scale = constant(b, l, et, p < 1.0 ? 1.0 / (1.0 - p) : 0.0);
          return arith::SelectOp::create(b, l, keep, arith::MulFOp::create(b, l, v[0], scale),
                                         constant(b, l, et, 0.0));
        });
    rewriter.replaceOp(op, y);
    return success();
  }
};

} // namespace

void populateOtherPatterns(RewritePatternSet &patterns) {
  patterns.add<EmbeddingLowering, DropoutLowering>(patterns.getContext());
}

} // namespace kiln::lowering
