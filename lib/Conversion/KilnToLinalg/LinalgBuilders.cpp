//===- LinalgBuilders.cpp - building blocks of the kiln lowering ---------===//

#include "LinalgBuilders.h"

#include "kiln/Utils/MultiplyAccumulate.h"

#include "mlir/Dialect/Utils/ReshapeOpsUtils.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"

using namespace mlir;

namespace kiln::lowering {

AffineMap operandMap(MLIRContext *ctx, const Operand &input, ArrayRef<int64_t> shape) {
  return operandMap(ctx, input, shape, tensorType(input.value).getShape());
}

AffineMap operandMap(MLIRContext *ctx, const Operand &input, ArrayRef<int64_t> shape,
                     ArrayRef<int64_t> in) {
  SmallVector<AffineExpr> exprs;
  for (auto [i, size] : llvm::enumerate(in)) {
    int64_t dim = input.dims.empty() ? int64_t(shape.size() - in.size() + i)
                                     : input.dims[i];
    exprs.push_back(size == 1 && shape[dim] != 1 ? getAffineConstantExpr(0, ctx)
                                                 : getAffineDimExpr(dim, ctx));
  }
  return AffineMap::get(shape.size(), 0, exprs, ctx);
}

Value elementwise(OpBuilder &b, Location loc, RankedTensorType resultType,
                  ArrayRef<Operand> inputs, BodyFn body) {
  MLIRContext *ctx = b.getContext();
  ArrayRef<int64_t> shape = resultType.getShape();
  SmallVector<AffineMap> maps;
  SmallVector<Value> values;
  for (const Operand &in : inputs) {
    maps.push_back(operandMap(ctx, in, shape));
    values.push_back(in.value);
  }
  maps.push_back(b.getMultiDimIdentityMap(shape.size()));
  Value init = tensor::EmptyOp::create(b, loc, shape, resultType.getElementType());
  SmallVector<utils::IteratorType> iterators(shape.size(),
                                             utils::IteratorType::parallel);
  auto generic = linalg::GenericOp::create(
      b, loc, TypeRange{resultType}, values, ValueRange{init}, maps, iterators,
      [&](OpBuilder &nb, Location nloc, ValueRange args) {
        linalg::YieldOp::create(nb, nloc, body(nb, nloc, args.drop_back()));
      });
  return generic.getResult(0);
}

Value reduce(OpBuilder &b, Location loc, ArrayRef<Operand> inputs,
             ArrayRef<int64_t> dims, Value init, BodyFn body) {
  MLIRContext *ctx = b.getContext();
  ArrayRef<int64_t> shape = tensorType(inputs.front().value).getShape();
  SmallVector<AffineMap> maps;
  SmallVector<Value> values;
  for (const Operand &in : inputs) {
    maps.push_back(operandMap(ctx, in, shape));
    values.push_back(in.value);
  }
  SmallVector<AffineExpr> outExprs;
  SmallVector<utils::IteratorType> iterators;
  for (int64_t d = 0, e = shape.size(); d < e; ++d) {
    bool reduced = llvm::is_contained(dims, d);
    iterators.push_back(reduced ? utils::IteratorType::reduction
                                : utils::IteratorType::parallel);
    if (!reduced)
      outExprs.push_back(getAffineDimExpr(d, ctx));
  }
  maps.push_back(AffineMap::get(shape.size(), 0, outExprs, ctx));
  Value acc = filled(b, loc, dropDims(shape, dims), init);
  auto generic = linalg::GenericOp::create(
      b, loc, TypeRange{acc.getType()}, values, ValueRange{acc}, maps, iterators,
      [&](OpBuilder &nb, Location nloc, ValueRange args) {
        linalg::YieldOp::create(nb, nloc, body(nb, nloc, args));
      });
  return generic.getResult(0);
}

Value contract(OpBuilder &b, Location loc, Value lhs, AffineMap lhsMap, Value rhs,
               AffineMap rhsMap, ArrayRef<int64_t> outShape, AffineMap outMap,
               ArrayRef<utils::IteratorType> iterators) {
  Value acc = zeros(b, loc, outShape, elementType(lhs));
  return multiplyAccumulate(b, loc, lhs, rhs, acc, {lhsMap, rhsMap, outMap}, iterators);
}

Value sum(OpBuilder &b, Location loc, Value x, ArrayRef<int64_t> dims) {
  return reduce(b, loc, {{x}}, dims, constant(b, loc, elementType(x), 0.0),
                [](OpBuilder &nb, Location l, ValueRange a) {
                  return arith::AddFOp::create(nb, l, a[0], a[1]);
                });
}

Value scaled(OpBuilder &b, Location loc, Value v, double factor) {
  return elementwise(b, loc, tensorType(v), {{v}},
                     [&](OpBuilder &nb, Location l, ValueRange a) {
                       Value f = constant(nb, l, a[0].getType(), factor);
                       return arith::MulFOp::create(nb, l, a[0], f);
                     });
}

Value divided(OpBuilder &b, Location loc, Value v, double divisor) {
  return elementwise(b, loc, tensorType(v), {{v}}, [&](OpBuilder &nb, Location l, ValueRange a) {
    return arith::DivFOp::create(nb, l, a[0], constant(nb, l, a[0].getType(), divisor));
  });
}

Moments moments(OpBuilder &b, Location loc, Value x, ArrayRef<int64_t> dims,
                int64_t correction, Type accumulator) {
  RankedTensorType type = tensorType(x);
  ArrayRef<int64_t> shape = type.getShape();
  SmallVector<int64_t> kept = keptDims(shape.size(), dims);
  double n = countAlong(shape, dims);
  if (!accumulator)
    accumulator = type.getElementType();
  Value zero = constant(b, loc, accumulator, 0.0);
  // x's elements (and its first ones) as `accumulator`, inside each body.
  auto widen = [accumulator](OpBuilder &nb, Location l, Value v) -> Value {
    if (v.getType() == accumulator)
      return v;
    return arith::ExtFOp::create(nb, l, accumulator, v);
  };
  // Shifted mean, K + Σ(x - K)/n with K the first element of each group:
  // exact when a group is constant (where x - mean = 0 must hold exactly, or
  // a following 1/sqrt(var + eps) amplifies an ulp ~300x), and no less
  // accurate otherwise. Groups of no elements have no first one: K = 0.
  Value shift;
  if (n == 0) {
    shift = filled(b, loc, dropDims(shape, dims), zero);
  } else {
    SmallVector<OpFoldResult> offsets(shape.size(), b.getIndexAttr(0)), sizes,
        strides(shape.size(), b.getIndexAttr(1));
    SmallVector<int64_t> firstShape(shape);
    for (int64_t d : dims)
      firstShape[d] = 1;
    for (int64_t s : firstShape)
      sizes.push_back(b.getIndexAttr(s));
    Value first = tensor::ExtractSliceOp::create(
        b, loc, RankedTensorType::get(firstShape, type.getElementType()), x, offsets, sizes,
        strides);
    shift = reshapeTo(b, loc, first, dropDims(shape, dims));
  }
  Value deviation = reduce(b, loc, {{x}, {shift, kept}}, dims, zero,
                           [&](OpBuilder &nb, Location l, ValueRange a) {
                             Value d = arith::SubFOp::create(nb, l, widen(nb, l, a[0]),
                                                             widen(nb, l, a[1]));
                             return arith::AddFOp::create(nb, l, d, a[2]);
                           });
  Value mean = elementwise(b, loc, tensorType(deviation), {{shift}, {deviation}},
                           [&](OpBuilder &nb, Location l, ValueRange a) {
                             Value avg = arith::DivFOp::create(
                                 nb, l, a[1], constant(nb, l, a[1].getType(), n));
                             return arith::AddFOp::create(nb, l, widen(nb, l, a[0]), avg);
                           });
  Value squares = reduce(b, loc, {{x}, {mean, kept}}, dims, zero,
                         [&](OpBuilder &nb, Location l, ValueRange a) {
                           Value d = arith::SubFOp::create(nb, l, widen(nb, l, a[0]), a[1]);
                           Value d2 = arith::MulFOp::create(nb, l, d, d);
                           return arith::AddFOp::create(nb, l, d2, a[2]);
                         });
  // torch divides by max(0, N - correction): by zero when N <= correction
  // (inf, or NaN for a sum of no squares).
  return {mean, divided(b, loc, squares, std::max(0.0, n - double(correction)))};
}

Value zeros(OpBuilder &b, Location loc, ArrayRef<int64_t> shape, Type elementType) {
  return filled(b, loc, shape, constant(b, loc, elementType, 0.0));
}

Value filled(OpBuilder &b, Location loc, ArrayRef<int64_t> shape, Value value) {
  Value empty = tensor::EmptyOp::create(b, loc, shape, value.getType());
  return linalg::FillOp::create(b, loc, ValueRange{value}, ValueRange{empty})
      .getResult(0);
}

Value reshapeTo(OpBuilder &b, Location loc, Value value, ArrayRef<int64_t> shape) {
  RankedTensorType from = tensorType(value);
  if (from.getShape() == shape)
    return value;
  auto to = RankedTensorType::get(shape, from.getElementType());
  if (from.getNumElements() == 0) // nothing to move
    return tensor::EmptyOp::create(b, loc, shape, from.getElementType());
  // Fewer dims: collapse; more: expand; both work only when the sizes group
  // up, so a general reshape goes through 1-D.
  if (auto groups = getReassociationIndicesForReshape(from, to)) {
    if (to.getRank() < from.getRank())
      return tensor::CollapseShapeOp::create(b, loc, to, value, *groups);
    return tensor::ExpandShapeOp::create(b, loc, to, value, *groups);
  }
  if (from.getRank() == 0 || to.getRank() == 0) {
    // A 0-d tensor relates to any all-ones shape with no groups at all.
    SmallVector<ReassociationIndices> none;
    if (to.getRank() == 0)
      return tensor::CollapseShapeOp::create(b, loc, to, value, none);
    return tensor::ExpandShapeOp::create(b, loc, to, value, none);
  }
  // Otherwise collapse along the boundaries where both shapes' running
  // products agree, then expand: [20,6,10,10] -> [20,600] -> [20,3,200].
  SmallVector<int64_t> common;
  ArrayRef<int64_t> src = from.getShape();
  int64_t ps = 1, pd = 1;
  for (size_t i = 0, j = 0; i < src.size();) {
    ps *= src[i++];
    while (j < shape.size() && pd * shape[j] <= ps && (pd < ps || shape[j] == 1))
      pd *= shape[j++];
    if (ps == pd && (i == src.size() || j < shape.size()))
      common.push_back(ps), ps = pd = 1;
  }
  if (common.size() > 1 && common != src && ArrayRef<int64_t>(common) != shape)
    return reshapeTo(b, loc, reshapeTo(b, loc, value, common), shape);
  // No boundary in common: through 1-D, with explicit all-in-one groups.
  auto flat = RankedTensorType::get({from.getNumElements()}, from.getElementType());
  ReassociationIndices allFrom = llvm::to_vector(llvm::seq<int64_t>(0, from.getRank()));
  ReassociationIndices allTo = llvm::to_vector(llvm::seq<int64_t>(0, to.getRank()));
  Value line = tensor::CollapseShapeOp::create(b, loc, flat, value,
                                               SmallVector<ReassociationIndices>{allFrom});
  return tensor::ExpandShapeOp::create(b, loc, to, line,
                                       SmallVector<ReassociationIndices>{allTo});
}

Value padded(OpBuilder &b, Location loc, Value x, ArrayRef<int64_t> low,
             ArrayRef<int64_t> high, double value) {
  if (llvm::all_of(low, [](int64_t v) { return v == 0; }) &&
      llvm::all_of(high, [](int64_t v) { return v == 0; }))
    return x;
  RankedTensorType type = tensorType(x);
  SmallVector<int64_t> shape(type.getShape());
  for (size_t d = 0; d < shape.size(); ++d)
    shape[d] += low[d] + high[d];
  auto result = RankedTensorType::get(shape, type.getElementType());
  Value pad = constant(b, loc, type.getElementType(), value);
  return tensor::PadOp::create(b, loc, result, x, getAsIndexOpFoldResult(b.getContext(), low),
                               getAsIndexOpFoldResult(b.getContext(), high), pad);
}

SmallVector<int64_t> batchedShape(RankedTensorType t) {
  SmallVector<int64_t> s(t.getShape());
  if (s.size() == 3)
    s.insert(s.begin(), 1);
  return s;
}

Value constant(OpBuilder &b, Location loc, Type type, double value) {
  return arith::ConstantOp::create(b, loc, type, b.getFloatAttr(type, value));
}

int64_t normalizedDim(int64_t dim, int64_t rank) {
  int64_t extent = rank == 0 ? 1 : rank;
  return dim < 0 ? dim + extent : dim;
}

SmallVector<int64_t> keptDims(int64_t rank, ArrayRef<int64_t> dims) {
  SmallVector<int64_t> kept;
  for (int64_t d = 0; d < rank; ++d)
    if (!llvm::is_contained(dims, d))
      kept.push_back(d);
  return kept;
}

SmallVector<int64_t> dropDims(ArrayRef<int64_t> shape, ArrayRef<int64_t> dims) {
  SmallVector<int64_t> out;
  for (int64_t d : keptDims(shape.size(), dims))
    out.push_back(shape[d]);
  return out;
}

int64_t countAlong(ArrayRef<int64_t> shape, ArrayRef<int64_t> dims) {
  int64_t n = 1;
  for (int64_t d : dims)
    n *= shape[d];
  return n;
}

} // namespace kiln::lowering
