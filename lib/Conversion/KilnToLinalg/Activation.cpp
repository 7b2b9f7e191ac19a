//===- Activation.cpp - relu ... softplus, prelu, softmax, log_softmax ----===//

#include "Patterns.h"

#include <cmath>

using namespace mlir;

namespace kiln::lowering {

namespace {

Value c(OpBuilder &b, Location loc, Value like, double v) {
  return constant(b, loc, like.getType(), v);
}
Value isPositive(OpBuilder &b, Location loc, Value x) {
  return arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGT, x, c(b, loc, x, 0.0));
}
// min(max(x, lo), hi), NaN-propagating like torch's hardtanh family.
Value clampTo(OpBuilder &b, Location loc, Value x, double lo, double hi) {
  x = arith::MaximumFOp::create(b, loc, x, c(b, loc, x, lo));
  return arith::MinimumFOp::create(b, loc, x, c(b, loc, x, hi));
}
// 1 / (1 + exp(-x)): exp overflows to inf for very negative x, giving 0.
Value sigmoid(OpBuilder &b, Location loc, Value x) {
  Value e = math::ExpOp::create(b, loc, arith::NegFOp::create(b, loc, x));
  return div(b, loc, c(b, loc, x, 1.0), add(b, loc, c(b, loc, x, 1.0), e));
}
// x if x > 0 else alpha·(exp(x) - 1)
Value elu(OpBuilder &b, Location loc, Value x, double alpha) {
  Value em1 = math::ExpM1Op::create(b, loc, x);
  return arith::SelectOp::create(b, loc, isPositive(b, loc, x), x,
                                 mul(b, loc, c(b, loc, x, alpha), em1));
}
// log(1 + exp(beta·x)) / beta, or x where beta·x > threshold (torch).
Value softplus(OpBuilder &b, Location loc, Value x, double beta, double threshold) {
  Value bx = mul(b, loc, c(b, loc, x, beta), x);
  Value soft = div(b, loc, math::Log1pOp::create(b, loc, math::ExpOp::create(b, loc, bx)),
                   c(b, loc, x, beta));
  Value linear = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGT, bx,
                                       c(b, loc, x, threshold));
  return arith::SelectOp::create(b, loc, linear, x, soft);
}

// softmax / log_softmax along one dim, max-subtracted:
//   m = max(x), s = Σ exp(x - m); softmax = exp(x - m) / s,
//   log_softmax = x - m - log(s).
template <typename OpTy, bool Log>
struct SoftmaxLowering : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  LogicalResult matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getInput();
    RankedTensorType type = tensorType(x);
    // A 0-d softmax is over one element.
    if (type.getRank() == 0)
      x = reshapeTo(rewriter, loc, x, {1});
    RankedTensorType work = tensorType(x);
    int64_t rank = work.getRank();
    SmallVector<int64_t> dim = {normalizedDim(op.getDim(), rank)};
    SmallVector<int64_t> kept = keptDims(rank, dim);
    Type et = work.getElementType();

    // The shift only needs some maximum: maxnumf (which skips NaN) vectorizes
    // to plain vmaxps trees, and a NaN in the row still reaches every
    // output through the sum.
    Value lowest = constant(rewriter, loc, et, -INFINITY);
    Value m = reduce(rewriter, loc, {{x}}, dim, lowest,
                     [](OpBuilder &b, Location l, ValueRange a) {
                       return arith::MaxNumFOp::create(b, l, a[0], a[1]);
                     });
    Value e = elementwise(rewriter, loc, work, {{x}, {m, kept}},
                          [](OpBuilder &b, Location l, ValueRange a) {
                            return math::ExpOp::create(
                                b, l, arith::SubFOp::create(b, l, a[0], a[1]));
                          });
    Value s = reduce(rewriter, loc, {{e}}, dim, constant(rewriter, loc, et, 0.0),
                     [](OpBuilder &b, Location l, ValueRange a) {
                       return arith::AddFOp::create(b, l, a[0], a[1]);
                     });
    Value result;
    if (Log)
      result = elementwise(rewriter, loc, work, {{x}, {m, kept}, {s, kept}},
                           [](OpBuilder &b, Location l, ValueRange a) {
                             Value shifted = arith::SubFOp::create(b, l, a[0], a[1]);
                             return arith::SubFOp::create(
                                 b, l, shifted, math::LogOp::create(b, l, a[2]));
                           });
    else {
      // One division per row, then a multiply per element (as torch does):
      // a vector division costs several multiplies.
      Value r = elementwise(rewriter, loc, tensorType(s), {{s}},
                            [&](OpBuilder &b, Location l, ValueRange a) {
                              return arith::DivFOp::create(b, l, constant(b, l, et, 1.0), a[0]);
                            });
      result = elementwise(rewriter, loc, work, {{e}, {r, kept}},
                           [](OpBuilder &b, Location l, ValueRange a) {
                             return arith::MulFOp::create(b, l, a[0], a[1]);
                           });
    }
    rewriter.replaceOp(op, reshapeTo(rewriter, loc, result, type.getShape()));
    return success();
  }
};

