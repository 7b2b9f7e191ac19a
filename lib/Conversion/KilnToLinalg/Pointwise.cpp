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

// torch's floor division of floats (div_floor_floating): the quotient of
// a - fmod(a, b), one less where the remainder's sign is not b's, rounded to
// the nearest integer (it is one up to rounding); a zero quotient takes the
// sign of a / b, and b = 0 gives a / b itself.
static Value floorDivide(OpBuilder &b, Location loc, Value x, Value y, Value quotient) {
  using P = arith::CmpFPredicate;
  Type t = x.getType();
  Value zero = constant(b, loc, t, 0.0), one = constant(b, loc, t, 1.0);
  Value mod = arith::RemFOp::create(b, loc, x, y);
  Value div = arith::DivFOp::create(b, loc, arith::SubFOp::create(b, loc, x, mod), y);
  Value modNonZero = arith::CmpFOp::create(b, loc, P::UNE, mod, zero);
  Value signsDiffer = arith::XOrIOp::create(b, loc, arith::CmpFOp::create(b, loc, P::OLT, y, zero),
                                            arith::CmpFOp::create(b, loc, P::OLT, mod, zero));
  div = arith::SelectOp::create(b, loc, arith::AndIOp::create(b, loc, modNonZero, signsDiffer),
                                arith::SubFOp::create(b, loc, div, one), div);
  Value floor = math::FloorOp::create(b, loc, div);
  Value roundUp = arith::CmpFOp::create(b, loc, P::OGT, arith::SubFOp::create(b, loc, div, floor),
                                        constant(b, loc, t, 0.5));
  floor = arith::SelectOp::create(b, loc, roundUp, arith::AddFOp::create(b, loc, floor, one), floor);
  Value signedZero = math::CopySignOp::create(b, loc, zero, quotient);
  Value divIsZero = arith::CmpFOp::create(b, loc, P::OEQ, div, zero);
  Value result = arith::SelectOp::create(b, loc, divIsZero, signedZero, floor);
  Value yIsZero = arith::CmpFOp::create(b, loc, P::OEQ, y, zero);
  return arith::SelectOp::create(b, loc, yIsZero, quotient, result);
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
  addElementwise<DivOp>(patterns, [](OpBuilder &b, Location loc, DivOp op, ValueRange a) {
    Value quotient = arith::DivFOp::create(b, loc, a[0], a[1]);
    std::optional<RoundingMode> mode = op.getRoundingMode();
    if (!mode)
      return quotient;
    if (*mode == RoundingMode::trunc)
      return Value(math::TruncOp::create(b, loc, quotient));
    return floorDivide(b, loc, a[0], a[1], quotient);
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
