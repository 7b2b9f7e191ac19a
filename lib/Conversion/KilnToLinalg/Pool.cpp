//===- Pool.cpp - max/avg pooling, adaptive pooling -----------------------===//

#include "Patterns.h"

#include <cmath>

using namespace mlir;

namespace kiln::lowering {

namespace {

/// A constant tensor of `shape` holding `values` (row-major).
Value constantTensor(OpBuilder &b, Location loc, ArrayRef<int64_t> shape, Type et,
                     ArrayRef<double> values) {
  auto type = RankedTensorType::get(shape, et);
  SmallVector<Attribute> attrs;
  for (double v : values)
    attrs.push_back(b.getFloatAttr(et, v));
  return arith::ConstantOp::create(b, loc, type, DenseElementsAttr::get(type, attrs));
}

/// Pads the two trailing dims of `x` by (low[i], high[i]) with `value`.
Value padSpatial(OpBuilder &b, Location loc, Value x, ArrayRef<int64_t> low,
                 ArrayRef<int64_t> high, double value) {
  SmallVector<int64_t> lo(tensorType(x).getRank() - 2, 0), hi(lo);
  lo.append(low.begin(), low.end());
  hi.append(high.begin(), high.end());
  return padded(b, loc, x, lo, hi, value);
}

/// Geometry of a 2-D window over [N,] C, H, W: padding on each side (the
/// high side also covers ceil_mode's extra windows) and the output size.
struct Window {
  int64_t kernel[2], stride[2], dilation[2], padLow[2], padHigh[2], in[2], out[2];
};

Window windowOf(ArrayRef<int64_t> inShape, ArrayRef<int64_t> outShape,
                ArrayRef<int64_t> kernel, ArrayRef<int64_t> stride,
                ArrayRef<int64_t> padding, ArrayRef<int64_t> dilation) {
  Window w;
  for (int i = 0; i < 2; ++i) {
    w.kernel[i] = kernel[i];
    w.stride[i] = stride.empty() ? kernel[i] : stride[i];
    w.dilation[i] = dilation[i];
    w.in[i] = inShape[inShape.size() - 2 + i];
    w.out[i] = outShape[outShape.size() - 2 + i];
    w.padLow[i] = padding[i];
    int64_t needed = (w.out[i] - 1) * w.stride[i] + w.dilation[i] * (w.kernel[i] - 1) + 1;
    w.padHigh[i] = std::max(padding[i], needed - w.in[i] - padding[i]);
  }
  return w;
}

/// max over each window, with the argmax's flat index in the H×W plane as
/// torch reports it; the greater value (or a NaN) wins, ties keep the first.
SmallVector<Value> maxWithIndices(OpBuilder &b, Location loc, Value padded,
                                  ArrayRef<int64_t> outShape, const Window &w) {
  MLIRContext *ctx = b.getContext();
  Type et = elementType(padded);
  AffineExpr d[6];
  for (int i = 0; i < 6; ++i)
    d[i] = getAffineDimExpr(i, ctx);
  // Loops: n, c, oh, ow, kh, kw.
  AffineMap inMap = AffineMap::get(
      6, 0, {d[0], d[1], d[2] * w.stride[0] + d[4] * w.dilation[0],
             d[3] * w.stride[1] + d[5] * w.dilation[1]}, ctx);
  AffineMap outMap = AffineMap::get(6, 0, {d[0], d[1], d[2], d[3]}, ctx);
  // A window-shaped operand, read by no one, gives the kh, kw loops their
  // ranges (as the named pooling ops do).
  Value window = tensor::EmptyOp::create(b, loc, w.kernel, et);
  AffineMap windowMap = AffineMap::get(6, 0, {d[4], d[5]}, ctx);
  Value values = filled(b, loc, outShape, constant(b, loc, et, -INFINITY));
  Value indices = filled(b, loc, outShape, arith::ConstantIntOp::create(b, loc, 0, 64));
  SmallVector<utils::IteratorType> iterators(4, utils::IteratorType::parallel);
  iterators.append(2, utils::IteratorType::reduction);
  auto generic = linalg::GenericOp::create(
      b, loc, TypeRange{values.getType(), indices.getType()}, ValueRange{padded, window},
      ValueRange{values, indices}, {inMap, windowMap, outMap, outMap}, iterators,
      [&](OpBuilder &nb, Location l, ValueRange a) {
        auto index = [&](int dim) {
          return arith::IndexCastOp::create(nb, l, nb.getI64Type(),
                                            linalg::IndexOp::create(nb, l, dim));
        };
        auto c = [&](int64_t v) { return arith::ConstantIntOp::create(nb, l, v, 64); };
        auto position = [&](int o, int k, int i) { // o·stride + k·dilation - pad
          Value p = arith::AddIOp::create(
              nb, l, arith::MulIOp::create(nb, l, index(o), c(w.stride[i])),
              arith::MulIOp::create(nb, l, index(k), c(w.dilation[i])));
          return arith::SubIOp::create(nb, l, p, c(w.padLow[i]));
        };
        Value flat = arith::AddIOp::create(
            nb, l, arith::MulIOp::create(nb, l, position(2, 4, 0), c(w.in[1])),
            position(3, 5, 1));
        Value v = a[0], best = a[2], bestIndex = a[3];
        Value take = arith::OrIOp::create(
            nb, l, arith::CmpFOp::create(nb, l, arith::CmpFPredicate::OGT, v, best),
            arith::CmpFOp::create(nb, l, arith::CmpFPredicate::UNO, v, v));
        linalg::YieldOp::create(nb, l,
                                ValueRange{arith::SelectOp::create(nb, l, take, v, best),
                                           arith::SelectOp::create(nb, l, take, flat, bestIndex)});
      });
  return {generic.getResult(0), generic.getResult(1)};
}

struct MaxPool2dLowering : OpConversionPattern<MaxPool2dOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(MaxPool2dOp op, OpAdaptor a,
                                ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    RankedTensorType type = op.getResult().getType();
    SmallVector<int64_t> outShape = batchedShape(type);
    Window w = windowOf(tensorType(a.getInput()).getShape(), type.getShape(),
                        op.getKernelSize(), op.getStride(), op.getPadding(), op.getDilation());
    // Indices that nothing reads (torch's max_pool2d is captured as
    // max_pool2d_with_indices, its indices dropped) are not computed: the
    // max alone is the named pooling op, which the optimizer tiles and
    // vectorizes, where the argmax's generic stays scalar loops.
    bool indicesRead = op.getReturnIndices() && !op.getIndices().use_empty();
    SmallVector<Value> results = asBatched(
        rewriter, loc, a.getInput(), op->getResultTypes(), [&](Value x) -> SmallVector<Value> {
          Value padded = padSpatial(rewriter, loc, x, w.padLow, w.padHigh, -INFINITY);
          if (indicesRead)
            return maxWithIndices(rewriter, loc, padded, outShape, w);
          Type et = type.getElementType();
          Value init = filled(rewriter, loc, outShape, constant(rewriter, loc, et, -INFINITY));
          Value window = tensor::EmptyOp::create(rewriter, loc, w.kernel, et);
          SmallVector<Value> pooled = {linalg::PoolingNchwMaxOp::create(
                                           rewriter, loc, TypeRange{init.getType()},
                                           ValueRange{padded, window}, ValueRange{init},
                                           rewriter.getI64TensorAttr(w.stride),
                                           rewriter.getI64TensorAttr(w.dilation))
                                           .getResult(0)};
          if (op.getReturnIndices()) // unread: a placeholder that folds away
            pooled.push_back(
                tensor::EmptyOp::create(rewriter, loc, outShape, rewriter.getI64Type()));
          return pooled;
        });
    rewriter.replaceOp(op, results);
    return success();
  }
};

// Sum over each zero-padded window, divided by torch's divisor for that
// output position (fixed at compile time: shapes are static).
struct AvgPool2dLowering : OpConversionPattern<AvgPool2dOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(AvgPool2dOp op, OpAdaptor a,
                                ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    RankedTensorType type = op.getType();
    Type et = type.getElementType();
    SmallVector<int64_t> outShape = batchedShape(type);
    Window w = windowOf(tensorType(a.getInput()).getShape(), type.getShape(),
                        op.getKernelSize(), op.getStride(), op.getPadding(), {1, 1});
    SmallVector<double> divisors;
    for (int64_t oh = 0; oh < w.out[0]; ++oh)
      for (int64_t ow = 0; ow < w.out[1]; ++ow) {
        int64_t hs = oh * w.stride[0] - w.padLow[0], ws = ow * w.stride[1] - w.padLow[1];
        int64_t he = std::min(hs + w.kernel[0], w.in[0] + w.padLow[0]);
        int64_t we = std::min(ws + w.kernel[1], w.in[1] + w.padLow[1]);
        int64_t withPad = (he - hs) * (we - ws);
        hs = std::max<int64_t>(hs, 0), ws = std::max<int64_t>(ws, 0);
        he = std::min(he, w.in[0]), we = std::min(we, w.in[1]);
        // I64Attr's getter is unsigned; torch takes a negative divisor.
        if (std::optional<uint64_t> d = op.getDivisorOverride())
          divisors.push_back(double(int64_t(*d)));
        else
          divisors.push_back(op.getCountIncludePad() ? withPad : (he - hs) * (we - ws));
      }
    SmallVector<Value> results = asBatched(
        rewriter, loc, a.getInput(), op->getResultTypes(), [&](Value x) -> SmallVector<Value> {
          Value padded = padSpatial(rewriter, loc, x, w.padLow, w.padHigh, 0.0);
          Value init = filled(rewriter, loc, outShape, constant(rewriter, loc, et, 0.0));
          Value window = tensor::EmptyOp::create(rewriter, loc, w.kernel, et);
          Value sums = linalg::PoolingNchwSumOp::create(
                           rewriter, loc, TypeRange{init.getType()}, ValueRange{padded, window},
                           ValueRange{init}, rewriter.getI64TensorAttr(w.stride),
                           rewriter.getI64TensorAttr({1, 1}))
                           .getResult(0);
          Value divisor = constantTensor(rewriter, loc, {w.out[0], w.out[1]}, et, divisors);
          return {elementwise(rewriter, loc, tensorType(sums), {{sums}, {divisor, {2, 3}}},
                              [](OpBuilder &b, Location l, ValueRange v) {
                                return arith::DivFOp::create(b, l, v[0], v[1]);
                              })};
        });
    rewriter.replaceOp(op, results);
    return success();
  }
};

