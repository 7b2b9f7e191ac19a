//===- Pointwise.cpp - add, sub, mul, div, pow, ..., clamp ----------------===//

#include "Patterns.h"

using namespace mlir;

namespace kiln::lowering {

// input + alpha·other (alpha = 1 adds no multiply).
static Value scaledOther(OpBuilder &b, Location loc, double alpha, Value other) {
  if (alpha == 1.0)
    return other;
  return arith::MulFOp::create(b, loc, constant(b, loc, other.getType(), alpha), other);
}

void populatePointwisePatterns(RewritePatternSet &patterns) {
  addElementwise<AddOp>(patterns, [](OpBuilder &b, Location loc, AddOp op, ValueRange a) {
    double alpha = op.getAlpha().convertToDouble();
    return arith::AddFOp::create(b, loc, a[0], scaledOther(b, loc, alpha, a[1]));
  });
  addElementwise<SubOp>(patterns, [](OpBuilder &b, Location loc, SubOp op, ValueRange a) {
    double alpha = op.getAlpha().convertToDouble();
    return arith::SubFOp::create(b, loc, a[0], scaledOther(b, loc, alpha, a[1]));
  });
  addElementwise<MulOp>(patterns, [](OpBuilder &b, Location loc, MulOp, ValueRange a) {
    return arith::MulFOp::create(b, loc, a[0], a[1]);
  });
  addElementwise<DivOp>(patterns, [](OpBuilder &b, Location loc, DivOp, ValueRange a) {
    return arith::DivFOp::create(b, loc, a[0], a[1]);
  });
  addElementwise<PowOp>(patterns, [](OpBuilder &b, Location loc, PowOp, ValueRange a) {
    return math::PowFOp::create(b, loc, a[0], a[1]);
  });
  // arith's maximumf/minimumf propagate NaN, as torch.maximum/minimum do.
  addElementwise<MaximumOp>(patterns,
                            [](OpBuilder &b, Location loc, MaximumOp, ValueRange a) {
                              return arith::MaximumFOp::create(b, loc, a[0], a[1]);
                            });
  addElementwise<MinimumOp>(patterns,
                            [](OpBuilder &b, Location loc, MinimumOp, ValueRange a) {
                              return arith::MinimumFOp::create(b, loc, a[0], a[1]);
                            });

  addElementwise<SqrtOp>(patterns, [](OpBuilder &b, Location loc, SqrtOp, ValueRange a) {
    return math::SqrtOp::create(b, loc, a[0]);
  });
  addElementwise<RsqrtOp>(patterns, [](OpBuilder &b, Location loc, RsqrtOp, ValueRange a) {
    return math::RsqrtOp::create(b, loc, a[0]);
  });
  addElementwise<ExpOp>(patterns, [](OpBuilder &b, Location loc, ExpOp, ValueRange a) {
    return math::ExpOp::create(b, loc, a[0]);
  });
  addElementwise<LogOp>(patterns, [](OpBuilder &b, Location loc, LogOp, ValueRange a) {
    return math::LogOp::create(b, loc, a[0]);
  });
  addElementwise<AbsOp>(patterns, [](OpBuilder &b, Location loc, AbsOp, ValueRange a) {
    return math::AbsFOp::create(b, loc, a[0]);
  });
  addElementwise<NegOp>(patterns, [](OpBuilder &b, Location loc, NegOp, ValueRange a) {
    return arith::NegFOp::create(b, loc, a[0]);
  });
  addElementwise<ReciprocalOp>(patterns,
                               [](OpBuilder &b, Location loc, ReciprocalOp, ValueRange a) {
                                 Value one = constant(b, loc, a[0].getType(), 1.0);
                                 return arith::DivFOp::create(b, loc, one, a[0]);
                               });
  addElementwise<ClampOp>(patterns, [](OpBuilder &b, Location loc, ClampOp op, ValueRange a) {
    Value x = a[0];
    Type t = x.getType();
    if (std::optional<APFloat> lo = op.getMin())
      x = arith::MaximumFOp::create(b, loc, x, constant(b, loc, t, lo->convertToDouble()));
    if (std::optional<APFloat> hi = op.getMax())
      x = arith::MinimumFOp::create(b, loc, x, constant(b, loc, t, hi->convertToDouble()));
    return x;
  });
}

} // namespace kiln::lowering
