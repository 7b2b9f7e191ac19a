//===- LinalgBuilders.h - building blocks of the kiln lowering -----------===//
//
// The few shapes of linalg every family needs: a broadcasting elementwise
// generic, a reduction, reshapes between static shapes, constants.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_LIB_CONVERSION_KILNTOLINALG_LINALGBUILDERS_H
#define KILN_LIB_CONVERSION_KILNTOLINALG_LINALGBUILDERS_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Builders.h"
#include "kiln/Dialect/ShapeRules.h"
#include "mlir/Transforms/DialectConversion.h"

namespace kiln::lowering {

using mlir::Location;
using mlir::OpBuilder;
using mlir::RankedTensorType;
using mlir::Type;
using mlir::Value;
using mlir::ValueRange;
using llvm::ArrayRef;
using llvm::SmallVector;

/// Builds a scalar from the block arguments of a generic.
using BodyFn = llvm::function_ref<Value(OpBuilder &, Location, ValueRange)>;

/// An input of an elementwise or reduction generic. `dims[i]` is the
/// iteration dim that input dim i runs along; left empty, the input is
/// aligned with the trailing iteration dims (NumPy broadcasting). Size-1
/// input dims along larger iteration dims are broadcast.
struct Operand {
  Value value;
  SmallVector<int64_t> dims = {};
};

inline RankedTensorType tensorType(Value v) {
  return llvm::cast<RankedTensorType>(v.getType());
}
inline Type elementType(Value v) { return tensorType(v).getElementType(); }

/// The indexing map of `input` into an iteration space of `shape`.
mlir::AffineMap operandMap(mlir::MLIRContext *ctx, const Operand &input,
                           ArrayRef<int64_t> shape);
/// The same for an input of `inputShape` (input.value unused).
mlir::AffineMap operandMap(mlir::MLIRContext *ctx, const Operand &input,
                           ArrayRef<int64_t> shape, ArrayRef<int64_t> inputShape);

/// result[i...] = body(inputs[...]) over the shape of `resultType`.
Value elementwise(OpBuilder &b, Location loc, RankedTensorType resultType,
                  ArrayRef<Operand> inputs, BodyFn body);

/// Reduces the iteration space of inputs[0] over `dims`: the result has the
/// other dims, starts at `init` and takes body(inputs..., accumulator).
Value reduce(OpBuilder &b, Location loc, ArrayRef<Operand> inputs,
             ArrayRef<int64_t> dims, Value init, BodyFn body);

/// out = Σ a·b: a contraction generic over `iterators` (parallel dims and
/// reduction dims), reading a and b through their maps and writing a zero-
/// initialized tensor of `outShape` through `outMap`.
Value contract(OpBuilder &b, Location loc, Value lhs, mlir::AffineMap lhsMap, Value rhs,
               mlir::AffineMap rhsMap, ArrayRef<int64_t> outShape, mlir::AffineMap outMap,
               ArrayRef<mlir::utils::IteratorType> iterators);

/// Σ x over `dims` (the result drops them).
Value sum(OpBuilder &b, Location loc, Value x, ArrayRef<int64_t> dims);

/// v · factor, elementwise.
Value scaled(OpBuilder &b, Location loc, Value v, double factor);

/// v / divisor, elementwise: a mean's one rounding, where v · (1/divisor)
/// would round twice.
Value divided(OpBuilder &b, Location loc, Value v, double divisor);

/// Two-pass statistics of x over `dims`: the (shifted) mean, and the
/// variance Σ(x - mean)² / (N - correction). Both drop `dims`, and are of
/// `accumulator` (a float type at least as wide as x's, which the sums
/// accumulate in; x's own by default).
struct Moments {
  Value mean, var;
};
Moments moments(OpBuilder &b, Location loc, Value x, ArrayRef<int64_t> dims,
                int64_t correction = 0, Type accumulator = {});

/// A tensor of `shape` filled with `value`.
Value filled(OpBuilder &b, Location loc, ArrayRef<int64_t> shape, Value value);

/// A tensor of `shape` filled with zeros of `elementType`.
Value zeros(OpBuilder &b, Location loc, ArrayRef<int64_t> shape, Type elementType);

/// Float arithmetic on scalars, in generic bodies.
inline Value add(OpBuilder &b, Location loc, Value x, Value y) {
  return mlir::arith::AddFOp::create(b, loc, x, y);
}
inline Value sub(OpBuilder &b, Location loc, Value x, Value y) {
  return mlir::arith::SubFOp::create(b, loc, x, y);
}
inline Value mul(OpBuilder &b, Location loc, Value x, Value y) {
  return mlir::arith::MulFOp::create(b, loc, x, y);
}
inline Value div(OpBuilder &b, Location loc, Value x, Value y) {
  return mlir::arith::DivFOp::create(b, loc, x, y);
}

/// `value` with the same elements in `shape` (static; same element count),
/// through tensor.collapse_shape / tensor.expand_shape.
Value reshapeTo(OpBuilder &b, Location loc, Value value, ArrayRef<int64_t> shape);

/// `x` padded by low[d] and high[d] elements of `value` along each dim d.
Value padded(OpBuilder &b, Location loc, Value x, ArrayRef<int64_t> low,
             ArrayRef<int64_t> high, double value);

/// The shape of `t` with a leading batch dim of 1 when it is C×H×W.
SmallVector<int64_t> batchedShape(RankedTensorType t);

/// Runs `build` on x viewed as N×C×H×W (a C×H×W input gets N = 1) and
/// views its results back to `resultTypes`.
template <typename Fn>
SmallVector<Value> asBatched(OpBuilder &b, Location loc, Value x,
                             mlir::TypeRange resultTypes, Fn build) {
  x = reshapeTo(b, loc, x, batchedShape(tensorType(x)));
  SmallVector<Value> results = build(x);
  for (auto [r, t] : llvm::zip(results, resultTypes))
    r = reshapeTo(b, loc, r, llvm::cast<RankedTensorType>(t).getShape());
  return results;
}

/// A float constant of `type`.
Value constant(OpBuilder &b, Location loc, Type type, double value);

/// Normalizes a torch dim of a rank-`rank` tensor (verified already).
int64_t normalizedDim(int64_t dim, int64_t rank);

/// Iteration dims of `shape` without `dims`.
SmallVector<int64_t> keptDims(int64_t rank, ArrayRef<int64_t> dims);

/// `shape` without the `dims`.
SmallVector<int64_t> dropDims(ArrayRef<int64_t> shape, ArrayRef<int64_t> dims);

/// The product of `shape`'s sizes along `dims`.
int64_t countAlong(ArrayRef<int64_t> shape, ArrayRef<int64_t> dims);

} // namespace kiln::lowering

#endif // KILN_LIB_CONVERSION_KILNTOLINALG_LINALGBUILDERS_H