/// mask[o][i] = 1 where input index i lies in adaptive window o.
Value windowMask(OpBuilder &b, Location loc, int64_t in, int64_t out, Type et) {
  SmallVector<double> mask(out * in, 0.0);
  for (int64_t o = 0; o < out; ++o) {
    auto [start, end] = shape::adaptiveWindow(o, in, out);
    for (int64_t i = start; i < end; ++i)
      mask[o * in + i] = 1.0;
  }
  return constantTensor(b, loc, {out, in}, et, mask);
}

// Adaptive pooling: windows [floor(o·in/out), ceil((o+1)·in/out)) along H
// and W, selected by constant masks in one generic over (n, c, oh, ow, h, w).
template <typename OpTy, bool IsMax>
struct AdaptivePoolLowering : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  LogicalResult matchAndRewrite(OpTy op, typename OpTy::Adaptor a,
                                ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    RankedTensorType type = llvm::cast<RankedTensorType>(op->getResult(0).getType());
    Type et = type.getElementType();
    SmallVector<int64_t> outShape = batchedShape(type);
    bool withIndices = op->getNumResults() == 2;
    SmallVector<Value> results = asBatched(
        rewriter, loc, a.getInput(), op->getResultTypes(), [&](Value x) -> SmallVector<Value> {
          MLIRContext *ctx = rewriter.getContext();
          ArrayRef<int64_t> in = tensorType(x).getShape();
          int64_t H = in[2], W = in[3], OH = outShape[2], OW = outShape[3];
          Value maskH = windowMask(rewriter, loc, H, OH, et);
          Value maskW = windowMask(rewriter, loc, W, OW, et);
          AffineExpr d[6];
          for (int i = 0; i < 6; ++i)
            d[i] = getAffineDimExpr(i, ctx);
          // Loops: n, c, oh, ow, h, w.
          SmallVector<AffineMap> maps = {AffineMap::get(6, 0, {d[0], d[1], d[4], d[5]}, ctx),
                                         AffineMap::get(6, 0, {d[2], d[4]}, ctx),
                                         AffineMap::get(6, 0, {d[3], d[5]}, ctx)};
          AffineMap outMap = AffineMap::get(6, 0, {d[0], d[1], d[2], d[3]}, ctx);
          SmallVector<utils::IteratorType> iterators(4, utils::IteratorType::parallel);
          iterators.append(2, utils::IteratorType::reduction);
          SmallVector<Value> inits = {filled(rewriter, loc, outShape,
                                             constant(rewriter, loc, et, IsMax ? -INFINITY : 0.0))};
          if (withIndices)
            inits.push_back(filled(rewriter, loc, outShape,
                                   arith::ConstantIntOp::create(rewriter, loc, 0, 64)));
          for (size_t i = 0; i < inits.size(); ++i)
            maps.push_back(outMap);
          auto generic = linalg::GenericOp::create(
              rewriter, loc, ValueRange(inits).getTypes(), ValueRange{x, maskH, maskW}, inits,
              maps, iterators, [&](OpBuilder &nb, Location l, ValueRange v) {
                Value zero = constant(nb, l, et, 0.0);
                Value inside = arith::AndIOp::create(
                    nb, l, arith::CmpFOp::create(nb, l, arith::CmpFPredicate::ONE, v[1], zero),
                    arith::CmpFOp::create(nb, l, arith::CmpFPredicate::ONE, v[2], zero));
                if (!IsMax) {
                  Value sum = arith::AddFOp::create(nb, l, v[3], v[0]);
                  linalg::YieldOp::create(nb, l, ValueRange{arith::SelectOp::create(nb, l, inside, sum, v[3])});
                  return;
                }
                Value better = arith::OrIOp::create(
                    nb, l, arith::CmpFOp::create(nb, l, arith::CmpFPredicate::OGT, v[0], v[3]),
                    arith::CmpFOp::create(nb, l, arith::CmpFPredicate::UNO, v[0], v[0]));
                Value take = arith::AndIOp::create(nb, l, inside, better);
                SmallVector<Value> yields = {arith::SelectOp::create(nb, l, take, v[0], v[3])};
                if (withIndices) {
                  auto idx = [&](int dim) {
                    return arith::IndexCastOp::create(nb, l, nb.getI64Type(),
                                                      linalg::IndexOp::create(nb, l, dim));
                  };
                  Value flat = arith::AddIOp::create(
                      nb, l,
                      arith::MulIOp::create(nb, l, idx(4),
                                            arith::ConstantIntOp::create(nb, l, W, 64)),
                      idx(5));
                  yields.push_back(arith::SelectOp::create(nb, l, take, flat, v[4]));
                }
                linalg::YieldOp::create(nb, l, yields);
              });
          SmallVector<Value> out(generic.getResults());
          if (!IsMax) {
            SmallVector<double> counts;
            for (int64_t oh = 0; oh < OH; ++oh)
              for (int64_t ow = 0; ow < OW; ++ow) {
                auto [hs, he] = shape::adaptiveWindow(oh, H, OH);
                auto [ws, we] = shape::adaptiveWindow(ow, W, OW);
                counts.push_back(double((he - hs) * (we - ws)));
              }
            Value count = constantTensor(rewriter, loc, {OH, OW}, et, counts);
            out[0] = elementwise(rewriter, loc, tensorType(out[0]), {{out[0]}, {count, {2, 3}}},
                                 [](OpBuilder &b, Location l, ValueRange v) {
                                   return arith::DivFOp::create(b, l, v[0], v[1]);
                                 });
          }
          return out;
        });
    rewriter.replaceOp(op, results);
    return success();
  }
};

} // namespace

void populatePoolPatterns(RewritePatternSet &patterns) {
  patterns.add<MaxPool2dLowering, AvgPool2dLowering,
               AdaptivePoolLowering<AdaptiveAvgPool2dOp, false>,
               AdaptivePoolLowering<AdaptiveMaxPool2dOp, true>>(patterns.getContext());
}

} // namespace kiln::lowering