// x if x > 0 else weight·x, with weight shared or one per channel (dim 1).
struct PreluLowering : OpConversionPattern<PreluOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(PreluOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    RankedTensorType type = op.getType();
    Value weight = adaptor.getWeight();
    int64_t n = tensorType(weight).getNumElements();
    Operand w = n == 1 ? Operand{reshapeTo(rewriter, loc, weight, {})}
                       : Operand{reshapeTo(rewriter, loc, weight, {n}), {1}};
    Value result = elementwise(rewriter, loc, type, {{adaptor.getInput()}, w},
                               [](OpBuilder &b, Location l, ValueRange a) {
                                 return arith::SelectOp::create(
                                     b, l, isPositive(b, l, a[0]), a[0],
                                     mul(b, l, a[1], a[0]));
                               });
    rewriter.replaceOp(op, result);
    return success();
  }
};

} // namespace

void populateActivationPatterns(RewritePatternSet &patterns) {
  addElementwise<ReluOp>(patterns, [](OpBuilder &b, Location loc, ReluOp, ValueRange a) {
    return arith::MaximumFOp::create(b, loc, a[0], c(b, loc, a[0], 0.0));
  });
  addElementwise<Relu6Op>(patterns, [](OpBuilder &b, Location loc, Relu6Op, ValueRange a) {
    return clampTo(b, loc, a[0], 0.0, 6.0);
  });
  addElementwise<LeakyReluOp>(
      patterns, [](OpBuilder &b, Location loc, LeakyReluOp op, ValueRange a) {
        Value slope = c(b, loc, a[0], op.getNegativeSlope().convertToDouble());
        return arith::SelectOp::create(b, loc, isPositive(b, loc, a[0]), a[0],
                                       mul(b, loc, slope, a[0]));
      });
  addElementwise<EluOp>(patterns, [](OpBuilder &b, Location loc, EluOp op, ValueRange a) {
    return elu(b, loc, a[0], op.getAlpha().convertToDouble());
  });
  addElementwise<SeluOp>(patterns, [](OpBuilder &b, Location loc, SeluOp, ValueRange a) {
    // torch's constants (Klambauer et al. 2017).
    const double alpha = 1.6732632423543772848170429916717;
    const double scale = 1.0507009873554804934193349852946;
    return mul(b, loc, c(b, loc, a[0], scale), elu(b, loc, a[0], alpha));
  });
  addElementwise<GeluOp>(patterns, [](OpBuilder &b, Location loc, GeluOp op, ValueRange a) {
    Value x = a[0];
    Value half = mul(b, loc, c(b, loc, x, 0.5), x);
    Value inner;
    if (op.getApproximate() == GeluApproximation::tanh) {
      // tanh(√(2/π)·(x + 0.044715·x³))
      Value x3 = mul(b, loc, mul(b, loc, x, x), x);
      Value poly = add(b, loc, x, mul(b, loc, c(b, loc, x, 0.044715), x3));
      inner = math::TanhOp::create(b, loc,
                                   mul(b, loc, c(b, loc, x, std::sqrt(2.0 / M_PI)), poly));
    } else {
      inner = math::ErfOp::create(b, loc, mul(b, loc, x, c(b, loc, x, M_SQRT1_2)));
    }
    return mul(b, loc, half, add(b, loc, c(b, loc, x, 1.0), inner));
  });
  addElementwise<SigmoidOp>(patterns, [](OpBuilder &b, Location loc, SigmoidOp, ValueRange a) {
    return sigmoid(b, loc, a[0]);
  });
  addElementwise<TanhOp>(patterns, [](OpBuilder &b, Location loc, TanhOp, ValueRange a) {
    return math::TanhOp::create(b, loc, a[0]);
  });
  addElementwise<SiluOp>(patterns, [](OpBuilder &b, Location loc, SiluOp, ValueRange a) {
    return mul(b, loc, a[0], sigmoid(b, loc, a[0]));
  });
  addElementwise<MishOp>(patterns, [](OpBuilder &b, Location loc, MishOp, ValueRange a) {
    Value sp = softplus(b, loc, a[0], 1.0, 20.0);
    return mul(b, loc, a[0], math::TanhOp::create(b, loc, sp));
  });
  addElementwise<HardswishOp>(patterns,
                              [](OpBuilder &b, Location loc, HardswishOp, ValueRange a) {
                                Value x = a[0];
                                Value r6 = clampTo(b, loc, add(b, loc, x, c(b, loc, x, 3.0)),
                                                   0.0, 6.0);
                                return div(b, loc, mul(b, loc, x, r6), c(b, loc, x, 6.0));
                              });
  addElementwise<HardsigmoidOp>(
      patterns, [](OpBuilder &b, Location loc, HardsigmoidOp, ValueRange a) {
        Value x = a[0];
        Value r6 = clampTo(b, loc, add(b, loc, x, c(b, loc, x, 3.0)), 0.0, 6.0);
        return div(b, loc, r6, c(b, loc, x, 6.0));
      });
  addElementwise<SoftplusOp>(patterns,
                             [](OpBuilder &b, Location loc, SoftplusOp op, ValueRange a) {
                               return softplus(b, loc, a[0], op.getBeta().convertToDouble(),
                                               op.getThreshold().convertToDouble());
                             });
  addElementwise<SoftsignOp>(patterns, [](OpBuilder &b, Location loc, SoftsignOp, ValueRange a) {
    Value x = a[0];
    return div(b, loc, x, add(b, loc, c(b, loc, x, 1.0), math::AbsFOp::create(b, loc, x)));
  });
  patterns.add<PreluLowering, SoftmaxLowering<SoftmaxOp, false>,
               SoftmaxLowering<LogSoftmaxOp, true>>(patterns.getContext());
}

} // namespace kiln::lowering
